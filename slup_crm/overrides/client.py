"""``frappe.client`` endpoints behind the app's (hook ``override_whitelisted_methods``).

- ``frappe.client.get_count`` (v15) counts any doctype with any filters for any logged-in user,
  website users included, without the rules that narrow its lists (whether a named person is a
  gateway participant, or has a ToDo, by counting): here it counts only what the user's lists show.
- ``frappe.client.delete`` (the form's Delete) deletes a registration in the one lock order of
  seats (``slup_crm.activities.deletion``, where it is written).
"""

import frappe
from frappe.utils import get_safe_filters

from slup_crm.activities.deletion import delete
from slup_crm.utils.access import may_read

__all__ = ["delete", "get_count"]


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""Frappe's ``get_count``, for those who may read (or select) the doctype, counting only the
	rows its lists show them (role permissions, user permissions, ``permission_query_conditions``)."""
	if not may_read(doctype):
		frappe.throw(frappe._("Not permitted"), frappe.PermissionError)
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as total"], order_by=None, limit=1
	)
	return rows[0].total if rows else 0
