# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from slup_crm.utils.validation import trim_text_fields

MUNICIPALITY = "Municipality"
# Kinds that reach people only in writing: nobody is met in person.
WRITTEN_KINDS = ("Mail-out", "Newsletter")


class OutreachActivity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from slup_crm.meetings.doctype.outreach_municipality.outreach_municipality import OutreachMunicipality
		from slup_crm.meetings.doctype.outreach_organisation.outreach_organisation import OutreachOrganisation

		activity_date: DF.Date
		kind: DF.Literal[
			"Information meeting", "Conference", "Study visit", "Mail-out", "Newsletter", "Other"
		]
		municipalities: DF.TableMultiSelect[OutreachMunicipality]
		notes: DF.TextEditor | None
		organisations: DF.TableMultiSelect[OutreachOrganisation]
		people_by_email: DF.Int
		people_in_person: DF.Int
		project: DF.Link | None
		title: DF.Data
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		self.validate_municipalities()
		self.validate_organisations()
		self.validate_people_counts()

	def validate_municipalities(self):
		seen = set()
		for row in self.municipalities:
			if row.municipality in seen:
				frappe.throw(_("{0} is listed twice.").format(row.municipality))
			seen.add(row.municipality)
			if frappe.db.get_value("Organisation", row.municipality, "organisation_type") != MUNICIPALITY:
				frappe.throw(_("{0} is not a municipality.").format(row.municipality))

	def validate_organisations(self):
		seen = set()
		for row in self.organisations:
			if row.organisation in seen:
				frappe.throw(_("{0} is listed twice.").format(row.organisation))
			seen.add(row.organisation)

	def validate_people_counts(self):
		self.people_in_person, self.people_by_email = cint(self.people_in_person), cint(self.people_by_email)
		if self.people_in_person < 0 or self.people_by_email < 0:
			frappe.throw(_("The number of people reached cannot be negative."))
		if self.kind in WRITTEN_KINDS and self.people_in_person:
			frappe.throw(
				_("{0} reaches people by e-mail or post: enter them as people reached by e-mail.").format(
					_(self.kind)
				)
			)
