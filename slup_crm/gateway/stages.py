"""The gateway's path, its descriptor (slup_crm/pipelines/), and the gateway's other constants.

A participant is referred, prepared, trained, placed and ended with an outcome; the coordinators
alone move and edit participants. "Move Back" is shared with the other workflows (Workflow Action
Master is one list per site).
"""

from slup_crm.pipelines.descriptor import N_, Pipeline, Stage, Transition

COORDINATOR_ROLE = "Gateway Coordinator"

GATEWAY_PARTICIPANT = Pipeline(
	doctype="Gateway Participant",
	stages=(
		Stage(N_("Referred")),
		Stage(N_("Preparation"), "Info"),
		Stage(N_("Training"), "Info"),
		Stage(N_("Placement"), "Primary"),
		Stage(N_("Ended"), "Success"),
	),
	actions=(
		N_("Start Preparation"),
		N_("Start Training"),
		N_("Start Placement"),
		N_("End Participation"),
		N_("Move Back"),
	),
	transitions=(
		Transition("Referred", "Start Preparation", "Preparation"),
		Transition("Preparation", "Start Training", "Training"),
		Transition("Training", "Start Placement", "Placement"),
		Transition("Preparation", "Move Back", "Referred"),
		Transition("Training", "Move Back", "Preparation"),
		Transition("Placement", "Move Back", "Training"),
		Transition("Referred", "End Participation", "Ended"),
		Transition("Preparation", "End Participation", "Ended"),
		Transition("Training", "End Participation", "Ended"),
		Transition("Placement", "End Participation", "Ended"),
	),
	closed_stages=("Ended",),
	active_stages=("Referred", "Preparation", "Training", "Placement"),
	movers=(COORDINATOR_ROLE,),
	editors=COORDINATOR_ROLE,
)
ENDED = GATEWAY_PARTICIPANT.stage("Ended")
PLACEMENT = GATEWAY_PARTICIPANT.stage("Placement")

# The programme phase that may not take part: people in the job guarantee's phase 3 may not
# receive training, and the gateway is training.
PHASE_3 = "Job and Development Guarantee, phase 3"
