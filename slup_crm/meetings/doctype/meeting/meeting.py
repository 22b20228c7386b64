# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, get_datetime, getdate

from slup_crm.development import policy_exchange
from slup_crm.meetings import action_items
from slup_crm.utils.validation import trim_text_fields

# Months between two meetings when the next one is created without a date (four a year).
MONTHS_BETWEEN_MEETINGS = 3


class Meeting(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from slup_crm.meetings.doctype.meeting_action_item.meeting_action_item import MeetingActionItem
		from slup_crm.meetings.doctype.meeting_attendee.meeting_attendee import MeetingAttendee
		from slup_crm.meetings.doctype.meeting_decision.meeting_decision import MeetingDecision

		action_items: DF.Table[MeetingActionItem]
		agenda: DF.TextEditor | None
		attendees: DF.Table[MeetingAttendee]
		decisions: DF.Table[MeetingDecision]
		end_time: DF.Time | None
		group: DF.Literal["Development group", "Working group", "Policy exchange", "Annual meeting", "Other"]
		is_public: DF.Check
		meeting_date: DF.Date
		minutes: DF.TextEditor | None
		minutes_sent_on: DF.Datetime | None
		place: DF.Data | None
		previous_meeting: DF.Link | None
		project: DF.Link | None
		report_deadline: DF.Datetime | None
		start_time: DF.Time | None
		status: DF.Literal["Planned", "Held", "Cancelled"]
		title: DF.Data | None
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		self.set_title()
		self.validate_times()
		self.validate_report_deadline()
		self.invite_policy_exchange()
		self.validate_attendees()
		action_items.set_responsible_users(self)
		action_items.validate_action_items(self)

	def on_update(self):
		action_items.sync_todos(self)

	def set_title(self):
		if not self.title:
			self.title = f"{_(self.group)} {getdate(self.meeting_date)}"

	def validate_times(self):
		if (
			self.start_time
			and self.end_time
			and get_datetime(f"2000-01-01 {self.end_time}") <= get_datetime(f"2000-01-01 {self.start_time}")
		):
			frappe.throw(_("The meeting must end after it starts."))

	def validate_report_deadline(self):
		if self.report_deadline and get_datetime(self.report_deadline) > self.starts_at:
			frappe.throw(_("The deadline for members' reports must be before the meeting starts."))

	@property
	def starts_at(self):
		return get_datetime(f"{getdate(self.meeting_date)} {self.start_time or '00:00:00'}")

	def invite_policy_exchange(self):
		"""A new meeting of the policy exchange, made without attendees, invites its members' contacts."""
		if self.is_new() and self.group == policy_exchange.MEETING_GROUP and not self.attendees:
			for row in policy_exchange.invitees():
				self.append("attendees", row)

	def validate_attendees(self):
		seen = set()
		for row in self.attendees:
			if row.contact in seen:
				frappe.throw(_("{0} is on the attendee list twice.").format(row.full_name or row.contact))
			seen.add(row.contact)
			if not row.organisation:
				row.organisation = only_organisation_of(row.contact)


def only_organisation_of(contact: str) -> str | None:
	"""The organisation a contact is linked to, when there is exactly one."""
	links = frappe.get_all(
		"Dynamic Link",
		filters={"parenttype": "Contact", "parent": contact, "link_doctype": "Organisation"},
		pluck="link_name",
	)
	return links[0] if len(set(links)) == 1 else None


@frappe.whitelist(methods=["POST"])
def create_next_meeting(meeting: str, meeting_date: str | None = None) -> str:
	"""Create the next meeting of the same group from ``meeting`` in one action.

	The new meeting gets the same group, place, times and attendee list (everyone invited
	again) and the open action items, which move over with their ToDos; on the old meeting
	they are marked Carried Over. Without a date it is three months later. Returns its name.
	"""
	frappe.has_permission("Meeting", "write", meeting, throw=True)
	frappe.has_permission("Meeting", "create", throw=True)
	source = frappe.get_doc("Meeting", meeting)
	existing = frappe.db.get_value("Meeting", {"previous_meeting": source.name}, "name")
	if existing:
		frappe.throw(
			_("The next meeting after {0} has already been created: {1}.").format(source.title, existing),
			frappe.DuplicateEntryError,
		)
	next_date = (
		getdate(meeting_date) if meeting_date else add_months(source.meeting_date, MONTHS_BETWEEN_MEETINGS)
	)
	if next_date <= getdate(source.meeting_date):
		frappe.throw(
			_("The next meeting must be after {0}.").format(frappe.format(source.meeting_date, "Date"))
		)
	target = frappe.get_doc(
		{
			"doctype": "Meeting",
			"group": source.group,
			"meeting_date": next_date,
			"start_time": source.start_time,
			"end_time": source.end_time,
			"place": source.place,
			"previous_meeting": source.name,
			"status": "Planned",
			"attendees": [
				{"contact": row.contact, "organisation": row.organisation, "attendance": "Invited"}
				for row in source.attendees
			],
		}
	)
	action_items.carry_over(source, target)
	target.insert()
	action_items.mark_carried_over(source)
	source.save()
	return target.name
