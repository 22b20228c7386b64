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
	refresh(frm) {
		if (!frm.is_new()) {
			frm.dashboard.set_headline(
				__("In the stage {0} for {1} days.", [
					__(frm.doc.stage),
					frm.doc.days_in_stage || 0,
				]),
			);
		}
	},
});
