"""What is owed: one Fee Claim per registration that holds a seat for a priced event, and per
membership with a fee. The one mechanism for both; the registration and membership controllers
call it and it never calls them back about seats.

- **Amount.** A registration owes its event's price in the event's currency (a free event owes
  nothing, and a registration on the waiting list owes nothing until it gets a seat); a membership
  owes its year's fee (SLUP Settings). Staff may reduce or waive it with a reason
  (``FeeClaim.validate_amount``).
- **Due date.** The event's *Pay Within (Days of Registering)* (14 by default) after the seat was
  given, and at the latest the day before the event starts (never before the day it is made);
  a membership ``MEMBERSHIP_PAYMENT_DAYS`` after it is made.
- **Seats stay the seat owner's.** A claim is made after ``event.admit`` decided the seat and never
  changes it. A new registration's claim takes its terms from the event's locking read that the
  seat decision made (``event.LOCKED_FIELDS``): only a seat at a priced event adds to the lock's
  time (a free reference and one insert), and a place on the waiting list adds nothing.
- **Cancellation.** A cancelled registration owes nothing more; what it paid is refunded by the
  event's rule (in full when cancelled on or before *Full Refund Until*, else the day before the
  start; nothing after), unless a SLUP Manager overrides it (``refund_by_rules``).
- **Payments** are matched in ``slup_crm.fees.payments``; a claim's paid amount is always the sum
  of its applied payments (``refresh_claim``), so a payment can count only once.
"""

import frappe
from frappe import _
from frappe.utils import add_days, cint, flt, fmt_money, format_date, getdate, now

from slup_crm.activities.event import CANCELLED, CONFIRMED, SEAT_STATUSES
from slup_crm.fees import ocr
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils import mail

CLAIM = "Fee Claim"
REGISTRATION = "Activity Registration"
OPEN_STATUSES = ("Unpaid", "Partly Paid")
DEFAULT_PAYMENT_DAYS = 14
MEMBERSHIP_PAYMENT_DAYS = 30
# The event fields a claim's terms come from.
TERMS_FIELDS = ["title", "price", "currency", "payment_days", "start_date", "full_refund_until"]


# Terms of an event ------------------------------------------------------------------------


def event_terms(event_doctype: str, event_name: str) -> frappe._dict | None:
	return frappe.db.get_value(event_doctype, event_name, TERMS_FIELDS, as_dict=True)


def due_date_for(terms, given_on) -> object:
	"""The event's payment days after ``given_on``, at the latest the day before the start, and
	never before ``given_on`` itself."""
	given_on = getdate(given_on)
	days = DEFAULT_PAYMENT_DAYS if terms.get("payment_days") is None else cint(terms.payment_days)
	due = add_days(given_on, days)
	if terms.get("start_date"):
		due = min(due, add_days(getdate(terms.start_date), -1))
	return max(getdate(due), given_on)


def full_refund_until(terms) -> object | None:
	"""The last day a cancellation is refunded in full (the event's date, else the day before the start)."""
	if terms.get("full_refund_until"):
		return getdate(terms.full_refund_until)
	if terms.get("start_date"):
		return add_days(getdate(terms.start_date), -1)
	return None


def refund_by_rules(claim) -> float:
	"""What a cancelled claim gives back by its event's cancellation rule: all it paid when it was
	cancelled on or before the full-refund date, nothing after."""
	paid = flt(claim.paid_amount)
	if not claim.cancelled or not paid:
		return 0.0
	event = ("Trip", claim.trip) if claim.trip else ("Training", claim.training)
	if not event[1]:
		return 0.0
	until = full_refund_until(event_terms(*event) or frappe._dict())
	if until and getdate(claim.cancelled_on) > until:
		return 0.0
	return paid


# Registrations ----------------------------------------------------------------------------


def after_registration_saved(doc) -> None:
	"""A registration with a seat owes its event's fee from the moment it has the seat; a
	cancelled one owes nothing more (its claim follows the cancellation rules), and one moved to
	another event owes that event's fee instead (the claim of the first is cancelled the same way)."""
	if doc.status == CANCELLED or moved_to_another_event(doc):
		cancel_claim_of(doc.name)
	if doc.status == CONFIRMED:
		claim_registration(doc)


def moved_to_another_event(doc) -> bool:
	before = None if doc.is_new() else doc.get_doc_before_save()
	return bool(before) and before.event != doc.event


