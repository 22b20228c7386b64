# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, now_datetime

from slup_crm.activities import event, registration
from slup_crm.activities.event import SEAT_STATUSES
from slup_crm.fees import claims
from slup_crm.privacy.doctype.privacy_notice.privacy_notice import current_notice_name
from slup_crm.utils.validation import (
	trim_text_fields,
	validate_email,
	validate_phone,
	validate_public_fields,
)


class ActivityRegistration(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from slup_crm.activities.doctype.registration_attendance.registration_attendance import (
			RegistrationAttendance,
		)

		accessibility_needs: DF.SmallText | None
		anonymised_on: DF.Datetime | None
		arrival_no: DF.Int
		attendance: DF.Table[RegistrationAttendance]
		cancel_token: DF.Data | None
		cancelled_on: DF.Datetime | None
		comments: DF.SmallText | None
		completed: DF.Check
		consent: DF.Check
		consent_given_on: DF.Datetime | None
		dietary_needs: DF.SmallText | None
		email: DF.Data
		event_title: DF.Data | None
		first_name: DF.Data
		full_name: DF.Data | None
		job_title: DF.Data | None
		last_name: DF.Data
		organisation: DF.Link | None
		organisation_name: DF.Data | None
		phone: DF.Data | None
		privacy_notice: DF.Link | None
		sessions_attended: DF.Int
		status: DF.Literal["Confirmed", "Waitlisted", "Cancelled", "Attended", "No-show"]
		training: DF.Link | None
		trip: DF.Link | None
	# end: auto-generated types

	@property
	def event(self) -> tuple[str, str]:
		"""(doctype, name) of the trip or training this registration is for."""
		return ("Trip", self.trip) if self.trip else ("Training", self.training)

	def check_if_latest(self):
		"""Frappe locks the stored row here (``load_doc_before_save``, SELECT ... FOR UPDATE): lock the
		event(s) first, the stored one and the one it is for now, as every change of seats does
		(``slup_crm.activities.event``: the event, then its registrations)."""
		if not self.is_new():
			event.lock_events([self.stored_event(), self.event])
		super().check_if_latest()

	def stored_event(self) -> tuple[str, str] | None:
		"""(doctype, name) of the event this registration is stored with, None when it is not stored."""
		stored = frappe.db.get_value(self.doctype, self.name, ["trip", "training"], as_dict=True)
		if not stored:
			return None
		return ("Trip", stored.trip) if stored.trip else ("Training", stored.training)

	def before_insert(self):
		"""A new registration is checked and completed before it takes its event's lock, so that the
		lock (held until the request commits, and waited for by everyone registering for the event
		at the same moment) covers only the seat decision and the writes."""
		self.check_and_complete()
		self.record_consent()
		registration.issue_cancel_token(self)
		# Frappe keeps a version of a new document only when an import made it (``updater_reference``):
		# say so before it builds one to find out, while the event is locked.
		self.flags.ignore_version = self.flags.ignore_version or not self.flags.updater_reference
		# The event's lock last, before Frappe names the registration right after this hook (a
		# locking read of the naming series' row, which deleting a registration takes too). The
		# event's fields read with it serve the seat decision (``event.admit``).
		self.flags.locked_event = event.lock_event(*self.event)
		self.event_title = self.flags.locked_event.title

	def validate(self):
		if not self.flags.pop("checked_before_lock", False):
			self.check_and_complete()
		self.place_registration()
		self.sync_attendance()
		self.set_completion()

	def check_and_complete(self):
		"""Every check and derived field that needs no seat (``validate`` runs it on saves; a new
		registration runs it in ``before_insert``, before its event's lock)."""
		trim_text_fields(self)
		validate_public_fields(self, registration.MAX_LENGTHS)
		self.validate_one_event()
		validate_email(self)
		validate_phone(self)
		self.validate_consent()
		self.set_full_name()
		self.link_organisation()
		if not self.is_new():  # a new registration reads its event's title with the event's lock
			self.set_event_title()
		self.validate_required()
		self.flags.checked_before_lock = self.is_new()

	def record_consent(self):
		"""The version of the privacy notice the registrant agreed to (consent itself is checked by
		``validate_consent``)."""
		self.privacy_notice = current_notice_name()

	def after_insert(self):
		registration.keep_needs_apart(self)

	def on_update(self):
		registration.after_registration_change(self)
		# A seat owes its event's fee; a cancellation follows the event's refund rules. Seats are
		# decided before this and never changed by it.
		claims.after_registration_saved(self)
		# The event's locking read of this insert served its seat and its claim, and nothing after.
		self.flags.pop("locked_event", None)
		kind = registration.email_kind(self)
		if kind:
			registration.send_registration_email(self, kind)

	def on_trash(self):
		# Frappe locked this row already; the desk's ways to delete lock the event before it
		# (slup_crm.activities.deletion), and this takes it for every other way.
		event.lock_events([self.event])
		self.flags.freed_seat = self.status in SEAT_STATUSES
		registration.remove_needs(self.name)
		claims.remove_claims_of(self)

	def after_delete(self):
		"""A deleted registration that held a seat frees it for the first on the waiting list."""
		event.seats_changed(self.event, freed_seat_of=self.event if self.flags.freed_seat else None)

	def validate_required(self):
		"""Frappe checks mandatory fields after ``validate``; a registration checks them before its
		place is decided, so that a form without a name is refused the same way whoever's address
		it carries."""
		self._validate_mandatory()

	def validate_one_event(self):
		if bool(self.trip) == bool(self.training):
			frappe.throw(_("A registration is for one trip or one training."), frappe.MandatoryError)

	def validate_consent(self):
		# Only a ticked box is consent: Frappe stores any other value of a Check field as 0.
		if self.consent not in (1, True, "1"):
			frappe.throw(
				_("Please give your consent to the processing of your personal data."),
				frappe.MandatoryError,
				title=_("Consent Required"),
			)
		self.consent = 1
		if not self.consent_given_on:
			self.consent_given_on = now_datetime()

	def set_full_name(self):
		self.full_name = " ".join(filter(None, (self.first_name, self.last_name)))

	def link_organisation(self):
		if self.organisation_name and not self.organisation:
			self.organisation = frappe.db.get_value(
				"Organisation", {"organisation_name": self.organisation_name}, "name"
			)

	def set_event_title(self):
		self.event_title = frappe.db.get_value(*self.event, "title")

	def place_registration(self):
		"""A new or moved registration gets a seat or a place on the waiting list (the event module
		decides, under the event's lock: every other step of validate runs before this one); other
		registrations change status by the rules."""
		before = self.get_doc_before_save()
		if self.is_new() or before.event != self.event:
			event.admit(self)
		else:
			registration.validate_status_change(self, before)

	def sync_attendance(self):
		"""One attendance row per session of the training, for those who hold a seat."""
		if not self.training or self.status not in SEAT_STATUSES:
			self.attendance = []
			return
		sessions = frappe.get_all(
			"Training Session",
			filters={"parent": self.training, "parenttype": "Training"},
			fields=["name", "session_date", "topic"],
			order_by="session_date asc, idx asc",
		)
		attended = {row.session for row in self.attendance if row.attended}
		self.attendance = []
		for session in sessions:
			self.append(
				"attendance",
				{
					"session": session.name,
					"session_date": session.session_date,
					"topic": session.topic,
					"attended": session.name in attended,
				},
			)

	def set_completion(self):
		"""Completed: attended at least the training's configured share of its sessions."""
		self.sessions_attended = sum(1 for row in self.attendance if row.attended)
		if not self.training or not self.attendance:
			self.completed = 0
			return
		share = flt(frappe.db.get_value("Training", self.training, "completion_share"))
		self.completed = int(self.sessions_attended * 100 >= share * len(self.attendance))


def on_doctype_update():
	"""Registrations are looked up by e-mail (outreach counts) and counted by when they came in (the
	dashboard's last 30 days and registrations per month read a range of `creation`, which this index
	covers). Frappe v15 indexes a `creation` sort field only when it alters a table, never when it
	creates one, so the index is made here (under the name Frappe would give it)."""
	frappe.db.add_index("Activity Registration", ["email"])
	frappe.db.add_index("Activity Registration", ["creation"], index_name="creation")
