# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""Fill rate (seats taken / seats) of the most recent trips and trainings that have started."""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from slup_crm.activities.event import EVENT_DOCTYPES

LIMIT = 10


def recent_events(limit: int = LIMIT) -> list[dict]:
	"""The `limit` most recent events (trips and trainings together) that started by today."""
	rows = []
	for doctype in EVENT_DOCTYPES:
		event = frappe.qb.DocType(doctype)
		for row in (
			frappe.qb.from_(event)
			.select(event.title, event.start_date, event.seats, event.seats_taken)
			.where((event.status != "Cancelled") & (event.start_date <= getdate()) & (event.seats > 0))
			.orderby(event.start_date, order=frappe.qb.desc)
			.limit(limit)
			.run(as_dict=True)
		):
			row.kind = doctype
			rows.append(row)
	rows.sort(key=lambda r: r.start_date, reverse=True)
	for row in rows:
		row.fill_rate = flt(100 * (row.seats_taken or 0) / row.seats, 1)
	return rows[:limit]


@frappe.whitelist()
@frappe.read_only()
def get(chart_name: str | None = None, **chart_arguments) -> dict:
	"""The chart's data (Frappe passes the chart's name and its filters and dates, unused here); it
	only reads, so it runs on the site's read replica when there is one."""
	frappe.has_permission("Trip", "read", throw=True)
	rows = list(reversed(recent_events()))
	return {
		"labels": [row.title for row in rows],
		"datasets": [{"name": _("Fill Rate (%)"), "values": [row.fill_rate for row in rows]}],
		"type": "bar",
		"fieldtype": "Percent",
	}
