// The approver sees what the erasure will change before approving, and may keep a mention
// (slup_crm.privacy.erasure.erasure_preview and keep_mentions).
frappe.ui.form.on("Personal Data Deletion Request", {
	refresh(frm) {
		if (frm.doc.status === "Deleted" || !frappe.user.has_role("System Manager")) {
			return;
		}
		frm.add_custom_button(__("Preview Erasure"), () => show_erasure_preview(frm));
	},
});

function show_erasure_preview(frm) {
	frappe
		.call("slup_crm.privacy.erasure.erasure_preview", { request: frm.doc.name })
		.then(({ message }) => {
			const kept = new Set(message.kept);
			const rows = message.changes.map((change) => {
				const mentions = change.mentions
					.map(
						(m) => `<label style="display:block">
							<input type="checkbox" data-key="${frappe.utils.escape_html(m.key)}"
								${kept.has(m.key) ? "checked" : ""}>
							${__("Keep")} «${frappe.utils.escape_html(m.word)}» (${m.count})</label>`,
					)
					.join("");
				return `<tr><td>${frappe.utils.escape_html(__(change.doctype))}</td>
					<td>${frappe.utils.escape_html(change.name)}</td>
					<td>${frappe.utils.escape_html(__(change.action))}</td>
					<td>${frappe.utils.escape_html(change.fields.join(", "))}</td>
					<td>${mentions}</td></tr>`;
			});
			const dialog = new frappe.ui.Dialog({
				title: __("What the Erasure Will Change"),
				size: "extra-large",
				fields: [{ fieldtype: "HTML", fieldname: "plan" }],
				primary_action_label: __("Save Mentions Kept"),
				primary_action() {
					const keys = [...dialog.$wrapper.find("input[data-key]:checked")].map(
						(input) => input.dataset.key,
					);
					frappe
						.call("slup_crm.privacy.erasure.keep_mentions", {
							request: frm.doc.name,
							keys,
						})
						.then(() => {
							dialog.hide();
							frm.reload_doc();
						});
				},
			});
			dialog.fields_dict.plan.$wrapper.html(
				rows.length
					? `<table class="table table-bordered"><thead><tr>
						<th>${__("Document Type")}</th><th>${__("Record")}</th>
						<th>${__("Change")}</th><th>${__("Fields")}</th>
						<th>${__("Mentions")}</th></tr></thead>
						<tbody>${rows.join("")}</tbody></table>`
					: `<p>${__("Nothing on the site holds this address.")}</p>`,
			);
			dialog.show();
		});
}
