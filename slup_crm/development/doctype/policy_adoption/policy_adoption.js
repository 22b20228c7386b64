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
		// Publishing the document is the managers' (the server refuses anyone else).
		frm.toggle_enable("policy_document_public", frappe.user.has_role("SLUP Manager"));
		if (frm.is_new()) return;
		// Whether the municipality takes part in the policy exchange (its member record, if any).
		const member = frm.doc.__onload && frm.doc.__onload.policy_exchange_member;
		if (member && member.status === "Active") {
			frm.dashboard.add_indicator(__("Takes part in the policy exchange"), "green");
		} else if (member) {
			frm.dashboard.add_indicator(__("Left the policy exchange"), "gray");
		} else {
			frm.dashboard.add_indicator(__("Not in the policy exchange"), "gray");
		}
		if (member) {
			frm.add_custom_button(__("Policy Exchange Member"), () =>
				frappe.set_route("Form", "Policy Exchange Member", member.name),
			);
		}
	},
});
