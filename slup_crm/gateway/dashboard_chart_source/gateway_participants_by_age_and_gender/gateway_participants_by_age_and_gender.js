frappe.dashboards.chart_sources["Gateway Participants by Age and Gender"] = {
	method: "slup_crm.gateway.dashboard_chart_source.gateway_participants_by_age_and_gender.gateway_participants_by_age_and_gender.get",
	filters: [],
};
