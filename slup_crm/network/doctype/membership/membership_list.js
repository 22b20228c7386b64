frappe.listview_settings["Membership"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colour = { Paid: "green", Waived: "blue", Unpaid: "orange" }[doc.status];
		return [__(doc.status), colour, "status,=," + doc.status];
	},
};
