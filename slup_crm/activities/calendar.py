"""The group's calendar: upcoming published trips, trainings and public meetings, for people and
for calendar programs (iCalendar, RFC 5545, written with the ``icalendar`` library).

- ``upcoming()``: what the public calendar page (``/calendar``) lists, soonest first;
- ``feed`` (``/api/method/slup_crm.activities.calendar.feed``): the same as one ``.ics`` that
  calendar programs subscribe to;
- ``event`` (``...calendar.event?kind=trip&name=...``): one event's ``.ics`` ("add to calendar");
- ``attachment(event_doctype, event_name)``: that ``.ics`` for a registration's e-mail.

A trip is a whole-day event from its first to its last day; a training is one event per session
(with its times when it has them, else the session's day), or its days when it has no sessions;
a meeting is its date and times. Times are the site's time zone (Europe/Stockholm): each carries
its TZID and the calendar its VTIMEZONE, so a session on either side of a change to or from
summer time is at the right hour in every calendar program. Only what the public pages show is
written: title, dates and times, place, the public page.
"""

import datetime
from zoneinfo import ZoneInfo

import frappe
import icalendar
from frappe import _
from frappe.utils import add_days, get_datetime, get_system_timezone, get_url, getdate

from slup_crm.activities.event import EVENT_DOCTYPES, public_route

PRODUCT = "-//SLUP.SE//slup_crm calendar//SV"
KINDS = {"trip": "Trip", "training": "Training", "meeting": "Meeting"}
CONTENT_TYPE = "text/calendar; charset=utf-8"


def zone() -> ZoneInfo:
	return ZoneInfo(get_system_timezone() or "Europe/Stockholm")


def upcoming() -> list[frappe._dict]:
	"""Every upcoming entry of the calendar (one per trip, training session and public meeting),
	soonest first."""
	entries = [*event_entries(), *meeting_entries()]
	return sorted(entries, key=lambda e: (sort_key(e.start), e.title))


def sort_key(value) -> datetime.datetime:
	if isinstance(value, datetime.datetime):
		return value.replace(tzinfo=None)
	return datetime.datetime.combine(value, datetime.time())


def event_entries(event_doctype: str | None = None, event_name: str | None = None) -> list[frappe._dict]:
	"""The entries of published, not cancelled trips and trainings that have not ended (or of one)."""
	entries = []
	for doctype in EVENT_DOCTYPES:
		if event_doctype and doctype != event_doctype:
			continue
		filters = {"published": 1, "cancelled": 0, "end_date": (">=", getdate())}
		if event_name:
			filters["name"] = event_name
		for row in frappe.get_all(
			doctype, filters=filters, fields=["name", "title", "start_date", "end_date", "modified"]
		):
			row.doctype = doctype
			if doctype == "Trip":
				row.place = frappe.db.get_value("Trip", row.name, "destination")
				entries.append(whole_days(row, "Trip"))
			else:
				entries.extend(training_entries(row))
	return entries


def whole_days(row, doctype: str, place: str | None = None) -> frappe._dict:
	return frappe._dict(
		uid=f"{frappe.scrub(doctype)}-{row.name}",
		kind=doctype,
		title=row.title,
		start=getdate(row.start_date),
		end=add_days(getdate(row.end_date or row.start_date), 1),  # DTEND of a day is exclusive
		place=place or row.get("place"),
		route=public_route(doctype, row.name),
		ics=event_link(doctype, row.name),
		modified=row.modified,
	)


def training_entries(row) -> list[frappe._dict]:
	sessions = frappe.get_all(
		"Training Session",
		filters={"parent": row.name, "parenttype": "Training"},
		fields=["idx", "session_date", "start_time", "end_time", "place", "topic"],
		order_by="idx asc",
	)
	if not sessions:
		return [whole_days(row, "Training")]
	entries = []
	for session in sessions:
		if not session.session_date or getdate(session.session_date) < getdate():
			continue
		start, end = session_times(session)
		entries.append(
			frappe._dict(
				uid=f"training-{row.name}-{session.idx}",
				kind="Training",
				title=f"{row.title}: {session.topic}" if session.topic else row.title,
				start=start,
				end=end,
				place=session.place,
				route=public_route("Training", row.name),
				ics=event_link("Training", row.name),
				modified=row.modified,
			)
		)
	return entries


