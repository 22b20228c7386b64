from slup_crm.gateway.stages import COORDINATOR_ROLE
from slup_crm.pipelines import files as _pipeline_files
from slup_crm.privacy import declaration as _privacy_declaration

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

# Testing: complete the setup wizard on a site with slup_crm (Frappe's own before_tests does
# nothing when a second app is installed); bench run-tests and tests/support/site.py run it.
before_tests = "slup_crm.setup.testing.before_tests"

# Pipelines: one descriptor per pipeline doctype (slup_crm/pipelines/descriptor.py), from which its
# workflow, kanban board and stage options are written (scripts/pipeline-files) and which the
# mechanism reads (slup_crm/pipelines/registry.py).
pipeline_descriptors = [
	"slup_crm.development.stages.POLICY_ADOPTION",
	"slup_crm.development.stages.SOCIAL_ENTERPRISE_STARTUP",
	"slup_crm.projects.stages.DEVELOPMENT_PROJECT",
	"slup_crm.gateway.stages.GATEWAY_PARTICIPANT",
]
_pipelines = _pipeline_files.load(pipeline_descriptors)

# Fixtures: only records of types that have no module files, always filtered by name.
fixtures = [
	{
		"dt": "Role",
		"filters": [["name", "in", ["SLUP Staff", "SLUP Manager", "SLUP Event Organiser", COORDINATOR_ROLE]]],
	},
	# The pipelines' workflows, workflow states and actions and kanban boards (their descriptors).
	*_pipeline_files.fixture_filters(_pipelines),
	# The workspace's pipeline stages as horizontal bars with full stage names (Frappe Charts cut
	# category labels to the space of a bar and legends to 18 characters).
	{"dt": "Custom HTML Block", "filters": [["name", "in", ["Pipeline Stages", "Policy Map"]]]},
]

# Scheduled Tasks
# ---------------

scheduler_events = {
	"daily": [
		"slup_crm.network.doctype.organisation.organisation.refresh_all_membership_statuses",
		"slup_crm.pipelines.reminders.send_stale_reminders",
		"slup_crm.development.policy_exchange.refresh_statuses",
		"slup_crm.activities.event.refresh_all_event_statuses",
		# Fees: one reminder per unpaid claim, a set number of days before it is due.
		"slup_crm.fees.reminders.send_fee_reminders",
		# Privacy: the one retention job (the app's people, the gateway, Frappe's copies of them).
		"slup_crm.privacy.retention.apply_retention",
	],
	# E-mails owed and not yet delivered: the queue or its workers were down, or no outgoing account
	# existed (an account may come from the site's config).
	"cron": {"*/5 * * * *": ["slup_crm.utils.mail.send_pending_emails"]},
}

# Requests
# --------

# A REST API delete of a registration locks its event before Frappe locks the registration (the one
# lock order of seats, slup_crm/activities/deletion.py).
before_request = ["slup_crm.overrides.api.lock_before_rest_delete"]

# Website
# -------

# Each trip's and training's public page: /activities/trip/TRIP-00001, /activities/training/TRN-00001.
website_route_rules = [
	{"from_route": "/activities/<event_type>/<name>", "to_route": "activities/event"},
	{"from_route": "/policies/<code>", "to_route": "policies/municipality"},
]

# Meetings: a ToDo of a meeting's action item, closed or reopened by its user, updates the item.
doc_events = {
	"ToDo": {"on_update": "slup_crm.meetings.action_items.on_todo_update"},
	# Gateway: participants and placements are never shared outside the coordinators' role.
	"DocShare": {"validate": "slup_crm.gateway.access.refuse_sharing_with_others"},
	# Privacy: the notice version agreed to by confirming a newsletter subscription (a registration's
	# controller records its own).
	"Email Group Member": {"before_insert": "slup_crm.privacy.consent.record_newsletter_consent"},
	# E-mails to the public kept while no outgoing account existed go out once one is saved.
	"Email Account": {"on_update": "slup_crm.utils.mail.send_pending_emails"},
	# Privacy: a participant's version history says who changed which field when, without values.
	"Version": {"before_insert": "slup_crm.privacy.audit.scrub_version_values"},
}

