"""Fees and payments: claims, OCR references, matching, partial payments, refunds, reminders."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, random_string
from pymysql.err import IntegrityError
from stdnum import luhn

from slup_crm.fees import claims, ocr, payments, reminders
from tests.support.factories import (
	ensure_outgoing_email_account,
	make_membership,
	make_organisation,
	make_registration,
	make_training,
	make_trip,
	make_user,
)

MANAGER = "fees-manager@example.se"
STAFF = "fees-staff@example.se"


def claim_of(registration) -> frappe._dict:
	name = frappe.db.get_value("Fee Claim", {"registration": registration.name}, "name")
	return frappe.get_doc("Fee Claim", name) if name else None


def pay(amount, reference=None, **values):
	return frappe.get_doc(
		{
			"doctype": "Incoming Payment",
			"payment_date": getdate(),
			"amount": amount,
			"ocr_reference": reference,
			"payer": "Anna Andersson",
			"bank_reference": "BG-" + random_string(10),
			**values,
		}
	).insert()


class TestFeeClaims(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()
		make_user(MANAGER, "SLUP Manager")
		make_user(STAFF, "SLUP Staff")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_ocr_reference_is_valid_and_unique(self):
		trip = make_trip(price=8900, seats=40)
		references = {claim_of(make_registration(trip)).ocr_reference for _ in range(25)}
		self.assertEqual(len(references), 25)
		for reference in references:
			self.assertEqual(len(reference), ocr.LENGTH)
			self.assertTrue(ocr.is_valid(reference))
			luhn.validate(reference)
		self.assertFalse(ocr.is_valid("1234567890"[:-1] + "1") and ocr.is_valid("1234567890"[:-1] + "2"))
		bad = next(iter(references))
		self.assertFalse(ocr.is_valid(bad[:-1] + str((int(bad[-1]) + 1) % 10)))
		self.assertFalse(ocr.is_valid("12ab"))

	def test_ocr_reference_cannot_repeat_in_the_database(self):
		trip = make_trip()
		first = claim_of(make_registration(trip))
		second = claim_of(make_registration(trip))
		with self.assertRaises(IntegrityError):
			frappe.db.set_value("Fee Claim", second.name, "ocr_reference", first.ocr_reference)

	def test_priced_registration_owes_the_price_and_a_free_one_nothing(self):
		trip = make_trip(price=8900, currency="SEK")
		claim = claim_of(make_registration(trip))
		self.assertEqual(claim.amount, 8900)
		self.assertEqual(claim.currency, "SEK")
		self.assertEqual(claim.status, "Unpaid")
		self.assertEqual(claim.trip, trip.name)
		self.assertEqual(claim.year, getdate(trip.start_date).year)
		free = make_trip(price=0)
		self.assertIsNone(claim_of(make_registration(free)))
		training = make_training(price=1200)
		self.assertEqual(claim_of(make_registration(training)).amount, 1200)

	def test_a_registration_moved_to_another_event_owes_that_events_fee(self):
		first, second = make_trip(price=8900, currency="SEK"), make_trip(price=450, currency="SEK")
		registration = make_registration(first)
		registration.trip = second.name
		registration.save(ignore_permissions=True)
		claims_of = frappe.get_all(
			"Fee Claim",
			filters={"registration": registration.name},
			fields=["trip", "amount", "cancelled"],
			order_by="creation asc",
		)
		self.assertEqual(
			[(c.trip, c.amount, c.cancelled) for c in claims_of],
			[(first.name, 8900, 1), (second.name, 450, 0)],
		)
		registration.save(ignore_permissions=True)  # saved again unmoved: still the one open claim
		self.assertEqual(frappe.db.count("Fee Claim", {"registration": registration.name, "cancelled": 0}), 1)

	def test_registrations_made_before_fees_get_their_claims_once(self):
		from slup_crm.patches import fee_claims_for_registrations

		priced, free = make_trip(price=8900, currency="SEK"), make_trip(price=0)
		seated, on_free = make_registration(priced), make_registration(free)
		membership = make_membership(make_organisation().name)
		# As before fees existed.
		frappe.db.delete("Fee Claim", {"registration": seated.name})
		frappe.db.delete("Fee Claim", {"membership": membership.name})
		invoices = frappe.db.count("Email Queue")
		fee_claims_for_registrations.execute()
		fee_claims_for_registrations.execute()
		self.assertEqual(frappe.db.count("Fee Claim", {"registration": seated.name}), 1)
		self.assertEqual(claim_of(seated).amount, 8900)
		self.assertIsNone(claim_of(on_free))
		self.assertEqual(frappe.db.count("Fee Claim", {"membership": membership.name}), 1)
		self.assertEqual(frappe.db.count("Email Queue"), invoices)  # an upgrade e-mails nobody

	def test_due_date_is_the_events_days_and_at_the_latest_the_day_before(self):
		today = getdate()
		trip = make_trip()
		self.assertEqual(claim_of(make_registration(trip)).due_date, add_days(today, 14))
		trip = make_trip(payment_days=5)
		self.assertEqual(claim_of(make_registration(trip)).due_date, add_days(today, 5))
		soon = make_trip(
			start_date=add_days(today, 6),
			end_date=add_days(today, 6),
			registration_deadline=add_days(today, 3),
		)
		self.assertEqual(claim_of(make_registration(soon)).due_date, add_days(today, 5))

	def test_waiting_list_owes_nothing_until_a_seat_and_the_seat_is_not_changed(self):
		trip = make_trip(seats=1)
		seated = make_registration(trip)
		waiting = make_registration(trip)
		self.assertEqual(waiting.status, "Waitlisted")
		self.assertIsNone(claim_of(waiting))
		seated.status = "Cancelled"
		seated.save()
		waiting.reload()
		self.assertEqual(waiting.status, "Confirmed")
		self.assertEqual(claim_of(waiting).status, "Unpaid")
		self.assertEqual(claim_of(seated).status, "Cancelled")
		self.assertEqual(claim_of(seated).outstanding_amount, 0)

	def test_staff_reduce_or_waive_only_with_a_reason(self):
		claim = claim_of(make_registration(make_trip(price=1000)))
		frappe.set_user(STAFF)
		claim = frappe.get_doc("Fee Claim", claim.name)
		claim.amount = 500
		self.assertRaises(frappe.MandatoryError, claim.save)
		claim.reload()
		claim.amount = 500
		claim.amount_reason = "Student"
		claim.save()
		self.assertEqual(claim.outstanding_amount, 500)
		claim.amount = 0
		claim.amount_reason = "Invited speaker"
		claim.save()
		self.assertEqual(claim.status, "Waived")
		claim.amount = -5
		self.assertRaises(frappe.ValidationError, claim.save)

	def test_staff_cannot_change_what_a_claim_is_for_nor_make_one(self):
		claim = claim_of(make_registration(make_trip()))
		frappe.set_user(STAFF)
		claim = frappe.get_doc("Fee Claim", claim.name)
		claim.ocr_reference = ocr.new_reference()
		self.assertRaises(frappe.ValidationError, claim.save)
		self.assertRaises(
			frappe.PermissionError,
			frappe.get_doc({"doctype": "Fee Claim", "amount": 1, "standard_amount": 1}).insert,
		)

	def test_paid_claims_amount_changes_only_with_a_new_reason(self):
		claim = claim_of(make_registration(make_trip(price=1000)))
		pay(1000, claim.ocr_reference)
		claim.reload()
		self.assertEqual(claim.status, "Paid")
		claim.amount = 800
		claim.amount_reason = "Reduced"
		claim.save()
		claim.amount = 700
		self.assertRaises(frappe.MandatoryError, claim.save)

	def test_membership_owes_the_years_fee_and_is_paid_by_its_claim(self):
		organisation = make_organisation(email=f"kassor.{random_string(6).lower()}@example.se")
		membership = make_membership(organisation.name, year=getdate().year + 1)
		claim = frappe.get_doc("Fee Claim", {"membership": membership.name})
		self.assertEqual(claim.amount, 500)
		self.assertEqual(claim.year, getdate().year + 1)
		self.assertTrue(
			frappe.db.exists("Email Queue", {"reference_doctype": "Fee Claim", "reference_name": claim.name})
		)
		pay(500, claim.ocr_reference)
		membership.reload()
		self.assertEqual(membership.status, "Paid")
		self.assertEqual(membership.payment_reference, claim.ocr_reference)

	def test_membership_marked_paid_by_hand_owes_nothing_more(self):
		organisation = make_organisation(email=f"kassor.{random_string(6).lower()}@example.se")
		membership = make_membership(organisation.name, year=getdate().year + 1)
		claim = frappe.get_doc("Fee Claim", {"membership": membership.name})
		membership.status, membership.paid_date = "Paid", getdate()
		membership.save()
		claim.reload()
		self.assertEqual((claim.status, claim.outstanding_amount), ("Waived", 0))
		self.assertIn("Paid", claim.amount_reason)


class TestPayments(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()
		make_user(MANAGER, "SLUP Manager")
		make_user(STAFF, "SLUP Staff")

	def setUp(self):
		self.trip = make_trip(price=8900)
		self.claim = claim_of(make_registration(self.trip))

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_exact_payment_is_applied_to_its_claim_by_reference(self):
		frappe.set_user(MANAGER)
		payment = pay(8900, " " + self.claim.ocr_reference[:4] + " " + self.claim.ocr_reference[4:])
		self.assertEqual(payment.status, "Applied")
		self.assertEqual(payment.claim, self.claim.name)
		self.claim.reload()
		self.assertEqual(
			(self.claim.status, self.claim.paid_amount, self.claim.outstanding_amount), ("Paid", 8900, 0)
		)

	def test_unmatched_payment_is_listed_and_not_applied(self):
		payment = pay(8900, ocr.random_reference())
		self.assertEqual((payment.status, payment.applied, payment.claim), ("Unmatched", 0, None))
		self.assertEqual(pay(8900, "not a number").status, "Unmatched")
		self.assertEqual(pay(8900).status, "Unmatched")
		self.claim.reload()
		self.assertEqual(self.claim.status, "Unpaid")
		listed = frappe.get_all("Incoming Payment", {"status": "Unmatched", "applied": 0}, pluck="name")
		self.assertIn(payment.name, listed)

	def test_wrong_amounts_are_listed_and_not_applied(self):
		small = pay(4000, self.claim.ocr_reference)
		large = pay(9900, self.claim.ocr_reference)
		self.assertEqual((small.status, small.applied), ("Too Small", 0))
		self.assertEqual((large.status, large.applied), ("Too Large", 0))
		self.claim.reload()
		self.assertEqual((self.claim.status, self.claim.paid_amount), ("Unpaid", 0))

	def test_partial_payments_applied_by_the_treasurer_then_the_rest(self):
		small = pay(4000, self.claim.ocr_reference)
		frappe.set_user(MANAGER)
		self.assertEqual(payments.apply_payment(small.name), "Applied")
		self.claim.reload()
		self.assertEqual((self.claim.status, self.claim.outstanding_amount), ("Partly Paid", 4900))
		rest = pay(4900, self.claim.ocr_reference)
		self.assertEqual(rest.status, "Applied")
		self.claim.reload()
		self.assertEqual((self.claim.status, self.claim.paid_amount), ("Paid", 8900))
		late = pay(8900, self.claim.ocr_reference)
		self.assertEqual(late.status, "Unmatched")

	def test_unmatched_payment_resolved_by_choosing_its_claim(self):
		payment = pay(8900, "12345")
		frappe.set_user(MANAGER)
		payment.claim = self.claim.name
		payment.save()
		self.assertEqual(payment.status, "Applied")
		self.claim.reload()
		self.assertEqual(self.claim.status, "Paid")

	def test_too_large_payment_applied_leaves_a_refund_due(self):
		large = pay(9900, self.claim.ocr_reference)
		frappe.set_user(MANAGER)
		payments.apply_payment(large.name)
		self.claim.reload()
		self.assertEqual((self.claim.status, self.claim.refund_amount), ("Refund Due", 1000))

	def test_a_payment_is_applied_once(self):
		payment = pay(8900, self.claim.ocr_reference)
		frappe.set_user(MANAGER)
		self.assertRaises(frappe.ValidationError, payments.apply_payment, payment.name)
		payment.reload()
		payment.save()
		payment.amount = 100
		self.assertRaises(frappe.ValidationError, payment.save)
		payment.reload()
		self.assertRaises(frappe.ValidationError, payment.delete)
		self.claim.reload()
		self.assertEqual(self.claim.paid_amount, 8900)
		duplicate = frappe.copy_doc(payment)
		self.assertRaises(frappe.UniqueValidationError, duplicate.insert)

	def test_applied_cannot_be_typed_in(self):
		payment = pay(100, self.claim.ocr_reference, applied=1, status="Applied")
		self.assertEqual((payment.applied, payment.status), (0, "Too Small"))
		payment.applied = 1
		payment.save()
		self.assertEqual(payment.applied, 0)
		self.claim.reload()
		self.assertEqual(self.claim.paid_amount, 0)

	def test_amounts_are_never_negative(self):
		self.assertRaises(frappe.ValidationError, pay, -100, self.claim.ocr_reference)
		self.assertRaises(frappe.ValidationError, pay, 0, self.claim.ocr_reference)

	def test_only_the_manager_records_payments_and_staff_read(self):
		frappe.set_user(STAFF)
		self.assertRaises(frappe.PermissionError, pay, 8900, self.claim.ocr_reference)
		frappe.set_user("Administrator")
		payment = pay(4000, self.claim.ocr_reference)
		frappe.set_user(STAFF)
		self.assertTrue(frappe.has_permission("Incoming Payment", "read", payment.name))
		self.assertRaises(frappe.PermissionError, payments.apply_payment, payment.name)
		self.assertRaises(frappe.PermissionError, payments.mark_returned, payment.name)
		claim = frappe.get_doc("Fee Claim", self.claim.name)
		claim.refund_override = 1
		claim.refund_reason = "Goodwill"
		self.assertRaises(frappe.PermissionError, claim.save)
		claim.reload()
		claim.refunded_amount = 100
		claim.refunded_on = getdate()
		self.assertRaises(frappe.PermissionError, claim.save)

	def test_returned_payment_is_never_applied(self):
		small = pay(4000, self.claim.ocr_reference)
		frappe.set_user(MANAGER)
		self.assertEqual(payments.mark_returned(small.name), "Returned")
		self.assertRaises(frappe.ValidationError, payments.apply_payment, small.name)


class TestRefunds(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()
		make_user(MANAGER, "SLUP Manager")

	def tearDown(self):
		frappe.set_user("Administrator")

	def paid_registration(self, **trip):
		registration = make_registration(make_trip(price=8900, **trip))
		pay(8900, claim_of(registration).ocr_reference)
		return registration

	def cancel(self, registration):
		registration.reload()
		registration.status = "Cancelled"
		registration.save()
		return claim_of(registration)

	def test_cancelled_before_the_date_is_refunded_in_full(self):
		claim = self.cancel(self.paid_registration(full_refund_until=add_days(getdate(), 1)))
		self.assertEqual((claim.status, claim.refund_amount), ("Refund Due", 8900))
		refunds = frappe.get_all("Fee Claim", {"status": "Refund Due"}, pluck="name")
		self.assertIn(claim.name, refunds)
		frappe.set_user(MANAGER)
		claim = frappe.get_doc("Fee Claim", claim.name)
		claim.refunded_amount = 8900
		claim.refunded_on = getdate()
		claim.save()
		self.assertEqual(claim.status, "Refunded")

	def test_cancelled_after_the_date_gets_nothing_back(self):
		claim = self.cancel(self.paid_registration(full_refund_until=add_days(getdate(), -1)))
		self.assertEqual((claim.status, claim.refund_amount, claim.outstanding_amount), ("Paid", 0, 0))

	def test_without_a_date_full_refund_until_the_day_before(self):
		claim = self.cancel(self.paid_registration())
		self.assertEqual(claim.refund_amount, 8900)

	def test_manager_overrides_the_rules_with_a_reason(self):
		claim = self.cancel(self.paid_registration(full_refund_until=add_days(getdate(), -1)))
		frappe.set_user(MANAGER)
		claim = frappe.get_doc("Fee Claim", claim.name)
		claim.refund_override = 1
		claim.refund_amount = 4000
		self.assertRaises(frappe.MandatoryError, claim.save)
		claim.reload()
		claim.refund_override = 1
		claim.refund_amount = 4000
		claim.refund_reason = "Illness"
		claim.save()
		self.assertEqual((claim.status, claim.refund_amount), ("Refund Due", 4000))
		claim.refund_amount = 9000
		self.assertRaises(frappe.ValidationError, claim.save)

	def test_unpaid_cancelled_owes_nothing(self):
		registration = make_registration(make_trip())
		claim = self.cancel(registration)
		self.assertEqual((claim.status, claim.outstanding_amount, claim.refund_amount), ("Cancelled", 0, 0))

	def test_registration_with_payments_is_not_deleted_one_without_takes_its_claim(self):
		paid = self.paid_registration()
		self.assertRaises(frappe.ValidationError, frappe.delete_doc, "Activity Registration", paid.name)
		unpaid = make_registration(make_trip())
		claim = claim_of(unpaid).name
		frappe.delete_doc("Activity Registration", unpaid.name)
		self.assertFalse(frappe.db.exists("Fee Claim", claim))


class TestReminders(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def reminders_of(self, claim):
		return frappe.db.count("Email Queue", {"reference_doctype": "Fee Claim", "reference_name": claim})

	def test_one_reminder_before_due_and_none_when_paid(self):
		trip = make_trip(payment_days=3)
		due_soon = claim_of(make_registration(trip))
		later = claim_of(make_registration(make_trip(payment_days=20)))
		paid = claim_of(make_registration(trip))
		pay(450, paid.ocr_reference)
		frappe.db.set_single_value("SLUP Settings", "fee_reminder_days", 5)
		self.assertEqual(reminders.send_fee_reminders(), 1)
		self.assertEqual(reminders.send_fee_reminders(), 0)
		self.assertEqual(self.reminders_of(due_soon.name), 1)
		self.assertEqual(self.reminders_of(later.name), 0)
		self.assertEqual(self.reminders_of(paid.name), 0)
		self.assertTrue(frappe.db.get_value("Fee Claim", due_soon.name, "reminder_sent_on"))
		message = frappe.get_all("Email Queue", {"reference_name": due_soon.name}, pluck="message")[0]
		self.assertIn(due_soon.ocr_reference, message)

	def test_confirmation_email_says_what_to_pay(self):
		frappe.db.set_single_value("SLUP Settings", "bank_giro", "5050-1055")
		registration = make_registration(make_trip(price=8900))
		claim = claim_of(registration)
		payment = claims.answer_for_registration(registration)
		self.assertEqual(payment["ocr_reference"], claim.ocr_reference)
		self.assertEqual(payment["bank_giro"], "5050-1055")
		self.assertIn("8", payment["amount"])
		message = frappe.get_all(
			"Email Queue", {"reference_name": registration.name}, pluck="message", order_by="creation desc"
		)[0]
		self.assertIn(claim.ocr_reference, message)
		self.assertIn("5050-1055", message)


class TestFeesReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def test_owed_paid_outstanding_and_refunds_per_event_and_per_year(self):
		from slup_crm.fees.report.fees.fees import execute

		trip = make_trip(price=1000, seats=10)
		paid, partly, unpaid, cancelled = (make_registration(trip) for _ in range(4))
		pay(1000, claim_of(paid).ocr_reference)
		frappe.set_user("Administrator")
		payments.apply_payment(pay(400, claim_of(partly).ocr_reference).name)
		pay(1000, claim_of(cancelled).ocr_reference)
		cancelled.reload()
		cancelled.status = "Cancelled"
		cancelled.save()
		year = getdate(trip.start_date).year
		_columns, rows = execute({"group_by": "Event", "year": year})
		row = next(r for r in rows if r.trip == trip.name)
		self.assertEqual(row.fees_for, trip.title)
		self.assertEqual(
			(row.claims, row.owed, row.paid, row.outstanding, row.refund_due, row.refunded),
			(4, 3000, 2400, 1600, 1000, 0),
		)
		_columns, by_year = execute({"group_by": "Year", "year": year})
		self.assertGreaterEqual(sum(r.outstanding for r in by_year), 1600)

		from frappe.desk.doctype.number_card.number_card import get_result

		card = frappe.get_doc("Number Card", "Outstanding Fees")
		outstanding = frappe.get_all(
			"Fee Claim",
			filters={"status": ("in", ("Unpaid", "Partly Paid"))},
			fields=["sum(outstanding_amount) as total"],
		)[0].total
		self.assertEqual(get_result(card.as_dict(), "[]"), outstanding)
		self.assertGreaterEqual(outstanding, 1600)
