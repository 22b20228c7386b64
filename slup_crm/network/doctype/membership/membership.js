// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Membership", {
	onload(frm) {
		if (frm.is_new() && !frm.doc.year) {
			frm.set_value("year", new Date().getFullYear());
		}
	},
	status(frm) {
		if (frm.doc.status === "Paid" && !frm.doc.paid_date) {
			frm.set_value("paid_date", frappe.datetime.get_today());
		}
	},
});
