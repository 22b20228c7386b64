import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from tests.support.factories import (
	ensure_outgoing_email_account,
	make_organisation,
	make_registration,
	make_trip,
)


class TestTrip(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()

	def test_open_trip_has_status_open_and_all_seats_left(self):
		trip = make_trip(seats=3)
		self.assertEqual(trip.status, "Open")
		self.assertEqual((trip.seats_taken, trip.seats_left, trip.waitlisted), (0, 3, 0))
		self.assertEqual(trip.currency, "SEK")

	def test_status_is_derived_from_publication_dates_and_cancellation(self):
		self.assertEqual(make_trip(published=0).status, "Draft")
		self.assertEqual(make_trip(registration_opens=add_days(today(), 5)).status, "Draft")
		past_deadline = make_trip(registration_deadline=add_days(today(), -1))
		self.assertEqual(past_deadline.status, "Closed")
		past = make_trip(
			start_date=add_days(today(), -10),
			end_date=add_days(today(), -8),
			registration_deadline=add_days(today(), -20),
		)
		self.assertEqual(past.status, "Completed")
		cancelled = make_trip(cancelled=1)
		self.assertEqual(cancelled.status, "Cancelled")

	def test_status_typed_by_a_user_is_overwritten(self):
		trip = make_trip(published=0)
		trip.status = "Open"
		trip.save()
		self.assertEqual(trip.status, "Draft")

	def test_full_when_every_seat_is_taken(self):
		trip = make_trip(seats=1)
		make_registration(trip)
		trip.reload()
		self.assertEqual((trip.status, trip.seats_taken, trip.seats_left), ("Full", 1, 0))

	def test_end_before_start_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "end date cannot be before the start date"):
			make_trip(end_date=add_days(today(), 29))

	def test_deadline_after_start_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "deadline cannot be after the start date"):
			make_trip(registration_deadline=add_days(today(), 40))

	def test_registration_cannot_open_after_the_deadline(self):
		with self.assertRaisesRegex(frappe.ValidationError, "cannot open after the registration deadline"):
			make_trip(registration_opens=add_days(today(), 25))

	def test_visit_outside_the_trip_dates_is_refused(self):
		org = make_organisation(organisation_type="Social Enterprise")
		with self.assertRaisesRegex(frappe.ValidationError, "must take place during the trip"):
			make_trip(visits=[{"organisation": org.name, "visit_date": add_days(today(), 40)}])
		trip = make_trip(visits=[{"organisation": org.name, "visit_date": add_days(today(), 30)}])
		self.assertEqual(trip.visits[0].organisation, org.name)

	def test_visit_needs_an_organisation_or_a_place(self):
		with self.assertRaisesRegex(frappe.ValidationError, "needs an organisation or a place"):
			make_trip(visits=[{"notes": "Lunch"}])

	def test_daily_job_closes_trips_whose_deadline_passed(self):
		from slup_crm.activities.event import refresh_all_event_statuses

		trip = make_trip(registration_deadline=add_days(today(), 2))
		self.assertEqual(trip.status, "Open")
		with self.freeze_time(add_days(getdate(), 3)):
			refresh_all_event_statuses()
		self.assertEqual(frappe.db.get_value("Trip", trip.name, "status"), "Closed")

	def test_adding_seats_promotes_the_waiting_list_in_order(self):
		trip = make_trip(seats=1)
		make_registration(trip)
		first = make_registration(trip)
		second = make_registration(trip)
		self.assertEqual((first.status, second.status), ("Waitlisted", "Waitlisted"))
		trip.reload()
		trip.seats = 2
		trip.save()
		self.assertEqual(frappe.db.get_value("Activity Registration", first.name, "status"), "Confirmed")
		self.assertEqual(frappe.db.get_value("Activity Registration", second.name, "status"), "Waitlisted")
		trip.reload()
		self.assertEqual((trip.seats_taken, trip.waitlisted, trip.status), (2, 1, "Full"))
