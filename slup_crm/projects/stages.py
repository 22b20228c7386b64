"""The workflow of a development project, from idea to closure: its descriptor (slup_crm/pipelines/).

The funder's decision and closing are the managers'. "Rejected" and "Reject" are Frappe's own
workflow state and action (installed on every site), which the workflow uses.
"""

from slup_crm.pipelines.descriptor import MANAGERS, N_, Kanban, Pipeline, Stage, Transition

DEVELOPMENT_PROJECT = Pipeline(
	doctype="Development Project",
	stages=(
		Stage(N_("Idea")),
		Stage(N_("Application being written"), "Info"),
		Stage(N_("Applied"), "Primary"),
		Stage(N_("Granted"), "Warning"),
		Stage(N_("Running"), "Success"),
		Stage(N_("Final report"), "Success"),
		Stage(N_("Closed"), "Inverse"),
		Stage(N_("Rejected"), "Danger"),
		Stage(N_("Withdrawn"), "Danger"),
	),
	actions=(
		N_("Write Application"),
		N_("Submit Application"),
		N_("Grant"),
		N_("Reject"),
		N_("Start Project"),
		N_("Write Final Report"),
		N_("Close Project"),
		N_("Withdraw"),
		N_("Move Back"),
		N_("Reopen"),
	),
	transitions=(
		Transition("Idea", "Write Application", "Application being written"),
		Transition("Application being written", "Submit Application", "Applied"),
		Transition("Application being written", "Move Back", "Idea"),
		Transition("Applied", "Grant", "Granted", MANAGERS),
		Transition("Applied", "Reject", "Rejected", MANAGERS),
		Transition("Applied", "Move Back", "Application being written"),
		Transition("Granted", "Start Project", "Running"),
		Transition("Running", "Write Final Report", "Final report"),
		Transition("Final report", "Move Back", "Running"),
		Transition("Final report", "Close Project", "Closed", MANAGERS),
		Transition("Idea", "Withdraw", "Withdrawn"),
		Transition("Application being written", "Withdraw", "Withdrawn"),
		Transition("Applied", "Withdraw", "Withdrawn"),
		Transition("Withdrawn", "Reopen", "Idea"),
		Transition("Rejected", "Reopen", "Application being written", MANAGERS),
	),
	closed_stages=("Closed", "Rejected", "Withdrawn"),
	# The project's work is under way: partners take part, reports are owed.
	active_stages=("Granted", "Running", "Final report"),
	kanban=Kanban(N_("Development Project Pipeline"), ("fund", "project_owner_name", "responsible")),
)
