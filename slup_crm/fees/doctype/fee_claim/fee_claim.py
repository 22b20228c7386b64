# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""What one registrant or member owes, what came in for it and what goes back (``slup_crm.fees.claims``)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Max, Sum
from frappe.utils import flt

from slup_crm.fees import claims
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
)


class FeeClaim(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		self.validate_fixed_fields()
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
				frappe.throw(_("Give the reason for overriding the cancellation rules."), frappe.MandatoryError)
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
