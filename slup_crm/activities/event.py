"""What trips and trainings share: dates, price, seats and a status the server derives.

``ActivityEvent`` is the base class of the Trip and Training controllers; they override its
hooks and call ``super()``. The seat counts and the status are never typed by anyone: they are
computed from the registrations, the dates, publication and cancellation.

This module is the one owner of seats: who gets one (``admit``, under the event's row lock),
who is promoted from the waiting list (``fill_seats_from_waitlist``), and the stored counts
(``admit`` sets them from the count it made under the lock; ``seats_changed`` after a staff
change, a cancellation, a move or a deletion; ``refresh_all_event_statuses`` every day as the
dates move on). ``registration.py`` calls it and is never called back.

One lock order for every change of who holds a seat: the event's row first (``lock_event``,
``lock_events``), then its registrations. A new registration locks its event before Frappe
names it (``before_insert``: naming locks the series' row, which a deletion takes too), a saved
one before Frappe locks the registration's own row (``ActivityRegistration.check_if_latest``), a
deleted one before Frappe's ``delete_doc`` does (``slup_crm.activities.deletion``); the counts are
refreshed under the event's lock. So two
requests on one event wait for each other instead of deadlocking. A freed seat always goes to
the first on the waiting list, and admission hands free seats to those waiting before it seats a
newcomer.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Count, Max
from frappe.utils import format_date, getdate

from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils import mail
from slup_crm.utils.validation import trim_text_fields

EVENT_DOCTYPES = ("Trip", "Training")
# Registration statuses that hold a seat (a no-show was confirmed and kept the seat).
SEAT_STATUSES = ("Confirmed", "Attended", "No-show")
WAITLISTED = "Waitlisted"
CONFIRMED = "Confirmed"
CANCELLED = "Cancelled"
# Statuses in which an event takes registrations (when full, onto the waiting list).
REGISTRATION_STATUSES = ("Open", "Full")


class ActivityEvent(Document):
	"""Common controller of Trip and Training. Subclasses call super() in the hooks they override
	(their own steps first where the common ones need them, e.g. a training's dates)."""

	def validate(self):
		trim_text_fields(self)
		self.set_currency()
		self.validate_dates()
		self.validate_registration_window()
		self.set_seat_counts()
		self.status = derive_status(self)
		self.warn_without_outgoing_email()

	def on_update(self):
		if self.has_value_changed("seats") or self.has_value_changed("cancelled"):
			fill_seats_from_waitlist(self.doctype, self.name)

	def warn_without_outgoing_email(self):
		"""Publishing works without an outgoing e-mail account, but staff should know that the
		registrants' e-mails will wait for one."""
		if self.published and self.has_value_changed("published") and not mail.outgoing_account_ready():
			frappe.msgprint(
				_(
					"No outgoing e-mail account is set up: registrants get no confirmation e-mail until an administrator adds one (Email Account, default outgoing)."
				),
				title=_("E-mails Will Wait"),
				indicator="orange",
			)

	def set_currency(self):
		if not self.currency:
			self.currency = get_settings().currency

	def validate_dates(self):
		if self.start_date and self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("The end date cannot be before the start date."))

	def validate_registration_window(self):
		deadline = getdate(self.registration_deadline) if self.registration_deadline else None
		if deadline and self.start_date and deadline > getdate(self.start_date):
			frappe.throw(_("The registration deadline cannot be after the start date."))
		if self.registration_opens and deadline and getdate(self.registration_opens) > deadline:
			frappe.throw(_("Registration cannot open after the registration deadline."))

	def set_seat_counts(self):
		counts = {"seats_taken": 0, "waitlisted": 0}
		if not self.is_new():
			counts = count_registrations(self.doctype, self.name)
		self.seats_taken = counts["seats_taken"]
		self.waitlisted = counts["waitlisted"]
		self.seats_left = max((self.seats or 0) - self.seats_taken, 0)


def public_route(event_doctype: str, event_name: str) -> str:
	"""The event's public page: /activities/trip/TRIP-00001 (``website_route_rules`` in hooks.py)."""
	return f"/activities/{frappe.scrub(event_doctype)}/{event_name}"


