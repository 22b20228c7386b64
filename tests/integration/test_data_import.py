"""An association brings its spreadsheets in with Frappe's own Data Import, row by row through the form's rules.

Each test runs the real importer: a CSV File, a `Data Import` record and its `start_import`
(synchronous in tests), as a SLUP Manager. The importer commits every row it imports, so the class
removes what it made when it ends.
"""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, getdate, random_string

from tests.support.data_import import forget_data_import, run_data_import
from tests.support.factories import make_municipality, make_user

MANAGER = "import-manager@example.se"
STAFF = "import-staff@example.se"
IMPORTED = ("Organisation", "Contact", "Membership", "Policy Adoption")


def valid_orgnr(first_nine: str) -> str:
	"""A Swedish organisation number: nine digits and their Luhn check digit."""
	total = 0
	for i, digit in enumerate(int(d) for d in first_nine):
		value = digit * 2 if i % 2 == 0 else digit
		total += value - 9 if value > 9 else value
	number = first_nine + str((10 - total % 10) % 10)
	return f"{number[:6]}-{number[6:]}"


class TestDataImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(MANAGER, "SLUP Manager")
		make_user(STAFF, "SLUP Staff")
		cls.suffix = random_string(6)
		cls.municipalities = [make_municipality() for _ in range(4)]
		cls.association = frappe.get_doc(
			{
				"doctype": "Organisation",
				"organisation_name": f"Importföreningen {cls.suffix}",
				"organisation_type": "Association",
			}
		).insert()
		frappe.db.commit()
		cls.imports = []

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for data_import in cls.imports:
			doctype = frappe.db.get_value("Data Import", data_import, "reference_doctype")
			for name in forget_data_import(data_import):
				if doctype == "Policy Adoption":
					frappe.db.delete("Stage Change", {"reference_name": name})
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
		for name in [cls.association.name, *cls.municipalities]:
			frappe.delete_doc(
				"Organisation", name, force=True, ignore_permissions=True, delete_permanently=True
			)
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_import(self, doctype: str, rows: list[list], user: str = MANAGER, started_by: str | None = None):
		"""Import the rows as the given user (`started_by` runs an import someone else prepared)."""
		return run_data_import(doctype, rows, user, self.imports, started_by)

	def rejected(self, logs) -> dict[int, str]:
		"""Row number (as in the spreadsheet, header = 1) -> the messages it was refused with."""
		out = {}
		for log in logs:
			if log.success:
				continue
			messages = " ".join(
				frappe.parse_json(m).get("message", "") for m in frappe.parse_json(log.messages)
			)
			for row in frappe.parse_json(log.row_indexes):
				out[row] = messages
		return out

	def imported(self, logs) -> list[str]:
		return [log.docname for log in logs if log.success]

	def test_organisations_are_imported_with_their_organisation_numbers_and_bad_rows_refused(self):
		good, other = valid_orgnr("802476" + "731"), valid_orgnr("716411" + "852")
		rows = [
			["Organisation Name", "Organisation Type", "Organisation Number", "E-mail"],
			[f"Kooperativet Ett {self.suffix}", "Cooperative", good.replace("-", ""), "info@example.se"],
			[f"Föreningen Fel {self.suffix}", "Association", "556036-0794", ""],
			[f"Kooperativet Kopia {self.suffix}", "Cooperative", good, ""],
			[f"Kommunen Utan Kod {self.suffix}", "Municipality", "", ""],
			[f"Studieförbundet {self.suffix}", "Study Association", other, ""],
		]
		data_import, logs = self.run_import("Organisation", rows)
		self.assertEqual(data_import.status, "Partial Success")
		names = self.imported(logs)
		self.assertEqual(len(names), 2)
		first = frappe.get_doc("Organisation", names[0])
		self.assertEqual(first.organisation_number, good)  # normalised as the form does
		refused = self.rejected(logs)
		self.assertEqual(sorted(refused), [3, 4, 5])
		self.assertIn("556036-0794", refused[3])
		self.assertIn("already registered", refused[4])
		self.assertIn("four-digit municipality code", refused[5])

	def test_contacts_are_imported_linked_to_their_organisation(self):
		rows = [
			[
				"First Name",
				"Last Name",
				"Email ID (Email IDs)",
				"Link Document Type (Links)",
				"Link Name (Links)",
			],
			[
				"Ingrid",
				f"Import{self.suffix}",
				f"ingrid.{self.suffix}@example.se",
				"Organisation",
				self.association.name,
			],
			["Okänd", f"Import{self.suffix}", f"okand.{self.suffix}@example.se", "Organisation", "ORG-99999"],
		]
		data_import, logs = self.run_import("Contact", rows)
		names = self.imported(logs)
		self.assertEqual(len(names), 1)
		contact = frappe.get_doc("Contact", names[0])
		self.assertTrue(contact.has_link("Organisation", self.association.name))
		self.assertEqual(contact.email_id, f"ingrid.{self.suffix}@example.se")
		self.assertIn("ORG-99999", self.rejected(logs)[3])

	def test_this_years_memberships_are_imported_once_per_organisation(self):
		year = getdate().year
		rows = [
			["Organisation", "Year", "Status", "Paid Date"],
			[self.association.name, year, "Paid", f"{year}-01-15"],
			[self.association.name, year, "Unpaid", ""],
			[self.municipalities[0], year, "Paid", ""],
		]
		data_import, logs = self.run_import("Membership", rows)
		names = self.imported(logs)
		self.assertEqual(len(names), 1)
		self.assertEqual(frappe.db.get_value("Membership", names[0], "fee"), 500)
		self.assertTrue(frappe.db.get_value("Organisation", self.association.name, "is_member"))
		refused = self.rejected(logs)
		self.assertIn("already has a membership", refused[3])
		self.assertIn("date it was paid", refused[4])

	def test_policy_adoptions_come_in_at_their_current_stage_with_an_imported_history_entry(self):
		adopted, dialogue, undated = self.municipalities[0], self.municipalities[1], self.municipalities[2]
		rows = [
			["Municipality", "Stage", "Decided By", "Decision Date", "Case Number", "Policy URL"],
			[
				adopted,
				"Policy adopted",
				"Municipal council",
				"2009-05-11",
				"KS 2009/123",
				"https://example.se/p",
			],
			[dialogue, "In dialogue", "", "", "", ""],
			[undated, "Implementing", "Municipal council", "", "KS 2010/7", "https://example.se/q"],
			[adopted, "Policy drafted", "", "", "", ""],
			[self.association.name, "In dialogue", "", "", "", ""],
		]
		data_import, logs = self.run_import("Policy Adoption", rows)
		self.assertEqual(data_import.status, "Partial Success")
		names = self.imported(logs)
		self.assertEqual(len(names), 2)

		policy = frappe.get_doc("Policy Adoption", {"municipality": adopted})
		self.assertEqual(policy.stage, "Policy adopted")
		self.assertEqual(str(policy.decision_date), "2009-05-11")
		self.assertEqual(policy.case_number, "KS 2009/123")
		self.assertEqual(get_datetime(policy.stage_since), get_datetime("2009-05-11"))
		history = frappe.get_all(
			"Stage Change",
			{"reference_name": policy.name},
			["from_stage", "to_stage", "imported", "changed_by"],
		)
		self.assertEqual(len(history), 1)
		self.assertEqual(history[0].to_stage, "Policy adopted")
		self.assertIsNone(history[0].from_stage)
		self.assertEqual(history[0].imported, 1)
		self.assertEqual(history[0].changed_by, MANAGER)
		self.assertEqual(
			frappe.db.get_value("Policy Adoption", {"municipality": dialogue}, "stage"), "In dialogue"
		)

		refused = self.rejected(logs)
		self.assertEqual(sorted(refused), [4, 5, 6])
		self.assertIn("the decision date", refused[4])
		self.assertIn("already has a policy adoption record", refused[5])
		self.assertIn("is not a municipality", refused[6])

	def test_an_unknown_municipality_stops_the_import_before_any_row_is_written(self):
		rows = [
			["Municipality", "Stage"],
			[self.municipalities[3], "In dialogue"],
			["ORG-99999", "In dialogue"],
		]
		data_import, logs = self.run_import("Policy Adoption", rows)
		self.assertEqual(logs, [])
		warnings = frappe.parse_json(data_import.template_warnings)
		self.assertTrue(any("ORG-99999" in w["message"] and w.get("row") == 3 for w in warnings), warnings)
		self.assertFalse(frappe.db.exists("Policy Adoption", {"municipality": self.municipalities[3]}))

	def test_staff_cannot_import_a_stage_even_through_an_import_a_manager_prepared(self):
		with self.assertRaises(frappe.PermissionError):
			frappe.set_user(STAFF)
			frappe.get_doc({"doctype": "Data Import", "reference_doctype": "Policy Adoption"}).insert()
		frappe.set_user("Administrator")
		rows = [["Municipality", "Stage"], [self.municipalities[3], "Policy drafted"]]
		# Frappe's whitelisted `form_start_import` runs any Data Import for whoever calls it.
		data_import, logs = self.run_import("Policy Adoption", rows, started_by=STAFF)
		self.assertEqual(self.imported(logs), [])
		self.assertIn("Only a SLUP Manager may import", self.rejected(logs)[2])
		self.assertFalse(frappe.db.exists("Policy Adoption", {"municipality": self.municipalities[3]}))

	def test_outside_data_import_a_new_policy_still_starts_at_the_first_stage(self):
		frappe.set_user(MANAGER)
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{"doctype": "Policy Adoption", "municipality": self.municipalities[3], "stage": "In dialogue"}
			).insert()
		frappe.db.rollback()
