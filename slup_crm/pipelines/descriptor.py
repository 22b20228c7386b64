"""What a pipeline is: one descriptor per pipeline doctype, the one place its stages are written.

A descriptor (`Pipeline`) says the stages in order (with their colour), which of them are closed
(no reminders there) and active (the work is under way), the workflow's actions and transitions
(who may take each) and the kanban board. Everything else follows from it: the doctype's `stage`
options, the workflow, its states and actions and the kanban board in `fixtures/` (written by
`scripts/pipeline-files`, `files.py`), the reminders, the dashboards, reports, demo and data
generator; `tests/integration/test_pipelines.py` fails when any of them disagree with it. Each
name is written once, inside `N_()`, so that the translation catalogue lists it.

Plain Python (no Frappe): hooks.py reads the descriptors when Frappe loads the app's hooks.
"""

from dataclasses import dataclass
from typing import NamedTuple

STAFF = ("SLUP Staff", "SLUP Manager")
MANAGERS = ("SLUP Manager",)

# The colour of a Workflow State's style on a kanban board's column.
KANBAN_INDICATORS = {
	"": "Gray",
	"Info": "Cyan",
	"Primary": "Blue",
	"Warning": "Orange",
	"Success": "Green",
	"Inverse": "Gray",
	"Danger": "Red",
}


def N_(text: str) -> str:
	"""Mark a name for translation and return it unchanged (gettext's no-op marker).

	`bench generate-pot-file` extracts `N_("...")` like `_("...")`; Frappe translates the name where
	it shows it (the form, the workflow's buttons, the kanban board, charts and reports).
	"""
	return text


class Stage(NamedTuple):
	name: str
	# The Workflow State's style (its colour in the desk); the kanban column takes the same colour.
	style: str = ""


class Transition(NamedTuple):
	state: str
	action: str
	next_state: str
	# Who may take it; None: the pipeline's `movers`.
	roles: tuple[str, ...] | None = None


class Kanban(NamedTuple):
	name: str
	# What a card shows besides its title.
	fields: tuple[str, ...]
	show_labels: bool = False


@dataclass(frozen=True)
class Pipeline:
	doctype: str
	stages: tuple[Stage, ...]
	actions: tuple[str, ...]
	transitions: tuple[Transition, ...]
	# Stages in which a record is not expected to move: no "stale" reminders there.
	closed_stages: tuple[str, ...]
	# Stages in which the work is under way (what the dashboards count as active).
	active_stages: tuple[str, ...]
	# Who takes a transition that names no roles.
	movers: tuple[str, ...] = STAFF
	# Who may edit a record in any stage (each workflow state's "Only Allow Edit For").
	editors: str = "All"
	kanban: Kanban | None = None

	def __post_init__(self):
		names = self.stage_names
		if len(set(names)) != len(names):
			raise ValueError(f"{self.doctype}: a stage is listed twice")
		self.subset(*self.closed_stages, *self.active_stages)
		for t in self.transitions:
			self.subset(t.state, t.next_state)
			if t.action not in self.actions:
				raise ValueError(f"{self.doctype}: the action {t.action!r} is not among its actions")
		if set(self.actions) != {t.action for t in self.transitions}:
			raise ValueError(f"{self.doctype}: an action is taken by no transition")

	@property
	def stage_names(self) -> tuple[str, ...]:
		return tuple(stage.name for stage in self.stages)

	@property
	def first_stage(self) -> str:
		return self.stages[0].name

	@property
	def workflow_name(self) -> str:
		return self.doctype

	def stage_index(self, stage: str) -> int:
		"""Position of a stage in the pipeline (for "at or after" rules)."""
		return self.stage_names.index(stage)

	def stage(self, name: str) -> str:
		"""One of the pipeline's stages, by name, checked (a misspelt stage fails when the module loads)."""
		return self.subset(name)[0]

	def subset(self, *stages: str) -> tuple[str, ...]:
		"""Some of the pipeline's stages, checked (a misspelt stage fails when the module loads)."""
		unknown = [stage for stage in stages if stage not in self.stage_names]
		if unknown:
			raise ValueError(f"{self.doctype} has no stage {unknown[0]!r}")
		return stages

	def roles_of(self, transition: Transition) -> tuple[str, ...]:
		return transition.roles or self.movers

	@property
	def manager_only_actions(self) -> tuple[str, ...]:
		"""Actions that only managers may take, from whichever stage."""
		return tuple(
			action
			for action in self.actions
			if all(self.roles_of(t) == MANAGERS for t in self.transitions if t.action == action)
		)
