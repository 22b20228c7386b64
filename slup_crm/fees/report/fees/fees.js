// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.query_reports["Fees"] = {
	filters: [
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Event", label: __("Event") },
				{ value: "Year", label: __("Year") },
			],
			default: "Event",
		},
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
	],
};
