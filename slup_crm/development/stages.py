"""The two pipelines of the development group's work: their descriptors (slup_crm/pipelines/).

Each municipality on its way to an adopted policy, and each new social enterprise from idea to a
sustainable business. Adopting a policy, declining and discontinuing are the managers'.
"""

from slup_crm.pipelines.descriptor import MANAGERS, N_, Kanban, Pipeline, Stage, Transition

CARD_FIELDS = ("responsible", "next_step", "next_step_due", "stage_since")

POLICY_ADOPTION = Pipeline(
	doctype="Policy Adoption",
	stages=(
		Stage(N_("Not contacted")),
		Stage(N_("In dialogue"), "Info"),
		Stage(N_("Information campaign"), "Primary"),
		Stage(N_("Policy drafted"), "Warning"),
		Stage(N_("Policy adopted"), "Success"),
		Stage(N_("Implementing"), "Success"),
		Stage(N_("Paused"), "Inverse"),
		Stage(N_("Declined"), "Danger"),
	),
	actions=(
		N_("Start Dialogue"),
		N_("Start Information Campaign"),
		N_("Draft Policy"),
		N_("Adopt Policy"),
		N_("Start Implementing"),
		N_("Move Back"),
		N_("Pause"),
		N_("Resume"),
		N_("Decline"),
		N_("Reopen"),
	),
	transitions=(
		Transition("Not contacted", "Start Dialogue", "In dialogue"),
		Transition("In dialogue", "Start Information Campaign", "Information campaign"),
		Transition("Information campaign", "Draft Policy", "Policy drafted"),
		Transition("Policy drafted", "Adopt Policy", "Policy adopted", MANAGERS),
		Transition("Policy adopted", "Start Implementing", "Implementing"),
		Transition("In dialogue", "Move Back", "Not contacted"),
		Transition("Information campaign", "Move Back", "In dialogue"),
		Transition("Policy drafted", "Move Back", "Information campaign"),
		Transition("Policy adopted", "Move Back", "Policy drafted", MANAGERS),
		Transition("Implementing", "Move Back", "Policy adopted", MANAGERS),
		Transition("Not contacted", "Pause", "Paused"),
		Transition("In dialogue", "Pause", "Paused"),
		Transition("Information campaign", "Pause", "Paused"),
		Transition("Policy drafted", "Pause", "Paused"),
		Transition("Paused", "Resume", "In dialogue"),
		Transition("Not contacted", "Decline", "Declined", MANAGERS),
		Transition("In dialogue", "Decline", "Declined", MANAGERS),
		Transition("Information campaign", "Decline", "Declined", MANAGERS),
		Transition("Policy drafted", "Decline", "Declined", MANAGERS),
		Transition("Paused", "Decline", "Declined", MANAGERS),
		Transition("Declined", "Reopen", "In dialogue", MANAGERS),
	),
	closed_stages=("Implementing", "Paused", "Declined"),
	# The municipality works on a policy: in dialogue or further (paused or declined excluded).
	active_stages=(
		"In dialogue",
		"Information campaign",
		"Policy drafted",
		"Policy adopted",
		"Implementing",
	),
	kanban=Kanban(N_("Policy Adoption Pipeline"), CARD_FIELDS, show_labels=True),
)
# The stages in which a municipality counts as having adopted a policy.
ADOPTED_STAGES = POLICY_ADOPTION.subset("Policy adopted", "Implementing")
POLICY_ADOPTED = POLICY_ADOPTION.stage("Policy adopted")

SOCIAL_ENTERPRISE_STARTUP = Pipeline(
	doctype="Social Enterprise Startup",
	stages=(
		Stage(N_("Idea")),
		Stage(N_("Exploration"), "Info"),
		Stage(N_("Business plan"), "Primary"),
		Stage(N_("Founded"), "Warning"),
		Stage(N_("Operating"), "Success"),
		Stage(N_("Sustainable"), "Success"),
		Stage(N_("Discontinued"), "Danger"),
	),
	actions=(
		N_("Explore"),
		N_("Write Business Plan"),
		N_("Found"),
		N_("Start Operating"),
		N_("Mark Sustainable"),
		N_("Move Back"),
		N_("Discontinue"),
		N_("Reopen"),
	),
	transitions=(
		Transition("Idea", "Explore", "Exploration"),
		Transition("Exploration", "Write Business Plan", "Business plan"),
		Transition("Business plan", "Found", "Founded"),
		Transition("Founded", "Start Operating", "Operating"),
		Transition("Operating", "Mark Sustainable", "Sustainable"),
		Transition("Exploration", "Move Back", "Idea"),
		Transition("Business plan", "Move Back", "Exploration"),
		Transition("Founded", "Move Back", "Business plan"),
		Transition("Operating", "Move Back", "Founded"),
		Transition("Sustainable", "Move Back", "Operating"),
		Transition("Idea", "Discontinue", "Discontinued", MANAGERS),
		Transition("Exploration", "Discontinue", "Discontinued", MANAGERS),
		Transition("Business plan", "Discontinue", "Discontinued", MANAGERS),
		Transition("Founded", "Discontinue", "Discontinued", MANAGERS),
		Transition("Operating", "Discontinue", "Discontinued", MANAGERS),
		Transition("Sustainable", "Discontinue", "Discontinued", MANAGERS),
		Transition("Discontinued", "Reopen", "Exploration", MANAGERS),
	),
	closed_stages=("Sustainable", "Discontinued"),
	# Still on its way: neither sustainable yet nor discontinued.
	active_stages=("Idea", "Exploration", "Business plan", "Founded", "Operating"),
	kanban=Kanban(N_("Social Enterprise Startup Pipeline"), CARD_FIELDS, show_labels=True),
)
FOUNDED = SOCIAL_ENTERPRISE_STARTUP.stage("Founded")
DISCONTINUED = SOCIAL_ENTERPRISE_STARTUP.stage("Discontinued")
