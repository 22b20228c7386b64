"""Least access to special-category fields (GDPR art. 9: dietary and accessibility needs).

The declaration marks them ``special``; in the doctype they are on permission level 1, which
only the role *SLUP Event Organiser* (the staff who organise trips and trainings) may read and
write. Frappe leaves fields of a level one cannot read out of forms, lists, reports and their
exports. Web forms still take them from the public (they insert with ``ignore_permissions``),
and guests read nothing.

Reading them is logged in Frappe's Access Log: when an organiser opens a registration that holds
them (``log_special_category_read``, the doctype's ``onload``), and when a participant list is
printed with them (``special_category_for_print``).
"""

import frappe

from slup_crm.privacy.declaration import special_fields

ORGANISER_ROLE = "SLUP Event Organiser"
READ_METHOD = "Read special-category data"


def can_read_special_category(doctype: str = "Activity Registration") -> bool:
	"""Whether the session user may read the doctype's special-category fields."""
	fields = special_fields(doctype)
	if not fields:
		return True
	meta = frappe.get_meta(doctype)
	levels = {meta.get_field(f).permlevel for f in fields}
	permitted = meta.get_permlevel_access("read", user=frappe.session.user)
	return levels <= set(permitted)


def log_read(doctype: str, document: str | None, fields) -> None:
	from frappe.core.doctype.access_log.access_log import make_access_log

	make_access_log(doctype=doctype, document=document, method=READ_METHOD, columns=", ".join(fields))


def log_special_category_read(doc, method=None) -> None:
	"""onload: an organiser opened a record that holds special-category data."""
	fields = [f for f in special_fields(doc.doctype) if doc.get(f)]
	if fields and can_read_special_category(doc.doctype):
		log_read(doc.doctype, doc.name, fields)


def special_category_for_print(event_doctype: str, event_name: str) -> dict:
	"""Jinja (participant lists): each registration's special-category fields, for organisers only
	(empty for everyone else); the reading is logged."""
	if not can_read_special_category():
		return {}
	fields = list(special_fields("Activity Registration"))
	rows = frappe.get_all(
		"Activity Registration",
		filters={frappe.scrub(event_doctype): event_name},
		fields=["name", *fields],
	)
	found = {row.name: row for row in rows if any(row.get(f) for f in fields)}
	if found:
		log_read(event_doctype, event_name, fields)
	return found
