frappe.dashboards.chart_sources["Records per Stage"] = {
	method: "slup_crm.insights.dashboard_chart_source.records_per_stage.records_per_stage.get",
	filters: [],
};
