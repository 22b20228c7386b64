"""The public page of one municipality in the library of policies (/policies/<municipality code>)."""

import frappe
from frappe import _

from slup_crm.development import policy_library

no_cache = 1


def get_context(context):
	page = policy_library.municipality_page(frappe.form_dict.get("code"))
	if not page:
		raise frappe.PageDoesNotExistError
	context.page = page
	context.title = page.municipality_name
	context.parents = [{"route": "/policies", "label": _("Policies for Social Enterprise")}]
	return context
