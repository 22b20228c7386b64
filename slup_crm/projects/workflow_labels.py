"""The project workflow's actions and kanban board, listed here so that translation extraction finds them.

Frappe shows these names on the action buttons and translates them; a test keeps this list equal
to the actions of the shipped workflow ("Reject" is Frappe's own, which Frappe has no Swedish for).
"""

from frappe import _lt

PROJECT_WORKFLOW_ACTIONS = (
	_lt("Write Application"),
	_lt("Submit Application"),
	_lt("Grant"),
	_lt("Reject"),
	_lt("Start Project"),
	_lt("Write Final Report"),
	_lt("Close Project"),
	_lt("Withdraw"),
	_lt("Move Back"),
	_lt("Reopen"),
)

KANBAN_BOARDS = (_lt("Development Project Pipeline"),)
