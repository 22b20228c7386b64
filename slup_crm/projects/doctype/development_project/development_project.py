# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import add_days, flt, formatdate, getdate

from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.pipelines.document import PipelineDocument
from slup_crm.pipelines.reminders import create_todo
from slup_crm.projects.stages import DEVELOPMENT_PROJECT
from slup_crm.utils.validation import trim_text_fields

OWNER_ROLE = "Project owner"
# How many days before a report's due date its responsible user gets a reminder.
REPORT_REMINDER_DAYS = 14


class DevelopmentProject(PipelineDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from slup_crm.projects.doctype.development_project_partner.development_project_partner import (
			DevelopmentProjectPartner,
		)
		from slup_crm.projects.doctype.funder_report.funder_report import FunderReport

		aim: DF.TextEditor | None
		budget: DF.Currency
		case_number: DF.Data | None
		co_financing: DF.Currency
		contact_person: DF.Link | None
		currency: DF.Link | None
		days_in_stage: DF.Int
		end_date: DF.Date | None
		fund: DF.Literal[
			"European Social Fund",
			"European Regional Development Fund",
			"Tillväxtverket",
			"Municipal",
			"Other",
		]
		funder: DF.Link | None
		funder_grant: DF.Currency
		funder_name: DF.Data | None
		host_grant_per_day: DF.Currency
		next_step: DF.Data | None
		next_step_due: DF.Date | None
		overdue_reminder_key: DF.Data | None
		own_financing: DF.Currency
		partners: DF.Table[DevelopmentProjectPartner]
		programme: DF.Data | None
		project_owner: DF.Link | None
		project_owner_name: DF.Data | None
		reports: DF.Table[FunderReport]
		responsible: DF.Link | None
		stage: DF.Literal[
			"Idea",
			"Application being written",
			"Applied",
			"Granted",
			"Running",
			"Final report",
			"Closed",
			"Rejected",
			"Withdrawn",
		]
		stage_since: DF.Datetime | None
		stale_reminder_key: DF.Data | None
		start_date: DF.Date | None
		title: DF.Data
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		self.set_currency()
		self.validate_period()
		self.validate_budget()
		self.set_owner_as_partner()
		self.validate_owner_rows()
		self.validate_partner_periods()
		self.validate_reports()

	def set_currency(self):
		if not self.currency:
			self.currency = get_settings().currency

	def validate_period(self):
		if self.start_date and self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("The project cannot end before it starts."))

	def validate_budget(self):
		"""Own and co-financing are parts of the budget; the rest is the funder's grant."""
		financed = flt(self.own_financing) + flt(self.co_financing)
		if financed > flt(self.budget):
			frappe.throw(
				_("Own financing and co-financing ({0}) cannot exceed the total budget ({1}).").format(
					frappe.format_value(financed, {"fieldtype": "Currency", "options": self.currency}),
					frappe.format_value(
						flt(self.budget), {"fieldtype": "Currency", "options": self.currency}
					),
				)
			)
		self.funder_grant = flt(self.budget) - financed

	def set_owner_as_partner(self):
		"""The project owner is always one of the partners, in the role Owner."""
		if not self.project_owner:
			return
		for row in self.partners:
			if row.organisation == self.project_owner:
				row.role = OWNER_ROLE
				return
		self.append("partners", {"organisation": self.project_owner, "role": OWNER_ROLE})

	def validate_owner_rows(self):
		for row in self.partners:
			if row.role == OWNER_ROLE and row.organisation != self.project_owner:
				frappe.throw(
					_("Row {0}: only the project owner takes part as project owner.").format(row.idx)
				)
		seen = set()
		for row in self.partners:
			if row.organisation in seen:
				frappe.throw(
					_("Row {0}: {1} is already a partner of this project.").format(
						row.idx, frappe.bold(row.organisation_name or row.organisation)
					)
				)
			seen.add(row.organisation)

	def validate_partner_periods(self):
		"""A partner takes part within the project's period (empty dates: the whole period)."""
		start = getdate(self.start_date) if self.start_date else None
		end = getdate(self.end_date) if self.end_date else None
		for row in self.partners:
			name = frappe.bold(row.organisation_name or row.organisation)
			from_date = getdate(row.from_date) if row.from_date else None
			to_date = getdate(row.to_date) if row.to_date else None
			if from_date and to_date and to_date < from_date:
				frappe.throw(_("Row {0}: {1} cannot leave before joining.").format(row.idx, name))
			if start and from_date and from_date < start:
				frappe.throw(
					_("Row {0}: {1} cannot join before the project starts ({2}).").format(
						row.idx, name, formatdate(start)
					)
				)
			if end and to_date and to_date > end:
				frappe.throw(
					_("Row {0}: {1} cannot take part after the project ends ({2}).").format(
						row.idx, name, formatdate(end)
					)
				)
			if end and from_date and from_date > end:
				frappe.throw(
					_("Row {0}: {1} cannot join after the project ends ({2}).").format(
						row.idx, name, formatdate(end)
					)
				)

	def validate_reports(self):
		for row in self.reports:
			if row.submitted_on and getdate(row.submitted_on) > getdate():
				frappe.throw(_("Row {0}: a report cannot be submitted in the future.").format(row.idx))

	@classmethod
	def send_due_reminders(cls) -> None:
		"""Reports owed to the funder: one ToDo when the due date is near, one more when it has passed."""
		report = frappe.qb.DocType("Funder Report")
		project = frappe.qb.DocType("Development Project")
		rows = (
			frappe.qb.from_(report)
			.join(project)
			.on((project.name == report.parent) & (report.parenttype == "Development Project"))
			.select(
				report.name,
				report.parent,
				report.report_type,
				report.due_date,
				report.reminder_key,
				report.responsible,
				project.responsible.as_("project_responsible"),
				project.title,
			)
			.where(report.submitted_on.isnull())
			.where(report.due_date <= add_days(getdate(), REPORT_REMINDER_DAYS))
			.where(project.stage.notin(DEVELOPMENT_PROJECT.closed_stages))
			.run(as_dict=True)
		)
		for row in rows:
			remind_of_report(row)


def remind_of_report(row) -> None:
	responsible = row.responsible or row.project_responsible
	if not responsible:
		return
	overdue = getdate(row.due_date) < getdate()
	key = "{}/{}".format("overdue" if overdue else "due", row.due_date)
	if row.reminder_key == key:
		return
	message = (
		_("The {0} of {1} to the funder was due on {2} and is not submitted.")
		if overdue
		else _("The {0} of {1} to the funder is due on {2}.")
	)
	description = message.format(_(row.report_type).lower(), row.title, formatdate(row.due_date))
	create_todo("Development Project", frappe._dict(name=row.parent, responsible=responsible), description)
	frappe.db.set_value("Funder Report", row.name, "reminder_key", key, update_modified=False)
