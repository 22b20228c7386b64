frappe.listview_settings["Organisation"] = {
	add_fields: ["organisation_type", "is_member"],
	get_indicator(doc) {
		if (doc.is_member) {
			return [__("Member"), "green", "is_member,=,1"];
		}
		return [__(doc.organisation_type), "gray", "organisation_type,=," + doc.organisation_type];
	},
};
