// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Policy Exchange Member", {
	setup(frm) {
		frm.set_query("organisation", () => ({
			filters: { organisation_type: ["in", ["Municipality", "Region"]] },
		}));
		// Frappe's contact query: only the organisation's own contacts (the server checks it too).
		frm.set_query("contact", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Organisation", link_name: frm.doc.organisation || "" },
		}));
	},
});
