# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""Fill rate (seats taken / seats) of the most recent trips and trainings that have started."""

import frappe
from frappe import _
from frappe.utils import flt, getdate
from pypika.terms import ValueWrapper

from slup_crm.activities.event import EVENT_DOCTYPES

LIMIT = 10


def recent_events(limit: int = LIMIT) -> list[dict]:
	"""The `limit` most recent events (trips and trainings together) that started by today, in one
	query (the most recent of each kind, UNION ALL)."""
	parts = []
	for doctype in EVENT_DOCTYPES:
		event = frappe.qb.DocType(doctype)
		parts.append(
			frappe.qb.from_(event)
			.select(
				event.title, event.start_date, event.seats, event.seats_taken, ValueWrapper(doctype, "kind")
			)
			.where((event.status != "Cancelled") & (event.start_date <= getdate()) & (event.seats > 0))
			.orderby(event.start_date, order=frappe.qb.desc)
			.limit(limit)
		)
	# each part ordered and limited on its own: as derived tables, which UNION ALL allows
	union = frappe.qb.from_(parts[0]).select("*")
	for part in parts[1:]:
		union = union.union_all(frappe.qb.from_(part).select("*"))
	rows = sorted(union.run(as_dict=True), key=lambda r: r.start_date, reverse=True)[:limit]
	for row in rows:
		row.fill_rate = flt(100 * (row.seats_taken or 0) / row.seats, 1)
	return rows


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
