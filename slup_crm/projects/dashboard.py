"""Figures for the projects' number cards (Custom cards call these whitelisted methods)."""

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import add_days, getdate

from slup_crm.insights.dashboard import CardFilters, dashboard_figure
from slup_crm.projects.stages import DEVELOPMENT_PROJECT

REPORTS_DUE_WITHIN_DAYS = 30


@dashboard_figure
def reports_due_soon(filters: CardFilters = None) -> int:
	"""Reports owed to funders, not yet submitted, due from today to 30 days ahead."""
	report = frappe.qb.DocType("Funder Report")
	project = frappe.qb.DocType("Development Project")
	return (
		frappe.qb.from_(report)
		.join(project)
		.on((project.name == report.parent) & (report.parenttype == "Development Project"))
		.select(Count("*"))
		.where(report.submitted_on.isnull())
		.where(report.due_date.between(getdate(), add_days(getdate(), REPORTS_DUE_WITHIN_DAYS)))
		.where(project.stage.notin(DEVELOPMENT_PROJECT.closed_stages))
		.run()[0][0]
	)
