"""The stages and workflow actions of a development project, in order (plain constants: hooks.py,
the generator, the demo and the tests read them).

The doctype's `stage` Select options and the workflow in fixtures list the same stages; a test keeps
them equal.
"""

PROJECT_STAGES = (
	"Idea",
	"Application being written",
	"Applied",
	"Granted",
	"Running",
	"Final report",
	"Closed",
	"Rejected",
	"Withdrawn",
)
# Stages in which a project is not expected to move (no "stale" reminders there).
PROJECT_CLOSED_STAGES = ("Closed", "Rejected", "Withdrawn")
# Stages in which the project's work is under way (partners take part, reports are owed).
PROJECT_ACTIVE_STAGES = ("Granted", "Running", "Final report")

# Frappe installs the workflow state "Rejected" and the action "Reject" on every site: the app uses
# them and does not ship them as fixtures (it would otherwise take them over).
FRAPPE_WORKFLOW_STATES = ("Rejected",)
FRAPPE_WORKFLOW_ACTIONS = ("Reject",)

PROJECT_WORKFLOW_ACTIONS = (
	"Write Application",
	"Submit Application",
	"Grant",
	"Reject",
	"Start Project",
	"Write Final Report",
	"Close Project",
	"Withdraw",
	"Move Back",
	"Reopen",
)
# The funder's decision and closing are the managers'.
MANAGER_ONLY_ACTIONS = ("Grant", "Reject", "Close Project")

SHIPPED_STATES = tuple(s for s in PROJECT_STAGES if s not in FRAPPE_WORKFLOW_STATES)
SHIPPED_ACTIONS = tuple(a for a in PROJECT_WORKFLOW_ACTIONS if a not in FRAPPE_WORKFLOW_ACTIONS)
