// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.query_reports["Gateway Participants for Funders"] = {
	filters: [
		{
			fieldname: "project",
			label: __("Development Project"),
			fieldtype: "Link",
			options: "Development Project",
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
	],
};