def claim_registration(doc) -> str | None:
	"""Make the registration's claim unless it has one or its event is free. Returns its name."""
	# A registration being inserted has no claim yet, and its seat decision read the event's terms.
	terms = doc.flags.get("locked_event") if doc.is_new() else None
	if not terms:
		existing = frappe.db.get_value(CLAIM, {"registration": doc.name, "cancelled": 0}, "name")
		if existing:
			return existing
		terms = event_terms(*doc.event)
	if not terms or flt(terms.price) <= 0:
		return None
	event_doctype, event_name = doc.event
	claim = frappe.get_doc(
		{
			"doctype": CLAIM,
			"registration": doc.name,
			frappe.scrub(event_doctype): event_name,
			"year": getdate(terms.start_date).year if terms.start_date else getdate().year,
			"description": f"{terms.title}: {doc.full_name}"[:140],
			"standard_amount": flt(terms.price),
			"amount": flt(terms.price),
			"currency": terms.currency or get_settings().currency,
			"due_date": due_date_for(terms, getdate(now())),  # now(): the demo's day too
			"ocr_reference": ocr.new_reference(),
		}
	)
	claim.flags.by_system = True
	# Every link names a record this request has just read or made.
	claim.flags.ignore_links = True
	# The system records what the registrant owes (a guest holds no permissions).
	claim.insert(ignore_permissions=True)
	doc.flags.fee_claim = claim
	return claim.name


def cancel_claim_of(registration: str) -> None:
	name = frappe.db.get_value(CLAIM, {"registration": registration, "cancelled": 0}, "name")
	if not name:
		return
	claim = frappe.get_doc(CLAIM, name)
	claim.cancelled = 1
	claim.cancelled_on = getdate(now())
	claim.flags.by_system = True
	claim.save(ignore_permissions=True)  # follows the registration's cancellation, whoever cancelled


def remove_claims_of(doc) -> None:
	"""A deleted registration or membership takes its claim along, unless money came in for it
	(then a registration is cancelled, not deleted)."""
	field = "registration" if doc.doctype == REGISTRATION else "membership"
	for name in frappe.get_all(CLAIM, {field: doc.name}, pluck="name"):
		if frappe.db.exists("Incoming Payment", {"claim": name, "applied": 1}):
			frappe.throw(
				_("{0} has payments on its fee claim {1}: it cannot be deleted.").format(doc.name, name)
			)
		frappe.db.set_value("Incoming Payment", {"claim": name}, {"claim": None, "status": "Unmatched"})
		frappe.delete_doc(CLAIM, name, ignore_permissions=True, force=True, delete_permanently=True)


# Memberships ------------------------------------------------------------------------------


def claim_membership(membership, send_invoice: bool = True) -> str | None:
	"""An unpaid membership with a fee owes it; the organisation is e-mailed the invoice (unless
	``send_invoice`` is false: the treasurer prints or sends it)."""
	if membership.status != "Unpaid" or flt(membership.fee) <= 0:
		return None
	if frappe.db.exists(CLAIM, {"membership": membership.name}):
		return None
	claim = frappe.get_doc(
		{
			"doctype": CLAIM,
			"membership": membership.name,
			"year": membership.year,
			"description": _("Membership fee {0}: {1}").format(
				membership.year, membership.organisation_name or membership.organisation
			)[:140],
			"standard_amount": flt(membership.fee),
			"amount": flt(membership.fee),
			"currency": membership.currency or get_settings().currency,
			"due_date": add_days(getdate(now()), MEMBERSHIP_PAYMENT_DAYS),
			"ocr_reference": ocr.new_reference(),
		}
	)
	claim.flags.by_system = True
	claim.insert(ignore_permissions=True)  # the system records what the member owes
	if send_invoice:
		send_membership_invoice(claim)
	return claim.name


def membership_status_changed(membership) -> None:
	"""A membership marked Paid or Waived by hand owes nothing more: its open claim is closed at what
	came in for it, with the reason (so no reminder goes out and nothing shows as outstanding)."""
	if membership.flags.paid_by_claim or membership.status not in ("Paid", "Waived"):
		return
	name = frappe.db.get_value(
		CLAIM, {"membership": membership.name, "status": ("in", OPEN_STATUSES)}, "name"
	)
	if not name:
		return
	claim = frappe.get_doc(CLAIM, name)
	claim.amount = claim.paid_amount
	claim.amount_reason = _("The membership was marked {0} by {1}.").format(
		_(membership.status), frappe.session.user
	)
	claim.flags.by_system = True
	claim.save(ignore_permissions=True)  # follows the membership staff changed


def mark_membership_paid(claim) -> None:
	"""A membership whose claim is paid is Paid, on the day of the last payment, with its reference."""
	membership = frappe.get_doc("Membership", claim.membership)
	if membership.status == "Paid":
		return
	membership.status = "Paid"
	membership.paid_date = claim.last_payment_date or getdate()
	membership.payment_reference = claim.ocr_reference
	membership.flags.paid_by_claim = True
	membership.save(ignore_permissions=True)  # follows the payment the treasurer applied


