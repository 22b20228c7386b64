// Public pages (web_include_js): Frappe v15 draws a web form field's label without tying it to
// its input, so assistive technology announces the inputs without a name (WCAG 2.1 1.3.1, 4.1.2).
// Tie each label to its input (a stable id from the field's name), also for fields drawn later.
(function () {
	const FIELDS = ".control-input input, .control-input textarea, .control-input select";

	function label_fields(root) {
		root.querySelectorAll(".frappe-control").forEach((control) => {
			const label = control.querySelector("label.control-label");
			const field = control.querySelector(FIELDS);
			if (!label || !field || label.htmlFor || field.closest("label")) {
				return;
			}
			if (!field.id) {
				field.id = `slup-field-${
					control.dataset.fieldname || Math.random().toString(36).slice(2)
				}`;
			}
			label.htmlFor = field.id;
		});
	}

	function start() {
		label_fields(document);
		new MutationObserver(() => label_fields(document)).observe(document.body, {
			childList: true,
			subtree: true,
		});
	}

	if (document.readyState === "loading") {
		document.addEventListener("DOMContentLoaded", start);
	} else {
		start();
	}
})();
