// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.query_reports["Record of Processing"] = {
	filters: [
		{
			fieldname: "language",
			label: __("Language"),
			fieldtype: "Select",
			options: ["", "en", "sv"],
			description: __("Print the record in English or Swedish (empty: your own language)."),
		},
	],
};
