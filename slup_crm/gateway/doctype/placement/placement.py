# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import calendar

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, formatdate, get_last_day, getdate

from slup_crm.gateway.compensation import HOST_TYPES, first_of_month, host_title, is_month_paid

DEFAULT_DAILY_RATE = 150


class Placement(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from slup_crm.gateway.doctype.placement_attendance.placement_attendance import PlacementAttendance

		attendance: DF.Table[PlacementAttendance]
		currency: DF.Link | None
		daily_rate: DF.Currency
		end_date: DF.Date | None
		host: DF.DynamicLink
		host_name: DF.Data | None
		host_type: DF.Literal["Organisation", "Social Enterprise Startup"]
		participant: DF.Link
		project: DF.Link | None
		start_date: DF.Date
		total_compensation: DF.Currency
		total_days: DF.Int
	# end: auto-generated types

	def before_insert(self):
		self.freeze_daily_rate()

	def validate(self):
		self.set_project_and_host_name()
		self.keep_frozen_daily_rate()
		self.validate_dates()
		self.validate_within_participation()
		self.validate_no_overlapping_placement()
		self.set_attendance_months()
		self.validate_days_attended()
		self.validate_paid_months_unchanged()
		self.set_compensation()

	def on_trash(self):
		paid = [row.month for row in self.attendance if is_month_paid(self.host_type, self.host, row.month)]
		if paid:
			frappe.throw(
				_("The placement cannot be deleted: its days of {0} have been paid to {1}.").format(
					", ".join(month_label(m) for m in paid), frappe.bold(self.host_name)
				)
			)

	def freeze_daily_rate(self):
		"""The project's host grant per day when the placement starts; later changes do not rewrite it."""
		rate = frappe.db.get_value("Development Project", self.project_of_participant(), "host_grant_per_day")
		self.daily_rate = flt(rate) if rate is not None else DEFAULT_DAILY_RATE

	def keep_frozen_daily_rate(self):
		before = self.get_doc_before_save()
		if before:
			self.daily_rate = before.daily_rate

	def project_of_participant(self) -> str | None:
		return frappe.db.get_value("Gateway Participant", self.participant, "project")

	def set_project_and_host_name(self):
		self.project = self.project_of_participant()
		if self.host_type not in HOST_TYPES:
			frappe.throw(_("A host is an organisation or a social enterprise start-up."))
		self.host_name = host_title(self.host_type, self.host) if self.host else None

	def validate_dates(self):
		if self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("The placement cannot end before it starts."))

	def validate_within_participation(self):
		referred_on, ended_on = frappe.db.get_value(
			"Gateway Participant", self.participant, ["referred_on", "ended_on"]
		)
		if referred_on and getdate(self.start_date) < getdate(referred_on):
			frappe.throw(_("The placement cannot start before the participant was referred."))
		if ended_on and (not self.end_date or getdate(self.end_date) > getdate(ended_on)):
			frappe.throw(
				_("The participation ended on {0}: the placement must end by then.").format(
					formatdate(ended_on)
				)
			)

	def validate_no_overlapping_placement(self):
		"""A participant is in one placement at a time: no two placements share a day."""
		# Lock the participant so that two placements saved at once cannot both pass the check.
		frappe.db.get_value("Gateway Participant", self.participant, "name", for_update=True)
		table = frappe.qb.DocType("Placement")
		query = (
			frappe.qb.from_(table)
			.select(table.name, table.host_name, table.start_date, table.end_date)
			.where(table.participant == self.participant)
			.where(table.name != (self.name or ""))
			.where(table.end_date.isnull() | (table.end_date >= self.start_date))
		)
		if self.end_date:
			query = query.where(table.start_date <= self.end_date)
		other = query.limit(1).run(as_dict=True)
		if other:
			other = other[0]
			frappe.throw(
				_(
					"The participant is already placed at {0} from {1} to {2} ({3}): a participant cannot be in two placements on the same day."
				).format(
					frappe.bold(other.host_name),
					formatdate(other.start_date),
					formatdate(other.end_date) if other.end_date else _("further notice"),
					other.name,
				),
				title=_("Overlapping placements"),
			)

	def set_attendance_months(self):
		seen = set()
		for row in self.attendance:
			row.month = first_of_month(row.month)
			if row.month in seen:
				frappe.throw(
					_("Row {0}: the month {1} is already recorded.").format(row.idx, month_label(row.month))
				)
			seen.add(row.month)
		self.attendance.sort(key=lambda row: row.month)
		for idx, row in enumerate(self.attendance, start=1):
			row.idx = idx

	def validate_days_attended(self):
		for row in self.attendance:
			possible = self.placement_days_in_month(row.month)
			if possible == 0:
				frappe.throw(
					_("Row {0}: the placement does not run in {1}.").format(row.idx, month_label(row.month))
				)
			if row.days_attended < 0 or row.days_attended > possible:
				frappe.throw(
					_(
						"Row {0}: {1} days attended in {2}, but the placement runs only {3} days that month."
					).format(row.idx, row.days_attended, month_label(row.month), possible)
				)

	def placement_days_in_month(self, month) -> int:
		"""Calendar days of the month that fall within the placement."""
		first = first_of_month(month)
		last = get_last_day(first)
		start = max(first, getdate(self.start_date))
		end = min(last, getdate(self.end_date)) if self.end_date else last
		return max(0, (end - start).days + 1)

	def validate_paid_months_unchanged(self):
		"""A month marked paid (a submitted Host Compensation) keeps its days and its host."""
		before = self.get_doc_before_save()
		if not before:
			return
		old = {first_of_month(r.month): r.days_attended for r in before.attendance}
		new = {first_of_month(r.month): r.days_attended for r in self.attendance}
		host_changed = (before.host_type, before.host) != (self.host_type, self.host)
		for month in sorted(set(old) | set(new)):
			if (host_changed or old.get(month) != new.get(month)) and is_month_paid(
				before.host_type, before.host, month
			):
				frappe.throw(
					_("{0} has been paid for {1}: the days of that month can no longer be changed.").format(
						frappe.bold(before.host_name), month_label(month)
					),
					title=_("Month paid"),
				)

	def set_compensation(self):
		for row in self.attendance:
			row.compensation = flt(row.days_attended * flt(self.daily_rate), 2)
		self.total_days = sum(row.days_attended for row in self.attendance)
		self.total_compensation = flt(sum(flt(row.compensation) for row in self.attendance), 2)


def month_label(month) -> str:
	month = getdate(month)
	return f"{_(calendar.month_name[month.month])} {month.year}"
