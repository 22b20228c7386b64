"""The pipelines' descriptors (slup_crm/pipelines/descriptor.py) and the files written from them
(no Frappe needed; fix the files with scripts/pipeline-files)."""

import pytest

from slup_crm.pipelines.descriptor import MANAGERS, STAFF, Kanban, Pipeline, Stage, Transition
from slup_crm.pipelines.files import (
	descriptor_paths,
	fixture_filters,
	kanban_board,
	load,
	stale_files,
	workflow,
)


def pipeline(**overrides) -> Pipeline:
	values = {
		"doctype": "Test Pipeline",
		"stages": (Stage("Open"), Stage("Done", "Success"), Stage("Dropped", "Danger")),
		"actions": ("Finish", "Drop"),
		"transitions": (
			Transition("Open", "Finish", "Done"),
			Transition("Open", "Drop", "Dropped", MANAGERS),
		),
		"closed_stages": ("Done", "Dropped"),
		"active_stages": ("Open",),
		"kanban": Kanban("Test Pipeline Board", ("responsible",)),
	}
	values.update(overrides)
	return Pipeline(**values)


def test_the_files_say_what_the_descriptors_say():
	pipelines = load(descriptor_paths())
	assert [p.doctype for p in pipelines] == [
		"Policy Adoption",
		"Social Enterprise Startup",
		"Development Project",
		"Gateway Participant",
	]
	assert stale_files(pipelines) == [], "run scripts/pipeline-files"


def test_a_misspelt_stage_or_an_unused_action_refuses_the_descriptor():
	with pytest.raises(ValueError, match="no stage 'Finished'"):
		pipeline(
			transitions=(Transition("Open", "Finish", "Finished"), Transition("Open", "Drop", "Dropped"))
		)
	with pytest.raises(ValueError, match="no stage 'Closed'"):
		pipeline(closed_stages=("Closed",))
	with pytest.raises(ValueError, match="taken by no transition"):
		pipeline(actions=("Finish", "Drop", "Reopen"))
	with pytest.raises(ValueError, match="not among its actions"):
		pipeline(actions=("Finish",))
	with pytest.raises(ValueError, match="listed twice"):
		pipeline(stages=(Stage("Open"), Stage("Open"), Stage("Done"), Stage("Dropped")))
	with pytest.raises(ValueError, match="no stage 'Shut'"):
		pipeline().stage("Shut")


def test_manager_only_actions_are_those_no_one_else_may_take_from_any_stage():
	assert pipeline().manager_only_actions == ("Drop",)
	both = pipeline(
		stages=(Stage("Open"), Stage("Done"), Stage("Dropped")),
		transitions=(
			Transition("Open", "Finish", "Done"),
			Transition("Open", "Drop", "Dropped", MANAGERS),
			Transition("Done", "Drop", "Dropped"),
		),
	)
	assert both.manager_only_actions == ()


def test_the_workflow_has_a_transition_per_role_and_the_board_a_column_per_stage():
	p = pipeline()
	rows = [(t["state"], t["action"], t["allowed"]) for t in workflow(p)["transitions"]]
	assert rows == [
		("Open", "Finish", STAFF[0]),
		("Open", "Finish", STAFF[1]),
		("Open", "Drop", "SLUP Manager"),
	]
	assert [s["state"] for s in workflow(p)["states"]] == ["Open", "Done", "Dropped"]
	columns = [(c["column_name"], c["indicator"]) for c in kanban_board(p)["columns"]]
	assert columns == [("Open", "Gray"), ("Done", "Green"), ("Dropped", "Red")]


def test_fixtures_are_filtered_by_name_and_leave_frappes_own_states_and_actions_alone():
	p = pipeline(
		stages=(Stage("Open"), Stage("Done"), Stage("Rejected", "Danger")),
		actions=("Finish", "Reject"),
		transitions=(Transition("Open", "Finish", "Done"), Transition("Open", "Reject", "Rejected")),
		closed_stages=("Done", "Rejected"),
	)
	filters = {f["dt"]: f["filters"][0][2] for f in fixture_filters([p])}
	assert filters == {
		"Workflow": ["Test Pipeline"],
		"Workflow State": ["Done", "Open"],
		"Workflow Action Master": ["Finish"],
		"Kanban Board": ["Test Pipeline Board"],
	}
