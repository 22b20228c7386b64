"""Validation steps shared by the app's doctypes, and the one set of checks on what the public sends.

The ``validate_*`` steps take a document and one field, and either normalise the value in place or
throw a translated ValidationError; controllers call them from ``validate()``.

What guests send (registration web forms, members' reports, the newsletter) is checked here and
nowhere else: plain text only (``check_plain_text``: text, not longer than its field allows, no
markup a browser could read, no control characters), for a whole document
(``validate_public_fields``) or one value, and an e-mail address is one well-formed address
(``is_email_address``; ``clean_email`` for a guest's address on its own).
"""

import re

import frappe
import phonenumbers
from frappe import _

from slup_crm.utils import orgnr
from slup_crm.utils.text import clean_text, normalize_website

TEXT_FIELDTYPES = ("Data", "Small Text", "Text", "Long Text")
DEFAULT_PHONE_REGION = "SE"
# Something that a browser could read as a tag, a comment or a processing instruction.
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|&#|&[a-zA-Z]+;")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_EMAIL_LENGTH = 140


def trim_text_fields(doc) -> None:
	"""Trim leading and trailing white space from every plain-text field of ``doc``."""
	for df in doc.meta.get("fields", {"fieldtype": ("in", TEXT_FIELDTYPES)}):
		value = doc.get(df.fieldname)
		if isinstance(value, str):
			doc.set(df.fieldname, clean_text(value))


def validate_organisation_number(doc, fieldname: str = "organisation_number") -> None:
	"""Store a Swedish organisation number in its normal form (NNNNNN-NNNN) or refuse it."""
	value = doc.get(fieldname)
	if not value:
		doc.set(fieldname, None)
		return
	try:
		doc.set(fieldname, orgnr.normalize(value))
	except orgnr.InvalidOrganisationNumber:
		frappe.throw(
			_("{0} is not a valid Swedish organisation number.").format(frappe.bold(value)),
			title=_("Invalid Organisation Number"),
		)


def validate_phone(doc, fieldname: str = "phone") -> None:
	"""Refuse a phone number that cannot be a real number (Swedish unless it starts with +)."""
	value = doc.get(fieldname)
	if not value:
		return
	try:
		number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
		valid = phonenumbers.is_possible_number(number)
	except phonenumbers.NumberParseException:
		valid = False
	if not valid or any(c.isalpha() for c in value):
		frappe.throw(
			_("{0} is not a valid phone number.").format(frappe.bold(value)),
			title=_("Invalid Phone Number"),
		)


def validate_website(doc, fieldname: str = "website") -> None:
	"""Store a website as an absolute http(s) address or refuse it."""
	value = doc.get(fieldname)
	if not value:
		return
	normalized = normalize_website(value)
	if not normalized:
		frappe.throw(
			_("{0} is not a valid website address. Use an address such as https://www.example.se.").format(
				frappe.bold(value)
			),
			title=_("Invalid Website"),
		)
	doc.set(fieldname, normalized)


def validate_email(doc, fieldname: str = "email") -> None:
	"""Refuse a malformed e-mail address (one address per field)."""
	value = doc.get(fieldname)
	if not value:
		return
	if not is_email_address(value):
		frappe.throw(
			_("{0} is not a valid e-mail address.").format(frappe.bold(value)),
			title=_("Invalid E-mail Address"),
		)


def is_email_address(value: str) -> bool:
	"""Whether ``value`` is exactly one well-formed e-mail address (no list, no spaces around it)."""
	return not any(c in value for c in ",; ") and (
		(frappe.utils.validate_email_address(value) or "").lower() == value.lower()
	)


# What the public sends --------------------------------------------------------------------


def check_plain_text(value, max_length: int, label: str) -> None:
	"""Refuse a value from the public that is not text, is longer than ``max_length`` or holds markup
	or control characters; the messages name it by ``label`` (translated)."""
	if not isinstance(value, str):
		frappe.throw(_("{0} must be text.").format(label))
	if len(value) > max_length:
		frappe.throw(_("{0} is too long: at most {1} characters.").format(label, max_length))
	if MARKUP.search(value):
		frappe.throw(_("{0} cannot contain HTML or code. Please write plain text.").format(label))
	if CONTROL_CHARACTERS.search(value):
		frappe.throw(_("{0} contains characters that are not allowed.").format(label))


def validate_public_fields(doc, max_lengths: dict[str, int]) -> None:
	"""``check_plain_text`` on every field of ``doc`` that the public fills in (``max_lengths``: the
	longest accepted value of each), each named by its label."""
	for fieldname, max_length in max_lengths.items():
		value = doc.get(fieldname)
		if value:
			check_plain_text(value, max_length, _(doc.meta.get_label(fieldname)))


def clean_email(email) -> str:
	"""A guest's e-mail address on its own (not a document's field): one well-formed address, without
	the white space around it, or a translated error."""
	if not isinstance(email, str) or not email.strip():
		frappe.throw(_("Please enter your e-mail address."), frappe.MandatoryError)
	email = email.strip()
	valid = (
		len(email) <= MAX_EMAIL_LENGTH
		and not MARKUP.search(email)
		and not CONTROL_CHARACTERS.search(email)
		and is_email_address(email)
	)
	if not valid:
		frappe.throw(_("Please enter a valid e-mail address."))
	return email
