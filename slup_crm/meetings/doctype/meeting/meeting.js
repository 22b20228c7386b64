// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Meeting", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Create Next Meeting"), () => {
			frappe.prompt(
				[{ fieldname: "meeting_date", fieldtype: "Date", label: __("Date"), reqd: 1 }],
				(values) =>
					frappe
						.call({
							method: "slup_crm.meetings.doctype.meeting.meeting.create_next_meeting",
							args: { meeting: frm.doc.name, meeting_date: values.meeting_date },
						})
						.then((r) => frappe.set_route("Form", "Meeting", r.message)),
				__("Create Next Meeting"),
				__("Create"),
			);
		});
		frm.add_custom_button(
			__("Request Members' Reports"),
			() =>
				frappe
					.call({
						method: "slup_crm.meetings.reports.request_reports",
						args: { meeting: frm.doc.name },
					})
					.then((r) =>
						frappe.show_alert({
							message: __("{0} report requests sent.", [r.message]),
							indicator: "green",
						}),
					),
			__("E-mail"),
		);
		frm.add_custom_button(
			__("E-mail Minutes"),
			() =>
				frappe.confirm(__("E-mail the minutes to everyone on the attendee list?"), () =>
					frappe
						.call({
							method: "slup_crm.meetings.minutes.email_minutes",
							args: { meeting: frm.doc.name },
						})
						.then((r) => {
							frappe.show_alert({
								message: __("Minutes sent to {0} people.", [r.message]),
								indicator: "green",
							});
							frm.reload_doc();
						}),
				),
			__("E-mail"),
		);
	},
});
