# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""Fees per event (each trip and training, and the year's membership fees) or per year: owed, paid,
outstanding, refunds owed and refunded. Frappe exports it to Excel."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum

from slup_crm.utils.report_columns import amount_column, currency_column

CLAIM = "Fee Claim"
AMOUNTS = ("owed", "paid", "outstanding", "refund_due", "refunded")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	frappe.has_permission(CLAIM, "read", throw=True)
	by_year = filters.get("group_by") == "Year"
	return get_columns(by_year), get_data(filters, by_year)


def get_columns(by_year: bool) -> list[dict]:
	columns = [{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 70}]
	if not by_year:
		columns.append({"fieldname": "fees_for", "label": _("For"), "fieldtype": "Data", "width": 260})
	columns.append({"fieldname": "claims", "label": _("Claims"), "fieldtype": "Int", "width": 80})
	labels = {
		"owed": _("Owed"),
		"paid": _("Paid"),
		"outstanding": _("Outstanding"),
		"refund_due": _("Refund Owed"),
		"refunded": _("Refunded"),
	}
	columns += [amount_column(key, labels[key]) for key in AMOUNTS]
	columns.append(currency_column())
	return columns


def get_data(filters, by_year: bool) -> list[dict]:
	claim = frappe.qb.DocType(CLAIM)
	keys = (
		[claim.year, claim.currency] if by_year else [claim.year, claim.trip, claim.training, claim.currency]
	)
	query = (
		frappe.qb.from_(claim)
		.select(
			*keys,
			Count("*").as_("claims"),
			Sum(Case().when(claim.cancelled == 0, claim.amount).else_(0)).as_("owed"),
			Sum(claim.paid_amount).as_("paid"),
			Sum(claim.outstanding_amount).as_("outstanding"),
			Sum(claim.refund_amount - claim.refunded_amount).as_("refund_due"),
			Sum(claim.refunded_amount).as_("refunded"),
		)
		.groupby(*keys)
		.orderby(claim.year)
	)
	if filters.get("year"):
		query = query.where(claim.year == int(filters.year))
	rows = query.run(as_dict=True)
	titles = event_titles(rows)
	for row in rows:
		if not by_year:
			row.fees_for = (
				titles.get(("Trip", row.trip))
				or titles.get(("Training", row.training))
				or _("Membership fees {0}").format(row.year)
			)
	return rows


def event_titles(rows) -> dict:
	titles = {}
	for doctype, field in (("Trip", "trip"), ("Training", "training")):
		names = [row[field] for row in rows if row.get(field)]
		if names:
			for event in frappe.get_all(doctype, {"name": ("in", names)}, ["name", "title"]):
				titles[(doctype, event.name)] = event.title
	return titles
