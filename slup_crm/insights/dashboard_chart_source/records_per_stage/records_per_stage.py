# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""How many records of a pipeline stand in each stage, every stage in pipeline order.

One source for every pipeline chart: the chart names the pipeline doctype (its `document_type`).
Unlike Frappe's Group By chart, stages with no records are shown (as 0) and keep their order.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from slup_crm.pipelines.registry import get_pipeline, pipeline_doctypes


@frappe.whitelist()
@frappe.read_only()
def get(chart_name: str | None = None, **chart_arguments) -> dict:
	"""The chart's data (Frappe passes the chart's name and its filters and dates, unused here); it
	only reads, so it runs on the site's read replica when there is one."""
	doctype = frappe.get_cached_value("Dashboard Chart", chart_name, "document_type")
	if doctype not in pipeline_doctypes():
		frappe.throw(_("{0} is not a pipeline.").format(doctype))
	frappe.has_permission(doctype, "read", throw=True)
	stages = get_pipeline(doctype).stage_names
	table = frappe.qb.DocType(doctype)
	counts = dict(frappe.qb.from_(table).select(table.stage, Count("*")).groupby(table.stage).run())
	return {
		"labels": [_(stage) for stage in stages],
		"datasets": [{"name": _(doctype), "values": [counts.get(stage, 0) for stage in stages]}],
		"type": "bar",
	}
