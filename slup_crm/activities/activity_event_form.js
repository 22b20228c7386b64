// The desk form of a trip or a training (included by trip.js and training.js): the event's
// registrations, its printable participant list and an e-mail to all confirmed participants.
// While the site has no outgoing e-mail account, or background jobs do not run (the queue's Redis
// or every worker down), the form warns: registrants are still accepted, but their e-mails wait
// (slup_crm/utils/mail.py).
function setup_activity_event_form(doctype) {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			show_email_setup_warning(frm);
			if (frm.is_new()) return;
			const link_field = frappe.scrub(doctype);
			frm.add_custom_button(__("Registrations"), () =>
				frappe.set_route("List", "Activity Registration", { [link_field]: frm.doc.name }),
			);
			frm.add_custom_button(__("Participant List"), () => {
				const params = new URLSearchParams({
					doctype: doctype,
					name: frm.doc.name,
					format: `${doctype} Participant List`,
					trigger_print: 1,
				});
				window.open(`/printview?${params.toString()}`);
			});
			show_fee_summary(frm, link_field);
			if (frappe.model.can_email(doctype, frm)) {
				frm.add_custom_button(__("E-mail Participants"), () => email_participants(frm));
			}
		},
		published(frm) {
			if (frm.doc.published) show_email_setup_warning(frm);
		},
	});

	// Paid or not (slup_crm.fees): how many of the event's fee claims are paid, what is outstanding.
	function show_fee_summary(frm, link_field) {
		if (!frappe.model.can_read("Fee Claim")) return;
		frappe.call({
			method: "slup_crm.fees.claims.event_fee_summary",
			args: { event_doctype: doctype, event_name: frm.doc.name },
			callback(r) {
				const summary = r.message;
				if (!summary || !summary.claims) return;
				frm.dashboard.add_indicator(
					__("Paid: {0} of {1}; outstanding {2}", [
						summary.paid,
						summary.claims,
						summary.outstanding,
					]),
					summary.paid === summary.claims ? "green" : "orange",
				);
				frm.add_custom_button(__("Fee Claims"), () =>
					frappe.set_route("List", "Fee Claim", { [link_field]: frm.doc.name }),
				);
			},
		});
	}

	function show_email_setup_warning(frm) {
		frappe.call({
			method: "slup_crm.utils.mail.get_email_setup_status",
			callback(r) {
				const status = r.message;
				if (!status || (status.ready && status.queue_ready && !status.pending)) return;
				let message = __("{0} e-mails to registrants are waiting to be sent.", [
					status.pending,
				]);
				if (!status.ready) {
					message = __(
						"No outgoing e-mail account is set up: registrants get no confirmation e-mail until an administrator adds one (Email Account, default outgoing). {0} e-mails are waiting.",
						[status.pending],
					);
				} else if (!status.queue_ready) {
					message = __(
						"Background jobs are not running (the queue or its workers are down): registrations are still taken, and their e-mails are kept and sent once the queue is back. {0} e-mails are waiting.",
						[status.pending],
					);
				}
				frm.set_intro(message, "orange");
			},
		});
	}

	function email_participants(frm) {
		const dialog = new frappe.ui.Dialog({
			title: __("E-mail all confirmed participants"),
			fields: [
				{ fieldname: "subject", fieldtype: "Data", label: __("Subject"), reqd: 1 },
				{ fieldname: "message", fieldtype: "Text Editor", label: __("Message"), reqd: 1 },
			],
			primary_action_label: __("Send"),
			primary_action(values) {
				frappe.call({
					method: "slup_crm.activities.registration.email_participants",
					args: {
						event_doctype: doctype,
						event_name: frm.doc.name,
						subject: values.subject,
						message: values.message,
					},
					freeze: true,
					callback(r) {
						if (r.exc) return;
						dialog.hide();
						frappe.show_alert({
							message: __("E-mail queued for {0} participants", [r.message]),
							indicator: "green",
						});
					},
				});
			},
		});
		dialog.show();
	}
}
