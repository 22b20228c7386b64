// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

// The treasurer resolves a payment that did not match by itself (slup_crm/fees/payments.py):
// apply it to the claim chosen on it, or record that the money was sent back.
frappe.ui.form.on("Incoming Payment", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.applied || frm.doc.status === "Returned") return;
		if (!frappe.model.can_write("Incoming Payment")) return;
		if (frm.doc.claim) {
			frm.add_custom_button(__("Apply to Fee Claim"), () =>
				call(frm, "slup_crm.fees.payments.apply_payment"),
			);
		}
		frm.add_custom_button(__("Sent Back to Payer"), () =>
			frappe.confirm(__("Record that this payment was sent back to the payer?"), () =>
				call(frm, "slup_crm.fees.payments.mark_returned"),
			),
		);
	},
});

function call(frm, method) {
	frappe.call({ method, args: { payment: frm.doc.name }, callback: () => frm.reload_doc() });
}
