"""The base controller of every pipeline doctype.

A pipeline document has a `stage` (driven by a Frappe Workflow), `stage_since`, a responsible
user and a next step with a due date; its stages are its descriptor's (`descriptor.py`).
`PipelineDocument` records every stage change in `Stage Change` (from, to, when, by whom, how long
the record stood in the stage it left) and gives the virtual `days_in_stage`. Records brought in
by Data Import may start in the stage they stand in today (see `validate_workflow`); their first
history entry is marked imported. The daily reminders are in `reminders.py`.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from slup_crm.pipelines.days import days_in_stage
from slup_crm.pipelines.descriptor import Pipeline
from slup_crm.pipelines.registry import get_pipeline
from slup_crm.utils.access import has_role

# Who may bring a pipeline record in at a stage other than the first (Data Import).
STAGE_IMPORT_ROLES = ("SLUP Manager", "System Manager")


class PipelineDocument(Document):
	"""Base class of pipeline controllers. Subclasses call super() in the hooks they override."""

	@property
	def pipeline(self) -> Pipeline:
		return get_pipeline(self.doctype)

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
		return self.pipeline.first_stage

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
		if has_role(STAGE_IMPORT_ROLES):
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
		frappe.get_doc(
			{
				"doctype": "Stage Change",
				"reference_doctype": self.doctype,
				"reference_name": self.name,
				"from_stage": from_stage,
				"to_stage": self.stage,
				"changed_on": self.stage_since,
				"changed_by": frappe.session.user,
				"days_in_previous_stage": days_in_stage(since, self.stage_since, precision=2),
				"imported": int(imported),
			}
		).insert(ignore_permissions=True)  # the system's own log of what the user just did

	@property
	def days_in_stage(self) -> int:
		return days_in_stage(self.stage_since) or 0

	@classmethod
	def send_due_reminders(cls) -> None:
		"""Reminders of the doctype's own, sent by the daily job after the stale reminders; none here."""

	def stage_index(self, stage: str | None = None) -> int:
		"""Position of a stage in the pipeline (for "at or after" rules)."""
		return self.pipeline.stage_index(stage or self.stage)


def stage_history(doctype: str, name: str) -> list[dict]:
	"""Stage changes of one record, oldest first."""
	return frappe.get_all(
		"Stage Change",
		filters={"reference_doctype": doctype, "reference_name": name},
		fields=["from_stage", "to_stage", "changed_on", "changed_by", "days_in_previous_stage"],
		order_by="changed_on asc, creation asc",
	)
