import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from tests.support.factories import make_membership, make_organisation


class TestMembership(FrappeTestCase):
	def test_fee_and_currency_come_from_settings(self):
		org = make_organisation()
		self.assertEqual(make_membership(org.name).fee, 500)
		self.assertEqual(frappe.db.get_single_value("SLUP Settings", "currency"), "SEK")
		settings = frappe.get_doc("SLUP Settings")
		settings.annual_fee = 650
		settings.save()
		other = make_membership(make_organisation().name)
		self.assertEqual(other.fee, 650)
		self.assertEqual(other.currency, "SEK")

	def test_one_membership_per_organisation_and_year(self):
		org = make_organisation()
		make_membership(org.name, year=2025)
		with self.assertRaisesRegex(frappe.DuplicateEntryError, "already has a membership for 2025"):
			make_membership(org.name, year=2025)
		make_membership(org.name, year=2024)
		self.assertEqual(frappe.db.count("Membership", {"organisation": org.name}), 2)

	def test_paid_needs_a_date_not_in_the_future(self):
		org = make_organisation()
		with self.assertRaisesRegex(frappe.ValidationError, "needs the date it was paid"):
			make_membership(org.name, status="Paid")
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be in the future"):
			make_membership(org.name, status="Paid", paid_date=add_days(today(), 1))

	def test_year_out_of_range_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "must be between"):
			make_membership(make_organisation().name, year=1850)

	def test_member_this_year_follows_memberships(self):
		org = make_organisation()
		self.assertEqual(org.is_member, 0)
		membership = make_membership(org.name)  # unpaid
		self.assertEqual(frappe.db.get_value("Organisation", org.name, "is_member"), 0)
		membership.status, membership.paid_date, membership.payment_reference = "Paid", today(), "BG 123"
		membership.save()
		self.assertEqual(frappe.db.get_value("Organisation", org.name, "is_member"), 1)
		membership.status = "Unpaid"
		membership.save()
		self.assertIsNone(membership.paid_date)
		self.assertEqual(frappe.db.get_value("Organisation", org.name, "is_member"), 0)
		membership.status = "Waived"
		membership.save()
		self.assertEqual(frappe.db.get_value("Organisation", org.name, "is_member"), 1)
		membership.delete()
		self.assertEqual(frappe.db.get_value("Organisation", org.name, "is_member"), 0)

	def test_last_years_membership_does_not_make_a_member(self):
		org = make_organisation()
		make_membership(org.name, year=getdate().year - 1, status="Paid", paid_date="2020-01-01")
		self.assertEqual(frappe.db.get_value("Organisation", org.name, "is_member"), 0)

	def test_daily_job_flips_flags_when_the_year_turns(self):
		from slup_crm.network.doctype.organisation.organisation import refresh_all_membership_statuses

		org = make_organisation()
		make_membership(org.name, status="Paid", paid_date=today())
		self.assertEqual(frappe.db.get_value("Organisation", org.name, "is_member"), 1)
		next_year = f"{getdate().year + 1}-01-01 08:00:00"
		with self.freeze_time(next_year):
			refresh_all_membership_statuses()
		self.assertEqual(frappe.db.get_value("Organisation", org.name, "is_member"), 0)
		refresh_all_membership_statuses()
		self.assertEqual(frappe.db.get_value("Organisation", org.name, "is_member"), 1)

	def test_organisation_with_membership_cannot_be_deleted(self):
		org = make_organisation()
		make_membership(org.name)
		with self.assertRaises(frappe.LinkExistsError):
			frappe.delete_doc("Organisation", org.name)
