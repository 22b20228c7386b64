"""Least access to special-category data (GDPR art. 9: dietary and accessibility needs).

The declaration marks the fields ``special``. They live in a doctype of their own, *Registration
Needs* (one row per registration), which only the role *SLUP Event Organiser* (the staff who
organise trips and trainings) reads and writes: role permissions alone guard them, so no Frappe
endpoint that checks less (filters on fields of another permission level, version history, link
titles) reaches them through the registration. Web forms still take them from the public (into
virtual fields of the registration, moved at once, see ``registration.keep_needs_apart``), and
guests read nothing.

Reading them is logged in Frappe's Access Log (``slup_crm.utils.access.log_read``, once per record
and request): whenever an organiser is let read a row that holds them, in the form, through the
REST API or ``frappe.client.get`` (the doctype's ``has_permission`` hook,
``log_special_category_read``), and when a participant list is printed with them
(``special_category_for_print``).
"""

import frappe

from slup_crm.privacy.declaration import special_fields
from slup_crm.utils.access import log_read

NEEDS = "Registration Needs"
READ_METHOD = "Read special-category data"


def can_read_special_category(doctype: str = NEEDS) -> bool:
	"""Whether the session user may read the doctype that holds special-category data."""
	return bool(frappe.has_permission(doctype, "read"))


def log_special_category_read(doc, ptype: str, user: str | None = None) -> None:
	"""has_permission hook: an organiser is let read a record that holds special-category data.

	Decides nothing (returns None, so role permissions decide); logs the read once per request."""
	if ptype not in ("read", "print", "email") or not getattr(doc, "name", None):
		return None
	fields = [f for f in special_fields(doc.doctype) if doc.get(f)]
	if fields and can_read_special_category(doc.doctype):
		log_read(doc.doctype, doc.name, doc=doc, fields=fields, method=READ_METHOD)
	return None


def special_category_for_print(event_doctype: str, event_name: str) -> dict:
	"""Jinja (participant lists): each registration's special-category fields, for organisers only
	(empty for everyone else); the reading is logged."""
	if not can_read_special_category():
		return {}
	fields = list(special_fields(NEEDS))
	registrations = frappe.get_all(
		"Activity Registration", filters={frappe.scrub(event_doctype): event_name}, pluck="name"
	)
	rows = frappe.get_list(
		NEEDS, filters={"registration": ("in", registrations or [""])}, fields=["registration", *fields]
	)
	found = {row.registration: row for row in rows if any(row.get(f) for f in fields)}
	if found:
		log_read(event_doctype, event_name, fields=fields, method=READ_METHOD)
	return found
