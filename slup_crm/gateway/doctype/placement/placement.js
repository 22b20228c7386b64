// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Placement", {
	setup(frm) {
		frm.set_query("participant", () => ({ filters: { stage: ["!=", "Ended"] } }));
	},
	refresh(frm) {
		if (!frm.is_new() && frm.doc.daily_rate) {
			frm.dashboard.set_headline(
				__("Host grant {0} per day, fixed when the placement started.", [
					format_currency(frm.doc.daily_rate, frm.doc.currency),
				]),
			);
		}
	},
});
