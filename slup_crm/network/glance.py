"""An organisation and a person at a glance: what the top of their form shows.

`organisation_summary` and `person_summary` are the one whitelisted method each form calls: the
reader must be let read the organisation or contact, and everything inside is read with the
reader's own permissions (``timeline.readable_list``), so a role that may not read special-category
data or the gateway's participants does not find them here either. Each part of the summary that
counts something says the list (doctype and route filters) its count opens. Frappe's Connections
(`organisation_dashboard.py`) show the rest.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from slup_crm.network.timeline import (
	CANCELLED,
	CONTACT,
	ORGANISATION,
	OUTREACH_REACHES,
	PRESENT,
	RECEIVED,
	contact_emails,
	outreach_reaching,
	readable_list,
)
from slup_crm.pipelines.days import days_in_stage
from slup_crm.pipelines.descriptor import N_

MUNICIPALITY = "Municipality"
POLICY = "Policy Adoption"
STARTUP = "Social Enterprise Startup"
SHOWN = 10
# Lists read whole to count them in passing (counted again only when longer).
READ_WHOLE = 500
CONTACTS_SHOWN = 200


def counted(doctype: str, filters, route_options: dict) -> dict:
	"""How many records of a list the reader may read, and the list that shows them."""
	rows = readable_list(doctype, filters=filters, fields=[f"count(distinct `tab{doctype}`.name) as n"])
	return {"count": rows[0].n if rows else 0, "doctype": doctype, "route_options": route_options}


def count_of(doctype: str, rows: list, limit: int, filters, route_options: dict) -> dict:
	"""The count of a list read whole (``rows``, at most ``limit``), counted again only when cut."""
	if len(rows) < limit:
		return {"count": len(rows), "doctype": doctype, "route_options": route_options}
	return counted(doctype, filters, route_options)


# -- Organisation -----------------------------------------------------------------------------


def policy_of(organisation: str) -> dict | None:
	rows = readable_list(
		POLICY,
		filters={"municipality": organisation},
		fields=[
			"name",
			"stage",
			"stage_since",
			"next_step",
			"next_step_due",
			"responsible",
			"decided_by",
			"decision_date",
			"case_number",
			"policy_document",
			"policy_url",
		],
		limit=1,
	)
	if not rows:
		return None
	policy = rows[0]
	policy.days_in_stage = days_in_stage(policy.stage_since) or 0
	policy.stage_label = _(policy.stage)
	policy.responsible_name = frappe.utils.get_fullname(policy.responsible) if policy.responsible else None
	policy.overdue = bool(policy.next_step_due and getdate(policy.next_step_due) < getdate())
	return policy


# How a start-up names an organisation: its municipality, who supports it (e.g. Coompanion), the
# consortium it joins, and the organisation it became once founded.
STARTUP_LINKS = (
	("municipality", N_("In the municipality")),
	("supporting_organisation", N_("Supported by it")),
	("consortium", N_("In the consortium")),
	("organisation", N_("Registered as it")),
)


def startups_of(organisation: str) -> dict:
	"""Start-ups in the municipality or started with the organisation, each with its stage."""
	links = [field for field, _label in STARTUP_LINKS]
	rows = readable_list(
		STARTUP,
		or_filters={field: organisation for field in links},
		fields=["name", "enterprise_name", "stage", *links],
		order_by="modified desc",
		limit=READ_WHOLE,
	)
	for row in rows:
		row.stage_label = _(row.stage)
	cut = len(rows) >= READ_WHOLE
	counts = []
	for field, label in STARTUP_LINKS:
		route = {field: organisation}
		if cut:
			count = counted(STARTUP, route, route)
		else:
			mine = sum(row.get(field) == organisation for row in rows)
			count = {"count": mine, "doctype": STARTUP, "route_options": route}
		if count["count"]:
			counts.append({**count, "field": field, "label": _(label)})
	return {"rows": rows[:SHOWN], "counts": counts}


def linked_contacts(organisation: str) -> list:
	"""The contacts linked to the organisation. Frappe lets a reader of Contact read a contact linked
	to a record they may read (its permission query on Contact); the caller checked the organisation,
	so the reader's right on Contact itself is the one left to check (Frappe's query would work that
	out again, for every doctype, on each call)."""
	if not frappe.has_permission(CONTACT, "read"):
		return []
	return frappe.get_all(
		CONTACT,
		filters=[
			["Dynamic Link", "link_doctype", "=", ORGANISATION],
			["Dynamic Link", "link_name", "=", organisation],
		],
		fields=["name", "full_name", "designation"],
		limit=CONTACTS_SHOWN + 1,
	)


def people_of(organisation: str, representatives) -> dict:
	"""Its contacts and representatives, with their role and when each last took part in something."""
	contacts = linked_contacts(organisation)
	people = {
		c.name: frappe._dict(contact=c.name, full_name=c.full_name, role=c.designation) for c in contacts
	}
	for rep in representatives:
		person = people.setdefault(rep.contact, frappe._dict(contact=rep.contact, full_name=rep.full_name))
		person.role = _(rep.capacity) if rep.capacity else person.get("role")
		person.representative = 1
	add_last_participation(list(people.values()))
	ordered = sorted(
		people.values(), key=lambda p: (str(p.get("last_date") or ""), p.full_name or ""), reverse=True
	)
	count = len(contacts)
	if count > CONTACTS_SHOWN:
		count = frappe.db.count(
			"Dynamic Link", {"parenttype": CONTACT, "link_doctype": ORGANISATION, "link_name": organisation}
		)
	return {
		"rows": ordered[:CONTACTS_SHOWN],
		"contacts": {
			"count": count,
			"doctype": CONTACT,
			"route_options": {
				"Dynamic Link.link_doctype": ORGANISATION,
				"Dynamic Link.link_name": organisation,
			},
		},
	}


def add_last_participation(people: list) -> None:
	"""Each person's last registration (and last trip) and last meeting attended."""
	if not people:
		return
	names = [p.contact for p in people]
	email_rows = frappe.get_all(
		"Contact Email",
		filters={"parent": ("in", names), "parenttype": CONTACT},
		fields=["parent", "email_id"],
	)
	owner = {row.email_id.lower(): row.parent for row in email_rows if row.email_id}
	by_contact = {p.contact: p for p in people}
	if owner:
		registrations = readable_list(
			"Activity Registration",
			filters={"email": ("in", list(owner)), "status": ("!=", CANCELLED)},
			fields=["email", "trip", "training", "event_title", "creation"],
			order_by="creation desc",
			limit=500,
		)
		trip_dates = event_dates("Trip", {r.trip for r in registrations if r.trip})
		for reg in registrations:
			person = by_contact[owner[reg.email.lower()]]
			note_participation(person, reg.creation, reg.event_title)
			if reg.trip and not person.get("last_trip"):
				person.last_trip = reg.event_title
				person.last_trip_name = reg.trip
				person.last_trip_date = trip_dates.get(reg.trip)
	meetings = readable_list(
		"Meeting",
		filters=[
			["Meeting Attendee", "contact", "in", names],
			["Meeting Attendee", "attendance", "=", PRESENT],
		],
		fields=["title", "meeting_date", "`tabMeeting Attendee`.contact as contact"],
		order_by="meeting_date desc",
		limit=500,
	)
	for meeting in meetings:
		note_participation(by_contact[meeting.contact], meeting.meeting_date, meeting.title)


