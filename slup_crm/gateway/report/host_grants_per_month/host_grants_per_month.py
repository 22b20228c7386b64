# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""The host grant (anordnarbidrag) owed to each host enterprise per month: days attended x the daily
rate of each placement, for payment. Frappe exports it to Excel (Report > Export).

One row per host and month, with the month's Host Compensation when it is paid (paid months are
locked). No participant is named: the payment needs the host, the month, the days and the sum.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from slup_crm.gateway.compensation import first_of_month, monthly_compensation
from slup_crm.gateway.doctype.placement.placement import month_label


def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_month = first_of_month(filters.get("from_month") or getdate())
	to_month = first_of_month(filters.get("to_month") or from_month)
	if from_month > to_month:
		frappe.throw(_("The period must start before it ends."))
	rows = monthly_compensation(from_month, to_month, project=filters.get("project"))
	if filters.get("unpaid_only"):
		rows = [row for row in rows if not row.paid]
	return get_columns(), get_data(rows)


def get_columns():
	return [
		{"fieldname": "month_label", "label": _("Month"), "fieldtype": "Data", "width": 130},
		{"fieldname": "month", "label": _("First Day of Month"), "fieldtype": "Date", "width": 120},
		{"fieldname": "host_type", "label": _("Host Type"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "host",
			"label": _("Host"),
			"fieldtype": "Dynamic Link",
			"options": "host_type",
			"width": 130,
		},
		{"fieldname": "host_name", "label": _("Host Name"), "fieldtype": "Data", "width": 220},
		{"fieldname": "placements", "label": _("Placements"), "fieldtype": "Int", "width": 100},
		{"fieldname": "days", "label": _("Days Attended"), "fieldtype": "Int", "width": 120},
		{
			"fieldname": "amount",
			"label": _("Amount"),
			"fieldtype": "Currency",
			"options": "SEK",
			"width": 130,
		},
		{"fieldname": "paid", "label": _("Paid"), "fieldtype": "Check", "width": 70},
		{
			"fieldname": "compensation",
			"label": _("Host Compensation"),
			"fieldtype": "Link",
			"options": "Host Compensation",
			"width": 140,
		},
	]


def get_data(rows) -> list[dict]:
	return [
		{
			"month_label": month_label(row.month),
			"month": row.month,
			"host_type": row.host_type,
			"host": row.host,
			"host_name": row.host_name,
			"placements": row.placements,
			"days": row.days,
			"amount": row.amount,
			"paid": row.paid,
			"compensation": row.compensation,
		}
		for row in rows
	]
