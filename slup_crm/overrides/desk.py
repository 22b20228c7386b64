"""Frappe's desk endpoints behind the app's guards (hook ``override_whitelisted_methods``).

Frappe v15 answers these for any logged-in user, website users included (anyone can make one:
sign-up is on by default), without asking whether the user may read what is returned:

- ``frappe.desk.search.get_link_title`` returns the title of any record of a doctype that shows
  titles in links (a participant's full name, walking GWP-00001, GWP-00002, ...);
- ``frappe.desk.form.load.getdoc`` sends the titles of every record the document links to
  (``_link_titles``), readable or not.

Each guard lets Frappe answer only what the user may read; the rest is answered as if the record
did not exist, so that nobody learns even whether it does.

The list's Delete (``frappe.desk.reportview.delete_items``) deletes registrations in the one lock
order of seats (``slup_crm.activities.deletion``, where it is written).
"""

import frappe
from frappe.desk.form.load import getdoc as frappe_getdoc
from frappe.desk.search import get_link_title as frappe_get_link_title

from slup_crm.activities.deletion import delete_items
from slup_crm.utils.access import may_read

__all__ = ["delete_items", "get_link_title", "getdoc"]


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