def derive_status(event) -> str:
	"""The status that follows from publication, cancellation, dates and seats."""
	today = getdate()
	if event.get("cancelled"):
		return "Cancelled"
	if event.get("end_date") and getdate(event.end_date) < today:
		return "Completed"
	if not event.get("published"):
		return "Draft"
	if event.get("registration_opens") and getdate(event.registration_opens) > today:
		return "Draft"
	if (event.get("registration_deadline") and getdate(event.registration_deadline) < today) or (
		event.get("start_date") and getdate(event.start_date) <= today
	):
		return "Closed"
	if (event.get("seats_left") or 0) <= 0:
		return "Full"
	return "Open"


def registration_filter(event_doctype: str) -> str:
	"""The field of Activity Registration that links to this kind of event."""
	if event_doctype not in EVENT_DOCTYPES:
		frappe.throw(_("{0} is not a trip or a training.").format(event_doctype))
	return frappe.scrub(event_doctype)


def count_registrations(event_doctype: str, event_name: str, for_update: bool = False) -> dict:
	"""Seats taken and waiting-list length of one event.

	With ``for_update`` the count is a locking read: it sees registrations committed by other
	requests since this transaction began (a plain read would see the transaction's snapshot).
	"""
	registration = frappe.qb.DocType("Activity Registration")
	link = registration[registration_filter(event_doctype)]
	query = (
		frappe.qb.from_(registration)
		.select(registration.status, Count("*").as_("count"), Max(registration.arrival_no).as_("last"))
		.where(link == event_name)
		.groupby(registration.status)
	)
	if for_update:
		query = query.for_update()
	rows = query.run(as_dict=True)
	by_status = {row.status: row.count for row in rows}
	return {
		"seats_taken": sum(by_status.get(status, 0) for status in SEAT_STATUSES),
		"waitlisted": by_status.get(WAITLISTED, 0),
		"last_arrival_no": max((row.last or 0 for row in rows), default=0),
	}


# What an event's status and seats are derived from.
STATUS_FIELDS = [
	"name",
	"seats",
	"published",
	"cancelled",
	"start_date",
	"end_date",
	"registration_opens",
	"registration_deadline",
]
# What the locking read of an event returns: its title, what its seats and status are derived from,
# and the terms of its fee (``slup_crm.fees.claims``: a seat's claim is made from the same read).
LOCKED_FIELDS = ["title", *STATUS_FIELDS, "price", "currency", "payment_days", "full_refund_until"]


def lock_event(event_doctype: str, event_name: str) -> frappe._dict:
	"""Lock the event's row until the request ends (SELECT ... FOR UPDATE) and return its fields.

	Every change of who holds a seat takes this lock first, so concurrent requests on other
	workers wait here and then count the registrations the previous one committed.
	"""
	table = frappe.qb.DocType(event_doctype)
	# One locking read by the primary key (the query builder: no field parsing, on a path every
	# registrant of the event waits for).
	rows = (
		frappe.qb.from_(table)
		.select(*(table[field] for field in LOCKED_FIELDS))
		.where(table.name == event_name)
		.for_update()
		.run(as_dict=True)
	)
	event = rows[0] if rows else None
	if not event:
		frappe.throw(
			_("{0} {1} does not exist.").format(_(event_doctype), event_name), frappe.DoesNotExistError
		)
	event.doctype = event_doctype
	return event


def lock_events(events) -> None:
	"""Lock several events' rows (``(doctype, name)`` pairs; repeats and missing names ignored) in
	one fixed order, so that two requests locking the same pair of events cannot deadlock."""
	for event_doctype, event_name in sorted({e for e in events if e and e[1]}):
		frappe.db.get_value(event_doctype, event_name, "name", for_update=True)


