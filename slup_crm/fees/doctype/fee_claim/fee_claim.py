# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""What one registrant or member owes, what came in for it and what goes back (``slup_crm.fees.claims``)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Max, Sum
from frappe.utils import flt

from slup_crm.fees import claims
from slup_crm.privacy.declaration import MANAGER_ROLE, SYSTEM_MANAGER
from slup_crm.utils.access import check_role
from slup_crm.utils.validation import trim_text_fields

# What only the system sets: what the claim is for, its reference, and the cancellation.
FIXED_FIELDS = (
	"registration",
	"membership",
	"trip",
	"training",
	"year",
	"ocr_reference",
	"currency",
	"standard_amount",
	"cancelled",
	"cancelled_on",
	"reminder_sent_on",
)
# What only the treasurer (SLUP Manager) records: refunds and overrides of the cancellation rules.
TREASURER_FIELDS = ("refund_override", "refund_reason", "refunded_amount", "refunded_on")
TREASURERS = (MANAGER_ROLE, SYSTEM_MANAGER)


class FeeClaim(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		amount_reason: DF.SmallText | None
		cancelled: DF.Check
		cancelled_on: DF.Date | None
		currency: DF.Link | None
		description: DF.Data | None
		due_date: DF.Date | None
		last_payment_date: DF.Date | None
		membership: DF.Link | None
		ocr_reference: DF.Data | None
		outstanding_amount: DF.Currency
		paid_amount: DF.Currency
		refund_amount: DF.Currency
		refund_override: DF.Check
		refund_reason: DF.SmallText | None
		refunded_amount: DF.Currency
		refunded_on: DF.Date | None
		registration: DF.Link | None
		reminder_sent_on: DF.Datetime | None
		standard_amount: DF.Currency
		status: DF.Literal["Unpaid", "Partly Paid", "Paid", "Waived", "Refund Due", "Refunded", "Cancelled"]
		training: DF.Link | None
		trip: DF.Link | None
		year: DF.Int
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		self.validate_fixed_fields()
		self.validate_treasurer_fields()
		self.validate_amount()
		self.set_paid_amount()
		self.set_refund_amount()
		self.validate_refunded()
		self.set_outstanding_amount()
		self.status = self.derive_status()

	def on_update(self):
		if self.membership and self.status == "Paid" and self.has_value_changed("status"):
			claims.mark_membership_paid(self)

	def validate_fixed_fields(self):
		"""Nobody but the system says what a claim is for or changes its reference."""
		if self.flags.by_system:
			return
		if self.is_new():
			frappe.throw(_("Fee claims are made by the system when someone registers or becomes a member."))
		before = self.get_doc_before_save()
		for fieldname in FIXED_FIELDS:
			if str(self.get(fieldname) or "") != str(before.get(fieldname) or ""):
				frappe.throw(
					_("{0} of a fee claim cannot be changed.").format(_(self.meta.get_label(fieldname)))
				)

	def validate_treasurer_fields(self):
		"""Refunds and overrides are the treasurer's; staff read them."""
		if self.flags.by_system or self.is_new():
			return
		before = self.get_doc_before_save()
		fields = TREASURER_FIELDS + (("refund_amount",) if self.refund_override else ())
		if any(str(self.get(f) or "") != str(before.get(f) or "") for f in fields):
			check_role(TREASURERS, _("Only a SLUP Manager records refunds."))

	def validate_amount(self):
		"""Never negative; a reduced or waived fee says why; a claim with payments changes its amount
		only with a new reason."""
		if flt(self.amount) < 0:
			frappe.throw(_("The amount owed cannot be negative."))
		if flt(self.amount) > flt(self.standard_amount):
			frappe.throw(_("The amount owed cannot be more than the standard fee."))
		if flt(self.amount) != flt(self.standard_amount) and not self.amount_reason:
			frappe.throw(_("Give the reason for a reduced or waived fee."), frappe.MandatoryError)
		before = None if self.is_new() else self.get_doc_before_save()
		if (
			before
			and flt(before.amount) != flt(self.amount)
			and flt(before.paid_amount) > 0
			and (before.amount_reason or "") == (self.amount_reason or "")
		):
			frappe.throw(
				_("This claim has payments: write the reason for changing its amount."), frappe.MandatoryError
			)

	def set_paid_amount(self):
		"""The sum of the payments applied to this claim (each counted once, whoever applied it)."""
		if self.is_new():
			self.paid_amount = 0
			return
		payment = frappe.qb.DocType("Incoming Payment")
		row = (
			frappe.qb.from_(payment)
			.select(Sum(payment.amount).as_("paid"), Max(payment.payment_date).as_("last"))
			.where(payment.claim == self.name)
			.where(payment.applied == 1)
			.run(as_dict=True)[0]
		)
		self.paid_amount = flt(row.paid)
		self.last_payment_date = row.last

	def set_refund_amount(self):
		"""A SLUP Manager's override stands (with its reason); otherwise the cancellation rules say
		what a cancelled claim gives back, and an overpayment is given back too."""
		if self.refund_override:
			if not self.refund_reason:
				frappe.throw(
					_("Give the reason for overriding the cancellation rules."), frappe.MandatoryError
				)
			if flt(self.refund_amount) > flt(self.paid_amount):
				frappe.throw(_("The refund cannot be more than was paid."))
			return
		if self.cancelled:
			self.refund_amount = claims.refund_by_rules(self)
		else:
			self.refund_amount = max(flt(self.paid_amount) - flt(self.amount), 0)

	def validate_refunded(self):
		if flt(self.refunded_amount) < 0 or flt(self.refund_amount) < 0:
			frappe.throw(_("Amounts cannot be negative."))
		if flt(self.refunded_amount) > flt(self.refund_amount):
			frappe.throw(_("The amount refunded cannot be more than the refund owed."))
		if flt(self.refunded_amount) and not self.refunded_on:
			frappe.throw(_("Give the date of the refund."), frappe.MandatoryError)

	def set_outstanding_amount(self):
		owed = 0 if self.cancelled else flt(self.amount)
		self.outstanding_amount = max(owed - flt(self.paid_amount), 0)

	def derive_status(self) -> str:
		if flt(self.refund_amount) > 0:
			return "Refunded" if flt(self.refunded_amount) >= flt(self.refund_amount) else "Refund Due"
		if self.cancelled:
			return "Paid" if flt(self.paid_amount) > 0 else "Cancelled"
		if flt(self.amount) == 0:
			return "Waived"
		if flt(self.paid_amount) >= flt(self.amount):
			return "Paid"
		return "Partly Paid" if flt(self.paid_amount) > 0 else "Unpaid"
