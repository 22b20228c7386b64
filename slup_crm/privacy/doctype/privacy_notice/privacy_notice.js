// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Privacy Notice", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.set_read_only();
			frm.add_custom_button(__("New Version"), () => frm.copy_doc());
			frm.set_intro(
				__("A published version cannot change. Make a new version to change the notice."),
			);
		}
	},
});
