"""Registration for trips and trainings: one mechanism for both kinds of event.

A registration is an ``Activity Registration`` linked to a Trip or a Training. The public
registers through a web form (guest, no login); the web form inserts with
``ignore_permissions``, so the rules below, called from the doctype's ``validate``, are the
only guard of the data:

- the event must take registrations (published, not cancelled, not past, deadline not passed);
- seats are never oversold: under a row lock on the event, a new registration is confirmed
  while seats are left, else put on the waiting list in order of arrival;
- one active registration per e-mail address and event;
- a cancellation frees the seat and promotes the first on the waiting list;
- every registrant gets an e-mail (Frappe's e-mail queue) with a personal cancel link whose
  token is random, stored encrypted and compared in constant time.
"""

import hmac
import re

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import format_date, get_url, getdate, now_datetime
from frappe.utils.password import get_decrypted_password

from slup_crm.activities.event import (
	EVENT_DOCTYPES,
	SEAT_STATUSES,
	WAITLISTED,
	count_registrations,
	derive_status,
	lock_event,
	refresh_event,
	registration_filter,
)

CONFIRMED = "Confirmed"
CANCELLED = "Cancelled"
TOKEN_LENGTH = 32

# Longest accepted value of each field a registrant fills in.
MAX_LENGTHS = {
	"first_name": 100,
	"last_name": 100,
	"email": 140,
	"phone": 40,
	"organisation_name": 140,
	"job_title": 140,
	"dietary_needs": 1000,
	"accessibility_needs": 1000,
	"comments": 2000,
}
PUBLIC_FIELDS = tuple(MAX_LENGTHS)
# Something that a browser could read as a tag, a comment or a processing instruction.
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|&#|&[a-zA-Z]+;")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Which status a staff member may set from which status (a new registration's is decided here).
ALLOWED_TRANSITIONS = {
	CONFIRMED: {CANCELLED, "Attended", "No-show"},
	WAITLISTED: {CONFIRMED, CANCELLED},
	"Attended": {CONFIRMED, "No-show"},
	"No-show": {CONFIRMED, "Attended"},
	CANCELLED: set(),
}
AFTER_START_STATUSES = ("Attended", "No-show")


# Validation of what the public sends ------------------------------------------------------


def validate_public_fields(doc) -> None:
	"""Refuse over-long values, markup and control characters in the fields the public fills in."""
	for fieldname, max_length in MAX_LENGTHS.items():
		value = doc.get(fieldname)
		if not value:
			continue
		if not isinstance(value, str):
			frappe.throw(_("{0} must be text.").format(_(doc.meta.get_label(fieldname))))
		label = _(doc.meta.get_label(fieldname))
		if len(value) > max_length:
			frappe.throw(_("{0} is too long: at most {1} characters.").format(label, max_length))
		if MARKUP.search(value):
			frappe.throw(_("{0} cannot contain HTML or code. Please write plain text.").format(label))
		if CONTROL_CHARACTERS.search(value):
			frappe.throw(_("{0} contains characters that are not allowed.").format(label))


def registration_refusal(event) -> str | None:
	"""Why ``event`` takes no registrations now, as a message for the public; None when it does."""
	status = derive_status(event)
	title = event.get("title") or event.get("name")
	if status == "Cancelled":
		return _("{0} has been cancelled.").format(title)
	if status == "Completed" or (event.get("start_date") and getdate(event.start_date) <= getdate()):
		return _("{0} has already taken place.").format(title)
	if not event.get("published"):
		return _("{0} is not open for registration.").format(title)
	if event.get("registration_opens") and getdate(event.registration_opens) > getdate():
		return _("Registration for {0} opens on {1}.").format(title, format_date(event.registration_opens))
	if status == "Closed":
		return _("Registration for {0} closed on {1}.").format(
			title, format_date(event.registration_deadline)
		)
	return None


# Seats and the waiting list ---------------------------------------------------------------


