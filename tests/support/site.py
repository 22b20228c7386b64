"""Connect the pytest process to the test site, as `bench run-tests` does."""

import os

import frappe


def connect(bench: str, site: str) -> None:
	sites_path = os.path.join(bench, "sites")
	os.chdir(sites_path)
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	frappe.clear_cache()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	# The app's before_tests hook (it completes the setup wizard), run as bench run-tests runs it.
	for method in frappe.get_hooks("before_tests", app_name="slup_crm"):
		frappe.get_attr(method)()
	frappe.set_user("Administrator")


def disconnect() -> None:
	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
	frappe.destroy()
