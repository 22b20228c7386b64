"""Registrations and memberships made before fees existed: each registration that holds a seat for
a coming priced event owes its event's fee like a new one (a claim with its OCR reference, due by
the event's rule from today), and each unpaid membership of this year or later its fee. Past events
and the waiting list owe nothing. An upgrade sends no e-mail by itself: the treasurer prints or
sends the membership invoices (print format *Membership Invoice*). Safe to run again."""

import frappe
from frappe.utils import getdate

from slup_crm.activities.event import CONFIRMED
from slup_crm.fees import claims


def execute():
	for event_doctype, field in (("Trip", "trip"), ("Training", "training")):
		events = frappe.get_all(
			event_doctype, filters={"price": (">", 0), "start_date": (">", getdate())}, pluck="name"
		)
		if not events:
			continue
		for name in frappe.get_all(
			"Activity Registration", filters={field: ("in", events), "status": CONFIRMED}, pluck="name"
		):
			if not frappe.db.exists(claims.CLAIM, {"registration": name, "cancelled": 0}):
				claims.claim_registration(frappe.get_doc("Activity Registration", name))
	for name in frappe.get_all(
		"Membership", filters={"status": "Unpaid", "year": (">=", getdate().year)}, pluck="name"
	):
		claims.claim_membership(frappe.get_doc("Membership", name), send_invoice=False)
