"""The bank's list of incoming giro payments, brought in as a CSV with Frappe's Data Import: each row
goes through the payment's matching by OCR reference; only exact matches are applied.

The importer commits every row it imports, so the class removes what it made when it ends."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, random_string

from tests.support.data_import import forget_data_import, run_data_import
from tests.support.factories import ensure_outgoing_email_account, make_registration, make_trip, make_user

MANAGER = "payimport-manager@example.se"
STAFF = "payimport-staff@example.se"
HEADER = ["Payment Date", "Amount", "OCR Reference", "Payer", "Bank Reference", "Applied"]


class TestPaymentImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()
		make_user(MANAGER, "SLUP Manager")
		make_user(STAFF, "SLUP Staff")
		cls.trip = make_trip(price=8900, seats=10)
		cls.registrations = [make_registration(cls.trip) for _ in range(3)]
		cls.claims = [frappe.get_doc("Fee Claim", {"registration": r.name}) for r in cls.registrations]
		frappe.db.commit()
		cls.imports = []

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for data_import in cls.imports:
			for name in forget_data_import(data_import):
				frappe.db.delete("Incoming Payment", name)
		for claim in cls.claims:
			frappe.db.delete("Incoming Payment", {"claim": claim.name})
		for registration in cls.registrations:
			frappe.delete_doc("Activity Registration", registration.name, force=True, ignore_permissions=True)
		frappe.delete_doc("Trip", cls.trip.name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_import(self, rows, user=MANAGER):
		return run_data_import("Incoming Payment", [HEADER, *rows], user, self.imports)

	def test_bank_csv_is_matched_by_reference_and_the_rest_listed(self):
		paid, partly, other = self.claims
		day = getdate().isoformat()
		stray = "9" * 9 + "5"
		rows = [
			[day, "8900", paid.ocr_reference, "Anna Andersson", "BG-A-" + random_string(6), "0"],
			# A column saying "applied" applies nothing: only the matching does.
			[day, "4000", partly.ocr_reference, "Bo Berg", "BG-B-" + random_string(6), "1"],
			[day, "8900", stray, "Okänd Betalare", "BG-C-" + random_string(6), "0"],
			[day, "-10", other.ocr_reference, "Negativ", "BG-D-" + random_string(6), "0"],
		]
		rows.append([day, "8900", other.ocr_reference, "Kopia", rows[0][4], "0"])  # the same bank row again
		data_import, logs = self.run_import(rows)
		self.assertEqual(data_import.status, "Partial Success")
		imported = [log.docname for log in logs if log.success]
		self.assertEqual(len(imported), 3)
		statuses = {
			p.ocr_reference: (p.status, p.applied)
			for p in frappe.get_all(
				"Incoming Payment", {"name": ("in", imported)}, ["ocr_reference", "status", "applied"]
			)
		}
		self.assertEqual(statuses[paid.ocr_reference], ("Applied", 1))
		self.assertEqual(statuses[partly.ocr_reference], ("Too Small", 0))
		self.assertEqual(statuses[stray], ("Unmatched", 0))
		self.assertEqual(frappe.db.get_value("Fee Claim", paid.name, "status"), "Paid")
		self.assertEqual(frappe.db.get_value("Fee Claim", partly.name, "status"), "Unpaid")
		self.assertEqual(frappe.db.get_value("Fee Claim", other.name, "status"), "Unpaid")

		# The same list brought in again applies nothing twice.
		again, logs = self.run_import(rows[:1])
		self.assertEqual(again.status, "Error")
		self.assertEqual(frappe.db.get_value("Fee Claim", paid.name, "paid_amount"), 8900)

	def test_staff_cannot_import_payments(self):
		frappe.set_user(STAFF)
		self.assertFalse(frappe.has_permission("Incoming Payment", "import"))
		self.assertFalse(frappe.has_permission("Incoming Payment", "create"))
