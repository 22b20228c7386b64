# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Sum

from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils.report_columns import amount_column, currency_column

STATUSES = ("Paid", "Unpaid", "Waived")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns():
	columns = [{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 80}]
	for status in STATUSES:
		key = status.lower()
		columns.append(
			{
				"fieldname": f"{key}_count",
				"label": _("{0} (count)").format(_(status)),
				"fieldtype": "Int",
				"width": 110,
			}
		)
		columns.append(amount_column(f"{key}_amount", _("{0} (amount)").format(_(status)), width=130))
	columns.append(currency_column())
	return columns


def get_data(filters):
	"""Paid, unpaid and waived memberships per year: how many and how much."""
	membership = frappe.qb.DocType("Membership")
	fields = [membership.year]
	for status in STATUSES:
		key = status.lower()
		is_status = membership.status == status
		fields.append(Sum(Case().when(is_status, 1).else_(0)).as_(f"{key}_count"))
		fields.append(Sum(Case().when(is_status, membership.fee).else_(0)).as_(f"{key}_amount"))
	query = (
		frappe.qb.from_(membership)
		.select(*fields)
		.groupby(membership.year)
		.orderby(membership.year, order=frappe.qb.desc)
	)
	if filters.get("from_year"):
		query = query.where(membership.year >= int(filters.from_year))
	if filters.get("to_year"):
		query = query.where(membership.year <= int(filters.to_year))
	rows = query.run(as_dict=True)
	currency = get_settings().currency
	for row in rows:
		row.currency = currency
		for status in STATUSES:
			key = status.lower()
			row[f"{key}_count"] = int(row[f"{key}_count"] or 0)
			row[f"{key}_amount"] = float(row[f"{key}_amount"] or 0)
	return rows
