// Shared by the trip and training registration web forms: after a registration, say whether
// the registrant has a seat or is on the waiting list (the server decided; see registration.py).
frappe.ready(() => {
	const web_form = frappe.web_form;
	if (!web_form) return;
	const handle_success = web_form.handle_success.bind(web_form);
	web_form.handle_success = (data) => {
		handle_success(data);
		const message =
			data && data.status === "Waitlisted"
				? __("All seats are taken, so you are on the waiting list. We have sent you an e-mail and will write again as soon as a seat is free for you.")
				: __("Your seat is confirmed. We have sent you an e-mail with the details and a personal link to cancel.");
		$(".success-title").text(__("Thank you for registering"));
		$(".success-message").text(message).attr("data-status", (data && data.status) || "");
	};
});
