// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.ui.form.on("Social Enterprise Startup", {
	setup(frm) {
		const of_type = (organisation_type) => () => ({ filters: { organisation_type } });
		frm.set_query("municipality", of_type("Municipality"));
		frm.set_query("consortium", of_type("Consortium"));
		frm.set_query("organisation", of_type("Social Enterprise"));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		if ((frm.doc.__onload || {}).is_founded && !frm.doc.organisation) {
			frm.add_custom_button(__("Create Organisation"), () => create_organisation(frm));
		}
	},
});

function create_organisation(frm) {
	frappe.prompt(
		[
			{
				fieldname: "organisation_number",
				fieldtype: "Data",
				label: __("Organisation Number"),
				description: __("Optional; e.g. 769600-1457."),
			},
		],
		(values) => {
			frappe
				.call({
					method: "slup_crm.development.doctype.social_enterprise_startup.social_enterprise_startup.create_organisation",
					args: {
						startup: frm.doc.name,
						organisation_number: values.organisation_number,
					},
					freeze: true,
				})
				.then((r) => {
					frm.reload_doc();
					frappe.show_alert({
						message: __("Organisation {0} created", [r.message]),
						indicator: "green",
					});
				});
		},
		__("Create Organisation"),
		__("Create"),
	);
}
