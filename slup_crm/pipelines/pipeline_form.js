// The headline of every pipeline form: how long the record has stood in its stage.
// hooks.py adds this script to the form of each pipeline doctype (its descriptor's `doctype`).
// Frappe runs a doctype's form scripts while it sets up that doctype's form, with `cur_frm`
// already that form: the handler is registered for whichever pipeline is being set up.

frappe.ui.form.on(cur_frm.doctype, {
	refresh(frm) {
		if (frm.is_new()) return;
		// Frappe's headline adds to what is there: a refresh that does not render the form anew
		// would show it twice.
		frm.dashboard.clear_headline();
		frm.dashboard.set_headline(
			__("In the stage {0} for {1} days.", [__(frm.doc.stage), frm.doc.days_in_stage || 0]),
		);
	},
});
