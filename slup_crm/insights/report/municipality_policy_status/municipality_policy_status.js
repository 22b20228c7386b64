// Copyright (c) 2026, SLUP.SE and contributors
// For license information, please see license.txt

frappe.query_reports["Municipality Policy Status"] = {
	filters: [
		{
			fieldname: "county",
			label: __("County"),
			fieldtype: "Link",
			options: "County",
			default: "Stockholms län",
		},
		{ fieldname: "stage", label: __("Stage"), fieldtype: "Select", options: [""] },
	],
	onload(report) {
		// The stages come from the doctype, so that the filter never drifts from the pipeline.
		frappe.model.with_doctype("Policy Adoption", () => {
			const stages = frappe.meta
				.get_docfield("Policy Adoption", "stage")
				.options.split("\n");
			const filter = report.get_filter("stage");
			filter.df.options = [{ value: "", label: "" }].concat(
				stages.map((value) => ({ value, label: __(value) })),
			);
			filter.refresh();
		});
	},
};
