"""Registration for trips and trainings: one mechanism for both kinds of event.

A registration is an ``Activity Registration`` linked to a Trip or a Training. The public
registers through a web form (guest, no login); the web form inserts with
``ignore_permissions``, so the rules below, called from the doctype's ``validate``, are the
only guard of the data:

- the event must take registrations (published, not cancelled, not past, deadline not passed);
- seats are never oversold: ``event.admit`` decides, under a row lock on the event, whether a
  new registration is confirmed or put on the waiting list in order of arrival (``event.py``
  owns seats; this module calls it once per admission and is never called back);
- one active registration per e-mail address and event;
- a cancellation frees the seat and promotes the first on the waiting list;
- every registrant gets an e-mail with a personal cancel link (``slup_crm.utils.tokens``: a
  random token, only its hash stored), composed and queued after the request committed and
  kept until an outgoing e-mail account exists (``slup_crm.utils.mail``).
"""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import get_url, getdate, now_datetime

from slup_crm.activities import calendar, event
from slup_crm.activities.event import (
	CANCELLED,
	CONFIRMED,
	EVENT_DOCTYPES,
	SEAT_STATUSES,
	WAITLISTED,
	derive_status,
	public_route,
	registration_filter,
	registration_refusal,
)
from slup_crm.fees import claims
from slup_crm.privacy.declaration import REDACTED
from slup_crm.utils import mail, tokens
from slup_crm.utils.retry import retry_on_lock_conflict

# Longest accepted value of each field a registrant fills in (checked as the public's input is,
# ``slup_crm.utils.validation.validate_public_fields``).
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

# Which status a staff member may set from which status (a new registration's is decided here).
ALLOWED_TRANSITIONS = {
	CONFIRMED: {CANCELLED, "Attended", "No-show"},
	WAITLISTED: {CONFIRMED, CANCELLED},
	"Attended": {CONFIRMED, "No-show"},
	"No-show": {CONFIRMED, "Attended"},
	CANCELLED: set(),
}
AFTER_START_STATUSES = ("Attended", "No-show")


# Special-category data -------------------------------------------------------------------

NEEDS = "Registration Needs"
NEEDS_FIELDS = ("dietary_needs", "accessibility_needs")


def keep_needs_apart(doc) -> None:
	"""The web form takes dietary and accessibility needs in two virtual fields of the registration;
	they are kept in a Registration Needs of their own, which only event organisers read (no filter
	on registrations, no version of one, no export of them can reach them), and never stored on
	the registration itself."""
	values = {field: doc.get(field) for field in NEEDS_FIELDS if doc.get(field)}
	for field in NEEDS_FIELDS:
		doc.set(field, None)
	if values:
		# The system keeps what the registrant wrote, on their behalf (guests hold no permissions).
		frappe.get_doc({"doctype": NEEDS, "registration": doc.name, **values}).insert(ignore_permissions=True)


def remove_needs(registration: str) -> None:
	"""A registration that goes takes its needs along (no copy in Deleted Document either)."""
	frappe.db.delete(NEEDS, {"registration": registration})


# Status changes by staff and their consequences for seats ----------------------------------


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
		event.check_seat_for_confirmation(*doc.event)
	if doc.status == CANCELLED:
		doc.cancelled_on = now_datetime()


def after_registration_change(doc) -> None:
	"""Tell the seats' owner (``event.py``) what changed: counts to store, a seat to hand on.

	A new registration needs nothing here: its admission stored the counts already.
	"""
	before = doc.get_doc_before_save()
	if before is None:
		return
	if before.status == doc.status and before.event == doc.event:
		return
	freed = before.status in SEAT_STATUSES and (doc.status not in SEAT_STATUSES or before.event != doc.event)
	event.seats_changed(doc.event, freed_seat_of=before.event if freed else None)


# Cancel links -----------------------------------------------------------------------------


def issue_cancel_token(doc) -> None:
	"""A new random token for the personal cancel link; only its hash is stored, the token goes
	into the e-mail about to be sent (and a link sent earlier stops working)."""
	token, doc.cancel_token = tokens.new_token()
	doc.flags.cancel_token = token


def cancel_url(registration: str, token: str) -> str:
	return get_url(f"/activities/cancel?registration={registration}&token={token}")


def invalid_cancel_link_message() -> str:
	return _("This cancel link is not valid. Please use the link in your e-mail.")


