"""The stages of the two pipelines, in order (plain constants: hooks.py and generators read them).

The doctypes' `stage` Select options and the workflows in fixtures list the same stages; a test
keeps them equal.
"""

POLICY_STAGES = (
	"Not contacted",
	"In dialogue",
	"Information campaign",
	"Policy drafted",
	"Policy adopted",
	"Implementing",
	"Paused",
	"Declined",
)
# The stages in which a municipality counts as having adopted a policy.
ADOPTED_STAGES = ("Policy adopted", "Implementing")
STARTUP_STAGES = (
	"Idea",
	"Exploration",
	"Business plan",
	"Founded",
	"Operating",
	"Sustainable",
	"Discontinued",
)
WORKFLOW_ACTIONS = (
	"Start Dialogue",
	"Start Information Campaign",
	"Draft Policy",
	"Adopt Policy",
	"Start Implementing",
	"Move Back",
	"Pause",
	"Resume",
	"Decline",
	"Reopen",
	"Explore",
	"Write Business Plan",
	"Found",
	"Start Operating",
	"Mark Sustainable",
	"Discontinue",
)
