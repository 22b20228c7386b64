"""What came in: incoming giro payments, entered by hand or brought in from the bank's list with
Frappe's Data Import, matched to their claim by OCR reference on the server.

A payment is applied by itself only when its reference names an open claim and its amount is
exactly what the claim still owes. Everything else is listed for the treasurer (SLUP Manager) by
its status, never silently applied: *Unmatched* (no open claim has the reference), *Too Small*,
*Too Large*. The treasurer resolves one by choosing its claim and applying it
(``apply_payment``: a smaller amount leaves the claim partly paid, a larger one leaves a refund
due), or by sending the money back (``mark_returned``). An applied payment is applied once: it
cannot be changed, applied again or deleted, and a claim's paid amount is the sum of its applied
payments (``claims.refresh_claim``).
"""

import frappe
from frappe import _
from frappe.utils import flt, now_datetime

from slup_crm.fees import claims, ocr

PAYMENT = "Incoming Payment"
APPLIED = "Applied"
RETURNED = "Returned"
UNMATCHED = "Unmatched"
TOO_SMALL = "Too Small"
TOO_LARGE = "Too Large"
# What an applied payment keeps for good.
APPLIED_FIELDS = ("amount", "claim", "payment_date", "currency", "ocr_reference")


def keep_to_the_rules(payment) -> None:
	"""Only matching, ``apply_payment`` and ``mark_returned`` say that a payment is applied or sent
	back: a column of an imported list or a field sent to the REST API cannot."""
	before = None if payment.is_new() else payment.get_doc_before_save()
	if before and before.applied:
		return
	payment.applied = 0
	payment.applied_on = None
	returned = payment.flags.returned or (before and before.status == RETURNED)
	payment.status = RETURNED if returned else UNMATCHED
	if payment.flags.apply:
		set_applied(payment)


def match(payment) -> None:
	"""Find the payment's claim by its reference and apply it when the amount is exactly what is
	owed; otherwise say why not (the claim's row is locked, so two payments for one claim are
	matched one after the other)."""
	if payment.applied or payment.status == RETURNED:
		return
	claim = open_claim(payment.claim) if payment.claim else None
	if not claim and payment.ocr_reference and ocr.is_valid(payment.ocr_reference):
		claim = open_claim(
			frappe.db.get_value(claims.CLAIM, {"ocr_reference": payment.ocr_reference}, "name")
		)
	if not claim:
		payment.claim = (
			payment.claim if payment.claim and frappe.db.exists(claims.CLAIM, payment.claim) else None
		)
		payment.status = UNMATCHED
		return
	payment.claim = claim.name
	if payment.currency and claim.currency and payment.currency != claim.currency:
		payment.status = UNMATCHED
		return
	owed = flt(claim.outstanding_amount)
	if flt(payment.amount) == owed:
		set_applied(payment)
	else:
		payment.status = TOO_SMALL if flt(payment.amount) < owed else TOO_LARGE


def open_claim(name: str | None) -> frappe._dict | None:
	"""The claim, locked, when it still takes payments (unpaid or partly paid)."""
	if not name:
		return None
	claim = frappe.db.get_value(
		claims.CLAIM,
		name,
		["name", "status", "outstanding_amount", "currency"],
		as_dict=True,
		for_update=True,
	)
	return claim if claim and claim.status in claims.OPEN_STATUSES else None


def set_applied(payment) -> None:
	payment.applied = 1
	payment.applied_on = now_datetime()
	payment.status = APPLIED


def validate_applied_unchanged(payment) -> None:
	"""An applied payment stays as it was applied."""
	before = None if payment.is_new() else payment.get_doc_before_save()
	if not before or not before.applied:
		return
	if not payment.applied:
		frappe.throw(_("An applied payment cannot be taken back."))
	for fieldname in APPLIED_FIELDS:
		if str(payment.get(fieldname) or "") != str(before.get(fieldname) or ""):
			frappe.throw(
				_("{0} of an applied payment cannot be changed.").format(_(payment.meta.get_label(fieldname)))
			)
	payment.status = APPLIED


@frappe.whitelist(methods=["POST"])
def apply_payment(payment: str) -> str:
	"""The treasurer applies a payment that did not match by itself to the claim chosen on it,
	whatever its amount (a smaller one leaves the claim partly paid, a larger one a refund due)."""
	frappe.has_permission(PAYMENT, "write", payment, throw=True)
	doc = frappe.get_doc(PAYMENT, payment)
	if doc.applied:
		frappe.throw(_("This payment is applied already."))
	if doc.status == RETURNED:
		frappe.throw(_("This payment was sent back."))
	if not doc.claim:
		frappe.throw(_("Choose the fee claim this payment is for."), frappe.MandatoryError)
	claim = frappe.db.get_value(
		claims.CLAIM, doc.claim, ["name", "cancelled", "currency"], as_dict=True, for_update=True
	)
	if claim.cancelled:
		frappe.throw(_("Fee claim {0} is cancelled: send the payment back instead.").format(claim.name))
	doc.flags.apply = True
	doc.save()
	return doc.status


@frappe.whitelist(methods=["POST"])
def mark_returned(payment: str) -> str:
	"""The treasurer sent a payment that was not applied back to the payer."""
	frappe.has_permission(PAYMENT, "write", payment, throw=True)
	doc = frappe.get_doc(PAYMENT, payment)
	if doc.applied:
		frappe.throw(_("An applied payment cannot be sent back; record a refund on its claim."))
	doc.flags.returned = True
	doc.save()
	return doc.status
