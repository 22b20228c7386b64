"""Fees of the demo: the association's bank giro, the past trips paid, the trip to Italy with paid
and unpaid registrations (one paid in part, and a payment with a mistyped reference for the
treasurer to resolve), and this year's unpaid membership fees with their invoices (the controllers
made the claims; this part records them as the demo's)."""

import frappe
from frappe.utils import add_days, getdate

from slup_crm.fees import payments
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.setup.demo.base import Demo, on_day

DEMO_BANK_GIRO = "5050-1055"
ITALY = "Studieresa till Italien: sociala kooperativ i Emilia-Romagna"


def make(demo: Demo) -> None:
	if not get_settings().bank_giro:
		frappe.db.set_single_value("SLUP Settings", "bank_giro", DEMO_BANK_GIRO)
	record_claims(demo)
	pay_past_trips(demo)
	pay_italy_trip(demo)


def record_claims(demo: Demo) -> None:
	"""The claims the controllers made for the demo's registrations and memberships are the demo's."""
	for doctype, name in list(demo.created):
		field = {"Activity Registration": "registration", "Membership": "membership"}.get(doctype)
		if field:
			for claim in frappe.get_all("Fee Claim", {field: name}, pluck="name"):
				demo.record("Fee Claim", claim)


def demo_claims(demo: Demo, **filters) -> list[frappe._dict]:
	names = [name for doctype, name in demo.created if doctype == "Fee Claim"]
	return frappe.get_all(
		"Fee Claim",
		filters={"name": ("in", names or [""]), **filters},
		fields=[
			"name",
			"ocr_reference",
			"outstanding_amount",
			"due_date",
			"registration",
			"membership",
			"trip",
		],
		order_by="name asc",
	)


def pay(demo: Demo, claim, amount, when, payer: str, reference: str | None = None) -> None:
	with on_day(when):
		demo.insert(
			{
				"doctype": "Incoming Payment",
				"payment_date": when,
				"amount": amount,
				"ocr_reference": reference or claim.ocr_reference,
				"payer": payer,
				"bank_reference": f"DEMO-{claim.name if claim else reference}-{amount}",
			}
		)


def payer_of(claim) -> str:
	if claim.registration:
		return frappe.db.get_value("Activity Registration", claim.registration, "full_name")
	return frappe.db.get_value("Membership", claim.membership, "organisation_name")


def pay_past_trips(demo: Demo) -> None:
	today = getdate()
	for claim in demo_claims(demo, status="Unpaid"):
		if claim.trip and getdate(frappe.db.get_value("Trip", claim.trip, "start_date")) < today:
			pay(demo, claim, claim.outstanding_amount, claim.due_date, payer_of(claim))


def pay_italy_trip(demo: Demo) -> None:
	trip = frappe.db.get_value("Trip", {"title": ITALY}, "name")
	claims = [c for c in demo_claims(demo, status="Unpaid") if c.trip == trip]
	for claim in claims[:6]:  # the first registrants paid within a week
		pay(demo, claim, claim.outstanding_amount, add_days(getdate(), -7), payer_of(claim))
	if len(claims) > 7:
		# Half of it came in: the treasurer applied it as a part payment.
		pay(demo, claims[6], claims[6].outstanding_amount / 2, add_days(getdate(), -3), payer_of(claims[6]))
		part = frappe.get_all("Incoming Payment", {"ocr_reference": claims[6].ocr_reference}, pluck="name")
		payments.apply_payment(part[0])
	if len(claims) > 8:
		# A payment with a mistyped reference, waiting for the treasurer.
		wrong = claims[7].ocr_reference[:-1] + str((int(claims[7].ocr_reference[-1]) + 1) % 10)
		pay(demo, None, claims[7].outstanding_amount, add_days(getdate(), -2), payer_of(claims[7]), wrong)


def release(records) -> None:
	"""Applied payments cannot be deleted: the demo's are taken back before the removal; the demo's
	bank giro goes with it."""
	for doctype, name in records:
		if doctype == "Incoming Payment":
			frappe.db.set_value(doctype, name, {"applied": 0, "status": "Unmatched"}, update_modified=False)
	if get_settings().bank_giro == DEMO_BANK_GIRO:
		frappe.db.set_single_value("SLUP Settings", "bank_giro", None)
