"""SLUP Settings are read one way (``get_settings``) and their defaults live in the doctype alone."""

import json
import os

import frappe
from frappe.tests.utils import FrappeTestCase

from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.setup.install import setup_settings

SETTINGS = "SLUP Settings"


def doctype_defaults() -> dict[str, str]:
	path = os.path.join(
		frappe.get_app_path("slup_crm"), "network", "doctype", "slup_settings", "slup_settings.json"
	)
	with open(path) as f:
		return {df["fieldname"]: df["default"] for df in json.load(f)["fields"] if df.get("default")}


class TestSettings(FrappeTestCase):
	def forget(self, *fieldnames: str) -> None:
		"""A site made before these fields existed: nothing stored for them."""
		frappe.db.delete("Singles", {"doctype": SETTINGS, "field": ("in", fieldnames)})
		frappe.db.value_cache.pop(SETTINGS, None)

	def test_a_setting_never_stored_reads_as_its_default_in_the_doctype(self):
		self.forget("registrant_years", "currency", "stale_after_days")
		settings = get_settings()
		self.assertEqual(settings.registrant_years, 3)
		self.assertEqual(settings.currency, "SEK")
		self.assertEqual(settings.stale_after_days, 60)

	def test_migrate_stores_the_doctype_defaults_a_site_lacks(self):
		defaults = doctype_defaults()
		self.forget(*defaults)
		setup_settings()
		stored = frappe.db.get_singles_dict(SETTINGS)
		self.assertEqual({field: stored.get(field) for field in defaults}, defaults)

	def test_migrate_keeps_what_the_site_set(self):
		frappe.db.set_single_value(SETTINGS, "gateway_min_cell_size", 8)
		setup_settings()
		self.assertEqual(get_settings().gateway_min_cell_size, 8)

	def test_a_change_is_read_at_once(self):
		for fee in (640, 650):
			frappe.db.set_single_value(SETTINGS, "annual_fee", fee)
			self.assertEqual(get_settings().annual_fee, fee)
