import email
import email.policy

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from slup_crm.activities.registration import cancel_by_token, email_participants
from slup_crm.utils.tokens import hash_token
from tests.support.factories import (
	ensure_outgoing_email_account,
	make_organisation,
	make_registration,
	make_training,
	make_trip,
	make_user,
	registration_values,
)
from tests.support.mail import cancel_token


def queued_mails(registration):
	"""The e-mails queued for one registration, oldest first, as (subject, decoded HTML body)."""
	mails = []
	for raw in frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Activity Registration", "reference_name": registration},
		pluck="message",
		order_by="creation asc",
	):
		mail = email.message_from_string(raw, policy=email.policy.default)
		html = mail.get_body(preferencelist=("html",)).get_content()
		mails.append(frappe._dict(subject=str(mail["Subject"]), message=html))
	return mails


class TestRegistration(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()

	def test_registration_is_confirmed_while_seats_are_left_then_waitlisted_in_order(self):
		trip = make_trip(seats=2)
		statuses = [make_registration(trip).status for _ in range(4)]
		self.assertEqual(statuses, ["Confirmed", "Confirmed", "Waitlisted", "Waitlisted"])
		arrivals = frappe.get_all(
			"Activity Registration", {"trip": trip.name}, pluck="arrival_no", order_by="arrival_no asc"
		)
		self.assertEqual(arrivals, [1, 2, 3, 4])
		trip.reload()
		self.assertEqual((trip.seats_taken, trip.seats_left, trip.waitlisted, trip.status), (2, 0, 2, "Full"))

	def test_status_sent_with_a_new_registration_is_ignored(self):
		trip = make_trip(seats=0)
		self.assertEqual(make_registration(trip, status="Confirmed").status, "Waitlisted")

	def test_same_training_mechanism_confirms_and_waitlists(self):
		training = make_training(seats=1)
		self.assertEqual(make_registration(training).status, "Confirmed")
		self.assertEqual(make_registration(training).status, "Waitlisted")

	def test_second_active_registration_with_the_same_email_is_refused(self):
		trip = make_trip()
		make_registration(trip, email="karin@example.se")
		with self.assertRaisesRegex(frappe.DuplicateEntryError, "already registered for"):
			make_registration(trip, email="Karin@Example.se")
		# another event is fine
		make_registration(make_trip(), email="karin@example.se")

	def test_email_may_register_again_after_cancelling(self):
		trip = make_trip()
		first = make_registration(trip, email="olle@example.se")
		cancel_by_token(first.name, cancel_token(first.name))
		self.assertEqual(make_registration(trip, email="olle@example.se").status, "Confirmed")

	def test_registration_past_deadline_is_refused(self):
		trip = make_trip(registration_deadline=add_days(today(), -1))
		with self.assertRaisesRegex(frappe.ValidationError, "closed on"):
			make_registration(trip)

	def test_registration_before_opening_is_refused(self):
		trip = make_trip(registration_opens=add_days(today(), 3))
		with self.assertRaisesRegex(frappe.ValidationError, "opens on"):
			make_registration(trip)

	def test_registration_for_unpublished_event_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "not open for registration"):
			make_registration(make_trip(published=0))

	def test_registration_for_cancelled_event_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "has been cancelled"):
			make_registration(make_trip(cancelled=1))

	def test_registration_for_past_event_is_refused(self):
		trip = make_trip(
			start_date=add_days(today(), -3),
			end_date=add_days(today(), -2),
			registration_deadline=add_days(today(), -5),
		)
		with self.assertRaisesRegex(frappe.ValidationError, "already taken place"):
			make_registration(trip)

	def test_registration_for_one_trip_or_one_training(self):
		values = registration_values(make_trip(), training=make_training().name)
		with self.assertRaisesRegex(frappe.ValidationError, "one trip or one training"):
			frappe.get_doc(values).insert()
		values = registration_values(make_trip())
		values.pop("trip")
		with self.assertRaisesRegex(frappe.ValidationError, "one trip or one training"):
			frappe.get_doc(values).insert()

	def test_registration_without_consent_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "consent"):
			make_registration(make_trip(), consent=0)

	def test_consent_date_is_recorded(self):
		self.assertIsNotNone(make_registration(make_trip()).consent_given_on)

	def test_required_fields_are_required(self):
		for fieldname in ("first_name", "last_name", "email"):
			with self.subTest(fieldname), self.assertRaises(frappe.MandatoryError):
				make_registration(make_trip(), **{fieldname: ""})

	def test_malformed_email_and_phone_are_refused(self):
		trip = make_trip()
		for address in ("anna", "anna@", "anna@example.se, olle@example.se", "<script>@x.se"):
			with self.subTest(address), self.assertRaises(frappe.ValidationError):
				make_registration(trip, email=address)
		with self.assertRaisesRegex(frappe.ValidationError, "not a valid phone number"):
			make_registration(trip, phone="ring mig")

	def test_markup_in_any_public_field_is_refused(self):
		trip = make_trip()
		attacks = {
			"first_name": "<script>alert(1)</script>",
			"last_name": "<img src=x onerror=alert(1)>",
			"organisation_name": "<b>AB</b>",
			"job_title": "&#60;script&#62;",
			"dietary_needs": "Vegan <iframe src=//evil>",
			"accessibility_needs": "<!-- x -->",
			"comments": "<a href='javascript:alert(1)'>hej</a>",
		}
		for fieldname, value in attacks.items():
			with (
				self.subTest(fieldname),
				self.assertRaisesRegex(frappe.ValidationError, "cannot contain HTML"),
			):
				make_registration(trip, **{fieldname: value})
		self.assertEqual(frappe.db.count("Activity Registration", {"trip": trip.name}), 0)

	def test_plain_text_with_angle_brackets_is_kept(self):
		registration = make_registration(make_trip(), comments="Vi är < 5 personer & kommer med tåg")
		self.assertEqual(registration.comments, "Vi är < 5 personer & kommer med tåg")

	def test_over_long_values_are_refused(self):
		trip = make_trip()
		with self.assertRaisesRegex(frappe.ValidationError, "too long: at most 100"):
			make_registration(trip, first_name="A" * 101)
		with self.assertRaisesRegex(frappe.ValidationError, "too long: at most 2000"):
			make_registration(trip, comments="x" * 2001)

	def test_values_are_trimmed_and_full_name_set(self):
		registration = make_registration(make_trip(), first_name="  Åsa ", last_name=" Öberg  ")
		self.assertEqual((registration.first_name, registration.full_name), ("Åsa", "Åsa Öberg"))

	def test_known_organisation_is_linked(self):
		org = make_organisation(organisation_name="Skyddsvärnet Test " + frappe.generate_hash(length=5))
		registration = make_registration(make_trip(), organisation_name=org.organisation_name.upper())
		self.assertEqual(registration.organisation, org.name)
		self.assertIsNone(make_registration(make_trip(), organisation_name="Okänd förening").organisation)

	def test_confirmation_email_with_personal_cancel_link_is_queued(self):
		trip = make_trip(title="Bussresa till Skoopi")
		registration = make_registration(trip)
		mails = queued_mails(registration.name)
		self.assertEqual(len(mails), 1)
		token = cancel_token(registration.name)
		self.assertEqual(len(token), 32)
		self.assertIn(
			f"/activities/cancel?registration={registration.name}&amp;token={token}", mails[0].message
		)
		self.assertEqual(mails[0].subject, "Your registration for Bussresa till Skoopi is confirmed")
		self.assertIn("Your seat is confirmed", mails[0].message)
		recipients = frappe.get_all(
			"Email Queue Recipient",
			filters={"parent": frappe.db.get_value("Email Queue", {"reference_name": registration.name})},
			pluck="recipient",
		)
		self.assertEqual(recipients, [registration.email])

	def test_waitlisted_registrant_is_told_the_place_on_the_list(self):
		trip = make_trip(seats=0)
		make_registration(trip)
		second = make_registration(trip)
		self.assertIn("waiting list as number 2", queued_mails(second.name)[0].message)

	def test_cancel_token_is_random_and_only_its_hash_is_stored(self):
		trip = make_trip()
		a, b = make_registration(trip), make_registration(trip)
		self.assertNotEqual(cancel_token(a.name), cancel_token(b.name))
		stored = frappe.db.get_value("Activity Registration", a.name, "cancel_token")
		self.assertEqual(stored, hash_token(cancel_token(a.name)))
		self.assertFalse(
			frappe.db.exists("__Auth", {"doctype": "Activity Registration", "name": a.name}),
			"no encrypted copy of the token",
		)

	def test_cancel_link_frees_the_seat_and_promotes_the_first_on_the_waiting_list(self):
		trip = make_trip(seats=1)
		confirmed = make_registration(trip)
		first, second = make_registration(trip), make_registration(trip)
		with self.set_user("Guest"):
			result = cancel_by_token(confirmed.name, cancel_token(confirmed.name))
		self.assertEqual(result["status"], "Cancelled")
		self.assertEqual(frappe.db.get_value("Activity Registration", confirmed.name, "status"), "Cancelled")
		self.assertIsNotNone(frappe.db.get_value("Activity Registration", confirmed.name, "cancelled_on"))
		self.assertEqual(frappe.db.get_value("Activity Registration", first.name, "status"), "Confirmed")
		self.assertEqual(frappe.db.get_value("Activity Registration", second.name, "status"), "Waitlisted")
		promoted = queued_mails(first.name)
		self.assertEqual(len(promoted), 2)
		self.assertIn("A seat has become free", promoted[1].message)
		self.assertIn(cancel_token(first.name), promoted[1].message)
		self.assertIn("is cancelled", queued_mails(confirmed.name)[-1].message)
		trip.reload()
		self.assertEqual((trip.seats_taken, trip.waitlisted), (1, 1))

	def test_cancel_link_works_only_for_its_own_registration(self):
		trip = make_trip()
		a, b = make_registration(trip), make_registration(trip)
		with self.set_user("Guest"):
			with self.assertRaisesRegex(frappe.DoesNotExistError, "not valid"):
				cancel_by_token(b.name, cancel_token(a.name))
			with self.assertRaisesRegex(frappe.DoesNotExistError, "not valid"):
				cancel_by_token(a.name, "x" * 32)
			with self.assertRaisesRegex(frappe.DoesNotExistError, "not valid"):
				cancel_by_token(a.name, "")
			with self.assertRaisesRegex(frappe.DoesNotExistError, "not valid"):
				cancel_by_token("REG-99999999", cancel_token(a.name))
		self.assertEqual(frappe.db.get_value("Activity Registration", b.name, "status"), "Confirmed")

	def test_cancelled_registration_cannot_be_cancelled_again_or_reopened(self):
		registration = make_registration(make_trip())
		token = cancel_token(registration.name)
		cancel_by_token(registration.name, token)
		with self.assertRaisesRegex(frappe.ValidationError, "already cancelled"):
			cancel_by_token(registration.name, token)
		registration.reload()
		registration.status = "Confirmed"
		with self.assertRaisesRegex(frappe.ValidationError, "cannot go from Cancelled to Confirmed"):
			registration.save()

	def test_staff_cancellation_in_the_desk_promotes_the_waiting_list(self):
		trip = make_trip(seats=1)
		confirmed, waiting = make_registration(trip), make_registration(trip)
		confirmed.status = "Cancelled"
		confirmed.save()
		self.assertEqual(frappe.db.get_value("Activity Registration", waiting.name, "status"), "Confirmed")

	def test_staff_cannot_confirm_from_the_waiting_list_into_a_full_event(self):
		trip = make_trip(seats=1)
		make_registration(trip)
		waiting = make_registration(trip)
		waiting.status = "Confirmed"
		with self.assertRaisesRegex(frappe.ValidationError, "is full"):
			waiting.save()

	def test_attendance_is_marked_only_once_the_event_started(self):
		registration = make_registration(make_trip())
		registration.status = "Attended"
		with self.assertRaisesRegex(frappe.ValidationError, "once the event has started"):
			registration.save()
		registration.reload()
		with self.freeze_time(add_days(today(), 31)):
			registration.status = "No-show"
			registration.save()
			registration.reload()
			registration.status = "Attended"
			registration.save()
		self.assertEqual(
			frappe.db.get_value("Activity Registration", registration.name, "status"), "Attended"
		)

	def test_moving_a_registration_frees_the_old_seat_and_admits_to_the_new_trip(self):
		old, new = make_trip(seats=1), make_trip(seats=1)
		moved, waiting = make_registration(old), make_registration(old)
		make_registration(new)
		moved.trip = new.name
		moved.save()
		self.assertEqual(moved.status, "Waitlisted")
		self.assertEqual(frappe.db.get_value("Activity Registration", waiting.name, "status"), "Confirmed")
		old.reload()
		new.reload()
		self.assertEqual((old.seats_taken, old.waitlisted), (1, 0))
		self.assertEqual((new.seats_taken, new.waitlisted), (1, 1))

	def test_deleting_a_registration_updates_the_counts(self):
		trip = make_trip()
		registration = make_registration(trip)
		self.assertEqual(frappe.db.get_value("Trip", trip.name, "seats_taken"), 1)
		registration.delete()
		self.assertEqual(frappe.db.get_value("Trip", trip.name, "seats_taken"), 0)

	def test_staff_emails_all_confirmed_participants(self):
		trip = make_trip(seats=2)
		a, b, waiting = make_registration(trip), make_registration(trip), make_registration(trip)
		staff = make_user("activities-staff@example.se", "SLUP Staff").name
		with self.set_user(staff):
			sent = email_participants("Trip", trip.name, "Avresa kl 8", "<p>Vi ses vid bussen.</p>")
		self.assertEqual(sent, 2)
		queue = frappe.get_last_doc("Email Queue", {"reference_doctype": "Trip", "reference_name": trip.name})
		self.assertEqual(sorted(r.recipient for r in queue.recipients), sorted([a.email, b.email]))
		self.assertNotIn(waiting.email, [r.recipient for r in queue.recipients])

	def test_website_user_cannot_email_participants(self):
		trip = make_trip()
		make_registration(trip)
		outsider = make_user("activities-outsider@example.se").name
		with self.set_user(outsider), self.assertRaises(frappe.PermissionError):
			email_participants("Trip", trip.name, "Spam", "Spam")

	def test_guest_has_no_permission_on_registrations(self):
		registration = make_registration(make_trip())
		for ptype in ("read", "write", "create", "delete"):
			self.assertFalse(frappe.has_permission("Activity Registration", ptype, user="Guest"))
			self.assertFalse(
				frappe.has_permission("Activity Registration", ptype, registration.name, user="Guest")
			)
		self.assertTrue(frappe.has_permission("Activity Registration", "read", user="Administrator"))

	def test_participant_list_prints_confirmed_participants_and_the_waiting_list(self):
		trip = make_trip(seats=2)
		make_registration(trip, first_name="Birgitta", last_name="Israelsson", dietary_needs="Glutenfri")
		cancelled = make_registration(trip, first_name="Ricardo", last_name="Alvarado")
		make_registration(trip, first_name="Lisbeth", last_name="Livsval")
		make_registration(trip, first_name="Britt", last_name="Lindmark")
		cancelled.status = "Cancelled"
		cancelled.save()
		html = frappe.get_print("Trip", trip.name, print_format="Trip Participant List")
		participants, waiting = html.split("waiting-list", 1)
		self.assertIn("Birgitta Israelsson", participants)
		self.assertIn("Glutenfri", participants)
		self.assertIn("Lisbeth Livsval", participants)  # promoted when Ricardo cancelled
		self.assertIn("Britt Lindmark", waiting)
		self.assertNotIn("Ricardo", html)
		training = make_training()
		make_registration(training, first_name="Jan", last_name="Forslund")
		self.assertIn(
			"Jan Forslund",
			frappe.get_print("Training", training.name, print_format="Training Participant List"),
		)
