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
	};
});