# Frappe's endpoints behind the app's, all in slup_crm/overrides/: guest endpoints that raise a 500 on
# malformed input (web forms, which also retry lock conflicts; the newsletter's confirmation link);
# Frappe v15 endpoints that check no permission (counts, link titles and the link titles getdoc
# sends, only of what the user may read); the desk's deletes (a registration's event is locked
# before the registration).
override_whitelisted_methods = {
	"frappe.website.doctype.web_form.web_form.accept": "slup_crm.overrides.web_form.accept",
	"frappe.email.doctype.newsletter.newsletter.confirm_subscription": (
		"slup_crm.overrides.newsletter.confirm_subscription"
	),
	"frappe.client.get_count": "slup_crm.overrides.client.get_count",
	"frappe.desk.search.get_link_title": "slup_crm.overrides.desk.get_link_title",
	"frappe.desk.form.load.getdoc": "slup_crm.overrides.desk.getdoc",
	"frappe.client.delete": "slup_crm.overrides.client.delete",
	"frappe.desk.reportview.delete_items": "slup_crm.overrides.desk.delete_items",
}

# Meetings: newsletter opt-in and opt-out buttons on Frappe's Contact form.
doctype_js = {
	# Network: an organisation and a person at a glance, with their timeline.
	"Contact": ["meetings/js/contact.js", "network/js/glance.js"],
	"Organisation": "network/js/glance.js",
	# Privacy: the approver previews the erasure and may keep a mention.
	"Personal Data Deletion Request": "privacy/js/personal_data_deletion_request.js",
	# Pipelines: every pipeline form's headline (how long the record stands in its stage).
	**{pipeline.doctype: "pipelines/pipeline_form.js" for pipeline in _pipelines},
}

# Privacy: what the app holds about a person, from the one declaration (slup_crm/privacy/declaration.py),
# for Frappe's Personal Data Download and Deletion Requests; the app's erasure and download run
# first and also work for an address without a user.
user_data_fields = _privacy_declaration.user_data_fields()
override_doctype_class = {
	"Personal Data Deletion Request": "slup_crm.overrides.personal_data.PersonalDataDeletionRequest",
	"Personal Data Download Request": "slup_crm.overrides.personal_data.PersonalDataDownloadRequest",
}
# Every public page links to the privacy notice and to the request to erase one's data.
update_website_context = ["slup_crm.privacy.consent.footer_links"]
# The public pages' muted text at AA contrast (a plain file: no build step).
web_include_css = ["/assets/slup_crm/css/website.css"]
# Public pages: web form labels tied to their inputs (accessibility; see the file).
web_include_js = ["/assets/slup_crm/js/website.js"]
# Participant lists show special-category data to event organisers alone; invoices say what to pay.
jinja = {
	"methods": [
		"slup_crm.privacy.access.special_category_for_print",
		"slup_crm.privacy.access.can_read_special_category",
		# The invoice's payment lines (slup_crm.fees.claims).
		"slup_crm.fees.claims.fee_instructions",
	]
}

# Gateway (ESF): participants and placements for the project's coordinators alone; reads logged.
has_permission = {
	# Privacy: rows about a record (versions, comments, logs, stage changes...) only for those who
	# may read the record (the declaration's CARRIERS, slup_crm/privacy/carriers.py).
	**{entry.doctype: "slup_crm.privacy.carriers.has_permission" for entry in _privacy_declaration.CARRIERS},
	# Privacy: every read of special-category data by an event organiser is logged.
	"Registration Needs": "slup_crm.privacy.access.log_special_category_read",
	"Gateway Participant": "slup_crm.gateway.access.participant_permission",
	"Placement": "slup_crm.gateway.access.placement_permission",
}
permission_query_conditions = {
	**{
		entry.doctype: "slup_crm.privacy.carriers.permission_query_conditions"
		for entry in _privacy_declaration.CARRIERS
	},
	"Gateway Participant": "slup_crm.gateway.access.participant_list_conditions",
}