def refresh_event(event_doctype: str, event_name: str) -> None:
	"""Store the event's seat counts and status as they are now (after a registration changed),
	under the event's lock (taken first: the count then locks its registrations)."""
	event = frappe.db.get_value(event_doctype, event_name, STATUS_FIELDS, as_dict=True, for_update=True)
	if not event:
		return
	store_counts(event, count_registrations(event_doctype, event_name, for_update=True), event_doctype)


def store_counts(event, counts: dict, event_doctype: str | None = None) -> None:
	"""Write seats taken, seats left, waiting-list length and the status that follows onto the event."""
	event.seats_taken, event.waitlisted = counts["seats_taken"], counts["waitlisted"]
	event.seats_left = max((event.seats or 0) - event.seats_taken, 0)
	values = {
		"seats_taken": event.seats_taken,
		"waitlisted": event.waitlisted,
		"seats_left": event.seats_left,
		"status": derive_status(event),
	}
	frappe.db.set_value(event_doctype or event.doctype, event.name, values, update_modified=False)


def refresh_all_event_statuses() -> None:
	"""Daily: dates move on, so open events close and past events complete (each under its lock,
	taken before its registrations', like every other change of seats)."""
	for doctype in EVENT_DOCTYPES:
		for name in frappe.get_all(doctype, {"status": ("not in", ("Completed", "Cancelled"))}, pluck="name"):
			refresh_event(doctype, name)


def get_public_events() -> list[frappe._dict]:
	"""Published trips and trainings that take registrations today, soonest first.

	The status is derived again here, so an event whose deadline passed this morning is not
	listed even before the daily job stored its new status.
	"""
	events = []
	for doctype in EVENT_DOCTYPES:
		rows = frappe.get_all(
			doctype,
			filters={"published": 1, "cancelled": 0, "start_date": (">", getdate())},
			fields=[
				"name",
				"title",
				"start_date",
				"end_date",
				"price",
				"currency",
				"seats_left",
				"published",
				"cancelled",
				"registration_opens",
				"registration_deadline",
			],
		)
		for row in rows:
			row.status = derive_status(row)
			if row.status not in REGISTRATION_STATUSES:
				continue
			row.doctype = doctype
			row.route = public_route(doctype, row.name)
			events.append(row)
	return sorted(events, key=lambda e: (getdate(e.start_date), e.title))


# Seats: admission, the waiting list and the stored counts ------------------------------------


def registration_refusal(event) -> str | None:
	"""Why ``event`` takes no registrations now, as a message for the public; None when it does.

	An event the public cannot see (a draft, a cancelled one) is not named: its title is not the
	public's to learn."""
	status = derive_status(event)
	title = event.get("title") or event.get("name")
	if not event.get("published"):
		return _("This trip or training is not open for registration.")
	if status == "Cancelled":
		return _("This trip or training has been cancelled.")
	if status == "Completed" or (event.get("start_date") and getdate(event.start_date) <= getdate()):
		return _("{0} has already taken place.").format(title)
	if event.get("registration_opens") and getdate(event.registration_opens) > getdate():
		return _("Registration for {0} opens on {1}.").format(title, format_date(event.registration_opens))
	if status == "Closed":
		return _("Registration for {0} closed on {1}.").format(
			title, format_date(event.registration_deadline)
		)
	return None


def admit(registration) -> None:
	"""Give a new (or moved) registration its place: a seat while seats are left, else the waiting
	list; and store the event's new counts.

	The one decision about a seat. It runs under the event's row lock (held until the request
	commits), so concurrent registrations are served one after another in the order they reach
	the lock, which is the order of arrival. The caller does everything else before (validation)
	or after the commit (e-mail), so that the lock is held as briefly as the decision needs.
	"""
	# A new registration locked its event before it was named (and read it then, under the lock).
	event = registration.flags.get("locked_event") or lock_event(*registration.event)
	refusal = registration_refusal(event)
	if refusal:
		frappe.throw(refusal, title=_("Registration Closed"))
	check_no_active_duplicate(registration, event)
	counts = seat_free_seats_for_the_waiting(event)
	before = registration.get_doc_before_save()
	wants_seat = registration.is_new() or (before and before.status in SEAT_STATUSES)
	if wants_seat and counts["seats_taken"] < (event.seats or 0):
		registration.status = CONFIRMED
		counts["seats_taken"] += 1
	else:
		registration.status = WAITLISTED
		counts["waitlisted"] += 1
		# The last to arrive is last on the list; the web form's answer tells the registrant.
		registration.set_onload("waitlist_position", counts["waitlisted"])
	registration.arrival_no = counts["last_arrival_no"] + 1
	store_counts(event, counts)


