"""The group's calendar: what it lists, its iCalendar at the right times across a change to summer
time, and the .ics that a registrant's confirmation carries."""

import datetime
import email
import email.policy
import json
from zoneinfo import ZoneInfo

import frappe
import icalendar
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from slup_crm.activities import calendar
from slup_crm.activities.registration import compose_registration_email
from tests.support.factories import make_meeting, make_registration, make_training, make_trip

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = datetime.timezone.utc
# Summer time begins in Sweden on the last Sunday of March: 2027-03-28, 02:00 becomes 03:00.
BEFORE_DST, AFTER_DST = "2027-03-26", "2027-03-30"


def dst_training(**overrides):
	return make_training(
		sessions=[
			{"session_date": BEFORE_DST, "start_time": "10:00:00", "end_time": "16:00:00", "topic": "Dag 1"},
			{"session_date": AFTER_DST, "start_time": "10:00:00", "end_time": "16:00:00", "topic": "Dag 2"},
		],
		registration_deadline="2027-03-01",
		**overrides,
	)


def parsed(content: bytes) -> dict[str, icalendar.Event]:
	cal = icalendar.Calendar.from_ical(content)
	return {str(event["uid"]).split("@")[0]: event for event in cal.walk("VEVENT")}


class TestCalendar(FrappeTestCase):
	def test_sessions_keep_their_local_hour_across_the_change_to_summer_time(self):
		training = dst_training()
		events = parsed(calendar.to_ical(calendar.event_entries("Training", training.name), "t"))
		before = events[f"training-{training.name}-1"]["dtstart"].dt
		after = events[f"training-{training.name}-2"]["dtstart"].dt
		self.assertEqual((before.hour, after.hour), (10, 10))
		self.assertEqual(before.astimezone(UTC).hour, 9)  # CET, UTC+1
		self.assertEqual(after.astimezone(UTC).hour, 8)  # CEST, UTC+2
		self.assertEqual(events[f"training-{training.name}-2"]["dtend"].dt.astimezone(UTC).hour, 14)
		cal = icalendar.Calendar.from_ical(calendar.to_ical(calendar.upcoming(), "t"))
		self.assertIn("Europe/Stockholm", [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")])

	def test_a_trip_is_whole_days_and_lists_its_place_and_page(self):
		trip = make_trip(start_date=add_days(getdate(), 30), end_date=add_days(getdate(), 32))
		[entry] = calendar.event_entries("Trip", trip.name)
		event = parsed(calendar.to_ical([entry], "t"))[f"trip-{trip.name}"]
		self.assertEqual(event["dtstart"].dt, add_days(getdate(), 30))
		self.assertEqual(event["dtend"].dt, add_days(getdate(), 33))  # the day after the last
		self.assertEqual(str(event["location"]), "Göteborg")
		self.assertTrue(str(event["url"]).endswith(f"/activities/trip/{trip.name}"))

	def test_only_published_upcoming_events_and_public_meetings(self):
		shown = make_trip()
		draft = make_trip(published=0)
		cancelled = make_trip()
		cancelled.cancelled = 1
		cancelled.save()
		public = make_meeting(is_public=1)
		private = make_meeting()
		uids = {entry.uid for entry in calendar.upcoming()}
		self.assertIn(f"trip-{shown.name}", uids)
		self.assertNotIn(f"trip-{draft.name}", uids)
		self.assertNotIn(f"trip-{cancelled.name}", uids)
		self.assertIn(f"meeting-{public.name}", uids)
		self.assertNotIn(f"meeting-{private.name}", uids)
		event = parsed(calendar.to_ical(calendar.meeting_entries(public.name), "t"))[f"meeting-{public.name}"]
		self.assertEqual(event["dtstart"].dt.hour, 14)
		self.assertEqual(str(event["location"]), "Rågsveds Folkets hus")

	def test_one_event_for_a_known_kind_and_name_only(self):
		trip = make_trip()
		self.assertEqual(len(calendar.entries_of("trip", trip.name)), 1)
		draft = make_trip(published=0)
		for kind, name in (
			("trip", draft.name),
			("unknown", trip.name),
			(["trip"], trip.name),
			("trip", ["x"]),
			("trip", "x" * 500),
			("meeting", make_meeting().name),
		):
			self.assertEqual(calendar.entries_of(kind, name), [], (kind, name))

	def test_a_confirmation_carries_the_event_as_an_ics_and_a_cancellation_does_not(self):
		training = dst_training()
		registration = make_registration(training)
		values = compose_registration_email(registration.name, "Training", training.name, "confirmed", None)
		[attachment] = values["attachments"]
		self.assertTrue(attachment["fname"].endswith(".ics"))
		events = parsed(attachment["fcontent"].encode())
		self.assertEqual(len(events), 2)
		json.dumps(values)  # kept as JSON while no outgoing account exists
		cancelled = compose_registration_email(
			registration.name, "Training", training.name, "cancelled", None
		)
		self.assertIsNone(cancelled["attachments"])

	def test_a_waiting_confirmation_keeps_its_attachment(self):
		from slup_crm.utils import mail

		training = dst_training()
		registration = make_registration(training)
		values = compose_registration_email(registration.name, "Training", training.name, "confirmed", None)
		mail.keep(**values)
		row = frappe.get_last_doc(mail.PENDING_EMAIL, filters={"reference_name": registration.name})
		self.assertEqual(json.loads(row.attachments), values["attachments"])

	def test_the_queued_confirmation_has_the_ics_attached(self):
		from tests.support.factories import ensure_outgoing_email_account

		ensure_outgoing_email_account()
		trip = make_trip()
		registration = make_registration(trip)
		queued = frappe.get_all(
			"Email Queue", filters={"reference_name": registration.name}, fields=["attachments", "message"]
		)
		self.assertEqual(len(queued), 1)
		# Frappe writes content attachments into the message itself.
		message = email.message_from_string(queued[0].message, policy=email.policy.default)
		[part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
		self.assertEqual(part.get_filename(), f"trip-{trip.name}.ics")
		self.assertIn(f"trip-{trip.name}", part.get_content())
