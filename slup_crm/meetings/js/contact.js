// Newsletter opt-in and opt-out on Frappe's Contact form (the list is the Email Group "SLUP Newsletter").

frappe.ui.form.on("Contact", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.email_id) return;
		const call = (method, done) =>
			frappe
				.call({
					method: `slup_crm.meetings.newsletter.${method}`,
					args: { contact: frm.doc.name },
				})
				.then((r) => frappe.show_alert({ message: done(r.message), indicator: "green" }));
		frm.add_custom_button(
			__("Subscribe to Newsletter"),
			() =>
				call("opt_in_contact", (email) => __("{0} now receives the newsletter.", [email])),
			__("Newsletter"),
		);
		frm.add_custom_button(
			__("Unsubscribe from Newsletter"),
			() =>
				call("opt_out_contact", (email) =>
					__("{0} no longer receives the newsletter.", [email]),
				),
			__("Newsletter"),
		);
	},
});