def admit(doc) -> None:
	"""Give a new (or moved) registration its place: a seat while seats are left, else the waiting list.

	Runs under the event's row lock, so concurrent registrations are served one after another
	in the order they reach the lock, which is the order of arrival.
	"""
	event = lock_event(*doc.event)
	refusal = registration_refusal(event)
	if refusal:
		frappe.throw(refusal, title=_("Registration Closed"))
	check_no_active_duplicate(doc, event)
	counts = count_registrations(event.doctype, event.name, for_update=True)
	wanted_seat = doc.is_new() or (
		doc.get_doc_before_save() and doc.get_doc_before_save().status in SEAT_STATUSES
	)
	doc.status = CONFIRMED if wanted_seat and counts["seats_taken"] < (event.seats or 0) else WAITLISTED
	doc.arrival_no = next_arrival_no(event)


def check_no_active_duplicate(doc, event) -> None:
	"""One active registration per e-mail address and event (a locking read: it sees what
	concurrent requests committed while this one waited for the event's lock)."""
	registration = frappe.qb.DocType("Activity Registration")
	query = (
		frappe.qb.from_(registration)
		.select(registration.name)
		.where(registration[registration_filter(event.doctype)] == event.name)
		.where(registration.email == doc.email)
		.where(registration.status != CANCELLED)
		.limit(1)
		.for_update()
	)
	if not doc.is_new():
		query = query.where(registration.name != doc.name)
	if query.run():
		frappe.throw(
			_(
				"{0} is already registered for {1}. Use the link in your confirmation e-mail to cancel."
			).format(doc.email, event.title),
			frappe.DuplicateEntryError,
			title=_("Already Registered"),
		)


def next_arrival_no(event) -> int:
	registration = frappe.qb.DocType("Activity Registration")
	link = registration[registration_filter(event.doctype)]
	last = (
		frappe.qb.from_(registration)
		.select(registration.arrival_no)
		.where(link == event.name)
		.orderby(registration.arrival_no, order=frappe.qb.desc)
		.limit(1)
		.for_update()
		.run()
	)
	return ((last and last[0][0]) or 0) + 1


def check_seat_for_confirmation(doc) -> None:
	"""A staff member confirms someone from the waiting list: only into a free seat."""
	event = lock_event(*doc.event)
	counts = count_registrations(event.doctype, event.name, for_update=True)
	if counts["seats_taken"] >= (event.seats or 0):
		frappe.throw(
			_(
				"{0} is full: {1} of {1} seats are taken. Add seats or cancel another registration first."
			).format(event.title, event.seats or 0),
			title=_("No Seat Left"),
		)


def fill_seats_from_waitlist(event_doctype: str, event_name: str) -> list[str]:
	"""Confirm the first on the waiting list, in order of arrival, while seats are free.

	Called after a cancellation, a move and when seats are added. Nobody is promoted for an
	event that was cancelled or has started. Returns the promoted registrations.
	"""
	event = lock_event(event_doctype, event_name)
	if event.cancelled or (event.start_date and getdate(event.start_date) <= getdate()):
		return []
	free = (event.seats or 0) - count_registrations(event_doctype, event_name, for_update=True)["seats_taken"]
	if free <= 0:
		return []
	names = frappe.get_all(
		"Activity Registration",
		filters={registration_filter(event_doctype): event_name, "status": WAITLISTED},
		order_by="arrival_no asc",
		limit=free,
		pluck="name",
	)
	for name in names:
		registration = frappe.get_doc("Activity Registration", name)
		registration.status = CONFIRMED
		# The system promotes on the registrant's behalf (a guest may have cancelled the seat).
		registration.save(ignore_permissions=True)
	return names


def validate_status_change(doc, before) -> None:
	"""Staff may move a registration between statuses only along ALLOWED_TRANSITIONS."""
	if before.status == doc.status:
		return
	if doc.status not in ALLOWED_TRANSITIONS.get(before.status, set()):
		frappe.throw(
			_("A registration cannot go from {0} to {1}.").format(_(before.status), _(doc.status)),
			title=_("Not Allowed"),
		)
	if doc.status in AFTER_START_STATUSES:
		start = frappe.db.get_value(doc.event[0], doc.event[1], "start_date")
		if start and getdate(start) > getdate():
			frappe.throw(_("Attendance can be recorded only once the event has started."))
	if doc.status == CONFIRMED and before.status == WAITLISTED:
		check_seat_for_confirmation(doc)
	if doc.status == CANCELLED:
		doc.cancelled_on = now_datetime()


