# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from slup_crm.meetings.reports import clean_report_text
from slup_crm.utils.validation import trim_text_fields, validate_email


class MeetingReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		contact: DF.Link | None
		email: DF.Data | None
		meeting: DF.Link
		organisation: DF.Link
		organisation_name: DF.Data | None
		received_on: DF.Datetime | None
		report: DF.Text | None
		requested_on: DF.Datetime | None
		status: DF.Literal["Requested", "Received"]
		token_hash: DF.Data | None
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		validate_email(self)
		self.validate_one_per_organisation()
		self.validate_report_text()

	def validate_one_per_organisation(self):
		other = frappe.db.get_value(
			"Meeting Report",
			{"meeting": self.meeting, "organisation": self.organisation, "name": ("!=", self.name)},
		)
		if other:
			frappe.throw(
				_("{0} already has a report for this meeting: {1}.").format(
					self.organisation_name or self.organisation, other
				),
				frappe.UniqueValidationError,
			)

	def validate_report_text(self):
		if self.report:
			self.report = clean_report_text(self.report)
