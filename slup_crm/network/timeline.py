"""One timeline per organisation and per person: everything that happened with them, newest first.

A timeline is the merge of its sources (stage changes, registrations, meetings attended, members'
reports, outreach, membership payments, e-mails, comments, ...). Each source is one permission-
checked list query (``frappe.get_list``, so role permissions, the carriers' rules and the gateway's
hooks decide what the reader sees) that returns its newest rows first, at most as many as the page
needs; the pages are merged by date. A page of 20 therefore reads at most ``start + 20`` rows of each
source, through the indexes of their filter fields, however many years of data the site holds.

Sources never select special-category fields (needs live in *Registration Needs*, which no source
reads), and gateway rows come only through their own doctype's permissions (coordinators only).
"""

from collections.abc import Callable, Iterable

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, strip_html

from slup_crm.utils.plain_list import Unsupported, plain_list

PAGE_LENGTH = 20
MAX_PAGE_LENGTH = 100

ORGANISATION = "Organisation"
CONTACT = "Contact"
PRESENT = "Present"
RECEIVED = "Received"
CANCELLED = "Cancelled"


def readable_list(doctype: str, **kwargs) -> list:
	"""``frappe.get_list`` for a reader who may read the doctype; nothing (not an error) otherwise.

	When Frappe's row-level rules have nothing to add for this reader and doctype (their role reads
	every record: no "only if creator", no User Permission, no permission query of a hook or a
	Server Script), ``get_list`` would return exactly what ``get_all`` does, at twice the cost of a
	small list (`scripts/benchmark.py glance`): the rows are then read without them, by
	``plain_list`` (the same SQL as ``get_all``'s, without its overhead) where it writes the shape."""
	if not frappe.has_permission(doctype, "read"):
		return []
	if rows_need_checks(doctype):
		return frappe.get_list(doctype, **kwargs)
	try:
		return plain_list(doctype, **kwargs)
	except Unsupported:
		return frappe.get_all(doctype, **kwargs)


def rows_need_checks(doctype: str) -> bool:
	"""Whether ``frappe.get_list`` narrows the session user's rows or fields of the doctype beyond
	its role permissions (what `frappe.model.db_query.DatabaseQuery.build_match_conditions` adds, and
	the fields of a higher permission level it leaves out)."""
	from frappe.core.doctype.server_script.server_script_utils import get_server_script_map
	from frappe.model.db_query import requires_owner_constraint
	from frappe.permissions import get_role_permissions, get_user_permissions

	user = frappe.session.user
	meta = frappe.get_meta(doctype)
	if any(df.permlevel for df in meta.fields):
		return True
	hooks = frappe.get_hooks("permission_query_conditions") or {}
	if hooks.get(doctype) or hooks.get("*"):
		return True
	if get_server_script_map().get("permission_query", {}).get(doctype):
		return True
	if get_user_permissions(user):
		return True
	return bool(requires_owner_constraint(get_role_permissions(meta, user=user)))


def entry(when, kind: str, title: str, doctype: str, name: str, detail: str | None = None) -> dict:
	"""One line of a timeline: when, what kind (translated), what, and the record it opens."""
	return {
		"when": get_datetime(when) if when else None,
		"kind": kind,
		"title": title,
		"detail": detail,
		"doctype": doctype,
		"name": name,
	}


# -- Sources shared by organisations and people -------------------------------------------------


def registrations(filters: dict, limit: int) -> list[dict]:
	rows = readable_list(
		"Activity Registration",
		filters=filters,
		fields=["name", "full_name", "event_title", "status", "completed", "trip", "training", "creation"],
		order_by="creation desc",
		limit=limit,
	)
	out = []
	for row in rows:
		status = _("completed") if row.completed else _(row.status)
		kind = _("Trip") if row.trip else _("Training")
		out.append(
			entry(
				row.creation,
				kind,
				_("{0} registered for {1}").format(row.full_name, row.event_title),
				"Activity Registration",
				row.name,
				status,
			)
		)
	return out


def meetings_attended(attendee_filter: list, limit: int) -> list[dict]:
	rows = readable_list(
		"Meeting",
		filters=[attendee_filter, ["Meeting Attendee", "attendance", "=", PRESENT]],
		fields=["name", "title", "meeting_date", "`tabMeeting Attendee`.full_name as person"],
		order_by="meeting_date desc",
		limit=limit,
	)
	return [
		entry(
			row.meeting_date,
			_("Meeting"),
			_("{0} attended {1}").format(row.person, row.title),
			"Meeting",
			row.name,
		)
		for row in rows
	]


