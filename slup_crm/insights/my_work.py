"""My work: what is the logged-in staff member's to do today, on one page (desk page `my-work`).

For every pipeline of the registry (`slup_crm.pipelines.registry`): the next steps due of the
records they are responsible for, overdue first, and their stale records (no stage move for the
settings' days, in a stage that is not closed); the funder reports due of the projects they answer
for; the meeting action items (ToDos) assigned to them. Each line names the record it opens. A
SLUP Manager sees the same for the whole team, grouped by person. Every list is read with the
reader's permissions (``timeline.readable_list``): a gateway participant appears only to the
gateway's coordinators.
"""

import frappe
from frappe import _
from frappe.utils import add_days, get_fullname, getdate, now_datetime

from slup_crm.network.timeline import readable_list
from slup_crm.pipelines.registry import pipelines
from slup_crm.pipelines.reminders import stale_after_days
from slup_crm.utils.access import has_role, whitelist_for

STAFF_ROLES = ("SLUP Staff", "SLUP Manager")
TEAM_ROLES = ("SLUP Manager",)
LIMIT = 100  # lines per list and pipeline: the earliest due first
OPEN_TODO = "Open"
MEETING = "Meeting"


def line(
	kind: str,
	doctype: str,
	name: str,
	title: str,
	user: str,
	due=None,
	what: str | None = None,
	today=None,
) -> dict:
	"""One line of the page: what, the record it opens, by when (and whether that has passed)."""
	due = getdate(due) if due else None
	return {
		"kind": kind,
		"doctype": doctype,
		"name": name,
		"title": title or name,
		"what": what,
		"due": due,
		"overdue": bool(due and due < (today or getdate())),
		"user": user,
	}


def whose(user: str | None) -> dict:
	"""The filter on the responsible user: one person, or everyone who is responsible for something."""
	return {"responsible": user} if user else {"responsible": ("is", "set")}


def open_records(pipeline, user: str | None, condition: dict, order_by: str, fields: list[str]) -> list:
	"""The records of a pipeline in a stage that is not closed, that ``user`` (None: anyone) is
	responsible for and that meet ``condition``, the first ``LIMIT`` by ``order_by``."""
	title = frappe.get_meta(pipeline.doctype).title_field or "name"
	return readable_list(
		pipeline.doctype,
		filters={**whose(user), "stage": ("not in", pipeline.closed_stages or ("",)), **condition},
		fields=["name", f"{title} as title", "responsible", "stage", *fields],
		order_by=order_by,
		limit=LIMIT,
	)


def readable_pipelines() -> list:
	"""The pipelines whose records the session user may read (asked once: for a doctype the role may
	not read, Frappe looks for shared records with a query of its own)."""
	return [pipeline for pipeline in pipelines() if frappe.has_permission(pipeline.doctype, "read")]


def next_steps(user: str | None, shown: list) -> list[dict]:
	out, kind, today = [], _("Next step"), getdate()
	for pipeline in shown:
		rows = open_records(
			pipeline,
			user,
			{"next_step_due": ("is", "set")},
			"next_step_due asc",
			["next_step", "next_step_due"],
		)
		out += [
			line(kind, pipeline.doctype, r.name, r.title, r.responsible, r.next_step_due, r.next_step, today)
			for r in rows
		]
	return out


def stale_records(user: str | None, shown: list) -> list[dict]:
	before = add_days(now_datetime(), -stale_after_days())
	out, kind = [], _("Stale")
	for pipeline in shown:
		rows = open_records(
			pipeline, user, {"stage_since": ("<=", before)}, "stage_since asc", ["stage_since"]
		)
		stages = {stage: _(stage) for stage in pipeline.stage_names}
		out += [
			line(
				kind,
				pipeline.doctype,
				r.name,
				r.title,
				r.responsible,
				what=in_stage_since(stages.get(r.stage, r.stage), r.stage_since),
			)
			for r in rows
		]
	return out


