"""The public calendar as a guest (gunicorn): the page, the iCalendar feed parsed back with the
right times across the change to summer time, one event's .ics, and garbage refused with a 4xx."""

import datetime

import frappe
import icalendar
import pytest

from tests.support.factories import make_meeting, make_training, make_trip

FEED = "/api/method/slup_crm.activities.calendar.feed"
EVENT = "/api/method/slup_crm.activities.calendar.event"
UTC = datetime.timezone.utc


@pytest.fixture(scope="module")
def events():
	training = make_training(
		sessions=[
			{"session_date": "2027-03-26", "start_time": "10:00:00", "end_time": "16:00:00", "topic": "Före"},
			{
				"session_date": "2027-03-30",
				"start_time": "10:00:00",
				"end_time": "16:00:00",
				"topic": "Efter",
			},
		],
		registration_deadline="2027-03-01",
	)
	trip = make_trip()
	draft = make_trip(published=0)
	meeting = make_meeting(is_public=1, place="Kulturhuset")
	closed = make_meeting(place="Styrelserummet")
	frappe.db.commit()
	yield frappe._dict(training=training, trip=trip, draft=draft, meeting=meeting, closed=closed)
	for doctype, doc in (("Training", training), ("Trip", trip), ("Trip", draft)):
		frappe.delete_doc(doctype, doc.name, force=True, ignore_permissions=True)
	for doc in (meeting, closed):
		frappe.delete_doc("Meeting", doc.name, force=True, ignore_permissions=True)
	frappe.db.commit()


def vevents(content: bytes) -> dict:
	cal = icalendar.Calendar.from_ical(content)
	return {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}


def test_the_feed_parses_back_with_local_times_across_summer_time(server, events):
	r = server.session().get(server.url + FEED, timeout=60)
	assert r.status_code == 200
	assert r.headers["Content-Type"].startswith("text/calendar")
	found = vevents(r.content)
	before = found[f"training-{events.training.name}-1"]["dtstart"].dt
	after = found[f"training-{events.training.name}-2"]["dtstart"].dt
	assert (before.hour, after.hour) == (10, 10)
	assert before.astimezone(UTC) == datetime.datetime(2027, 3, 26, 9, tzinfo=UTC)
	assert after.astimezone(UTC) == datetime.datetime(2027, 3, 30, 8, tzinfo=UTC)
	assert f"trip-{events.trip.name}" in found
	assert f"meeting-{events.meeting.name}" in found
	assert f"trip-{events.draft.name}" not in found
	assert f"meeting-{events.closed.name}" not in found
	assert b"Styrelserummet" not in r.content


def test_one_event_to_add_to_a_calendar(server, events):
	r = server.session().get(
		server.url + EVENT, params={"kind": "trip", "name": events.trip.name}, timeout=60
	)
	assert r.status_code == 200
	assert list(vevents(r.content)) == [f"trip-{events.trip.name}"]
	page = server.session().get(f"{server.url}/activities/trip/{events.trip.name}", timeout=60)
	assert (
		f"kind=trip&amp;name={events.trip.name}" in page.text
		or f"kind=trip&name={events.trip.name}" in page.text
	)


def test_garbage_and_drafts_are_not_found(server, events):
	for params in (
		{"kind": "trip", "name": events.draft.name},
		{"kind": "meeting", "name": events.closed.name},
		{"kind": "<script>", "name": "x"},
		{"kind": "trip", "name": "x" * 5000},
		{},
	):
		r = server.session().get(server.url + EVENT, params=params, timeout=60)
		assert 400 <= r.status_code < 500, params
		assert "Traceback" not in r.text


def test_the_calendar_page_lists_the_events_with_their_links(server, events):
	r = server.session().get(f"{server.url}/calendar", timeout=60)
	assert r.status_code == 200
	assert events.trip.title in r.text
	assert "Kulturhuset" in r.text
	assert "Styrelserummet" not in r.text
	assert events.draft.title not in r.text
	assert "webcal://" in r.text
	r = server.session().get(f"{server.url}/calendar", params={"_lang": "sv"}, timeout=60)
	assert "Kalender" in r.text
