# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from slup_crm.gateway.stages import ENDED, PHASE_3, PLACEMENT
from slup_crm.pipelines.document import PipelineDocument
from slup_crm.utils.validation import trim_text_fields, validate_email, validate_phone


class GatewayParticipant(PipelineDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		age_band: DF.Literal["Under 25", "25–34", "35–44", "45–54", "55 or older"]
		anonymised_on: DF.Datetime | None
		days_in_stage: DF.Int
		email: DF.Data | None
		ended_on: DF.Date | None
		first_name: DF.Data
		full_name: DF.Data | None
		gender: DF.Literal["Woman", "Man", "Other or not stated"]
		labour_market_status: DF.Literal[
			"Unemployed",
			"Long-term unemployed",
			"On sick leave or activity compensation",
			"Outside the labour force",
			"Other",
		]
		last_name: DF.Data
		next_step: DF.Data | None
		next_step_due: DF.Date | None
		outcome: DF.Literal[
			"", "Employment", "Education", "New social enterprise", "Another placement", "Left the project"
		]
		overdue_reminder_key: DF.Data | None
		phone: DF.Data | None
		programme_phase: DF.Literal[
			"No programme",
			"Job and Development Guarantee, phase 1",
			"Job and Development Guarantee, phase 2",
			"Job and Development Guarantee, phase 3",
			"Job Guarantee for Youth",
			"Other programme",
		]
		project: DF.Link
		referred_on: DF.Date
		referrer: DF.Literal["Public Employment Service", "Social Insurance Agency", "Municipality", "Other"]
		referring_organisation: DF.Link | None
		responsible: DF.Link | None
		stage: DF.Literal["Referred", "Preparation", "Training", "Placement", "Ended"]
		stage_since: DF.Datetime | None
		stale_reminder_key: DF.Data | None
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		self.set_full_name()
		validate_email(self, "email")
		validate_phone(self, "phone")
		self.validate_programme_phase()
		self.validate_one_per_person_and_project()
		self.validate_placed()
		self.validate_end()

	def set_full_name(self):
		self.full_name = " ".join(part for part in (self.first_name, self.last_name) if part)

	def validate_programme_phase(self):
		"""Phase 3 of the job and development guarantee excludes training, and the gateway is training."""
		if self.programme_phase == PHASE_3 and not self.anonymised_on:
			frappe.throw(
				_(
					"People in phase 3 of the job and development guarantee cannot take part in the gateway: "
					"in phase 3 they may not receive training. Phase 2 may take part."
				),
				title=_("Phase 3 cannot take part"),
			)

	def validate_one_per_person_and_project(self):
		"""One participant record per person and project: the same e-mail, or the same name and phone."""
		if self.anonymised_on:
			return
		table = frappe.qb.DocType(self.doctype)
		query = (
			frappe.qb.from_(table)
			.select(table.name)
			.where(table.project == self.project)
			.where(table.name != (self.name or ""))
			.where(table.anonymised_on.isnull())
		)
		if self.email:
			same_person = table.email == self.email
		else:
			same_person = (table.full_name == self.full_name) & (
				table.phone == self.phone if self.phone else table.phone.isnull() | (table.phone == "")
			)
		duplicate = query.where(same_person).limit(1).run()
		if duplicate:
			frappe.throw(
				_("{0} already takes part in this project as {1}.").format(
					frappe.bold(self.full_name), frappe.bold(duplicate[0][0])
				),
				frappe.DuplicateEntryError,
			)

	def validate_placed(self):
		"""The stage Placement means placed: the participant has a placement to be in."""
		if (
			self.stage == PLACEMENT
			and self.stage_changed()
			and not frappe.db.exists("Placement", {"participant": self.name})
		):
			frappe.throw(
				_(
					"Record the participant's placement (host and start date) before moving them to the stage Placement."
				)
			)

	def validate_end(self):
		if self.stage == ENDED and not (self.outcome and self.ended_on):
			frappe.throw(
				_("Record the outcome and the date the participation ended before ending it."),
				frappe.MandatoryError,
			)
		if self.ended_on and self.referred_on and getdate(self.ended_on) < getdate(self.referred_on):
			frappe.throw(_("The participation cannot end before the participant was referred."))