def after_registration_change(doc) -> None:
	"""Keep the events' counts true and hand freed seats to the waiting list."""
	before = doc.get_doc_before_save()
	events = {doc.event}
	if before and before.event != doc.event:
		events.add(before.event)
	for event in events:
		refresh_event(*event)
	if (
		before
		and before.status in SEAT_STATUSES
		and (doc.status not in SEAT_STATUSES or before.event != doc.event)
	):
		fill_seats_from_waitlist(*before.event)
		refresh_event(*before.event)


# Cancel links -----------------------------------------------------------------------------


def issue_cancel_token(doc) -> None:
	"""A random, unguessable token for the personal cancel link (kept encrypted, like a password)."""
	doc.cancel_token = frappe.generate_hash(length=TOKEN_LENGTH)
	doc.flags.cancel_token = doc.cancel_token


def cancel_url(doc) -> str:
	token = doc.flags.cancel_token or get_decrypted_password(
		"Activity Registration", doc.name, "cancel_token", raise_exception=False
	)
	return get_url(f"/activities/cancel?registration={doc.name}&token={token}")


def registration_for_token(registration: str, token: str):
	"""The registration this cancel link belongs to, or a not-found error (same for every wrong link)."""
	not_found = _("This cancel link is not valid. Please use the link in your e-mail.")
	if not (
		isinstance(registration, str)
		and isinstance(token, str)
		and len(token) == TOKEN_LENGTH
		and len(registration) <= 140
	):
		frappe.throw(not_found, frappe.DoesNotExistError)
	stored = None
	if frappe.db.exists("Activity Registration", registration):
		stored = get_decrypted_password(
			"Activity Registration", registration, "cancel_token", raise_exception=False
		)
	if not stored or not hmac.compare_digest(stored.encode(), token.encode()):
		frappe.throw(not_found, frappe.DoesNotExistError)
	return frappe.get_doc("Activity Registration", registration)


def cancellation_refusal(doc) -> str | None:
	"""Why the registrant cannot cancel this registration through the link, or None."""
	if doc.status == CANCELLED:
		return _("Your registration for {0} is already cancelled.").format(doc.event_title)
	start = frappe.db.get_value(doc.event[0], doc.event[1], "start_date")
	if doc.status not in (CONFIRMED, WAITLISTED) or (start and getdate(start) <= getdate()):
		return _("{0} has already started. Please contact the organiser.").format(doc.event_title)
	return None


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=20, seconds=60 * 60)
def cancel_by_token(registration: str, token: str) -> dict:
	"""Cancel one registration through its personal link, without login.

	The token is the permission: it is checked before anything else and works only for the
	registration it was issued for.
	"""
	doc = registration_for_token(registration, token)
	refusal = cancellation_refusal(doc)
	if refusal:
		frappe.throw(refusal, title=_("Cannot Cancel"))
	doc.status = CANCELLED
	# The registrant proved who they are with the token; they have no user to hold permissions.
	doc.save(ignore_permissions=True)
	return {"status": doc.status, "event_title": doc.event_title}


# E-mail -----------------------------------------------------------------------------------

SUBJECTS = {
	"confirmed": lambda title: _("Your registration for {0} is confirmed").format(title),
	"waitlisted": lambda title: _("You are on the waiting list for {0}").format(title),
	"promoted": lambda title: _("A seat is free for you: {0}").format(title),
	"cancelled": lambda title: _("Your registration for {0} is cancelled").format(title),
}


def email_kind(doc) -> str | None:
	"""Which e-mail a change of the registration calls for (None: no e-mail)."""
	before = doc.get_doc_before_save()
	if before is None:
		return "confirmed" if doc.status == CONFIRMED else "waitlisted"
	if before.status == doc.status and before.event == doc.event:
		return None
	if doc.status == CANCELLED:
		return "cancelled"
	if doc.status == CONFIRMED and before.status == WAITLISTED:
		return "promoted"
	if before.event != doc.event:
		return "confirmed" if doc.status == CONFIRMED else "waitlisted"
	return None


