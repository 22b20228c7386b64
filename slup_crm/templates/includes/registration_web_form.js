// Shared by the trip and training registration web forms: after a registration, say plainly
// whether the registrant has a seat or which place on the waiting list (the server decided;
// see event.py). The e-mail may wait for the site's e-mail setup, so it is promised, not claimed.
frappe.ready(() => {
	const web_form = frappe.web_form;
	if (!web_form) return;
	const handle_success = web_form.handle_success.bind(web_form);
	web_form.handle_success = (data) => {
		handle_success(data);
		const waitlisted = data && data.status === "Waitlisted";
		const message = waitlisted
			? __(
					"All seats are taken, so you are on the waiting list as number {0}. You will get an e-mail, and another as soon as a seat is free for you.",
					[(data.__onload || {}).waitlist_position],
			  )
			: __(
					"Your seat is confirmed. You will get an e-mail with the details and a personal link to cancel.",
			  );
		$(".success-title").text(__("Thank you for registering"));
		$(".success-message")
			.text(message)
			.attr("data-status", (data && data.status) || "");
		show_payment(((data && data.__onload) || {}).payment);
	};
});

// What a seat at a priced event costs and how to pay it (slup_crm.fees.claims.instructions).
function show_payment(payment) {
	$(".fee-payment, .fee-payment-note").remove();
	if (!payment) return;
	const rows = [
		[__("To pay"), payment.amount],
		[__("Bank giro"), payment.bank_giro],
		[__("OCR reference"), payment.ocr_reference],
		[__("Due date"), payment.due_date],
	].filter(([, value]) => value);
	const list = $('<dl class="fee-payment"></dl>');
	for (const [label, value] of rows) {
		list.append($("<dt></dt>").text(label), $("<dd></dd>").text(value));
	}
	// The note follows the list: a definition list holds only its terms and their values.
	const note = $('<p class="fee-payment-note"></p>').text(
		__(
			"Please give the OCR reference with your payment, so that we can match it to what you owe.",
		),
	);
	$(".success-message").after(list, note);
}