def reports_sent(filters: dict, limit: int) -> list[dict]:
	rows = readable_list(
		"Meeting Report",
		filters={**filters, "status": RECEIVED},
		fields=["name", "meeting", "organisation_name", "received_on"],
		order_by="received_on desc",
		limit=limit,
	)
	return [
		entry(
			row.received_on,
			_("Members' report"),
			_("Report sent for the meeting {0}").format(row.meeting),
			"Meeting Report",
			row.name,
			row.organisation_name,
		)
		for row in rows
	]


def notes_about(doctype: str, name: str, limit: int) -> list[dict]:
	"""E-mails and comments on the record itself. As Frappe's own form timeline (docinfo) does, they
	are read because the reader may read the record (`get_timeline` checked it): Frappe gives desk
	users no list permission on Comment and Communication."""
	emails = frappe.get_all(
		"Communication",
		filters={"reference_doctype": doctype, "reference_name": name, "communication_type": "Communication"},
		fields=["name", "subject", "communication_date", "sender_full_name", "sent_or_received"],
		order_by="communication_date desc",
		limit=limit,
	)
	comments = frappe.get_all(
		"Comment",
		filters={"reference_doctype": doctype, "reference_name": name, "comment_type": "Comment"},
		fields=["name", "content", "creation", "comment_by"],
		order_by="creation desc",
		limit=limit,
	)
	return [
		entry(
			row.communication_date,
			_("E-mail sent") if row.sent_or_received == "Sent" else _("E-mail received"),
			row.subject or _("(no subject)"),
			"Communication",
			row.name,
			row.sender_full_name,
		)
		for row in emails
	] + [
		entry(row.creation, _("Comment"), strip_html(row.content or "")[:300], doctype, name, row.comment_by)
		for row in comments
	]


def stage_changes(references: Iterable[tuple[str, str]], limit: int) -> list[dict]:
	"""Stage changes of the given pipeline records (doctype, name), in one query."""
	doctype_of = dict((name, doctype) for doctype, name in references)
	if not doctype_of:
		return []
	rows = readable_list(
		"Stage Change",
		filters={
			"reference_doctype": ("in", sorted(set(doctype_of.values()))),
			"reference_name": ("in", list(doctype_of)),
		},
		fields=["name", "reference_doctype", "reference_name", "from_stage", "to_stage", "changed_on"],
		order_by="changed_on desc",
		limit=limit,
	)
	kind = _("Stage change")
	return [
		entry(
			row.changed_on,
			kind,
			f"{_(row.reference_doctype)}: {_(row.to_stage)}",
			row.reference_doctype,
			row.reference_name,
			_("from {0}").format(_(row.from_stage)) if row.from_stage else None,
		)
		for row in rows
		if doctype_of.get(row.reference_name) == row.reference_doctype
	]


# -- An organisation --------------------------------------------------------------------------


def organisation_pipeline_records(organisation: str) -> list[tuple[str, str]]:
	"""Its policy adoption and the start-ups that name it (in the municipality, supported by it, in
	its consortium, registered as it)."""
	fields = ("municipality", "supporting_organisation", "consortium", "organisation")
	policies = readable_list("Policy Adoption", filters={"municipality": organisation}, pluck="name")
	startups = readable_list(
		"Social Enterprise Startup", or_filters={field: organisation for field in fields}, pluck="name"
	)
	return [("Policy Adoption", n) for n in policies] + [("Social Enterprise Startup", n) for n in startups]


# How outreach reaches an organisation: the activity's rows of organisations and of municipalities.
OUTREACH_REACHES = (("Outreach Organisation", "organisation"), ("Outreach Municipality", "municipality"))


def outreach_reaching(organisation: str, child: str, field: str, limit: int) -> list:
	"""The outreach activities that reached the organisation as one of ``child``'s rows, newest first."""
	return readable_list(
		"Outreach Activity",
		filters=[[child, field, "=", organisation]],
		fields=["name", "title", "kind", "activity_date"],
		order_by="activity_date desc",
		limit=limit,
	)


def outreach(organisation: str, limit: int) -> list[dict]:
	seen, out = set(), []
	for child, field in OUTREACH_REACHES:
		for row in outreach_reaching(organisation, child, field, limit):
			if row.name not in seen:
				seen.add(row.name)
				out.append(
					entry(
						row.activity_date,
						_("Outreach"),
						row.title,
						"Outreach Activity",
						row.name,
						_(row.kind),
					)
				)
	return out


def membership_payments(organisation: str, limit: int) -> list[dict]:
	rows = readable_list(
		"Membership",
		filters={"organisation": organisation, "paid_date": ("is", "set")},
		fields=["name", "year", "paid_date"],
		order_by="paid_date desc",
		limit=limit,
	)
	return [
		entry(
			row.paid_date, _("Membership"), _("Annual fee {0} paid").format(row.year), "Membership", row.name
		)
		for row in rows
	]


