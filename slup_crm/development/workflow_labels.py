"""Workflow actions shipped as fixtures, listed here so that translation extraction finds them.

Frappe shows these names on the action buttons and translates them; a test keeps this list
equal to the actions of the shipped workflows.
"""

from frappe import _lt

WORKFLOW_ACTIONS = (
	_lt("Start Dialogue"),
	_lt("Start Information Campaign"),
	_lt("Draft Policy"),
	_lt("Adopt Policy"),
	_lt("Start Implementing"),
	_lt("Move Back"),
	_lt("Pause"),
	_lt("Resume"),
	_lt("Decline"),
	_lt("Reopen"),
	_lt("Explore"),
	_lt("Write Business Plan"),
	_lt("Found"),
	_lt("Start Operating"),
	_lt("Mark Sustainable"),
	_lt("Discontinue"),
)

KANBAN_BOARDS = (_lt("Policy Adoption Pipeline"), _lt("Social Enterprise Startup Pipeline"))
