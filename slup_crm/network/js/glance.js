// At the top of the Organisation and Contact forms: the summary and the one timeline
// (slup_crm.network.glance and slup_crm.network.timeline). Counts open the filtered lists.

(() => {
	const glance = {
		esc(value) {
			return frappe.utils.escape_html(
				value === null || value === undefined ? "" : String(value),
			);
		},

		date(value) {
			return value ? frappe.datetime.str_to_user(String(value).slice(0, 10)) : "";
		},

		link(doctype, name, label) {
			const route = `/app/${frappe.router.slug(doctype)}/${encodeURIComponent(name)}`;
			return `<a href="${route}">${this.esc(label || name)}</a>`;
		},

		// A count that opens its list, filtered (route options as the server gives them).
		count(counts, count, label) {
			if (!count) return "";
			counts.push(count);
			return `<a href="#" class="slup-glance-count" data-index="${
				counts.length - 1
			}">${this.esc(label)}: <b>${this.esc(count.count)}</b></a>`;
		},

		block(title, body) {
			return `<div class="slup-glance-block col-sm-6" style="margin-bottom: var(--margin-md)">
			<h5 class="text-muted" style="margin-bottom: var(--margin-xs)">${this.esc(
				title,
			)}</h5>${body}</div>`;
		},

		list(items) {
			return items.length
				? `<ul class="list-unstyled" style="margin: 0">${items
						.map((i) => `<li>${i}</li>`)
						.join("")}</ul>`
				: `<div class="text-muted">${this.esc(__("None yet"))}</div>`;
		},

		bind_counts($section, counts) {
			$section.off("click.glance").on("click.glance", ".slup-glance-count", (event) => {
				event.preventDefault();
				const count = counts[$(event.currentTarget).attr("data-index")];
				frappe.route_options = count.route_options;
				frappe.set_route("List", count.doctype);
			});
		},

		show(frm, method, args, render) {
			const token = (frm.__slup_glance = (frm.__slup_glance || 0) + 1);
			frappe.call({ method, args }).then((r) => {
				if (token !== frm.__slup_glance || !r.message) return;
				const counts = [];
				const $section = frm.dashboard.add_section(
					`<div class="row slup-glance">${render(r.message, counts)}</div>`,
					__("At a glance"),
				);
				this.bind_counts($section, counts);
				this.timeline(frm, $section);
			});
		},

		timeline(frm, $above) {
			const $timeline = frm.dashboard.add_section(
				`<ul class="list-unstyled slup-timeline" style="margin: 0"></ul>
			<button class="btn btn-xs btn-default slup-timeline-more hidden">${this.esc(
				__("Show more"),
			)}</button>`,
				__("Timeline"),
			);
			const load = (start) =>
				frappe
					.call({
						method: "slup_crm.network.timeline.get_timeline",
						args: { doctype: frm.doctype, name: frm.doc.name, start },
					})
					.then((r) => {
						const page = r.message;
						const rows = page.entries.map(
							(
								e,
							) => `<li class="slup-timeline-entry" style="margin-bottom: var(--margin-xs)">
							<span class="text-muted">${this.esc(this.date(e.when))}</span>
							<span class="indicator-pill gray">${this.esc(e.kind)}</span>
							${this.link(e.doctype, e.name, e.title)}
							${e.detail ? `<span class="text-muted">· ${this.esc(e.detail)}</span>` : ""}
						</li>`,
						);
						if (!start && !rows.length) {
							rows.push(
								`<li class="text-muted">${this.esc(
									__("Nothing has happened yet"),
								)}</li>`,
							);
						}
						$timeline.find(".slup-timeline").append(rows.join(""));
						$timeline
							.find(".slup-timeline-more")
							.toggleClass("hidden", !page.more)
							.off("click")
							.on("click", () => load(start + page.entries.length));
					});
			load(0);
		},

		organisation(data, counts) {
			const g = glance;
			const blocks = [];
			if (data.is_municipality) {
				const p = data.policy;
				let body;
				if (p) {
					const lines = [
						`<span class="slup-policy-stage"><b>${g.esc(
							p.stage_label,
						)}</b></span> · ${g.esc(__("{0} days in stage", [p.days_in_stage]))}`,
					];
					if (p.next_step || p.next_step_due) {
						const due = p.next_step_due
							? ` (${g.esc(__("due {0}", [g.date(p.next_step_due)]))})`
							: "";
						lines.push(
							`${g.esc(__("Next step"))}: ${g.esc(p.next_step || "")}<span class="${
								p.overdue ? "text-danger" : ""
							}">${due}</span>`,
						);
					}
					if (p.responsible)
						lines.push(`${g.esc(__("Responsible"))}: ${g.esc(p.responsible_name)}`);
					if (p.decision_date) {
						const doc = p.policy_document || p.policy_url;
						lines.push(
							`${g.esc(__("Decision"))}: ${g.esc(__(p.decided_by || ""))} ${g.esc(
								g.date(p.decision_date),
							)} ${g.esc(p.case_number || "")}` +
								(doc
									? ` · <a href="${g.esc(
											doc,
									  )}" target="_blank" rel="noopener">${g.esc(
											__("Policy document"),
									  )}</a>`
									: ""),
						);
					}
					lines.push(
						`<a class="btn btn-xs btn-default" href="/app/policy-adoption/${encodeURIComponent(
							p.name,
						)}">${g.esc(__("Open the policy adoption"))}</a>`,
					);
					body = g.list(lines);
				} else {
					body = data.may_start_policy
						? `<button class="btn btn-xs btn-primary slup-start-policy">${g.esc(
								__("Start a policy adoption"),
						  )}</button>`
						: `<div class="text-muted">${g.esc(__("No policy adoption yet"))}</div>`;
				}
				blocks.push(g.block(__("Policy adoption"), body));
			}
			const s = data.startups;
			blocks.push(
				g.block(
					__("Start-ups"),
					g.list(
						s.rows.map(
							(r) =>
								`${g.link(
									"Social Enterprise Startup",
									r.name,
									r.enterprise_name,
								)} <span class="text-muted">· ${g.esc(r.stage_label)}</span>`,
						),
					) + `<div>${s.counts.map((c) => g.count(counts, c, c.label)).join(" ")}</div>`,
				),
			);
			blocks.push(
				g.block(
					__("People"),
					g.list(
						data.people.rows.map((p) => {
							let line = `${g.link("Contact", p.contact, p.full_name)}`;
							if (p.role)
								line += ` <span class="text-muted">· ${g.esc(p.role)}</span>`;
							if (p.last_date)
								line += `<br><small>${g.esc(
									__("Last took part {0}: {1}", [
										g.date(p.last_date),
										p.last_what,
									]),
								)}</small>`;
							if (p.last_trip)
								line += `<br><small class="slup-last-trip">${g.esc(
									__("Last trip"),
								)}: ${g.link("Trip", p.last_trip_name, p.last_trip)} ${g.esc(
									g.date(p.last_trip_date),
								)}</small>`;
							return line;
						}),
					) + `<div>${g.count(counts, data.people.contacts, __("Contacts"))}</div>`,
				),
			);
			const m = data.memberships;
			blocks.push(
				g.block(
					__("Membership"),
					g.list(
						m.rows.map(
							(r) =>
								`${g.link("Membership", r.name, r.year)}: ${g.esc(
									r.status_label,
								)}${r.paid_date ? ` (${g.esc(g.date(r.paid_date))})` : ""}`,
						),
					) + `<div>${g.count(counts, m.all, __("All years"))}</div>`,
				),
			);
			blocks.push(
				g.block(
					__("Projects"),
					g.list(
						data.projects.rows.map(
							(r) =>
								`${g.link(
									"Development Project",
									r.name,
									r.title,
								)} <span class="text-muted">· ${g.esc(
									r.roles.join(", "),
								)} · ${g.esc(r.stage)}</span>`,
						),
					) + `<div>${g.count(counts, data.projects.partner, __("As a partner"))}</div>`,
				),
			);
			const o = data.outreach;
			blocks.push(
				g.block(
					__("Outreach"),
					g.list(
						o.rows.map(
							(r) =>
								`${g.esc(g.date(r.activity_date))} ${g.link(
									"Outreach Activity",
									r.name,
									r.title,
								)} <span class="text-muted">· ${g.esc(r.kind_label)}</span>`,
						),
					) +
						`<div>${g.count(
							counts,
							o.as_organisation,
							__("Reached the organisation"),
						)} ${g.count(
							counts,
							o.as_municipality,
							__("In the municipality"),
						)} ${g.count(counts, data.registrations, __("Registrations"))}</div>`,
				),
			);
			return blocks.join("");
		},

		person(data, counts) {
			const g = glance;
			const r = data.registrations;
			return [
				g.block(
					__("Organisations represented"),
					g.list(
						data.organisations.map(
							(o) =>
								`${g.link("Organisation", o.name, o.organisation_name)}${
									o.role
										? ` <span class="text-muted">· ${g.esc(o.role)}</span>`
										: ""
								}`,
						),
					),
				),
				g.block(
					__("Registrations"),
					g.list(
						r.rows.map(
							(row) =>
								`${g.esc(g.date(row.creation))} ${g.link(
									"Activity Registration",
									row.name,
									row.event_title,
								)} <span class="text-muted">· ${g.esc(row.status_label)}</span>`,
						),
					) +
						`<div>${g.count(counts, r.all, __("All registrations"))} ${g.count(
							counts,
							r.trainings_completed,
							__("Trainings completed"),
						)}</div>`,
				),
				g.block(
					__("Meetings and reports"),
					`<div>${g.count(
						counts,
						data.meetings,
						__("Meetings attended"),
					)}</div><div>${g.count(
						counts,
						data.reports,
						__("Members' reports sent"),
					)}</div>` +
						(data.gateway && data.gateway.count
							? `<div>${g.count(
									counts,
									data.gateway,
									__("Gateway participant"),
							  )}</div>`
							: ""),
				),
				g.block(
					__("Newsletter"),
					`<div class="slup-newsletter">${g.esc(
						data.newsletter
							? __("Receives the newsletter")
							: __("Does not receive the newsletter"),
					)}</div>`,
				),
			].join("");
		},
	};

	frappe.ui.form.on("Organisation", {
		refresh(frm) {
			if (frm.is_new()) return;
			glance.show(
				frm,
				"slup_crm.network.glance.organisation_summary",
				{ organisation: frm.doc.name },
				glance.organisation,
			);
			frm.dashboard.parent
				.off("click.policy")
				.on("click.policy", ".slup-start-policy", (event) => {
					event.preventDefault();
					frappe.new_doc("Policy Adoption", { municipality: frm.doc.name });
				});
		},
	});

	frappe.ui.form.on("Contact", {
		refresh(frm) {
			if (frm.is_new()) return;
			glance.show(
				frm,
				"slup_crm.network.glance.person_summary",
				{ contact: frm.doc.name },
				glance.person,
			);
		},
	});
})();
