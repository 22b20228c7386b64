"""The base controller of every pipeline doctype, and the daily reminders.

A pipeline document has a `stage` (driven by a Frappe Workflow), `stage_since`, a responsible
user and a next step with a due date. `PipelineDocument` records every stage change in
`Stage Change` (from, to, when, by whom, how long the record stood in the stage it left) and
gives the virtual `days_in_stage`. Records brought in by Data Import may start in the stage they
stand in today (see `validate_workflow`); their first history entry is marked imported.
`send_stale_reminders` is the daily job that gives the
responsible user a ToDo when a record's next step is overdue or it has not moved for too long, and
lets each pipeline doctype add reminders of its own (`send_due_reminders`, e.g. reports owed).
"""

import frappe
from frappe import _
from frappe.model.base_document import get_controller
from frappe.model.document import Document
from frappe.utils import add_days, cint, flt, get_datetime, getdate, now_datetime, time_diff_in_seconds

from slup_crm.network.doctype.slup_settings.slup_settings import get_settings

PIPELINE_DOCTYPES = (
	"Policy Adoption",
	"Social Enterprise Startup",
	"Development Project",
	"Gateway Participant",
)
SECONDS_PER_DAY = 24 * 60 * 60
DEFAULT_STALE_AFTER_DAYS = 60
# Who may bring a pipeline record in at a stage other than the first (Data Import).
STAGE_IMPORT_ROLES = ("SLUP Manager", "System Manager")


