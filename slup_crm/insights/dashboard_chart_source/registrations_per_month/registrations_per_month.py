# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""Registrations for trips and trainings per month, the last twelve months (this one included).

A chart source rather than a Count chart: Frappe's Count chart groups by the raw timestamp and
bins in Python, which reads one row per registration; this groups by month in the database.
"""

import frappe
from frappe import _
from frappe.query_builder import CustomFunction
from frappe.query_builder.functions import Count
from frappe.utils import add_months, getdate

MONTHS = 12
DateFormat = CustomFunction("DATE_FORMAT", ["date", "format"])


@frappe.whitelist()
@frappe.read_only()
def get(chart_name: str | None = None, **chart_arguments) -> dict:
	"""The chart's data (Frappe passes the chart's name and its filters and dates, unused here); it
	only reads, so it runs on the site's read replica when there is one."""
	frappe.has_permission("Activity Registration", "read", throw=True)
	first = add_months(getdate().replace(day=1), -(MONTHS - 1))
	months = [add_months(first, i).strftime("%Y-%m") for i in range(MONTHS)]
	registration = frappe.qb.DocType("Activity Registration")
	month = DateFormat(registration.creation, "%Y-%m")
	counts = dict(
		frappe.qb.from_(registration)
		.select(month.as_("month"), Count("*"))
		.where(registration.creation >= first)
		.groupby(month)
		.run()
	)
	return {
		"labels": months,
		"datasets": [{"name": _("Registrations"), "values": [counts.get(m, 0) for m in months]}],
		"type": "line",
	}
