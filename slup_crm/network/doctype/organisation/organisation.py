# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.contacts.address_and_contact import load_address_and_contact
from frappe.model.document import Document
from frappe.utils import getdate

from slup_crm.utils.text import is_municipality_code
from slup_crm.utils.validation import (
	trim_text_fields,
	validate_email,
	validate_organisation_number,
	validate_phone,
	validate_website,
)

MUNICIPALITY = "Municipality"
MEMBER_STATUSES = ("Paid", "Waived")


class Organisation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from slup_crm.network.doctype.organisation_representative.organisation_representative import (
			OrganisationRepresentative,
		)

		county: DF.Link | None
		email: DF.Data | None
		is_member: DF.Check
		located_in: DF.Link | None
		municipality_code: DF.Data | None
		notes: DF.TextEditor | None
		organisation_name: DF.Data
		organisation_number: DF.Data | None
		organisation_type: DF.Literal[
			"Municipality",
			"Region",
			"Government Agency",
			"Social Enterprise",
			"Cooperative",
			"Association",
			"Study Association",
			"Folk High School",
			"Company",
			"Consortium",
			"Other",
		]
		parent_organisation: DF.Link | None
		phone: DF.Data | None
		representatives: DF.Table[OrganisationRepresentative]
		website: DF.Data | None
	# end: auto-generated types

	def onload(self):
		load_address_and_contact(self)

	def validate(self):
		trim_text_fields(self)
		validate_organisation_number(self)
		self.validate_unique_organisation_number()
		self.validate_municipality_code()
		self.set_county_from_municipality_code()
		self.validate_located_in()
		self.validate_parent_organisation()
		validate_email(self)
		validate_phone(self)
		validate_website(self)
		self.validate_representatives()

	def on_update(self):
		self.link_representatives_to_organisation()

	@property
	def is_municipality(self) -> bool:
		return self.organisation_type == MUNICIPALITY

	def validate_unique_organisation_number(self):
		if not self.organisation_number:
			return
		other = frappe.db.get_value(
			"Organisation",
			{"organisation_number": self.organisation_number, "name": ("!=", self.name)},
			"organisation_name",
		)
		if other:
			frappe.throw(
				_("Organisation number {0} is already registered for {1}.").format(
					frappe.bold(self.organisation_number), frappe.bold(other)
				),
				frappe.UniqueValidationError,
			)

	def validate_municipality_code(self):
		if not self.is_municipality:
			if self.municipality_code:
				frappe.throw(_("Only a municipality has a municipality code."))
			self.municipality_code = None
			return
		if not self.municipality_code:
			frappe.throw(_("A municipality needs its four-digit municipality code."), frappe.MandatoryError)
		if not is_municipality_code(self.municipality_code):
			frappe.throw(
				_("Municipality code {0} must be four digits, e.g. 0163 for Sollentuna.").format(
					frappe.bold(self.municipality_code)
				)
			)
		other = frappe.db.get_value(
			"Organisation",
			{"municipality_code": self.municipality_code, "name": ("!=", self.name)},
			"organisation_name",
		)
		if other:
			frappe.throw(
				_("Municipality code {0} is already used by {1}.").format(
					frappe.bold(self.municipality_code), frappe.bold(other)
				),
				frappe.UniqueValidationError,
			)

	def set_county_from_municipality_code(self):
		"""The first two digits of a municipality code are its county's code."""
		if not self.is_municipality:
			return
		county_code = self.municipality_code[:2]
		county = frappe.db.get_value("County", {"county_code": county_code})
		if not self.county:
			self.county = county
		elif county and self.county != county:
			frappe.throw(
				_("Municipality code {0} belongs to {1}, not to {2}.").format(
					frappe.bold(self.municipality_code), frappe.bold(county), frappe.bold(self.county)
				)
			)

	def validate_located_in(self):
		if self.is_municipality:
			self.located_in = None
			return
		if not self.located_in:
			return
		organisation_type = frappe.db.get_value("Organisation", self.located_in, "organisation_type")
		if organisation_type != MUNICIPALITY:
			frappe.throw(
				_("{0} is not a municipality: an organisation can only be located in a municipality.").format(
					frappe.bold(self.located_in)
				)
			)

	def validate_parent_organisation(self):
		"""Refuse a parent that is the organisation itself or one of its descendants."""
		parent, seen = self.parent_organisation, set()
		while parent:
			if parent == self.name or parent in seen:
				frappe.throw(
					_("An organisation cannot be its own parent organisation, directly or indirectly.")
				)
			seen.add(parent)
			parent = frappe.db.get_value("Organisation", parent, "parent_organisation")

	def validate_representatives(self):
		seen = set()
		for row in self.representatives:
			if row.contact in seen:
				frappe.throw(
					_("Row {0}: {1} is already listed as a representative.").format(
						row.idx, frappe.bold(row.full_name or row.contact)
					)
				)
			seen.add(row.contact)
			if row.since and getdate(row.since) > getdate():
				frappe.throw(_("Row {0}: a representative cannot start in the future.").format(row.idx))

	def link_representatives_to_organisation(self):
		"""A representative's Contact lists this organisation among its links."""
		for row in self.representatives:
			contact = frappe.get_doc("Contact", row.contact)
			if contact.has_link(self.doctype, self.name):
				continue
			contact.append("links", {"link_doctype": self.doctype, "link_name": self.name})
			# The user picked this contact through a permitted link field; linking it back to the
			# organisation is bookkeeping the system does on their behalf.
			contact.save(ignore_permissions=True)


def refresh_membership_status(organisation: str) -> None:
	"""Keep Organisation.is_member true to this year's memberships."""
	is_member = bool(
		frappe.db.exists(
			"Membership",
			{"organisation": organisation, "year": getdate().year, "status": ("in", MEMBER_STATUSES)},
		)
	)
	if frappe.db.get_value("Organisation", organisation, "is_member") != is_member:
		frappe.db.set_value("Organisation", organisation, "is_member", is_member, update_modified=False)


def refresh_all_membership_statuses() -> None:
	"""Daily job: flip every organisation's member flag when the year turns."""
	membership = frappe.qb.DocType("Membership")
	members = {
		row[0]
		for row in frappe.qb.from_(membership)
		.select(membership.organisation)
		.where((membership.year == getdate().year) & membership.status.isin(MEMBER_STATUSES))
		.groupby(membership.organisation)
		.run()
	}
	flagged = set(frappe.get_all("Organisation", filters={"is_member": 1}, pluck="name"))
	for name in members - flagged:
		frappe.db.set_value("Organisation", name, "is_member", 1, update_modified=False)
	for name in flagged - members:
		frappe.db.set_value("Organisation", name, "is_member", 0, update_modified=False)
