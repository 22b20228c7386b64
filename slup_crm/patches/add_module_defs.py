"""Sites installed before a module of the app existed get its Module Def (Frappe makes them only
when the app is installed): Utils, which holds Pending E-mail beside the mail it waits for
(``slup_crm/utils/mail.py``) since it left Network. Safe to run twice."""

import frappe


def execute():
	for module in frappe.get_module_list("slup_crm"):
		if not frappe.db.exists("Module Def", module):
			frappe.get_doc({"doctype": "Module Def", "module_name": module, "app_name": "slup_crm"}).insert(
				ignore_permissions=True
			)
