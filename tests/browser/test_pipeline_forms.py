"""Every pipeline form says how long its record has stood in its stage: one script for all of them
(slup_crm/pipelines/pipeline_form.js), beside each form's own."""

import frappe
from frappe.utils import add_days, now_datetime

from slup_crm.pipelines.registry import pipeline_doctypes
from tests.browser.conftest import desk_login
from tests.support.factories import (
	apply_action,
	make_development_project,
	make_policy_adoption,
	make_startup,
	make_user,
)
from tests.support.gateway import make_participant

USER = "browser-pipelines-manager@example.se"
PASSWORD = "Browser-Pipelines-5127"


def manager():
	user = make_user(USER, "SLUP Manager", "SLUP Staff", "Gateway Coordinator")
	user.new_password = PASSWORD
	user.save(ignore_permissions=True)


def test_every_pipeline_form_shows_the_days_in_its_stage(web_server, page):
	manager()
	startup = make_startup()
	for action in ("Explore", "Write Business Plan", "Found"):
		startup = apply_action(startup, action)
	participant = make_participant()
	policy = make_policy_adoption()
	project = make_development_project()
	records = {
		"Policy Adoption": policy.name,
		"Social Enterprise Startup": startup.name,
		"Development Project": project.name,
		"Gateway Participant": participant.name,
	}
	assert set(records) == set(pipeline_doctypes())
	for doctype, name in records.items():
		frappe.db.set_value(doctype, name, "stage_since", add_days(now_datetime(), -3), update_modified=False)
	frappe.db.commit()
	try:
		page.set_viewport_size({"width": 1400, "height": 1000})
		desk_login(page, web_server, USER, PASSWORD)
		for doctype, name in records.items():
			stage = frappe.db.get_value(doctype, name, "stage")
			page.goto(f"{web_server.site_url}/app/{frappe.scrub(doctype).replace('_', '-')}/{name}")
			headline = page.locator(".form-message", has_text="In the stage")
			headline.wait_for(state="visible")
			assert headline.inner_text().strip() == f"In the stage {stage} for 3 days.", doctype
		# The start-up's own script still runs beside the shared one: a founded start-up offers its
		# organisation.
		page.goto(f"{web_server.site_url}/app/social-enterprise-startup/{startup.name}")
		page.get_by_role("button", name="Create Organisation").wait_for(state="visible")
	finally:
		frappe.db.rollback()
		for doctype, name in records.items():
			frappe.db.delete("Stage Change", {"reference_name": name})
			frappe.db.delete("View Log", {"reference_name": name})
			frappe.db.delete("Version", {"docname": name})
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.delete_doc("Development Project", participant.project, force=True, ignore_permissions=True)
		for organisation in (project.project_owner, policy.municipality):
			frappe.delete_doc("Organisation", organisation, force=True, ignore_permissions=True)
		frappe.db.commit()
