"""The daily reminders of every pipeline.

`send_stale_reminders` gives the responsible user of a pipeline record a ToDo when its next step
is overdue or it has stood in an open stage (not one of its descriptor's closed stages) for too
long, and lets each pipeline doctype add reminders of its own (`send_due_reminders`, e.g. reports
owed to a funder).
"""

import frappe
from frappe import _
from frappe.model.base_document import get_controller
from frappe.utils import add_days, cint, get_datetime, getdate, now_datetime

from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.pipelines.days import days_in_stage
from slup_crm.pipelines.registry import pipelines


def stale_after_days() -> int:
	"""Days in an open stage after which a record is stale (SLUP Settings, its default in the
	doctype; at least one)."""
	return max(cint(get_settings().stale_after_days), 1)


def send_stale_reminders() -> None:
	"""Daily job: one ToDo per stale period for the responsible user of each pipeline record.

	A record is stale when its next step's due date has passed (one reminder per due date) or
	when it has stood in an open stage for a whole number of stale periods (one reminder per
	period: after 60 days, again after 120, ...).
	"""
	days = stale_after_days()
	stale_before = add_days(now_datetime(), -days)
	for pipeline in pipelines():
		doctype = pipeline.doctype
		controller = get_controller(doctype)
		closed_stages = pipeline.closed_stages or ("",)
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
	elapsed = days_in_stage(row.stage_since)
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
