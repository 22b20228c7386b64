# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""Everyone who has taken part in the gateway, by age band and gender: numbers only, no names."""

import frappe

from slup_crm.gateway.figures import participants_by_age_and_gender


@frappe.whitelist()
@frappe.read_only()
def get(chart_name: str | None = None, **chart_arguments) -> dict:
	"""The chart's data (Frappe passes the chart's name and its filters and dates, unused here)."""
	return participants_by_age_and_gender(chart_name)