def placements_hosted(organisation: str, limit: int) -> list[dict]:
	"""Gateway placements at the organisation: for the gateway's coordinators alone (its permissions)."""
	rows = readable_list(
		"Placement",
		filters={"host_type": ORGANISATION, "host": organisation},
		fields=["name", "participant", "start_date"],
		order_by="start_date desc",
		limit=limit,
	)
	return [
		entry(
			row.start_date,
			_("Placement"),
			_("Placement of {0}").format(row.participant),
			"Placement",
			row.name,
		)
		for row in rows
	]


def organisation_sources(organisation: str) -> list[Callable[[int], list[dict]]]:
	return [
		lambda n: stage_changes(organisation_pipeline_records(organisation), n),
		lambda n: registrations({"organisation": organisation}, n),
		lambda n: meetings_attended(["Meeting Attendee", "organisation", "=", organisation], n),
		lambda n: reports_sent({"organisation": organisation}, n),
		lambda n: outreach(organisation, n),
		lambda n: membership_payments(organisation, n),
		lambda n: placements_hosted(organisation, n),
		lambda n: notes_about(ORGANISATION, organisation, n),
	]


# -- A person ---------------------------------------------------------------------------------


def contact_emails(contact: str) -> list[str]:
	"""The person's addresses (read after the contact itself was checked)."""
	return frappe.get_all(
		"Contact Email", filters={"parent": contact, "parenttype": CONTACT}, pluck="email_id"
	)


def newsletter_entries(emails: list[str], limit: int) -> list[dict]:
	from slup_crm.meetings.newsletter import NEWSLETTER_GROUP

	if not emails:
		return []
	rows = readable_list(
		"Email Group Member",
		filters={"email_group": NEWSLETTER_GROUP, "email": ("in", emails)},
		fields=["name", "email", "creation", "unsubscribed"],
		order_by="creation desc",
		limit=limit,
	)
	return [
		entry(
			row.creation,
			_("Newsletter"),
			_("Subscribed with {0}").format(row.email),
			"Email Group Member",
			row.name,
		)
		for row in rows
	]


def gateway_entries(emails: list[str], limit: int) -> list[dict]:
	"""The person as a gateway participant: for the gateway's coordinators alone (its permissions)."""
	if not emails:
		return []
	rows = readable_list(
		"Gateway Participant",
		filters={"email": ("in", emails)},
		fields=["name", "project", "referred_on", "creation"],
		order_by="creation desc",
		limit=limit,
	)
	return [
		entry(
			row.referred_on or row.creation,
			_("Gateway"),
			_("Gateway participant in {0}").format(row.project),
			"Gateway Participant",
			row.name,
		)
		for row in rows
	]


def person_sources(contact: str) -> list[Callable[[int], list[dict]]]:
	emails = contact_emails(contact)
	return [
		lambda n: registrations({"email": ("in", emails)}, n) if emails else [],
		lambda n: meetings_attended(["Meeting Attendee", "contact", "=", contact], n),
		lambda n: reports_sent({"contact": contact}, n),
		lambda n: newsletter_entries(emails, n),
		lambda n: gateway_entries(emails, n),
		lambda n: notes_about(CONTACT, contact, n),
	]


# -- Pages ------------------------------------------------------------------------------------

SOURCES = {ORGANISATION: organisation_sources, CONTACT: person_sources}


def page_of(sources: list[Callable[[int], list[dict]]], start: int, page_length: int) -> dict:
	"""One page of the merged timeline, newest first, and whether another page follows."""
	wanted = start + page_length
	entries = [row for source in sources for row in source(wanted + 1)]
	entries.sort(key=lambda row: row["when"] or get_datetime("1900-01-01"), reverse=True)
	return {"entries": entries[start:wanted], "more": len(entries) > wanted, "start": start}


@frappe.whitelist()
def get_timeline(doctype: str, name: str, start: int = 0, page_length: int = PAGE_LENGTH) -> dict:
	"""A page of the timeline of an organisation or a person (Contact), for whoever may read it."""
	if doctype not in SOURCES:
		frappe.throw(_("There is no timeline for {0}.").format(doctype))
	frappe.has_permission(doctype, "read", name, throw=True)
	start = max(cint(start), 0)
	page_length = min(max(cint(page_length) or PAGE_LENGTH, 1), MAX_PAGE_LENGTH)
	return page_of(SOURCES[doctype](name), start, page_length)