def event_dates(doctype: str, names: set) -> dict:
	if not names:
		return {}
	return dict(
		readable_list(
			doctype, filters={"name": ("in", list(names))}, fields=["name", "start_date"], as_list=True
		)
	)


def note_participation(person, when, what) -> None:
	when = getdate(when) if when else None
	if when and (not person.get("last_date") or when > getdate(person.last_date)):
		person.last_date = when
		person.last_what = what


def memberships_of(organisation: str) -> dict:
	rows = readable_list(
		"Membership",
		filters={"organisation": organisation},
		fields=["name", "year", "status", "paid_date"],
		order_by="year desc",
		limit=READ_WHOLE,
	)
	for row in rows:
		row.status_label = _(row.status)
	return {
		"rows": rows[:SHOWN],
		"all": count_of(
			"Membership", rows, READ_WHOLE, {"organisation": organisation}, {"organisation": organisation}
		),
	}


def projects_of(organisation: str) -> dict:
	"""The projects it takes part in, with its role (owner, funder, partner...)."""
	projects: dict[str, frappe._dict] = {}
	partners = readable_list(
		"Development Project",
		filters=[["Development Project Partner", "organisation", "=", organisation]],
		fields=["name", "title", "stage", "`tabDevelopment Project Partner`.role as role"],
		limit=READ_WHOLE,
	)
	own = readable_list(
		"Development Project",
		or_filters={"project_owner": organisation, "funder": organisation},
		fields=["name", "title", "stage", "project_owner", "funder"],
		limit=READ_WHOLE,
	)
	owned = [row for row in own if row.project_owner == organisation]
	funded = [row for row in own if row.funder == organisation]
	for rows, role in ((owned, N_("Project owner")), (funded, N_("Funder")), (partners, None)):
		for row in rows:
			project = projects.setdefault(
				row.name, frappe._dict(name=row.name, title=row.title, stage=_(row.stage), roles=[])
			)
			label = _(role or row.role or "Partner")
			if label not in project.roles:
				project.roles.append(label)
	return {
		"rows": list(projects.values()),
		"partner": count_of(
			"Development Project",
			list({row.name for row in partners}),
			READ_WHOLE,
			[["Development Project Partner", "organisation", "=", organisation]],
			{"Development Project Partner.organisation": organisation},
		),
	}


