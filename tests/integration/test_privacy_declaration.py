"""The one declaration of personal data covers every field of every doctype of the app."""

import frappe
from frappe.tests.utils import FrappeTestCase

from slup_crm.privacy import declaration
from slup_crm.privacy.report.record_of_processing import record_of_processing

# Field types that can hold something about a person: text, links and attachments. Numbers,
# dates, checks and selects hold nothing that names anyone on their own.
CAN_HOLD_A_PERSON = {
	"Data",
	"Small Text",
	"Text",
	"Long Text",
	"Text Editor",
	"Markdown Editor",
	"HTML Editor",
	"Code",
	"Link",
	"Dynamic Link",
	"Attach",
	"Attach Image",
	"Password",
	"Phone",
	"Signature",
	"Autocomplete",
	"JSON",
	"Geolocation",
	"Read Only",
}
# Fields that are personal whatever they are called.
PERSONAL_OPTIONS = {"Email", "Phone"}


def undeclared_fields(meta, entry) -> list[str]:
	covered = set(entry.fields) | set(entry.not_personal)
	return [
		f"{meta.name}.{df.fieldname} ({df.fieldtype})"
		for df in meta.fields
		if df.fieldtype in CAN_HOLD_A_PERSON and df.fieldname not in covered
	]


class TestPrivacyDeclaration(FrappeTestCase):
	def test_every_doctype_of_the_app_is_declared(self):
		missing = [d for d in declaration.app_doctypes() if not declaration.declared(d)]
		self.assertFalse(missing, f"Declare these doctypes in slup_crm/privacy/declaration.py: {missing}")

	def test_every_text_link_or_attachment_field_is_declared_personal_or_not(self):
		undeclared = []
		for doctype in declaration.app_doctypes():
			entry = declaration.declared(doctype)
			if entry:
				undeclared += undeclared_fields(frappe.get_meta(doctype), entry)
		self.assertFalse(
			undeclared, f"Declare these fields personal or not personal in the declaration: {undeclared}"
		)

	def test_a_new_personal_field_is_caught(self):
		"""The rule above fails for a field nobody declared (checked on a copy of the meta)."""
		meta = frappe.get_meta("Activity Registration")
		entry = declaration.declared("Activity Registration")
		self.assertEqual(undeclared_fields(meta, entry), [])
		meta = frappe._dict(
			name=meta.name,
			fields=[*meta.fields, frappe._dict(fieldname="home_address", fieldtype="Small Text")],
		)
		self.assertEqual(undeclared_fields(meta, entry), ["Activity Registration.home_address (Small Text)"])

	def test_email_and_phone_fields_are_always_declared_personal(self):
		wrong = []
		for doctype in declaration.app_doctypes():
			entry = declaration.declared(doctype)
			for df in frappe.get_meta(doctype).fields:
				if df.options in PERSONAL_OPTIONS and df.fieldname not in (entry.fields if entry else {}):
					wrong.append(f"{doctype}.{df.fieldname}")
		self.assertFalse(wrong, f"E-mail and phone fields are personal: {wrong}")

	def test_declared_fields_exist(self):
		stale = []
		for entry in declaration.DECLARATION:
			meta = frappe.get_meta(entry.doctype)
			stale += [
				f"{entry.doctype}.{name}"
				for name in [*entry.fields, *entry.not_personal]
				if not meta.get_field(name)
			]
			if entry.match.email and not meta.get_field(entry.match.email):
				stale.append(f"{entry.doctype}.{entry.match.email}")
		self.assertFalse(stale, f"The declaration names fields that do not exist: {stale}")

	def test_doctypes_holding_personal_data_say_why_on_what_basis_and_how_long(self):
		for entry in declaration.personal_declarations():
			with self.subTest(doctype=entry.doctype):
				self.assertTrue(str(entry.purpose) and str(entry.legal_basis) and str(entry.retention))

	def test_frappe_user_data_fields_hook_comes_from_the_declaration(self):
		hooked = {(h["doctype"], h.get("filter_by")) for h in frappe.get_hooks("user_data_fields")}
		for entry in declaration.app_declarations():
			if entry.match.email:
				self.assertIn((entry.doctype, entry.match.email), hooked)

	def test_dietary_and_accessibility_needs_are_special_category(self):
		self.assertEqual(
			set(declaration.special_fields("Registration Needs")), {"dietary_needs", "accessibility_needs"}
		)
		self.assertEqual(declaration.special_fields("Activity Registration"), ())

	def test_the_registration_stores_no_needs(self):
		"""The needs are virtual on the registration (the web form takes them there): no column."""
		for field in ("dietary_needs", "accessibility_needs"):
			self.assertTrue(frappe.get_meta("Activity Registration").get_field(field).is_virtual)
			self.assertFalse(frappe.db.has_column("Activity Registration", field))


class TestRecordOfProcessing(FrappeTestCase):
	def test_record_lists_every_personal_field_in_english_and_swedish(self):
		lang_before = frappe.local.lang
		expected = sum(len(d.personal) for d in declaration.personal_declarations())
		_columns, english = record_of_processing.execute({"language": "en"})
		columns, swedish = record_of_processing.execute({"language": "sv"})
		self.assertEqual(len(english), expected)
		self.assertEqual(len(swedish), expected)
		dietary = next(r for r in english if r["field"] == "Dietary Needs")
		self.assertEqual(dietary["special"], "Yes")
		self.assertIn("GDPR art. 9.2 a", dietary["legal_basis"])
		self.assertNotEqual(english[0]["purpose"], swedish[0]["purpose"])
		self.assertIn("Rättslig grund", [c["label"] for c in columns])
		self.assertEqual(frappe.local.lang, lang_before)

	def test_managers_can_open_the_record_staff_cannot(self):
		report = frappe.get_doc("Report", "Record of Processing")
		self.assertEqual({r.role for r in report.roles}, {"SLUP Manager", "System Manager"})
