// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.query_reports["Start-up Pipeline"] = {
	filters: [
		{
			fieldname: "municipality",
			label: __("Municipality"),
			fieldtype: "Link",
			options: "Organisation",
			get_query: () => ({ filters: { organisation_type: "Municipality" } }),
		},
		{
			fieldname: "origin",
			label: __("Origin"),
			fieldtype: "Select",
			options: [
				"",
				"New start",
				"Spin-off of a municipal work centre",
				"Spin-off of a project",
				"Conversion of an association",
			].map((value) => ({ value, label: __(value) })),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.is_group ? `<b>${value}</b>` : value;
	},
};
