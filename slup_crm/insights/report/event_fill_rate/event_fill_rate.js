// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.query_reports["Event Fill Rate"] = {
	filters: [
		{
			fieldname: "limit",
			label: __("Number of Trips and Trainings"),
			fieldtype: "Int",
			default: 10,
		},
	],
};
