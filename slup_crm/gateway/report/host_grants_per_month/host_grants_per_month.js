// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.query_reports["Host Grants per Month"] = {
	filters: [
		{
			fieldname: "from_month",
			label: __("From Month"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
			reqd: 1,
		},
		{
			fieldname: "to_month",
			label: __("To Month"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
			reqd: 1,
		},
		{
			fieldname: "project",
			label: __("Development Project"),
			fieldtype: "Link",
			options: "Development Project",
		},
		{
			fieldname: "unpaid_only",
			label: __("Unpaid Only"),
			fieldtype: "Check",
		},
	],
};
