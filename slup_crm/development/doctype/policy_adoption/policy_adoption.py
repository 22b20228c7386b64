# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

from slup_crm.development import policy_exchange
from slup_crm.development.stages import ADOPTED_STAGES, POLICY_ADOPTED
from slup_crm.network.contacts import check_contact_of
from slup_crm.pipelines.descriptor import MANAGERS
from slup_crm.pipelines.document import PipelineDocument
from slup_crm.utils.access import check_role
from slup_crm.utils.validation import trim_text_fields, validate_website


class PolicyAdoption(PipelineDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		case_number: DF.Data | None
		contact_person: DF.Link | None
		county: DF.Link | None
		days_in_stage: DF.Int
		decided_by: DF.Literal["", "Municipal council", "Municipal executive board", "Committee"]
		decision_date: DF.Date | None
		municipality: DF.Link
		municipality_name: DF.Data | None
		next_step: DF.Data | None
		next_step_due: DF.Date | None
		notes: DF.TextEditor | None
		overdue_reminder_key: DF.Data | None
		policy_document: DF.Attach | None
		policy_document_public: DF.Check
		policy_scope: DF.Literal["", "Social enterprise", "Social economy", "Both"]
		policy_url: DF.Data | None
		responsible: DF.Link | None
		stage: DF.Literal[
			"Not contacted",
			"In dialogue",
			"Information campaign",
			"Policy drafted",
			"Policy adopted",
			"Implementing",
			"Paused",
			"Declined",
		]
		stage_since: DF.Datetime | None
		stale_reminder_key: DF.Data | None
	# end: auto-generated types

	def imported_stage_since(self):
		"""A policy imported as adopted has stood in that stage since its decision."""
		if self.stage == POLICY_ADOPTED and self.decision_date:
			return get_datetime(self.decision_date)
		return None

	def validate(self):
		trim_text_fields(self)
		self.validate_municipality()
		self.validate_one_per_municipality()
		self.validate_contact_person()
		validate_website(self, "policy_url")
		self.validate_decision_date()
		self.validate_adopted_policy()
		self.validate_document_publication()

	def onload(self):
		self.set_onload("policy_exchange_member", policy_exchange.membership_of(self.municipality))

	def validate_municipality(self):
		organisation_type = frappe.db.get_value("Organisation", self.municipality, "organisation_type")
		if organisation_type != "Municipality":
			frappe.throw(
				_("{0} is not a municipality: a policy adoption is kept per municipality.").format(
					frappe.bold(self.municipality_name or self.municipality)
				)
			)

	def validate_one_per_municipality(self):
		filters = {"municipality": self.municipality}
		if not self.is_new():
			filters["name"] = ("!=", self.name)
		existing = frappe.db.get_value("Policy Adoption", filters)
		if existing:
			frappe.throw(
				_("{0} already has a policy adoption record: {1}.").format(
					frappe.bold(self.municipality_name or self.municipality), existing
				),
				frappe.DuplicateEntryError,
			)

	def validate_contact_person(self):
		"""The contact person is one of the municipality's people (linked to it on the Contact)."""
		check_contact_of(
			self.contact_person, self.municipality, self.municipality_name, title=_("Contact Person")
		)

	def validate_decision_date(self):
		if self.decision_date and getdate(self.decision_date) > getdate():
			frappe.throw(_("The decision date cannot be in the future."))

	def validate_adopted_policy(self):
		"""An adopted policy names who decided it, when, and where the policy can be read."""
		if self.stage not in ADOPTED_STAGES:
			return
		missing = []
		if not self.decided_by:
			missing.append(_("the deciding body"))
		if not self.decision_date:
			missing.append(_("the decision date"))
		if not (self.policy_document or self.policy_url):
			missing.append(_("the policy document or its URL"))
		if missing:
			frappe.throw(
				_("To mark the policy as adopted, fill in {0}.").format(", ".join(missing)),
				frappe.MandatoryError,
				title=_("Missing Information"),
			)

	def validate_document_publication(self):
		"""Publishing the attached document in the public library is the managers' decision."""
		if not self.policy_document:
			self.policy_document_public = 0
		if self.policy_document_public and self.has_value_changed("policy_document_public"):
			check_role(MANAGERS, _("Only a manager can mark the policy document public."))
