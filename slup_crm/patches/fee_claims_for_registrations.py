"""Registrations made before fees existed: each that holds a seat for a coming priced event owes its
event's fee like a new one (a claim with its OCR reference, due by the event's rule from today).
Past events and the waiting list owe nothing; memberships get their claim (and its invoice e-mail)
when staff next save them, so an upgrade sends no e-mail by itself. Safe to run again."""

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
