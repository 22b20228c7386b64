# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""Registrations for trips and trainings per month, the last twelve months (this one included).

A chart source rather than a Count chart: Frappe's Count chart groups by the raw timestamp and
bins in Python, which reads one row per registration. Here each month is one range count on the
index of `creation` (`activity_registration.on_doctype_update`), the twelve in one query (UNION
ALL): the database counts index entries and neither reads the rows nor groups a formatted date
(grouping by DATE_FORMAT needs a temporary table of every registration of the year, about 8x
slower with 2.4 million registrations).
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import add_months, getdate
from pypika.terms import ValueWrapper

MONTHS = 12


@frappe.whitelist()
@frappe.read_only()
def get(chart_name: str | None = None, **chart_arguments) -> dict:
	"""The chart's data (Frappe passes the chart's name and its filters and dates, unused here); it
	only reads, so it runs on the site's read replica when there is one."""
	frappe.has_permission("Activity Registration", "read", throw=True)
	first = add_months(getdate().replace(day=1), -(MONTHS - 1))
	starts = [add_months(first, i) for i in range(MONTHS + 1)]
	months = [start.strftime("%Y-%m") for start in starts[:MONTHS]]
	registration = frappe.qb.DocType("Activity Registration")
	parts = [
		frappe.qb.from_(registration)
		.select(ValueWrapper(month, "month"), Count("*"))
		.where((registration.creation >= start) & (registration.creation < end))
		for month, start, end in zip(months, starts, starts[1:], strict=False)
	]
	union = parts[0]
	for part in parts[1:]:
		union = union.union_all(part)
	counts = dict(union.run())
	return {
		"labels": months,
		"datasets": [{"name": _("Registrations"), "values": [counts.get(m, 0) for m in months]}],
		"type": "line",
	}