def registration_for_token(registration, token):
	"""The registration this cancel link belongs to, or a not-found error (same for every wrong link)."""
	stored = None
	if isinstance(registration, str) and len(registration) <= 140 and tokens.is_well_formed(token):
		stored = frappe.db.get_value("Activity Registration", registration, "cancel_token")
	if not tokens.token_matches(token, stored):
		frappe.throw(invalid_cancel_link_message(), frappe.DoesNotExistError)
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
@retry_on_lock_conflict
def cancel_by_token(registration: str | None = None, token: str | None = None) -> dict:
	"""Cancel one registration through its personal link, without login.

	The token is the permission: it is checked before anything else and works only for the
	registration it was issued for. A missing or malformed argument is a wrong link like any other.
	A lock conflict is retried on the server (the guest never gets a 5xx for it).
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

# The e-mails of a seat, which carry the event as an .ics attachment.
WITH_CALENDAR = ("confirmed", "promoted")
SUBJECTS = {
	"confirmed": lambda title: _("Your registration for {0} is confirmed").format(title),
	"waitlisted": lambda title: _("You are on the waiting list for {0}").format(title),
	"promoted": lambda title: _("A seat is free for you: {0}").format(title),
	"cancelled": lambda title: _("Your registration for {0} is cancelled").format(title),
	"already": lambda title: _("You are already registered for {0}").format(title),
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
	"""Place on the waiting list now: the waitlisted of the event who arrived before, plus one."""
	return frappe.db.count(
		"Activity Registration",
		{
			registration_filter(doc.event[0]): doc.event[1],
			"status": WAITLISTED,
			"arrival_no": ("<=", doc.arrival_no),
		},
	)


def send_registration_email(doc, kind: str) -> None:
	"""Tell the registrant what happened, once the request has committed (the seat decision's
	lock is released by then; in a web request a background job composes the e-mail). An e-mail
	with a cancel link carries a fresh token."""
	token = None
	if kind != "cancelled":
		token = doc.flags.cancel_token
		if not token:
			issue_cancel_token(doc)
			token = doc.flags.cancel_token
			doc.db_set("cancel_token", doc.cancel_token, update_modified=False)
	mail.send_after_commit(
		"slup_crm.activities.registration.compose_registration_email",
		_("registration {0}").format(doc.name),
		{
			"name": doc.name,
			"event_doctype": doc.event[0],
			"event_name": doc.event[1],
			"kind": kind,
			"token": token,
		},
		recipients=[doc.email],
		reference_doctype=doc.doctype,
		reference_name=doc.name,
	)


def remind_registrant(name: str) -> None:
	"""Someone registered again with the address of an existing registration: e-mail that address
	its registration, with a fresh cancel link (a link sent earlier stops working). The person at
	the form is told what a newcomer would be (``slup_crm.utils.web_form``), so nobody learns there
	who is registered."""
	send_registration_email(frappe.get_doc("Activity Registration", name), "already")


def compose_registration_email(
	name: str,
	event_doctype: str,
	event_name: str,
	kind: str,
	token: str | None,
	email: str | None = None,
) -> dict | None:
	"""The e-mail of ``send_registration_email`` (``mail.send``'s arguments), composed after the
	commit, to the registrant's address as it is then (staff may have corrected it); None when the
	registration is gone by then (deleted, or erased: its names are redacted). ``token`` is the
	plain cancel-link token (only its hash is stored), None for an e-mail without a link. ``email``
	(the address when the e-mail was owed) is passed only by jobs of earlier versions."""
	registration = frappe.db.get_value(
		"Activity Registration", name, ["name", "email", "last_name"], as_dict=True
	)
	if not registration or registration.last_name == REDACTED or not registration.email:
		return None
	registration = frappe.get_doc("Activity Registration", name)
	values = frappe.db.get_value(
		event_doctype, event_name, ["title", "start_date", "end_date", "price", "currency"], as_dict=True
	)
	message = frappe.render_template(
		"slup_crm/templates/emails/activity_registration.html",
		{
			"kind": kind,
			"doc": registration,
			"event": values,
			"event_url": get_url(public_route(event_doctype, event_name)),
			"cancel_url": cancel_url(name, token) if token else None,
			"position": waitlist_position(registration) if registration.status == WAITLISTED else None,
			"payment": claims.answer_for_registration(registration),
		},
	)
	return {
		"recipients": [registration.email],
		"subject": SUBJECTS[kind](values.title),
		"message": message,
		"reference_doctype": "Activity Registration",
		"reference_name": name,
		# A seat: the event for the registrant's calendar.
		"attachments": calendar.attachment(event_doctype, event_name) if kind in WITH_CALENDAR else None,
	}


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
	mail.send(recipients, subject.strip(), message, event_doctype, event_name)
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
			public_route(event_doctype, event.name) if event else "/activities"
		)
		raise frappe.Redirect
	for field in context.web_form_doc.web_form_fields:
		if field.fieldname == fieldname:
			field.update({"fieldtype": "Data", "options": None, "read_only": 1, "hidden": 1})
	context.introduction_text = frappe.render_template(
		"slup_crm/templates/includes/activity_summary.html", {"event": event}
	)
