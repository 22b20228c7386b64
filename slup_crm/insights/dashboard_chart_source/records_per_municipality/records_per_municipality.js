frappe.dashboards.chart_sources["Records per Municipality"] = {
	method: "slup_crm.insights.dashboard_chart_source.records_per_municipality.records_per_municipality.get",
	filters: [],
};
