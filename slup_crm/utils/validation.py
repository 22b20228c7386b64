"""Validation steps shared by the app's doctypes.

Each function takes a document and one field, and either normalises the value in place
or throws a translated ValidationError. Controllers call them from ``validate()``.
"""

import frappe
import phonenumbers
from frappe import _

from slup_crm.utils import orgnr
from slup_crm.utils.text import clean_text, normalize_website

TEXT_FIELDTYPES = ("Data", "Small Text", "Text", "Long Text")
DEFAULT_PHONE_REGION = "SE"


def trim_text_fields(doc) -> None:
	"""Trim leading and trailing white space from every plain-text field of ``doc``."""
	for df in doc.meta.get("fields", {"fieldtype": ("in", TEXT_FIELDTYPES)}):
		value = doc.get(df.fieldname)
		if isinstance(value, str):
			doc.set(df.fieldname, clean_text(value))


def label_of(doc, fieldname: str) -> str:
	return _(doc.meta.get_label(fieldname))


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
	valid = (frappe.utils.validate_email_address(value) or "").lower() == value.lower()
	if not valid or "," in value or ";" in value:
		frappe.throw(
			_("{0} is not a valid e-mail address.").format(frappe.bold(value)),
			title=_("Invalid E-mail Address"),
		)
