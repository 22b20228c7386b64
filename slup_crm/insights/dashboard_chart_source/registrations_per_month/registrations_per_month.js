frappe.dashboards.chart_sources["Registrations per Month"] = {
	method: "slup_crm.insights.dashboard_chart_source.registrations_per_month.registrations_per_month.get",
	filters: [],
};
