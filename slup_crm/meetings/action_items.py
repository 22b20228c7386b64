"""Action items of a meeting: what, who, by when.

An item whose responsible person has a user account becomes a Frappe ToDo for that user
(referencing the meeting); an item for someone without an account is tracked on the meeting
only. The ToDo and the item stay in step: closing the ToDo marks the item done and marking
the item done closes the ToDo. When the next meeting is created from the last one, open
items move to it together with their ToDo (``carry_over``).
"""

import frappe
from frappe import _

OPEN = "Open"
DONE = "Done"
CARRIED_OVER = "Carried Over"
TODO_OPEN = "Open"
TODO_CLOSED = "Closed"
TODO_CANCELLED = "Cancelled"


def set_responsible_users(meeting) -> None:
	"""Take the responsible user from the contact's user account when the item names none."""
	for item in meeting.action_items:
		if item.responsible and not item.responsible_user:
			item.responsible_user = frappe.db.get_value("Contact", item.responsible, "user")


def validate_action_items(meeting) -> None:
	for item in meeting.action_items:
		if not item.responsible and not item.responsible_user:
			frappe.throw(
				_("Action item {0} needs a responsible contact or user.").format(item.idx),
				frappe.MandatoryError,
			)
		if item.responsible_user and not frappe.db.get_value("User", item.responsible_user, "enabled"):
			frappe.throw(
				_("Action item {0}: the user {1} is disabled.").format(item.idx, item.responsible_user)
			)


def todo_description(meeting, item) -> str:
	return _("Action item from {0}: {1}").format(meeting.title, item.description)


def sync_todos(meeting) -> None:
	"""After the meeting is saved: every open item with a user has an open ToDo that says the same."""
	before = meeting.get_doc_before_save()
	current = {item.name for item in meeting.action_items}
	for item in meeting.action_items:
		sync_item(meeting, item)
	for item in before.action_items if before else []:
		if item.name not in current and item.todo and item.status == OPEN:
			set_todo_status(item.todo, TODO_CANCELLED)


def sync_item(meeting, item) -> None:
	if item.status == CARRIED_OVER:
		return
	todo = frappe.get_doc("ToDo", item.todo) if item.todo and frappe.db.exists("ToDo", item.todo) else None
	if todo and todo.allocated_to != item.responsible_user:
		# The item changed hands: the old ToDo is withdrawn, the new person gets one.
		set_todo_status(todo.name, TODO_CANCELLED)
		todo = None
	if not todo:
		item.db_set("todo", None)
		if item.responsible_user and item.status == OPEN:
			item.db_set("todo", create_todo(meeting, item))
		return
	todo.update(
		{
			"description": todo_description(meeting, item),
			"date": item.due_date,
			"reference_type": meeting.doctype,
			"reference_name": meeting.name,
			"status": TODO_CLOSED if item.status == DONE else TODO_OPEN,
		}
	)
	# The secretary updates the group's ToDos on the responsible users' behalf.
	todo.save(ignore_permissions=True)


def create_todo(meeting, item) -> str:
	todo = frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": item.responsible_user,
			"reference_type": meeting.doctype,
			"reference_name": meeting.name,
			"description": todo_description(meeting, item),
			"date": item.due_date,
			"priority": "Medium",
			"assigned_by": frappe.session.user,
		}
	)
	# Assigned on the meeting's behalf: the responsible user need not be able to create ToDos for others.
	todo.insert(ignore_permissions=True)
	return todo.name


def set_todo_status(todo: str, status: str) -> None:
	if frappe.db.exists("ToDo", todo):
		doc = frappe.get_doc("ToDo", todo)
		if doc.status != status:
			doc.status = status
			doc.save(ignore_permissions=True)  # withdrawn by the meeting, on the secretary's behalf


def on_todo_update(todo, method=None) -> None:
	"""doc_events hook: a ToDo of an action item closed (or reopened) by its user updates the item."""
	if todo.reference_type != "Meeting" or not todo.has_value_changed("status"):
		return
	status = {TODO_CLOSED: DONE, TODO_OPEN: OPEN}.get(todo.status)
	if not status:
		return
	item = frappe.db.get_value(
		"Meeting Action Item",
		{"todo": todo.name, "parenttype": "Meeting", "status": ("!=", CARRIED_OVER)},
		["name", "status"],
		as_dict=True,
	)
	if item and item.status != status:
		frappe.db.set_value("Meeting Action Item", item.name, "status", status)


def is_open(item) -> bool:
	if item.status != OPEN:
		return False
	if item.todo and frappe.db.get_value("ToDo", item.todo, "status") == TODO_CLOSED:
		return False
	return True


def carry_over(source, target) -> int:
	"""Copy the open items of ``source`` into the new meeting ``target`` (not yet saved).

	Returns how many were carried. The source's items are marked Carried Over by the caller
	once the target exists.
	"""
	count = 0
	for item in source.action_items:
		if not is_open(item):
			continue
		target.append(
			"action_items",
			{
				"description": item.description,
				"responsible": item.responsible,
				"responsible_user": item.responsible_user,
				"due_date": item.due_date,
				"status": OPEN,
				"todo": item.todo,
				"carried_from": item.carried_from or source.name,
			},
		)
		count += 1
	return count


def mark_carried_over(source) -> None:
	for item in source.action_items:
		if is_open(item):
			item.status = CARRIED_OVER
