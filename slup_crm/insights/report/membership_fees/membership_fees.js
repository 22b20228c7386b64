// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.query_reports["Membership Fees"] = {
	filters: [
		{ fieldname: "from_year", label: __("From Year"), fieldtype: "Int" },
		{ fieldname: "to_year", label: __("To Year"), fieldtype: "Int" },
	],
};
