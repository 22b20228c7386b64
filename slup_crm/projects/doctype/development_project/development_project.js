// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Development Project", {
	setup(frm) {
		frm.set_query("contact_person", () => ({
			filters: { link_doctype: "Organisation", link_name: frm.doc.project_owner || "" },
		}));
		frm.set_query("contact_person", "partners", (doc, cdt, cdn) => ({
			filters: {
				link_doctype: "Organisation",
				link_name: locals[cdt][cdn].organisation || "",
			},
		}));
	},
});
