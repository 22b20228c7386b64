// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Gateway Participant", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (!frm.doc.anonymised_on) {
			frm.add_custom_button(__("Erase Personal Data"), () => erase(frm));
		}
	},
});

function erase(frm) {
	frappe.confirm(
		__(
			"Erase the name and contact details of {0}? The figures for the funder remain. This cannot be undone.",
			[frm.doc.name],
		),
		() =>
			frappe
				.call({
					method: "slup_crm.gateway.privacy.erase_participant",
					args: { participant: frm.doc.name },
					freeze: true,
				})
				.then(() => frm.reload_doc()),
	);
}
