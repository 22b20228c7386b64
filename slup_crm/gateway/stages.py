"""The gateway's path and its workflow actions, in order (plain constants: hooks.py, the demo and
the tests read them).

The `stage` Select options of Gateway Participant and the workflow in fixtures list the same
stages; a test keeps them equal.
"""

GATEWAY_STAGES = ("Referred", "Preparation", "Training", "Placement", "Ended")
GATEWAY_CLOSED_STAGES = ("Ended",)
ENDED = "Ended"
PLACEMENT = "Placement"

# "Move Back" is shared with the other workflows (Workflow Action Master is one list per site).
GATEWAY_WORKFLOW_ACTIONS = (
	"Start Preparation",
	"Start Training",
	"Start Placement",
	"End Participation",
	"Move Back",
)

# The programme phase that may not take part: people in the job guarantee's phase 3 may not
# receive training, and the gateway is training.
PHASE_3 = "Job and Development Guarantee, phase 3"

COORDINATOR_ROLE = "Gateway Coordinator"