def waitlist_position(doc) -> int:
	return frappe.db.count(
		"Activity Registration",
		{
			registration_filter(doc.event[0]): doc.event[1],
			"status": WAITLISTED,
			"arrival_no": ("<=", doc.arrival_no),
		},
	)


def send_registration_email(doc, kind: str) -> None:
	"""Queue the e-mail that tells the registrant what happened (Frappe's e-mail queue)."""
	event = frappe.db.get_value(
		doc.event[0], doc.event[1], ["title", "start_date", "end_date", "price", "currency"], as_dict=True
	)
	message = frappe.render_template(
		"slup_crm/templates/emails/activity_registration.html",
		{
			"kind": kind,
			"doc": doc,
			"event": event,
			"event_url": get_url(f"/activities/{frappe.scrub(doc.event[0])}/{doc.event[1]}"),
			"cancel_url": cancel_url(doc) if kind != "cancelled" else None,
			"position": waitlist_position(doc) if kind == "waitlisted" else None,
		},
	)
	frappe.sendmail(
		recipients=[doc.email],
		subject=SUBJECTS[kind](event.title),
		message=message,
		reference_doctype=doc.doctype,
		reference_name=doc.name,
	)


@frappe.whitelist(methods=["POST"])
def email_participants(event_doctype: str, event_name: str, subject: str, message: str) -> int:
	"""E-mail every confirmed participant of a trip or training (each gets their own e-mail).

	Returns the number of recipients.
	"""
	if event_doctype not in EVENT_DOCTYPES:
		frappe.throw(_("{0} is not a trip or a training.").format(event_doctype))
	frappe.has_permission(event_doctype, "email", event_name, throw=True)
	if not (subject or "").strip() or not (message or "").strip():
		frappe.throw(_("Write a subject and a message."))
	recipients = frappe.get_all(
		"Activity Registration",
		filters={registration_filter(event_doctype): event_name, "status": CONFIRMED},
		pluck="email",
	)
	if not recipients:
		frappe.throw(_("{0} has no confirmed participants.").format(event_name))
	frappe.sendmail(
		recipients=recipients,
		subject=subject.strip(),
		message=message,
		reference_doctype=event_doctype,
		reference_name=event_name,
	)
	return len(recipients)


# Public pages and web forms ---------------------------------------------------------------


def get_public_event(event_doctype: str, event_name: str):
	"""A published event for a public page, or None (drafts are not shown to the public)."""
	if event_doctype not in EVENT_DOCTYPES or not isinstance(event_name, str):
		return None
	event = frappe.db.get_value(event_doctype, {"name": event_name, "published": 1}, "*", as_dict=True)
	if event:
		event.doctype = event_doctype
		event.status = derive_status(event)
		event.refusal = registration_refusal(event)
		event.register_route = (
			f"/{registration_web_form_route(event_doctype)}/new?{frappe.scrub(event_doctype)}={event.name}"
		)
	return event


def registration_web_form_route(event_doctype: str) -> str:
	return f"{frappe.scrub(event_doctype)}-registration"


def prepare_registration_form(context, event_doctype: str) -> None:
	"""Context of a registration web form: only for an event that takes registrations.

	The event comes from the query string (``?trip=TRIP-00001``). Its field is sent to the
	browser as a hidden text field, never as a list of link options (which would show every
	event, drafts included, to the public).
	"""
	fieldname = frappe.scrub(event_doctype)
	event = get_public_event(event_doctype, frappe.form_dict.get(fieldname))
	if not event or event.refusal:
		frappe.local.flags.redirect_location = (
			f"/activities/{fieldname}/{event.name}" if event else "/activities"
		)
		raise frappe.Redirect
	for field in context.web_form_doc.web_form_fields:
		if field.fieldname == fieldname:
			field.update({"fieldtype": "Data", "options": None, "read_only": 1, "hidden": 1})
	context.introduction_text = frappe.render_template(
		"slup_crm/templates/includes/activity_summary.html", {"event": event}
	)
