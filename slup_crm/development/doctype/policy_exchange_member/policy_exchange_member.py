# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from slup_crm.development import policy_exchange
from slup_crm.network.contacts import check_contact_of
from slup_crm.utils.validation import trim_text_fields


class PolicyExchangeMember(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		contact: DF.Link
		contact_email: DF.Data | None
		contact_name: DF.Data | None
		county: DF.Link | None
		joined_on: DF.Date
		left_on: DF.Date | None
		notes: DF.SmallText | None
		organisation: DF.Link
		organisation_name: DF.Data | None
		show_contact_publicly: DF.Check
		status: DF.Literal["Active", "Left"]
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		self.validate_organisation()
		self.validate_contact()
		self.validate_dates()
		self.set_status()

	def on_update(self):
		policy_exchange.sync_email_group()

	def after_delete(self):
		policy_exchange.sync_email_group()

	def validate_organisation(self):
		organisation_type = frappe.db.get_value("Organisation", self.organisation, "organisation_type")
		if organisation_type not in policy_exchange.MEMBER_TYPES:
			frappe.throw(
				_(
					"{0} is neither a municipality nor a region: only they take part in the policy exchange."
				).format(frappe.bold(self.organisation_name or self.organisation))
			)

	def validate_contact(self):
		check_contact_of(self.contact, self.organisation, self.organisation_name, title=_("Contact Person"))
		if not frappe.db.get_value("Contact", self.contact, "email_id"):
			frappe.throw(
				_("{0} has no e-mail address: the exchange reaches its members by e-mail.").format(
					frappe.bold(self.contact_name or self.contact)
				)
			)

	def validate_dates(self):
		if getdate(self.joined_on) > getdate():
			frappe.throw(_("The joining date cannot be in the future."))
		if self.left_on and getdate(self.left_on) < getdate(self.joined_on):
			frappe.throw(_("The organisation cannot leave the exchange before it joined."))

	def set_status(self):
		self.status = policy_exchange.status_on(self.joined_on, self.left_on)
