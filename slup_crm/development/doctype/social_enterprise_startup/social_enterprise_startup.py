# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from slup_crm.development.stages import DISCONTINUED, FOUNDED
from slup_crm.pipelines.document import PipelineDocument
from slup_crm.utils.validation import trim_text_fields


class SocialEnterpriseStartup(PipelineDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		consortium: DF.Link | None
		days_in_stage: DF.Int
		discontinued_reason: DF.SmallText | None
		employees: DF.Int
		enterprise_name: DF.Data
		legal_form: DF.Literal[
			"",
			"Economic association",
			"Non-profit association",
			"Limited company with restricted dividends",
			"Foundation",
			"Other",
		]
		municipality: DF.Link | None
		municipality_name: DF.Data | None
		next_step: DF.Data | None
		next_step_due: DF.Date | None
		notes: DF.TextEditor | None
		organisation: DF.Link | None
		origin: DF.Literal[
			"New start",
			"Spin-off of a municipal work centre",
			"Spin-off of a project",
			"Conversion of an association",
		]
		overdue_reminder_key: DF.Data | None
		participants: DF.Int
		project: DF.Link | None
		referred_by_employment_service: DF.Int
		referred_by_social_insurance: DF.Int
		responsible: DF.Link | None
		sector: DF.Data | None
		stage: DF.Literal[
			"Idea", "Exploration", "Business plan", "Founded", "Operating", "Sustainable", "Discontinued"
		]
		stage_since: DF.Datetime | None
		stale_reminder_key: DF.Data | None
		supervisor: DF.Link | None
		supporting_organisation: DF.Link | None
		target_groups: DF.SmallText | None
	# end: auto-generated types

	def onload(self):
		# The form offers to create the organisation once the start-up is founded (the descriptor's
		# stages decide; the form script has no list of its own).
		self.set_onload("is_founded", self.is_founded)

	def validate(self):
		trim_text_fields(self)
		self.validate_organisation_types()
		self.validate_discontinued_reason()

	@property
	def is_founded(self) -> bool:
		return self.stage != DISCONTINUED and self.stage_index() >= self.stage_index(FOUNDED)

	def validate_organisation_types(self):
		expected = {
			"municipality": "Municipality",
			"consortium": "Consortium",
			"organisation": "Social Enterprise",
		}
		for fieldname, organisation_type in expected.items():
			value = self.get(fieldname)
			if value and frappe.db.get_value("Organisation", value, "organisation_type") != organisation_type:
				frappe.throw(
					_("{0}: {1} is not an organisation of type {2}.").format(
						_(self.meta.get_label(fieldname)), frappe.bold(value), _(organisation_type)
					)
				)

	def validate_discontinued_reason(self):
		if self.stage == DISCONTINUED and not self.discontinued_reason:
			frappe.throw(
				_("Say why the start-up was discontinued before discontinuing it."), frappe.MandatoryError
			)

	def create_organisation(self, organisation_number: str | None = None) -> str:
		"""Register the founded start-up as an Organisation of type Social Enterprise and link it."""
		if self.organisation:
			frappe.throw(
				_("{0} is already linked to the organisation {1}.").format(
					frappe.bold(self.enterprise_name), frappe.bold(self.organisation)
				)
			)
		if not self.is_founded:
			frappe.throw(_("Only a founded start-up can be registered as an organisation."))
		organisation = frappe.get_doc(
			{
				"doctype": "Organisation",
				"organisation_name": self.enterprise_name,
				"organisation_type": "Social Enterprise",
				"organisation_number": organisation_number,
				"located_in": self.municipality,
				"notes": _("Started as the social enterprise start-up {0}.").format(self.name),
			}
		).insert()
		self.organisation = organisation.name
		self.save()
		return organisation.name


@frappe.whitelist()
def create_organisation(startup: str, organisation_number: str | None = None) -> str:
	"""Create the Organisation of a founded start-up (once) and link it back. Returns its name."""
	frappe.has_permission("Social Enterprise Startup", "write", doc=startup, throw=True)
	frappe.has_permission("Organisation", "create", throw=True)
	# Lock the start-up row so that a double click cannot create two organisations.
	frappe.db.get_value("Social Enterprise Startup", startup, "name", for_update=True)
	doc = frappe.get_doc("Social Enterprise Startup", startup)
	return doc.create_organisation(organisation_number)
