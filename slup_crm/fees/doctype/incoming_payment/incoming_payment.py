# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""One giro payment that came in (by hand or from the bank's list), matched on the server
(``slup_crm.fees.payments``)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from slup_crm.fees import claims, ocr, payments
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils.validation import trim_text_fields


class IncomingPayment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		applied: DF.Check
		applied_on: DF.Datetime | None
		bank_reference: DF.Data | None
		claim: DF.Link | None
		currency: DF.Link | None
		notes: DF.SmallText | None
		ocr_reference: DF.Data | None
		payer: DF.Data | None
		payment_date: DF.Date
		status: DF.Literal["Unmatched", "Too Small", "Too Large", "Applied", "Returned"]
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		self.ocr_reference = ocr.compact(self.ocr_reference) or None
		self.validate_amount()
		self.set_currency()
		payments.validate_applied_unchanged(self)
		payments.keep_to_the_rules(self)
		payments.match(self)

	def on_update(self):
		before = self.get_doc_before_save()
		if self.applied and not (before and before.applied):
			claims.refresh_claim(self.claim)

	def on_trash(self):
		if self.applied:
			frappe.throw(_("An applied payment cannot be deleted; record a refund on its claim."))

	def validate_amount(self):
		if flt(self.amount) <= 0:
			frappe.throw(_("A payment's amount must be more than zero."))

	def set_currency(self):
		if not self.currency:
			self.currency = get_settings().currency
