# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""How many records of a pipeline each municipality has, the municipalities with most first.

The chart names the pipeline doctype (its `document_type`) and how many municipalities to show
(its `number_of_groups`). What Frappe's Group By chart draws, as a chart source of the app's own
so that it reads on the site's read replica when there is one (Frappe's chart endpoint always
reads the primary).
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from slup_crm.pipelines.registry import pipeline_doctypes

DEFAULT_GROUPS = 15


@frappe.whitelist()
@frappe.read_only()
def get(chart_name: str | None = None, **chart_arguments) -> dict:
	"""The chart's data (Frappe passes the chart's name and its filters and dates, unused here); it
	only reads, so it runs on the site's read replica when there is one."""
	doctype, groups = frappe.get_cached_value(
		"Dashboard Chart", chart_name, ["document_type", "number_of_groups"]
	) or (None, None)
	if doctype not in pipeline_doctypes() or not frappe.get_meta(doctype).has_field("municipality_name"):
		frappe.throw(_("{0} is not a pipeline with municipalities.").format(doctype))
	frappe.has_permission(doctype, "read", throw=True)
	table = frappe.qb.DocType(doctype)
	count = Count("*").as_("count")
	rows = (
		frappe.qb.from_(table)
		.select(table.municipality_name, count)
		.where(table.municipality_name.isnotnull())
		.groupby(table.municipality_name)
		.orderby(count, order=frappe.qb.desc)
		.orderby(table.municipality_name)
		.limit(groups or DEFAULT_GROUPS)
		.run()
	)
	return {
		"labels": [name for name, _count in rows],
		"datasets": [{"name": _(doctype), "values": [n for _name, n in rows]}],
		"type": "bar",
	}