class PipelineDocument(Document):
	"""Base class of pipeline controllers. Subclasses call super() in the hooks they override."""

	# Stages in which a record is not expected to move (no "stale" reminders there).
	closed_stages: tuple[str, ...] = ()

	def before_insert(self):
		self.flags.imported = self.is_imported()
		self.stage_since = (self.flags.imported and self.imported_stage_since()) or now_datetime()

	def before_save(self):
		if not self.is_new() and self.stage_changed():
			self.stage_since = now_datetime()

	def after_insert(self):
		self.record_stage_change(from_stage=None, since=None, imported=self.flags.imported)

	def is_imported(self) -> bool:
		"""A new record brought in by Frappe's Data Import (the importer sets the flag)."""
		return bool(self.is_new() and frappe.flags.in_import)

	def first_stage(self) -> str:
		return (self.meta.get_field("stage").options or "").split("\n")[0]

	def imported_stage_since(self):
		"""When an imported record reached its current stage, if the record says it (else now)."""
		return None

	def validate_workflow(self):
		"""Frappe's workflow lets a new record start only in the first stage.

		Data Import may record where a record stands today: a manager's import may start it in any
		stage, checked by the stage's own rules in `validate` like any other save. Everyone else,
		and every other way in (the form, REST), goes through the workflow.
		"""
		if self.is_imported() and self.stage and self.stage != self.first_stage():
			self.check_may_import_stage()
			return
		super().validate_workflow()

	def check_may_import_stage(self) -> None:
		if set(frappe.get_roles()).intersection(STAGE_IMPORT_ROLES):
			return
		frappe.throw(
			_("Only a SLUP Manager may import a record in the stage {0}; other imports start in {1}.").format(
				frappe.bold(_(self.stage)), frappe.bold(_(self.first_stage()))
			),
			frappe.PermissionError,
		)

	def on_update(self):
		before = self.get_doc_before_save()
		if before and self.stage_changed():
			self.record_stage_change(from_stage=before.stage, since=before.stage_since)

	def stage_changed(self) -> bool:
		before = self.get_doc_before_save()
		return bool(before) and before.stage != self.stage

	def record_stage_change(self, from_stage: str | None, since, imported: bool = False) -> None:
		days = None
		if since:
			days = flt(time_diff_in_seconds(self.stage_since, since) / SECONDS_PER_DAY, 2)
		frappe.get_doc(
			{
				"doctype": "Stage Change",
				"reference_doctype": self.doctype,
				"reference_name": self.name,
				"from_stage": from_stage,
				"to_stage": self.stage,
				"changed_on": self.stage_since,
				"changed_by": frappe.session.user,
				"days_in_previous_stage": days,
				"imported": int(imported),
			}
		).insert(ignore_permissions=True)  # the system's own log of what the user just did

	@property
	def days_in_stage(self) -> int:
		if not self.stage_since:
			return 0
		return max(0, int(time_diff_in_seconds(now_datetime(), self.stage_since) // SECONDS_PER_DAY))

	@classmethod
	def send_due_reminders(cls) -> None:
		"""Reminders of the doctype's own, sent by the daily job after the stale reminders; none here."""

	def stage_index(self, stage: str | None = None) -> int:
		"""Position of a stage in the doctype's stage list (for "at or after" rules)."""
		options = (self.meta.get_field("stage").options or "").split("\n")
		return options.index(stage or self.stage)


def stage_history(doctype: str, name: str) -> list[dict]:
	"""Stage changes of one record, oldest first."""
	return frappe.get_all(
		"Stage Change",
		filters={"reference_doctype": doctype, "reference_name": name},
		fields=["from_stage", "to_stage", "changed_on", "changed_by", "days_in_previous_stage"],
		order_by="changed_on asc, creation asc",
	)


def stale_after_days() -> int:
	return cint(get_settings().get("stale_after_days")) or DEFAULT_STALE_AFTER_DAYS


def send_stale_reminders() -> None:
	"""Daily job: one ToDo per stale period for the responsible user of each pipeline record.

	A record is stale when its next step's due date has passed (one reminder per due date) or
	when it has stood in an open stage for a whole number of stale periods (one reminder per
	period: after 60 days, again after 120, ...).
	"""
	days = stale_after_days()
	stale_before = add_days(now_datetime(), -days)
	for doctype in PIPELINE_DOCTYPES:
		controller = get_controller(doctype)
		closed_stages = controller.closed_stages or ("",)
		table = frappe.qb.DocType(doctype)
		rows = (
			frappe.qb.from_(table)
			.select(
				table.name,
				table.responsible,
				table.stage,
				table.stage_since,
				table.next_step,
				table.next_step_due,
				table.stale_reminder_key,
				table.overdue_reminder_key,
			)
			.where(table.responsible.isnotnull() & (table.responsible != ""))
			.where(table.stage.notin(closed_stages))
			.where((table.next_step_due < getdate()) | (table.stage_since <= stale_before))
			.run(as_dict=True)
		)
		for row in rows:
			remind_if_overdue(doctype, row)
			remind_if_stale(doctype, row, days)
		controller.send_due_reminders()


def remind_if_overdue(doctype: str, row) -> None:
	if not row.next_step_due or getdate(row.next_step_due) >= getdate():
		return
	key = str(row.next_step_due)
	if row.overdue_reminder_key == key:
		return
	description = _("The next step for {0} {1} was due on {2}: {3}").format(
		_(doctype),
		row.name,
		frappe.utils.formatdate(row.next_step_due),
		row.next_step or _("(not described)"),
	)
	create_todo(doctype, row, description)
	frappe.db.set_value(doctype, row.name, "overdue_reminder_key", key, update_modified=False)


def remind_if_stale(doctype: str, row, days: int) -> None:
	if not row.stage_since:
		return
	elapsed = int(time_diff_in_seconds(now_datetime(), row.stage_since) // SECONDS_PER_DAY)
	period = elapsed // days
	if period < 1:
		return
	key = f"{get_datetime(row.stage_since).isoformat()}/{period}"
	if row.stale_reminder_key == key:
		return
	description = _("{0} {1} has stood in the stage {2} for {3} days.").format(
		_(doctype), row.name, _(row.stage), elapsed
	)
	create_todo(doctype, row, description)
	frappe.db.set_value(doctype, row.name, "stale_reminder_key", key, update_modified=False)


def create_todo(doctype: str, row, description: str) -> None:
	frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": row.responsible,
			"reference_type": doctype,
			"reference_name": row.name,
			"description": description,
			"date": getdate(),
			"priority": "Medium",
			"assigned_by": "Administrator",
		}
	).insert(ignore_permissions=True)  # the scheduler assigns on the group's behalf
