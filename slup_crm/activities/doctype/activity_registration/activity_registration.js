// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

// Event organisers (the only ones who may read Registration Needs) open the registration's dietary
// and accessibility needs from the registration; everyone else sees no trace of them.
frappe.ui.form.on("Activity Registration", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_read("Registration Needs")) return;
		frm.add_custom_button(__("Dietary and Accessibility Needs"), () => {
			frappe.db.exists("Registration Needs", frm.doc.name).then((exists) => {
				if (exists) {
					frappe.set_route("Form", "Registration Needs", frm.doc.name);
				} else {
					frappe.new_doc("Registration Needs", { registration: frm.doc.name });
				}
			});
		});
	},
});
