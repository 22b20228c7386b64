"""What trips and trainings share: dates, price, seats and a status the server derives.

``ActivityEvent`` is the base class of the Trip and Training controllers. The seat counts
and the status are never typed by anyone: they are computed from the registrations, the
dates, publication and cancellation (``refresh_event`` after every change of a
registration, ``refresh_all_event_statuses`` every day as the dates move on).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Count
from frappe.utils import getdate

from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils.validation import trim_text_fields

EVENT_DOCTYPES = ("Trip", "Training")
# Registration statuses that hold a seat (a no-show was confirmed and kept the seat).
SEAT_STATUSES = ("Confirmed", "Attended", "No-show")
WAITLISTED = "Waitlisted"
# Statuses in which an event takes registrations (when full, onto the waiting list).
REGISTRATION_STATUSES = ("Open", "Full")


class ActivityEvent(Document):
	"""Common controller of Trip and Training."""

	def validate_event(self):
		"""The steps every event validates; the doctype's own validate() calls this."""
		trim_text_fields(self)
		self.set_currency()
		self.validate_dates()
		self.validate_registration_window()
		self.set_seat_counts()
		self.status = derive_status(self)

	def on_update(self):
		if self.has_value_changed("seats") or self.has_value_changed("cancelled"):
			from slup_crm.activities.registration import fill_seats_from_waitlist

			fill_seats_from_waitlist(self.doctype, self.name)

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

	@property
	def public_route(self) -> str:
		return f"/activities/{frappe.scrub(self.doctype)}/{self.name}"


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
		.select(registration.status, Count("*").as_("count"))
		.where(link == event_name)
		.groupby(registration.status)
	)
	if for_update:
		query = query.for_update()
	by_status = {row.status: row.count for row in query.run(as_dict=True)}
	return {
		"seats_taken": sum(by_status.get(status, 0) for status in SEAT_STATUSES),
		"waitlisted": by_status.get(WAITLISTED, 0),
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


def lock_event(event_doctype: str, event_name: str) -> frappe._dict:
	"""Lock the event's row until the request ends (SELECT ... FOR UPDATE) and return its fields.

	Every change of who holds a seat takes this lock first, so concurrent requests on other
	workers wait here and then count the registrations the previous one committed.
	"""
	event = frappe.db.get_value(
		event_doctype, event_name, ["title", *STATUS_FIELDS], as_dict=True, for_update=True
	)
	if not event:
		frappe.throw(
			_("{0} {1} does not exist.").format(_(event_doctype), event_name), frappe.DoesNotExistError
		)
	event.doctype = event_doctype
	return event


def refresh_event(event_doctype: str, event_name: str) -> None:
	"""Store the event's seat counts and status as they are now (after a registration changed)."""
	event = frappe.db.get_value(event_doctype, event_name, STATUS_FIELDS, as_dict=True)
	if not event:
		return
	counts = count_registrations(event_doctype, event_name, for_update=True)
	event.update(counts)
	event.seats_left = max((event.seats or 0) - counts["seats_taken"], 0)
	values = {**counts, "seats_left": event.seats_left, "status": derive_status(event)}
	frappe.db.set_value(event_doctype, event_name, values, update_modified=False)


def refresh_all_event_statuses() -> None:
	"""Daily: dates move on, so open events close and past events complete."""
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
			row.route = f"/activities/{frappe.scrub(doctype)}/{row.name}"
			events.append(row)
	return sorted(events, key=lambda e: (getdate(e.start_date), e.title))
