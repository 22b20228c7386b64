frappe.dashboards.chart_sources["Event Fill Rate"] = {
	method: "slup_crm.insights.dashboard_chart_source.event_fill_rate.event_fill_rate.get",
	filters: [],
};
