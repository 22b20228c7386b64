from slup_crm.development.stages import POLICY_STAGES, STARTUP_STAGES, WORKFLOW_ACTIONS
from slup_crm.projects.stages import SHIPPED_ACTIONS as PROJECT_ACTIONS
from slup_crm.projects.stages import SHIPPED_STATES as PROJECT_STATES

app_name = "slup_crm"
app_title = "SLUP CRM"
app_publisher = "SLUP.SE"
app_description = "CRM for SLUP.SE's development group for social enterprise in Stockholm county"
app_email = "info@slup.se"
app_license = "mit"


export_python_type_annotations = True

# Installation
# ------------

after_sync = "slup_crm.setup.install.after_sync"
after_migrate = "slup_crm.setup.install.after_migrate"
before_uninstall = "slup_crm.setup.install.before_uninstall"
setup_wizard_complete = "slup_crm.setup.install.apply_swedish_conventions"

# Fixtures: only records of types that have no module files, always filtered by name.
fixtures = [
	{"dt": "Role", "filters": [["name", "in", ["SLUP Staff", "SLUP Manager"]]]},
	{
		"dt": "Workflow",
		"filters": [["name", "in", ["Policy Adoption", "Social Enterprise Startup", "Development Project"]]],
	},
	{
		"dt": "Workflow State",
		"filters": [["name", "in", sorted({*POLICY_STAGES, *STARTUP_STAGES, *PROJECT_STATES})]],
	},
	{
		"dt": "Workflow Action Master",
		"filters": [["name", "in", sorted({*WORKFLOW_ACTIONS, *PROJECT_ACTIONS})]],
	},
	{
		"dt": "Kanban Board",
		"filters": [
			[
				"name",
				"in",
				[
					"Policy Adoption Pipeline",
					"Social Enterprise Startup Pipeline",
					"Development Project Pipeline",
				],
			]
		],
	},
]

# Scheduled Tasks
# ---------------

scheduler_events = {
	"daily": [
		"slup_crm.network.doctype.organisation.organisation.refresh_all_membership_statuses",
		"slup_crm.development.pipeline.send_stale_reminders",
		"slup_crm.activities.event.refresh_all_event_statuses",
	],
}

# Website
# -------

# Each trip's and training's public page: /activities/trip/TRIP-00001, /activities/training/TRN-00001.
website_route_rules = [
	{"from_route": "/activities/<event_type>/<name>", "to_route": "activities/event"},
]

# Meetings: a ToDo of a meeting's action item, closed or reopened by its user, updates the item.
doc_events = {
	"ToDo": {"on_update": "slup_crm.meetings.action_items.on_todo_update"},
}

# Meetings: newsletter opt-in and opt-out buttons on Frappe's Contact form.
doctype_js = {"Contact": "meetings/js/contact.js"}
