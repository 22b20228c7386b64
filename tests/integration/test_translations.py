"""Every translatable string in the app's source has a Swedish translation that Frappe uses."""

import os
from pathlib import Path

import frappe
from babel.messages.pofile import read_po
from frappe.gettext.translate import DEFAULT_KEYWORDS, get_method_map
from frappe.tests.utils import FrappeTestCase

APP = "slup_crm"


def extracted_msgids() -> set[str]:
	"""Extract strings the way `bench generate-pot-file` does, without writing the template."""
	from babel.messages.extract import extract_from_dir

	# Frappe's extractors name files relative to the bench: walk the app through the bench's folder.
	app_path = Path(os.environ["FRAPPE_BENCH"]) / "apps" / APP
	method_map = get_method_map(APP) + get_method_map("frappe")
	keywords = DEFAULT_KEYWORDS.copy()
	keywords["_lt"] = None

	def directory_filter(dirpath):
		name = Path(dirpath).name
		return not (
			name.startswith(".") or name.startswith("_") or name in ("tests", "node_modules", "reports")
		)

	return {
		message
		for _f, _l, message, _c, _ctx in extract_from_dir(
			str(app_path), method_map, directory_filter=directory_filter, keywords=keywords
		)
		if message and isinstance(message, str)
	}


def swedish() -> dict[str, str]:
	with open(Path(frappe.get_app_path(APP)) / "locale" / "sv.po", "rb") as f:
		return {m.id: m.string for m in read_po(f) if m.id}


class TestSwedish(FrappeTestCase):
	def test_every_translatable_string_has_swedish(self):
		catalogue = swedish()
		missing = sorted(m for m in extracted_msgids() if not catalogue.get(m))
		self.assertFalse(missing, f"{len(missing)} strings without Swedish: {missing[:25]}")

	def test_frappe_serves_the_swedish_translations(self):
		from frappe.translate import get_all_translations

		translations = get_all_translations("sv")
		self.assertEqual(translations.get("Municipality Code"), "Kommunkod")
		self.assertEqual(
			translations.get("{0} is not a valid Swedish organisation number."),
			"{0} är inte ett giltigt svenskt organisationsnummer.",
		)

	def test_validation_message_arrives_in_swedish(self):
		from tests.support.factories import make_organisation

		frappe.local.lang = "sv"
		try:
			with self.assertRaisesRegex(
				frappe.ValidationError, "är inte ett giltigt svenskt organisationsnummer"
			):
				make_organisation(organisation_number="556036-0794")
		finally:
			frappe.local.lang = "en"


class TestSwedishConventions(FrappeTestCase):
	"""The test site is set up for Sweden (tests/support/site.py), as a Swedish association's would be."""

	def test_dates_numbers_and_sek_follow_swedish_conventions(self):
		from frappe.utils import fmt_money, formatdate

		from slup_crm.setup.install import apply_swedish_conventions

		apply_swedish_conventions()
		frappe.local.user_date_format = None
		self.assertEqual(formatdate("2010-03-17"), "2010-03-17")
		self.assertEqual(fmt_money(1234.5, currency="SEK"), "1 234,50 kr")
		self.assertEqual(frappe.db.get_single_value("System Settings", "first_day_of_the_week"), "Monday")
		self.assertEqual(frappe.db.get_single_value("System Settings", "time_format"), "HH:mm")

	def test_a_site_outside_sweden_keeps_its_formats(self):
		from slup_crm.setup.install import apply_swedish_conventions

		country = frappe.db.get_single_value("System Settings", "country")
		date_format = frappe.db.get_single_value("System Settings", "date_format")
		try:
			frappe.db.set_single_value("System Settings", "country", "Norway")
			frappe.db.set_single_value("System Settings", "date_format", "dd.mm.yyyy")
			apply_swedish_conventions()
			self.assertEqual(frappe.db.get_single_value("System Settings", "date_format"), "dd.mm.yyyy")
		finally:
			frappe.db.set_single_value("System Settings", "country", country)
			frappe.db.set_single_value("System Settings", "date_format", date_format)


class TestModuleFileTexts(FrappeTestCase):
	def test_web_form_and_print_format_texts_are_listed_for_translation(self):
		shown = set()
		for web_form in frappe.get_all(
			"Web Form",
			filters={"module": ("in", ["Activities", "Meetings"])},
			fields=["name", "title", "button_label", "success_title", "success_message"],
		):
			shown |= {web_form.title, web_form.button_label, web_form.success_title, web_form.success_message}
			shown |= set(frappe.get_all("Web Form Field", {"parent": web_form.name}, pluck="description"))
		shown |= set(
			frappe.get_all(
				"Print Format", filters={"module": ("in", ["Activities", "Meetings"])}, pluck="name"
			)
		)
		shown = {text for text in shown if text}
		# Every text shown must be one that extraction finds (and so one the Swedish test checks).
		self.assertFalse(shown - extracted_msgids(), "texts shown to people but not translatable")
		self.assertTrue(shown)
