"""Whether a person is one of an organisation's people: a Contact linked to it (Dynamic Link).

One check for every record that names an organisation's contact (a policy adoption's contact
person, a member of the policy exchange), so that each asks the same question the same way.
"""

import frappe
from frappe import _


def is_contact_of(contact: str, organisation: str) -> bool:
	"""True when ``contact`` is linked to ``organisation`` on the Contact."""
	return bool(
		frappe.db.exists(
			"Dynamic Link",
			{
				"parenttype": "Contact",
				"parent": contact,
				"link_doctype": "Organisation",
				"link_name": organisation,
			},
		)
	)


def check_contact_of(contact: str | None, organisation: str | None, organisation_label: str, title: str):
	"""Refuse ``contact`` unless it is one of the organisation's people (nothing to check when either
	is empty)."""
	if not contact or not organisation or is_contact_of(contact, organisation):
		return
	frappe.throw(
		_("{0} is not a contact of {1}: link the contact to the organisation first.").format(
			frappe.bold(frappe.db.get_value("Contact", contact, "full_name") or contact),
			frappe.bold(organisation_label or organisation),
		),
		title=title,
	)
