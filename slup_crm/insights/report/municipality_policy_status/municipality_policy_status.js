// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.query_reports["Municipality Policy Status"] = {
	filters: [
		{
			fieldname: "county",
			label: __("County"),
			fieldtype: "Link",
			options: "County",
			default: "Stockholms län",
		},
		{
			fieldname: "stage",
			label: __("Stage"),
			fieldtype: "Select",
			options: [
				"",
				"Not contacted",
				"In dialogue",
				"Information campaign",
				"Policy drafted",
				"Policy adopted",
				"Implementing",
				"Paused",
				"Declined",
			].map((value) => ({ value, label: __(value) })),
		},
	],
};
