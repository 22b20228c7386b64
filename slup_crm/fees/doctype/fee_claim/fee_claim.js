// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

// A fee claim's payments, and its invoice for a membership (the rules are on the server:
// slup_crm/fees/claims.py and fee_claim.py).
frappe.ui.form.on("Fee Claim", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Payments"), () =>
			frappe.set_route("List", "Incoming Payment", { claim: frm.doc.name }),
		);
		if (frm.doc.membership) {
			frm.add_custom_button(__("Invoice"), () => {
				const params = new URLSearchParams({
					doctype: "Fee Claim",
					name: frm.doc.name,
					format: "Membership Invoice",
				});
				window.open(`/printview?${params.toString()}`);
			});
		}
	},
});
