"""The files that follow from the pipelines' descriptors, and the fixture filters of hooks.py.

From the descriptors (`descriptor.py`, listed in hooks.py's `pipeline_descriptors`) come each
pipeline doctype's `stage` options and default, and four fixture files: the workflows, their
states and actions, and the kanban boards. `scripts/pipeline-files` writes them (`write_files`)
and `tests/integration/test_pipelines.py` fails while one differs (`stale_files`); a record keeps
its `modified` while it stays the same, so writing twice changes nothing.

Frappe installs some workflow states and actions on every site (`frappe/utils/install.py`): a
pipeline may use them, and they are not shipped (a fixture would take Frappe's record over).

Plain Python (no Frappe): hooks.py calls `fixture_filters` when Frappe loads the app's hooks.
"""

import ast
import importlib
import json
from datetime import datetime
from pathlib import Path

from slup_crm.pipelines.descriptor import KANBAN_INDICATORS, Pipeline
from slup_crm.utils.json_files import APP, frappe_json

FRAPPE_WORKFLOW_STATES = ("Pending", "Approved", "Rejected")
FRAPPE_WORKFLOW_ACTIONS = ("Approve", "Reject", "Review")
FIXTURES = APP / "fixtures"


def descriptor_paths() -> list[str]:
	"""hooks.py's `pipeline_descriptors`, read without importing hooks.py (which needs Frappe)."""
	tree = ast.parse((APP / "hooks.py").read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(
			isinstance(target, ast.Name) and target.id == "pipeline_descriptors" for target in node.targets
		):
			return ast.literal_eval(node.value)
	raise LookupError("hooks.py lists no pipeline_descriptors")


def load(paths: list[str]) -> tuple[Pipeline, ...]:
	"""The descriptors named by dotted paths (hooks.py's `pipeline_descriptors`)."""
	found = []
	for path in paths:
		module, _dot, name = path.rpartition(".")
		found.append(getattr(importlib.import_module(module), name))
	return tuple(found)


def shipped_states(pipelines) -> list[str]:
	"""Every workflow state the pipelines use and Frappe does not install, in pipeline order."""
	names = [stage.name for p in pipelines for stage in p.stages]
	return [name for name in dict.fromkeys(names) if name not in FRAPPE_WORKFLOW_STATES]


def shipped_actions(pipelines) -> list[str]:
	return sorted({a for p in pipelines for a in p.actions} - set(FRAPPE_WORKFLOW_ACTIONS))


def fixture_filters(pipelines) -> list[dict]:
	"""hooks.py's `fixtures` entries of the pipelines' records, filtered by name."""

	def by_name(doctype, names):
		return {"dt": doctype, "filters": [["name", "in", list(names)]]}

	return [
		by_name("Workflow", [p.workflow_name for p in pipelines]),
		by_name("Workflow State", sorted(shipped_states(pipelines))),
		by_name("Workflow Action Master", shipped_actions(pipelines)),
		by_name("Kanban Board", [p.kanban.name for p in pipelines if p.kanban]),
	]


def style_of(pipelines, state: str) -> str:
	"""A state's style; a state in several pipelines is one record, so they must give it one style."""
	styles = {stage.style for p in pipelines for stage in p.stages if stage.name == state}
	if len(styles) != 1:
		raise ValueError(f"the stage {state!r} has the styles {sorted(styles)} in different pipelines")
	return styles.pop()


def child(parent: str, parenttype: str, parentfield: str, **values) -> dict:
	return {"parent": parent, "parenttype": parenttype, "parentfield": parentfield, **values}


def workflow(p: Pipeline) -> dict:
	states = [
		child(
			p.workflow_name,
			"Workflow",
			"states",
			state=stage.name,
			doc_status="0",
			allow_edit=p.editors,
			avoid_status_override=0,
			is_optional_state=0,
			message=None,
			next_action_email_template=None,
			update_field=None,
			update_value=None,
		)
		for stage in p.stages
	]
	transitions = [
		child(
			p.workflow_name,
			"Workflow",
			"transitions",
			state=t.state,
			action=t.action,
			next_state=t.next_state,
			allowed=role,
			allow_self_approval=1,
			condition=None,
		)
		for t in p.transitions
		for role in p.roles_of(t)
	]
	return {
		"doctype": "Workflow",
		"name": p.workflow_name,
		"workflow_name": p.workflow_name,
		"document_type": p.doctype,
		"workflow_state_field": "stage",
		"is_active": 1,
		"override_status": 0,
		"send_email_alert": 0,
		"workflow_data": None,
		"docstatus": 0,
		"states": states,
		"transitions": transitions,
	}


def kanban_board(p: Pipeline) -> dict:
	columns = [
		child(
			p.kanban.name,
			"Kanban Board",
			"columns",
			column_name=stage.name,
			indicator=KANBAN_INDICATORS[stage.style],
			order=None,
			status="Active",
		)
		for stage in p.stages
	]
	return {
		"doctype": "Kanban Board",
		"name": p.kanban.name,
		"kanban_board_name": p.kanban.name,
		"reference_doctype": p.doctype,
		"field_name": "stage",
		"fields": json.dumps(list(p.kanban.fields)),
		"filters": None,
		"private": 0,
		"show_labels": int(p.kanban.show_labels),
		"docstatus": 0,
		"columns": columns,
	}


def fixture_records(pipelines) -> dict[str, list[dict]]:
	"""The records of each fixture file, without `modified`."""
	return {
		"workflow.json": [workflow(p) for p in pipelines],
		"workflow_state.json": [
			{
				"doctype": "Workflow State",
				"name": state,
				"workflow_state_name": state,
				"style": style_of(pipelines, state),
				"icon": "",
				"docstatus": 0,
			}
			for state in shipped_states(pipelines)
		],
		"workflow_action_master.json": [
			{
				"doctype": "Workflow Action Master",
				"name": action,
				"workflow_action_name": action,
				"docstatus": 0,
			}
			for action in shipped_actions(pipelines)
		],
		"kanban_board.json": [kanban_board(p) for p in pipelines if p.kanban],
	}


def doctype_file(doctype: str) -> Path:
	scrubbed = doctype.lower().replace(" ", "_")
	(path,) = APP.glob(f"*/doctype/{scrubbed}/{scrubbed}.json")
	return path


def now() -> str:
	return datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")


def with_modified(records: list[dict], existing: list[dict]) -> list[dict]:
	"""The records, each with the `modified` of its existing copy when that is the same (else now)."""
	before = {r["name"]: r for r in existing}
	out = []
	for record in records:
		old = before.get(record["name"], {})
		same = {k: v for k, v in old.items() if k != "modified"} == record
		out.append({**record, "modified": old["modified"] if same else now()})
	return out


def with_stage_options(doc: dict, p: Pipeline) -> dict:
	"""A doctype's JSON with the pipeline's stages as its `stage` options (and the first as default)."""
	doc = json.loads(json.dumps(doc))
	(field,) = (f for f in doc["fields"] if f["fieldname"] == "stage")
	wanted = {"options": "\n".join(p.stage_names), "default": p.first_stage}
	if any(field.get(key) != value for key, value in wanted.items()):
		field.update(wanted)
		doc["modified"] = now()  # Frappe's migrate syncs a doctype whose file is newer than the site's
	return doc


def expected_files(pipelines) -> dict[Path, str]:
	"""Every file the descriptors decide, with the text it must have."""
	texts = {}
	for name, records in fixture_records(pipelines).items():
		path = FIXTURES / name
		existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
		texts[path] = frappe_json(with_modified(records, existing), fixture=True)
	for p in pipelines:
		path = doctype_file(p.doctype)
		texts[path] = frappe_json(with_stage_options(json.loads(path.read_text(encoding="utf-8")), p))
	return texts


def stale_files(pipelines) -> list[Path]:
	"""The files that say something else than the descriptors."""
	return [
		path
		for path, text in expected_files(pipelines).items()
		if not path.exists() or path.read_text(encoding="utf-8") != text
	]


def write_files(pipelines) -> list[Path]:
	"""Write the files the descriptors decide; returns those that changed."""
	changed = []
	for path, text in expected_files(pipelines).items():
		if not path.exists() or path.read_text(encoding="utf-8") != text:
			path.write_text(text, encoding="utf-8")
			changed.append(path)
	return changed
