"""The gateway workflow's actions, listed here so that translation extraction finds them (Frappe
shows them on the action buttons and translates them). "Move Back" is listed by the development
module."""

from frappe import _lt

GATEWAY_WORKFLOW_ACTIONS = (
	_lt("Start Preparation"),
	_lt("Start Training"),
	_lt("Start Placement"),
	_lt("End Participation"),
)
