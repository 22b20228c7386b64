"""Install, migrate and uninstall steps. Every step is idempotent."""

import frappe

from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.network.doctype.slup_settings.slup_settings import store_defaults as store_settings_defaults
from slup_crm.privacy import consent as privacy_consent
from slup_crm.privacy import erasure as privacy_erasure
from slup_crm.setup import security
from slup_crm.setup.data import COUNTIES, STOCKHOLM_MUNICIPALITIES

ROLES = ("SLUP Staff", "SLUP Manager")

# Frappe's own doctypes our roles work with, and what each role may do with them.
CORE_DOCTYPE_PERMISSIONS = {
	"Contact": {
		"SLUP Staff": ("read", "write", "create", "email", "print", "share"),
		"SLUP Manager": (
			"read",
			"write",
			"create",
			"delete",
			"email",
			"print",
			"share",
			"report",
			"export",
			"import",
		),
	},
	"Address": {
		"SLUP Staff": ("read", "write", "create", "email", "print", "share"),
		"SLUP Manager": ("read", "write", "create", "delete", "email", "print", "share", "report", "export"),
	},
	# Managers bring an association's existing records in with Frappe's Data Import (each row is
	# still inserted with the manager's own rights and the doctype's validation).
	"Data Import": {
		"SLUP Manager": ("read", "write", "create", "delete"),
	},
}


def after_sync():
	"""Runs at install, after fixtures (our roles) are synced."""
	setup_currency()
	setup_counties()
	setup_municipalities()
	setup_settings()
	setup_core_doctype_permissions()
	apply_swedish_conventions()
	security.hide_error_tracebacks()
	security.ensure_encryption_key()
	privacy_consent.setup()
	privacy_erasure.setup()


def after_migrate():
	setup_currency()
	setup_settings()
	setup_core_doctype_permissions()
	privacy_consent.setup()
	privacy_erasure.setup()
	security.ensure_encryption_key()


def before_uninstall():
	remove_core_doctype_permissions()


# How Swedes write SEK: 1 234,50 kr.
SEK = {
	"symbol": "kr",
	"symbol_on_right": 1,
	"number_format": "# ###,##",
	"fraction": "Öre",
	"fraction_units": 100,
}
# How Swedes write dates, times and numbers: 2026-03-17, 14:00, 1 234,5; weeks start on Monday.
SWEDISH_SYSTEM_SETTINGS = {
	"date_format": "yyyy-mm-dd",
	"time_format": "HH:mm",
	"number_format": "# ###,##",
	"first_day_of_the_week": "Monday",
}


def setup_currency():
	"""SEK is the currency of fees and prices, written the Swedish way (Frappe's setup wizard creates
	it with a dot as thousands separator and the symbol in front)."""
	if not frappe.db.exists("Currency", "SEK"):
		frappe.get_doc(
			{"doctype": "Currency", "currency_name": "SEK", "smallest_currency_fraction_value": 0.01, **SEK}
		).insert(ignore_permissions=True)
	values = {"enabled": 1, **SEK}
	current = frappe.db.get_value("Currency", "SEK", list(values), as_dict=True)
	if any(str(current[key]) != str(value) for key, value in values.items()):
		frappe.db.set_value("Currency", "SEK", values)


def apply_swedish_conventions(args=None):
	"""On a site set up for Sweden, dates, times and numbers follow Swedish conventions.

	Runs at install and when the setup wizard completes (hook `setup_wizard_complete`), not at
	every migrate, so that a site's own later choice stands.
	"""
	setup_currency()
	if frappe.db.get_single_value("System Settings", "country") != "Sweden":
		return
	for field, value in SWEDISH_SYSTEM_SETTINGS.items():
		# System Settings keeps each value twice: in the single and in the defaults formatting reads.
		frappe.db.set_single_value("System Settings", field, value)
		frappe.db.set_default(field, value)
	frappe.db.set_default("currency", "SEK")
	frappe.clear_cache()


def setup_settings():
	"""The doctype's defaults of settings this site has no value of (fields added by a later
	version), and the home county, which a site would otherwise have to fill in before the
	dashboards make sense."""
	store_settings_defaults()
	if not get_settings().home_county:
		county = frappe.db.get_value("County", {"county_code": "01"})
		if county:
			frappe.db.set_single_value("SLUP Settings", "home_county", county)


def setup_counties():
	for code, name in COUNTIES:
		if not frappe.db.exists("County", {"county_code": code}):
			frappe.get_doc({"doctype": "County", "county_code": code, "county_name": name}).insert(
				ignore_permissions=True
			)


def setup_municipalities():
	"""The 26 municipalities of Stockholm county, each once (found by its code)."""
	county = frappe.db.get_value("County", {"county_code": "01"})
	for code, name in STOCKHOLM_MUNICIPALITIES:
		if frappe.db.exists("Organisation", {"municipality_code": code}):
			continue
		frappe.get_doc(
			{
				"doctype": "Organisation",
				"organisation_name": name,
				"organisation_type": "Municipality",
				"municipality_code": code,
				"county": county,
			}
		).insert(ignore_permissions=True)


def setup_core_doctype_permissions():
	"""Give our roles their rights on Contact and Address, keeping Frappe's own rules."""
	from frappe.permissions import setup_custom_perms

	for doctype, roles in CORE_DOCTYPE_PERMISSIONS.items():
		setup_custom_perms(doctype)
		for role, ptypes in roles.items():
			name = frappe.db.get_value(
				"Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0, "if_owner": 0}
			)
			perm = (
				frappe.get_doc("Custom DocPerm", name)
				if name
				else frappe.new_doc(
					"Custom DocPerm", parent=doctype, parenttype="DocType", parentfield="permissions"
				)
			)
			missing = [ptype for ptype in ptypes if not perm.get(ptype)]
			if not missing and not perm.is_new():
				continue
			perm.role = role
			perm.permlevel = 0
			for ptype in missing:
				perm.set(ptype, 1)
			perm.save(ignore_permissions=True)
			frappe.clear_cache(doctype=doctype)


def remove_core_doctype_permissions():
	for doctype in CORE_DOCTYPE_PERMISSIONS:
		frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": ("in", ROLES)})
		frappe.clear_cache(doctype=doctype)