def seat_free_seats_for_the_waiting(event) -> dict:
	"""The event's counts for an admission, after any seat that is free while people wait went to
	them (a seat freed by a path that could not promote, e.g. seats added while the event was
	full): a newcomer never takes a seat ahead of the waiting list."""
	counts = count_registrations(event.doctype, event.name, for_update=True)
	if counts["waitlisted"] and counts["seats_taken"] < (event.seats or 0):
		if fill_seats_from_waitlist(event.doctype, event.name):
			counts = count_registrations(event.doctype, event.name, for_update=True)
	return counts


class AlreadyRegistered(frappe.DuplicateEntryError):
	"""The address already has an active registration for the event (``registration``).

	Staff see the message; the public registration form never does (``slup_crm.utils.web_form``
	answers as for a new registration and e-mails the address its existing one)."""

	def __init__(self, message: str, registration: str):
		super().__init__(message)
		self.registration = registration


def check_no_active_duplicate(registration, event) -> None:
	"""One active registration per e-mail address and event (a locking read: it sees what
	concurrent requests committed while this one waited for the event's lock)."""
	table = frappe.qb.DocType("Activity Registration")
	query = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table[registration_filter(event.doctype)] == event.name)
		.where(table.email == registration.email)
		.where(table.status != CANCELLED)
		.limit(1)
		.for_update()
	)
	if not registration.is_new():
		query = query.where(table.name != registration.name)
	existing = query.run(pluck=True)
	if existing:
		message = _("{0} is already registered for {1} ({2}).").format(
			registration.email, event.title, existing[0]
		)
		frappe.msgprint(message, title=_("Already Registered"), indicator="red")
		raise AlreadyRegistered(message, existing[0])


def place_for_a_newcomer(event_doctype: str, event_name: str) -> dict:
	"""What a new registration would be told now: a seat, or its place on the waiting list."""
	event = frappe.db.get_value(event_doctype, event_name, ["seats"], as_dict=True)
	counts = count_registrations(event_doctype, event_name)
	if counts["seats_taken"] < (event.seats or 0):
		return {"status": CONFIRMED, "waitlist_position": None}
	return {"status": WAITLISTED, "waitlist_position": counts["waitlisted"] + 1}


def check_seat_for_confirmation(event_doctype: str, event_name: str) -> None:
	"""A staff member confirms someone from the waiting list: only into a free seat."""
	event = lock_event(event_doctype, event_name)
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
	# Locking reads: they see what requests that held the lock before committed (a plain read would
	# see this transaction's older snapshot, taken before it waited for the lock).
	table = frappe.qb.DocType("Activity Registration")
	names = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table[registration_filter(event_doctype)] == event_name)
		.where(table.status == WAITLISTED)
		.orderby(table.arrival_no)
		.limit(free)
		.for_update()
		.run(pluck=True)
	)
	for name in names:
		registration = frappe.get_doc("Activity Registration", name, for_update=True)
		registration.status = CONFIRMED
		# The system promotes on the registrant's behalf (a guest may have cancelled the seat).
		registration.save(ignore_permissions=True)
	return names


def seats_changed(event: tuple[str, str], freed_seat_of: tuple[str, str] | None = None) -> None:
	"""After a registration changed status, moved or was deleted: store the counts of ``event``
	and, when a seat was freed (``freed_seat_of``), hand it to that event's waiting list."""
	refresh_event(*event)
	if freed_seat_of:
		if freed_seat_of != event:
			refresh_event(*freed_seat_of)
		# Each promotion saves its registration, which stores the counts again.
		fill_seats_from_waitlist(*freed_seat_of)