def in_stage_since(stage: str, since) -> str:
	"""What a stale line says: the stage, and since when (a record imported without its stage's date
	has none, and counts as stale, as Frappe's filter on the date counts it)."""
	if not since:
		return _("In the stage {0}, since a date not recorded").format(stage)
	return _("In the stage {0} since {1}").format(stage, getdate(since).isoformat())


def funder_reports(user: str | None) -> list[dict]:
	"""Reports owed to a funder and not yet submitted: the report's own responsible, else the project's."""
	fields = [
		"name",
		"title",
		"responsible",
		"`tabFunder Report`.responsible as report_responsible",
		"`tabFunder Report`.report_type as report_type",
		"`tabFunder Report`.due_date as due_date",
	]
	rows = readable_list(
		"Development Project",
		filters=[
			["Funder Report", "submitted_on", "is", "not set"],
			["Funder Report", "due_date", "is", "set"],
		],
		fields=fields,
		order_by="`tabFunder Report`.due_date asc",
		limit=LIMIT,
	)
	out = []
	for r in rows:
		owner = r.report_responsible or r.responsible
		if owner and (not user or owner == user):
			out.append(
				line(
					_("Funder report"),
					"Development Project",
					r.name,
					r.title,
					owner,
					r.due_date,
					_(r.report_type),
				)
			)
	return out


def action_items(user: str | None) -> list[dict]:
	"""Open ToDos from meetings (their action items)."""
	filters = {"status": OPEN_TODO, "reference_type": MEETING}
	if user:
		filters["allocated_to"] = user
		rows = readable_list(
			"ToDo",
			filters=filters,
			fields=["name", "description", "date", "reference_name", "allocated_to"],
			order_by="date asc",
			limit=LIMIT,
		)
	elif frappe.has_permission(MEETING, "read"):
		# A manager reads the whole team's action items: Frappe's ToDo list shows a user only their own,
		# and these are the meetings' (which the manager reads), not private ToDos.
		rows = frappe.get_all(
			"ToDo",
			filters=filters,
			fields=["name", "description", "date", "reference_name", "allocated_to"],
			order_by="date asc",
			limit=LIMIT,
		)
	else:
		rows = []
	return [
		line(
			_("Action item"),
			MEETING,
			r.reference_name,
			frappe.utils.strip_html(r.description or "")[:200],
			r.allocated_to,
			r.date,
			r.reference_name,
		)
		for r in rows
	]


def sort_lines(lines: list[dict]) -> list[dict]:
	"""Overdue first, then by due date (undated last)."""
	return sorted(
		lines, key=lambda r: (not r["overdue"], r["due"] is None, r["due"] or getdate("2999-12-31"))
	)


def work_of(user: str | None) -> dict:
	"""The four lists for one user, or for everyone (``user`` None)."""
	shown = readable_pipelines()
	return {
		"next_steps": sort_lines(next_steps(user, shown)),
		"stale": stale_records(user, shown),
		"funder_reports": sort_lines(funder_reports(user)),
		"action_items": sort_lines(action_items(user)),
	}


def grouped(work: dict) -> list[dict]:
	"""The team's work, one group per person (by name)."""
	people: dict[str, dict] = {}
	for part, lines in work.items():
		for row in lines:
			person = people.setdefault(
				row["user"],
				{"user": row["user"], "full_name": get_fullname(row["user"]), **{key: [] for key in work}},
			)
			person[part].append(row)
	return sorted(people.values(), key=lambda p: (p["full_name"] or "").lower())


@whitelist_for(STAFF_ROLES)
def get_my_work(team: int | None = None) -> dict:
	"""The session user's work; for a manager (unless ``team`` is 0), everyone's, grouped by person."""
	may_see_team = has_role(TEAM_ROLES)
	if may_see_team and (team is None or frappe.utils.cint(team)):
		return {"team": True, "may_see_team": True, "people": grouped(work_of(None))}
	user = frappe.session.user
	return {
		"team": False,
		"may_see_team": may_see_team,
		"people": [{"user": user, "full_name": get_fullname(user), **work_of(user)}],
	}