def recipient_of(claim) -> str | None:
	"""Whom a claim's e-mails go to: the registrant, or the member organisation."""
	if claim.registration:
		return frappe.db.get_value(REGISTRATION, claim.registration, "email")
	if claim.membership:
		organisation = frappe.db.get_value("Membership", claim.membership, "organisation")
		return frappe.db.get_value("Organisation", organisation, "email")
	return None


def send_membership_invoice(claim) -> None:
	recipient = recipient_of(claim)
	if not recipient:
		return
	mail.send(
		[recipient],
		_("Invoice: SLUP.SE membership fee {0}").format(claim.year),
		frappe.render_template(
			"slup_crm/templates/emails/fee_claim.html",
			{"kind": "invoice", "claim": claim, **instructions(claim)},
		),
		CLAIM,
		claim.name,
	)


# What to pay ------------------------------------------------------------------------------


def refresh_claim(name: str) -> None:
	"""Recompute a claim from its applied payments (under its row lock)."""
	if not frappe.db.get_value(CLAIM, name, "name", for_update=True):
		return
	claim = frappe.get_doc(CLAIM, name)
	claim.flags.by_system = True
	claim.save(ignore_permissions=True)  # the system keeps the sums true after a payment


def claim_of_registration(registration: str) -> frappe._dict | None:
	return frappe.db.get_value(
		CLAIM,
		{"registration": registration},
		["name", "amount", "outstanding_amount", "currency", "ocr_reference", "due_date", "status"],
		as_dict=True,
		# A registration moved to another event has the cancelled claim of the first one too.
		order_by="cancelled asc, creation desc",
	)


def instructions(claim) -> dict:
	"""What to pay, to which bank giro, with which reference, by when (for e-mails, pages, invoices)."""
	amount = flt(claim.outstanding_amount if claim.get("outstanding_amount") is not None else claim.amount)
	return {
		"amount": fmt_money(amount, currency=claim.currency),
		"bank_giro": get_settings().bank_giro or "",
		"ocr_reference": claim.ocr_reference,
		"due_date": format_date(claim.due_date) if claim.due_date else "",
	}


def answer_for_registration(doc) -> dict | None:
	"""The payment part of a registration form's answer and of its e-mails: what the registration
	owes (the claim its insert made, ``claim_registration``, else its stored one; a place on the
	waiting list owes nothing, so it is not looked up)."""
	claim = doc.flags.get("fee_claim")
	if not claim and doc.status in SEAT_STATUSES:
		claim = claim_of_registration(doc.name)
	if not claim or claim.status not in OPEN_STATUSES:
		return None
	return instructions(claim)


def answer_for_a_newcomer(event_doctype: str, event_name: str, existing_registration: str) -> dict | None:
	"""The payment part of the answer to someone who registered an address that was registered
	already: what a newcomer would owe (the price, a due date from today) and the existing claim's
	reference (random, so it looks like any new one); the e-mail to the address says the rest."""
	terms = event_terms(event_doctype, event_name)
	claim = claim_of_registration(existing_registration)
	if not terms or flt(terms.price) <= 0 or not claim:
		return None
	return {
		"amount": fmt_money(flt(terms.price), currency=terms.currency),
		"bank_giro": get_settings().bank_giro or "",
		"ocr_reference": claim.ocr_reference,
		"due_date": format_date(due_date_for(terms, getdate())),
	}


# For the organiser ------------------------------------------------------------------------


@frappe.whitelist()
def event_fee_summary(event_doctype: str, event_name: str) -> dict:
	"""How many of an event's claims are paid, and what is outstanding (the event form's indicator)."""
	if event_doctype not in ("Trip", "Training"):
		frappe.throw(_("{0} is not a trip or a training.").format(event_doctype))
	frappe.has_permission(event_doctype, "read", event_name, throw=True)
	frappe.has_permission(CLAIM, "read", throw=True)
	rows = frappe.get_all(
		CLAIM,
		filters={frappe.scrub(event_doctype): event_name, "status": ("!=", "Cancelled")},
		fields=["status", "outstanding_amount", "currency"],
	)
	return {
		"claims": len(rows),
		"paid": sum(1 for row in rows if row.status not in OPEN_STATUSES),
		"outstanding": fmt_money(
			sum(flt(row.outstanding_amount) for row in rows), currency=rows[0].currency if rows else None
		),
	}


def fee_instructions(claim_name: str) -> dict:
	"""What to pay for a claim, for its printed invoice (a Jinja method; the print view checked
	that the reader may read the claim)."""
	claim = frappe.get_doc(CLAIM, claim_name)
	claim.check_permission("read")
	return instructions(claim)
