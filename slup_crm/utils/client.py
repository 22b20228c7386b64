"""Guards in front of Frappe's generic client methods (hook `override_whitelisted_methods`)."""

import frappe
from frappe.client import get_count as frappe_get_count


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""Frappe v15's `frappe.client.get_count` counts any doctype for any logged-in user, with any
	filters: a website user could learn whether a named person is a gateway participant by
	counting. Only those who may read (or select) the doctype count it."""
	if not (frappe.has_permission(doctype, "read") or frappe.has_permission(doctype, "select")):
		frappe.throw(frappe._("Not permitted"), frappe.PermissionError)
	return frappe_get_count(doctype, filters=filters, debug=debug, cache=cache)
