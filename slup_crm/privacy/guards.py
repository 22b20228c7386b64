"""Guards in front of Frappe endpoints that check too little (hook ``override_whitelisted_methods``).

Frappe v15 answers some desk calls for any logged-in user, website users included (anyone can
make one: sign-up is on by default), without asking whether the user may read what is returned:

- ``frappe.client.get_count`` counts any doctype with any filters, without the rules that narrow
  its lists (whether a named person is a gateway participant, or has a ToDo, by counting);
- ``frappe.desk.search.get_link_title`` returns the title of any record of a doctype that shows
  titles in links (a participant's full name, walking GWP-00001, GWP-00002, ...);
- ``frappe.desk.form.load.getdoc`` sends the titles of every record the document links to
  (``_link_titles``), readable or not.

Each guard lets Frappe answer only what the user may read; the rest is answered as if the record
did not exist, so that nobody learns even whether it does.
"""

import frappe
from frappe.desk.form.load import getdoc as frappe_getdoc
from frappe.desk.search import get_link_title as frappe_get_link_title
from frappe.utils import get_safe_filters


def may_read(doctype: str, name: str | None = None) -> bool:
	"""Whether the session user may read (or, for link fields, select) the doctype or the record."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		return False
	return bool(
		frappe.has_permission(doctype, "read", name) or frappe.has_permission(doctype, "select", name)
	)


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


@frappe.whitelist()
def get_link_title(doctype: str, docname: str) -> str | None:
	"""Frappe's ``get_link_title``, for a record the user may read; None (as for a record that does
	not exist) otherwise."""
	if not isinstance(docname, str) or not may_read(doctype, docname):
		return None
	return frappe_get_link_title(doctype, docname)


@frappe.whitelist()
def getdoc(doctype: str, name: str, user=None):
	"""Frappe's ``getdoc``, with the link titles of records the user may not read left out."""
	frappe_getdoc(doctype, name, user)
	titles = frappe.local.response.get("_link_titles")
	if titles:
		frappe.local.response["_link_titles"] = readable_link_titles(titles)


def readable_link_titles(titles: dict) -> dict:
	"""``{"Doctype::name": title}`` without the records the user may not read."""
	readable = {}
	for key, title in titles.items():
		doctype, _sep, name = key.partition("::")
		if may_read(doctype, name):
			readable[key] = title
	return readable
