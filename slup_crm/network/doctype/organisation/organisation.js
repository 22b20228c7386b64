// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Organisation", {
	setup(frm) {
		const only_municipalities = () => ({ filters: { organisation_type: "Municipality" } });
		frm.set_query("located_in", only_municipalities);
		frm.set_query("parent_organisation", () => ({ filters: { name: ["!=", frm.doc.name] } }));
	},

	refresh(frm) {
		frappe.dynamic_link = { doc: frm.doc, fieldname: "name", doctype: "Organisation" };
		if (frm.is_new()) {
			frappe.contacts.clear_address_and_contact(frm);
		} else {
			frappe.contacts.render_address_and_contact(frm);
			frm.add_custom_button(
				__("Membership"),
				() => {
					frappe.new_doc("Membership", { organisation: frm.doc.name });
				},
				__("Create"),
			);
		}
	},
});
