# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import cint

from slup_crm.insights.dashboard_chart_source.event_fill_rate.event_fill_rate import LIMIT, recent_events


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
	return [
		frappe._dict(
			event=row.title,
			kind=_(row.kind),
			start_date=row.start_date,
			seats=row.seats,
			seats_taken=row.seats_taken,
			fill_rate=row.fill_rate,
		)
		for row in recent_events(cint(filters.get("limit")) or LIMIT)
	]


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