def outreach_of(organisation: str) -> dict:
	seen, rows = set(), []
	counts = []
	for child, field in OUTREACH_REACHES:
		found = outreach_reaching(organisation, child, field, READ_WHOLE)
		for row in found:
			if row.name not in seen:
				seen.add(row.name)
				row.kind_label = _(row.kind)
				rows.append(row)
		counts.append(
			count_of(
				"Outreach Activity",
				list({row.name for row in found}),
				READ_WHOLE,
				[[child, field, "=", organisation]],
				{f"{child}.{field}": organisation},
			)
		)
	rows.sort(key=lambda r: str(r.activity_date or ""), reverse=True)
	return {"rows": rows[:SHOWN], "as_organisation": counts[0], "as_municipality": counts[1]}


@frappe.whitelist()
def organisation_summary(organisation: str) -> dict:
	"""Everything the Organisation form shows at its top, for a reader of the organisation."""
	frappe.has_permission(ORGANISATION, "read", organisation, throw=True)
	is_municipality = frappe.db.get_value(ORGANISATION, organisation, "organisation_type") == MUNICIPALITY
	representatives = frappe.get_all(
		"Organisation Representative",
		filters={"parenttype": ORGANISATION, "parent": organisation},
		fields=["contact", "full_name", "capacity"],
		order_by="idx",
	)
	return {
		"is_municipality": is_municipality,
		"policy": policy_of(organisation) if is_municipality else None,
		"may_start_policy": bool(is_municipality and frappe.has_permission(POLICY, "create")),
		"startups": startups_of(organisation),
		"people": people_of(organisation, representatives),
		"memberships": memberships_of(organisation),
		"projects": projects_of(organisation),
		"outreach": outreach_of(organisation),
		"registrations": counted(
			"Activity Registration", {"organisation": organisation}, {"organisation": organisation}
		),
	}


# -- Person -----------------------------------------------------------------------------------


def organisations_represented(contact: str) -> list:
	linked = frappe.get_all(
		"Dynamic Link",
		filters={"parenttype": CONTACT, "parent": contact, "link_doctype": ORGANISATION},
		pluck="link_name",
	)
	represented = readable_list(
		ORGANISATION,
		filters=[["Organisation Representative", "contact", "=", contact]],
		fields=["name", "organisation_name", "`tabOrganisation Representative`.capacity as capacity"],
	)
	out = {
		r.name: frappe._dict(
			name=r.name, organisation_name=r.organisation_name, role=_(r.capacity) if r.capacity else ""
		)
		for r in represented
	}
	for row in readable_list(
		ORGANISATION, filters={"name": ("in", linked or [""])}, fields=["name", "organisation_name"]
	):
		out.setdefault(
			row.name, frappe._dict(name=row.name, organisation_name=row.organisation_name, role="")
		)
	return list(out.values())


def subscribed(emails: list[str]) -> bool:
	"""Whether one of the person's addresses receives the newsletter (what the Contact form's
	newsletter buttons change)."""
	from slup_crm.meetings.newsletter import NEWSLETTER_GROUP

	return bool(
		emails
		and frappe.db.exists(
			"Email Group Member",
			{"email_group": NEWSLETTER_GROUP, "email": ("in", emails), "unsubscribed": 0},
		)
	)


@frappe.whitelist()
def person_summary(contact: str) -> dict:
	"""What a Contact's form shows at its top, for a reader of the contact: no special-category data,
	and gateway participation only for the gateway's coordinators (their doctype's permissions)."""
	frappe.has_permission(CONTACT, "read", contact, throw=True)
	emails = contact_emails(contact)
	email_filter = {"email": ("in", emails or [""])}
	registration_fields = ["name", "event_title", "status", "trip", "training", "completed", "creation"]
	registrations = readable_list(
		"Activity Registration",
		filters=email_filter,
		fields=registration_fields,
		order_by="creation desc",
		limit=SHOWN,
	)
	for row in registrations:
		row.status_label = _(row.status)
	return {
		"organisations": organisations_represented(contact),
		"registrations": {
			"rows": registrations,
			"all": counted("Activity Registration", email_filter, {"email": ("in", emails or [""])}),
			"trainings_completed": counted(
				"Activity Registration",
				{**email_filter, "training": ("is", "set"), "completed": 1},
				{"email": ("in", emails or [""]), "completed": 1},
			),
		},
		"meetings": counted(
			"Meeting",
			[["Meeting Attendee", "contact", "=", contact], ["Meeting Attendee", "attendance", "=", PRESENT]],
			{"Meeting Attendee.contact": contact},
		),
		"reports": counted(
			"Meeting Report",
			{"contact": contact, "status": RECEIVED},
			{"contact": contact, "status": RECEIVED},
		),
		"newsletter": subscribed(emails),
		"gateway": counted("Gateway Participant", email_filter, {"email": ("in", emails or [""])}),
	}
