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
	complete_setup_wizard()


def complete_setup_wizard() -> None:
	"""A test site is set up as a Swedish association would set it up (the desk needs it)."""
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete(
		{
			"language": "English",
			"email": "setup@example.se",
			"full_name": "Setup User",
			"password": frappe.generate_hash(length=16),
			"country": "Sweden",
			"timezone": "Europe/Stockholm",
			"currency": "SEK",
		}
	)
	frappe.db.commit()
	frappe.set_user("Administrator")


def disconnect() -> None:
	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
	frappe.destroy()
