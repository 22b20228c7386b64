# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from slup_crm.activities.event import SEAT_STATUSES, ActivityEvent


class Training(ActivityEvent):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from slup_crm.activities.doctype.training_session.training_session import TrainingSession

		audience: DF.SmallText | None
		cancelled: DF.Check
		completion_share: DF.Percent
		currency: DF.Link | None
		description: DF.TextEditor | None
		end_date: DF.Date | None
		full_refund_until: DF.Date | None
		legal_hold: DF.Check
		payment_days: DF.Int
		price: DF.Currency
		project: DF.Link | None
		published: DF.Check
		registration_deadline: DF.Date
		registration_opens: DF.Date | None
		seats: DF.Int
		seats_left: DF.Int
		seats_taken: DF.Int
		sessions: DF.Table[TrainingSession]
		start_date: DF.Date | None
		status: DF.Literal["Draft", "Open", "Full", "Closed", "Completed", "Cancelled"]
		title: DF.Data
		waitlisted: DF.Int
	# end: auto-generated types

	def validate(self):
		self.validate_sessions()
		self.set_dates_from_sessions()
		self.validate_completion_share()
		super().validate()  # the common steps need the dates set from the sessions

	def on_update(self):
		super().on_update()
		if (
			self.has_value_changed("start_date")
			or self.has_value_changed("end_date")
			or self.sessions_changed()
		):
			self.refresh_attendance()

	def validate_sessions(self):
		if not self.sessions:
			frappe.throw(_("A training needs at least one session."), frappe.MandatoryError)
		for session in self.sessions:
			if session.start_time and session.end_time and session.end_time <= session.start_time:
				frappe.throw(_("Row {0}: a session must end after it starts.").format(session.idx))
		self.sessions.sort(key=lambda s: (getdate(s.session_date), str(s.start_time or "")))
		for idx, session in enumerate(self.sessions, start=1):
			session.idx = idx

	def set_dates_from_sessions(self):
		self.start_date = self.sessions[0].session_date
		self.end_date = self.sessions[-1].session_date

	def validate_completion_share(self):
		if not (0 < (self.completion_share or 0) <= 100):
			frappe.throw(_("The share of sessions to complete must be more than 0 and at most 100 percent."))

	def sessions_changed(self) -> bool:
		before = self.get_doc_before_save()
		return bool(before) and [s.name for s in before.sessions] != [s.name for s in self.sessions]

	def refresh_attendance(self):
		"""Registrations follow the sessions: rows for new sessions, completion on the new count."""
		for name in frappe.get_all(
			"Activity Registration", {"training": self.name, "status": ("in", SEAT_STATUSES)}, pluck="name"
		):
			frappe.get_doc("Activity Registration", name).save()
