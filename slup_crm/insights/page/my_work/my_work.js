// My work: the staff member's next steps, stale records, funder reports and meeting action items
// (slup_crm.insights.my_work); a manager sees the whole team, grouped by person.

frappe.pages["my-work"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("My Work"),
		single_column: true,
	});
	const $body = $(`<div class="slup-my-work"></div>`).appendTo(page.main);
	const esc = (v) => frappe.utils.escape_html(v === null || v === undefined ? "" : String(v));
	const parts = [
		["next_steps", __("Next steps due")],
		["stale", __("Stale records")],
		["funder_reports", __("Funder reports due")],
		["action_items", __("Meeting action items")],
	];
	let team = null;

	const row = (r) => {
		const route = `/app/${frappe.router.slug(r.doctype)}/${encodeURIComponent(r.name)}`;
		const due = r.due
			? `<span class="${r.overdue ? "text-danger" : "text-muted"}">${esc(
					r.overdue
						? __("overdue since {0}", [frappe.datetime.str_to_user(r.due)])
						: __("due {0}", [frappe.datetime.str_to_user(r.due)]),
			  )}</span>`
			: "";
		return `<li class="slup-work-line${
			r.overdue ? " overdue" : ""
		}" style="margin-bottom: var(--margin-xs)">
			<span class="indicator-pill ${r.overdue ? "red" : "gray"}">${esc(__(r.doctype))}</span>
			<a href="${route}">${esc(r.title)}</a>
			${r.what ? `<span class="text-muted">· ${esc(r.what)}</span>` : ""} ${due}</li>`;
	};

	const person = (p, show_name) => {
		const blocks = parts.map(
			([
				key,
				label,
			]) => `<div class="col-md-6 slup-work-part" data-part="${key}" style="margin-bottom: var(--margin-md)">
				<h5 class="text-muted">${esc(label)} (${p[key].length})</h5>
				${
					p[key].length
						? `<ul class="list-unstyled">${p[key].map(row).join("")}</ul>`
						: `<div class="text-muted">${esc(__("Nothing here"))}</div>`
				}</div>`,
		);
		return `<div class="frappe-card slup-work-person" data-user="${esc(
			p.user,
		)}" style="padding: var(--padding-md); margin-bottom: var(--margin-lg)">
			${show_name ? `<h4>${esc(p.full_name)}</h4>` : ""}<div class="row">${blocks.join("")}</div></div>`;
	};

	const load = () =>
		frappe
			.call({
				method: "slup_crm.insights.my_work.get_my_work",
				args: team === null ? {} : { team: team ? 1 : 0 },
			})
			.then((r) => {
				const data = r.message;
				team = data.team;
				page.set_title(data.team ? __("The team's work") : __("My Work"));
				page.clear_primary_action();
				if (data.may_see_team) {
					page.set_primary_action(
						data.team ? __("Only mine") : __("The whole team"),
						() => {
							team = !team;
							load();
						},
					);
				}
				$body.html(
					data.people.length
						? data.people.map((p) => person(p, data.team)).join("")
						: `<div class="text-muted">${esc(__("Nothing is due for anyone"))}</div>`,
				);
			});
	load();
};
