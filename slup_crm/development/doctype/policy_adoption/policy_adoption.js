// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Policy Adoption", {
	setup(frm) {
		frm.set_query("municipality", () => ({ filters: { organisation_type: "Municipality" } }));
		// Frappe's contact query: only the municipality's own contacts (the server checks it too).
		frm.set_query("contact_person", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Organisation", link_name: frm.doc.municipality || "" },
		}));
	},
});