def session_times(session) -> tuple:
	"""A session's start and end in the site's time zone, or its day when it has no times."""
	day = getdate(session.session_date)
	if not session.start_time:
		return day, add_days(day, 1)
	start = local_time(day, session.start_time)
	end = local_time(day, session.end_time) if session.end_time else start + datetime.timedelta(hours=1)
	return start, end


def local_time(day, time) -> datetime.datetime:
	"""``day`` at ``time`` (a Time field's value) as a wall-clock time of the site's zone."""
	moment = get_datetime(f"{day} {time}")
	return moment.replace(tzinfo=zone())


def meeting_entries(name: str | None = None) -> list[frappe._dict]:
	"""Public meetings from today on that are not cancelled (or one of them)."""
	filters = {"is_public": 1, "status": ("!=", "Cancelled"), "meeting_date": (">=", getdate())}
	if name:
		filters["name"] = name
	entries = []
	for row in frappe.get_all(
		"Meeting",
		filters=filters,
		fields=["name", "title", "meeting_date", "start_time", "end_time", "place", "modified"],
	):
		start, end = session_times(frappe._dict(session_date=row.meeting_date, **row))
		entries.append(
			frappe._dict(
				uid=f"meeting-{row.name}",
				kind="Meeting",
				title=row.title,
				start=start,
				end=end,
				place=row.place,
				route="/calendar",
				ics=event_link("Meeting", row.name),
				modified=row.modified,
			)
		)
	return entries


def entries_of(kind, name) -> list[frappe._dict]:
	"""The entries of one public event (``kind``: trip, training or meeting), none for anything else."""
	doctype = KINDS.get(kind) if isinstance(kind, str) else None
	if not doctype or not isinstance(name, str) or not name or len(name) > 140:
		return []
	if doctype == "Meeting":
		return meeting_entries(name)
	return event_entries(doctype, name)


def to_ical(entries: list, name: str) -> bytes:
	"""The entries as one iCalendar (with the VTIMEZONE of every time zone used)."""
	calendar = icalendar.Calendar()
	calendar.add("prodid", PRODUCT)
	calendar.add("version", "2.0")
	calendar.add("calscale", "GREGORIAN")
	calendar.add("x-wr-calname", name)
	calendar.add("x-wr-timezone", str(zone()))
	host = frappe.local.site
	for entry in entries:
		event = icalendar.Event()
		event.add("uid", f"{entry.uid}@{host}")
		event.add("summary", entry.title)
		event.add("dtstart", entry.start)
		event.add("dtend", entry.end)
		event.add("dtstamp", get_datetime(entry.modified).replace(tzinfo=zone()))
		if entry.place:
			event.add("location", entry.place)
		event.add("url", get_url(entry.route))
		calendar.add_component(event)
	calendar.add_missing_timezones()
	return calendar.to_ical()


def respond(content: bytes, filename: str) -> None:
	frappe.local.response.filename = filename
	frappe.local.response.filecontent = content
	frappe.local.response.content_type = CONTENT_TYPE
	frappe.local.response.display_content_as = "inline"
	frappe.local.response.type = "download"


@frappe.whitelist(allow_guest=True, methods=["GET"])
def feed() -> None:
	"""Every upcoming public trip, training and meeting, as one iCalendar to subscribe to."""
	respond(to_ical(upcoming(), _("SLUP.SE calendar")), "slup-calendar.ics")


@frappe.whitelist(allow_guest=True, methods=["GET"])
def event(kind: str | None = None, name: str | None = None) -> None:
	"""One public event as an iCalendar ("add to calendar"); not found for anything else."""
	entries = entries_of(kind, name)
	if not entries:
		raise frappe.DoesNotExistError(_("There is no such event in the calendar."))
	respond(to_ical(entries, entries[0].title), f"{frappe.scrub(kind)}-{name}.ics")


def attachment(event_doctype: str, event_name: str) -> list[dict]:
	"""The event as an ``.ics`` attachment of an e-mail (none when it is not in the calendar)."""
	entries = event_entries(event_doctype, event_name)
	if not entries:
		return []
	content = to_ical(entries, entries[0].title).decode()
	return [{"fname": f"{frappe.scrub(event_doctype)}-{event_name}.ics", "fcontent": content}]


def event_link(event_doctype: str, event_name: str) -> str:
	"""The "add to calendar" address of a trip, training or public meeting."""
	return (
		f"/api/method/slup_crm.activities.calendar.event?kind={frappe.scrub(event_doctype)}&name={event_name}"
	)
