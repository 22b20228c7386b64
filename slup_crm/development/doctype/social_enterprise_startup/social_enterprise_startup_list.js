// The list and its kanban board fetch what a card shows to help move it on (the board's fields in
// its descriptor, slup_crm/development/stages.py): who is responsible, the next step and when it
// is due, and since when the record stands in its stage.
frappe.listview_settings["Social Enterprise Startup"] = {
	add_fields: ["responsible", "next_step", "next_step_due", "stage_since"],
};
