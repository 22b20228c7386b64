"""OCR references: the number a payer gives with a bank giro payment, so that it finds its claim.

Bankgirot's OCR reference is a string of digits whose last digit is a Luhn check digit (the same
"modulus 10" as Swedish organisation numbers), computed and checked by ``python-stdnum``'s
``stdnum.luhn``. The app's references have ``LENGTH`` digits: ``LENGTH - 1`` random ones (the first
never 0) and the check digit. Random, not counted up, so that a reference tells nothing of how many
claims there are or which came before; unique, checked here and guaranteed by the claim's name,
which is its reference (no naming series to lock on the registration path), and the unique index
on ``Fee Claim.ocr_reference``.
"""

import secrets

import frappe
from frappe import _
from stdnum import luhn
from stdnum.exceptions import ValidationError

LENGTH = 10
MAX_TRIES = 20


def compact(reference) -> str:
	"""The digits of a reference as a payer or a bank may write it (spaces and dashes removed)."""
	return "".join(ch for ch in str(reference or "") if ch not in " -").strip()


def is_valid(reference) -> bool:
	"""Whether ``reference`` is digits only, 2 to 25 of them (Bankgirot's limits), with a valid
	Luhn check digit."""
	reference = compact(reference)
	if not reference.isdigit() or not 2 <= len(reference) <= 25:
		return False
	try:
		luhn.validate(reference)
	except ValidationError:
		return False
	return True


def random_reference() -> str:
	body = str(secrets.randbelow(9) + 1) + "".join(str(secrets.randbelow(10)) for _ in range(LENGTH - 2))
	return body + luhn.calc_check_digit(body)


def new_reference() -> str:
	"""A valid OCR reference that no claim has."""
	for _attempt in range(MAX_TRIES):
		reference = random_reference()
		if not frappe.db.exists("Fee Claim", reference):  # a claim is named by its reference
			return reference
	frappe.throw(_("No free OCR reference was found. Please try again."))
