# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate

EVENT_DOCTYPES = ("Trip", "Training")
DEFAULT_LIMIT = 10


def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns():
	return [
		{"fieldname": "event", "label": _("Trip or Training"), "fieldtype": "Data", "width": 260},
		{"fieldname": "kind", "label": _("Kind"), "fieldtype": "Data", "width": 90},
		{"fieldname": "start_date", "label": _("Start Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "seats", "label": _("Seats"), "fieldtype": "Int", "width": 80},
		{"fieldname": "seats_taken", "label": _("Seats Taken"), "fieldtype": "Int", "width": 100},
		{"fieldname": "fill_rate", "label": _("Fill Rate (%)"), "fieldtype": "Percent", "width": 110},
	]


def get_data(filters):
	"""The most recent trips and trainings that have started (or start today), newest first."""
	limit = cint(filters.get("limit")) or DEFAULT_LIMIT
	rows = []
	for doctype in EVENT_DOCTYPES:
		for event in frappe.get_all(
			doctype,
			filters={"status": ("!=", "Cancelled"), "start_date": ("<=", getdate()), "seats": (">", 0)},
			fields=["name", "title", "start_date", "seats", "seats_taken"],
			order_by="start_date desc",
			limit=limit,
		):
			rows.append(
				frappe._dict(
					event=event.title,
					kind=_(doctype),
					start_date=event.start_date,
					seats=event.seats,
					seats_taken=event.seats_taken,
					fill_rate=flt(100 * (event.seats_taken or 0) / event.seats, 1),
				)
			)
	rows.sort(key=lambda r: r.start_date, reverse=True)
	return rows[:limit]


def get_chart(data):
	ordered = list(reversed(data))
	return {
		"data": {
			"labels": [row.event for row in ordered],
			"datasets": [{"name": _("Fill Rate (%)"), "values": [row.fill_rate for row in ordered]}],
		},
		"type": "bar",
		"fieldtype": "Percent",
	}
