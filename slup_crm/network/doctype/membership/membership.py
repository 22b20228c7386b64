# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from slup_crm.fees import claims
from slup_crm.network.doctype.organisation.organisation import refresh_membership_status
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils.validation import trim_text_fields

FIRST_YEAR = 2000


class Membership(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		currency: DF.Link | None
		fee: DF.Currency
		notes: DF.SmallText | None
		organisation: DF.Link
		organisation_name: DF.Data | None
		paid_date: DF.Date | None
		payment_reference: DF.Data | None
		status: DF.Literal["Unpaid", "Paid", "Waived"]
		year: DF.Int
	# end: auto-generated types

	def before_validate(self):
		self.set_fee_from_settings()

	def validate(self):
		trim_text_fields(self)
		self.validate_year()
		self.validate_one_per_organisation_and_year()
		self.validate_payment()

	def after_insert(self):
		claims.claim_membership(self)

	def on_update(self):
		refresh_membership_status(self.organisation)
		if self.has_value_changed("status"):
			claims.membership_status_changed(self)

	def on_trash(self):
		claims.remove_claims_of(self)

	def after_delete(self):
		refresh_membership_status(self.organisation)

	def set_fee_from_settings(self):
		settings = get_settings()
		if not self.currency:
			self.currency = settings.currency
		if self.is_new() and not self.fee and self.status != "Waived":
			self.fee = settings.annual_fee

	def validate_year(self):
		last_year = getdate().year + 1
		if not (FIRST_YEAR <= (self.year or 0) <= last_year):
			frappe.throw(_("The membership year must be between {0} and {1}.").format(FIRST_YEAR, last_year))

	def validate_one_per_organisation_and_year(self):
		filters = {"organisation": self.organisation, "year": self.year}
		if not self.is_new():
			filters["name"] = ("!=", self.name)
		existing = frappe.db.get_value("Membership", filters)
		if existing:
			frappe.throw(
				_("{0} already has a membership for {1}: {2}.").format(
					frappe.bold(self.organisation_name or self.organisation), self.year, existing
				),
				frappe.DuplicateEntryError,
			)

	def validate_payment(self):
		if self.status != "Paid":
			self.paid_date = None
			self.payment_reference = None
			return
		if not self.paid_date:
			frappe.throw(_("A paid membership needs the date it was paid."), frappe.MandatoryError)
		if getdate(self.paid_date) > getdate():
			frappe.throw(_("The paid date cannot be in the future."))
