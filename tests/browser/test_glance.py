"""A municipality and a person at a glance, and My work, in the desk on the demo data, as the README
shows them (slup_crm/network/js/glance.js, slup_crm/insights/page/my_work)."""

import os

import frappe
import pytest
from frappe.utils import add_days, getdate
from playwright.sync_api import expect

from slup_crm.development.stages import POLICY_ADOPTION
from tests.browser.conftest import desk_login
from tests.browser.test_workspace import SCREENSHOTS, demo_data
from tests.support.factories import make_user

STAFF = "browser-glance-staff@example.se"
COLLEAGUE = "browser-glance-colleague@example.se"
MANAGER = "browser-glance-manager@example.se"
PASSWORD = "Browser-Glance-5127"
SIGTUNA = "Sigtuna kommun"
LAST_TRIP = "Bussresa till sociala företag i norra länet"


@pytest.fixture(scope="module")
def users():
	for email, roles in (
		(STAFF, ("SLUP Staff",)),
		(COLLEAGUE, ("SLUP Staff",)),
		(MANAGER, ("SLUP Manager",)),
	):
		user = make_user(email, *roles)
		user.first_name = email.split("@")[0].replace("browser-glance-", "").title()
		user.new_password = PASSWORD
		user.save(ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(scope="module")
def work(demo_data, users):  # noqa: F811
	"""Some of the demo's pipeline records given to the staff member and a colleague (put back after)."""
	policies = frappe.get_all(
		"Policy Adoption",
		filters={"stage": ("not in", POLICY_ADOPTION.closed_stages)},
		fields=["name", "responsible", "next_step", "next_step_due"],
		order_by="name",
	)
	given = {
		policies[0].name: (STAFF, "Ring näringslivschefen", add_days(getdate(), -4)),
		policies[1].name: (STAFF, "Skicka policyförslaget", add_days(getdate(), 6)),
		policies[2].name: (COLLEAGUE, "Boka möte med kommunstyrelsen", add_days(getdate(), 2)),
	}
	for name, (user, step, due) in given.items():
		frappe.db.set_value(
			"Policy Adoption", name, {"responsible": user, "next_step": step, "next_step_due": due}
		)
	frappe.db.commit()
	yield given
	for policy in policies:
		if policy.name in given:
			frappe.db.set_value(
				"Policy Adoption",
				policy.name,
				{k: policy[k] for k in ("responsible", "next_step", "next_step_due")},
			)
	frappe.db.commit()


def test_staff_find_the_municipalitys_policy_start_up_person_and_last_trip(
	demo_data,  # noqa: F811
	users,
	web_server,
	page,
):
	page.set_viewport_size({"width": 1400, "height": 1600})
	desk_login(page, web_server, STAFF, PASSWORD)
	sigtuna = frappe.db.get_value("Organisation", {"organisation_name": SIGTUNA})
	page.goto(f"{web_server.site_url}/app/organisation/{sigtuna}")
	glance = page.locator(".slup-glance")
	expect(glance).to_be_visible(timeout=60_000)
	expect(glance.locator(".slup-policy-stage")).to_have_text("Policy adopted")
	expect(glance).to_contain_text("Café Sigtunagården")
	expect(glance).to_contain_text("Maria Sjöberg")
	expect(glance.locator(".slup-last-trip").first).to_contain_text(LAST_TRIP)
	timeline = page.locator(".slup-timeline-entry")
	expect(timeline.first).to_be_visible()
	expect(page.locator(".slup-timeline")).to_contain_text("Policy Adoption")
	page.wait_for_timeout(500)
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.locator(".form-dashboard").screenshot(path=os.path.join(SCREENSHOTS, "organisation-at-a-glance.png"))


def test_staff_see_a_persons_trips_and_meetings_on_the_contact(demo_data, users, web_server, page):  # noqa: F811
	page.set_viewport_size({"width": 1400, "height": 1200})
	desk_login(page, web_server, STAFF, PASSWORD)
	contact = frappe.db.get_value("Contact", {"full_name": "Maria Sjöberg"})
	page.goto(f"{web_server.site_url}/app/contact/{contact}")
	glance = page.locator(".slup-glance")
	expect(glance).to_be_visible(timeout=60_000)
	expect(glance).to_contain_text(SIGTUNA)
	expect(glance).to_contain_text(LAST_TRIP)
	expect(page.locator(".slup-timeline")).to_contain_text(LAST_TRIP)


def test_staff_open_my_work_from_the_workspace_with_the_overdue_step_first(work, web_server, page):
	page.set_viewport_size({"width": 1400, "height": 1000})
	desk_login(page, web_server, STAFF, PASSWORD)
	page.goto(f"{web_server.site_url}/app/slup-crm")
	page.locator(".widget.shortcut-widget-box", has_text="My Work").click()
	page.wait_for_url("**/app/my-work")
	steps = page.locator('.slup-work-part[data-part="next_steps"] .slup-work-line')
	expect(steps).to_have_count(2, timeout=60_000)
	expect(steps.first).to_contain_text("Ring näringslivschefen")
	expect(steps.first).to_have_class("slup-work-line overdue")
	expect(steps.nth(1)).to_contain_text("Skicka policyförslaget")
	expect(page.locator(".slup-my-work")).not_to_contain_text("Boka möte med kommunstyrelsen")
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.screenshot(path=os.path.join(SCREENSHOTS, "my-work.png"))
	steps.first.locator("a").click()
	page.wait_for_url("**/app/policy-adoption/**")


def test_a_manager_sees_the_teams_work_grouped_by_person(work, web_server, page):
	page.set_viewport_size({"width": 1400, "height": 1400})
	desk_login(page, web_server, MANAGER, PASSWORD)
	page.goto(f"{web_server.site_url}/app/my-work")
	staff = page.locator(f'.slup-work-person[data-user="{STAFF}"]')
	colleague = page.locator(f'.slup-work-person[data-user="{COLLEAGUE}"]')
	expect(staff).to_contain_text("Ring näringslivschefen", timeout=60_000)
	expect(colleague).to_contain_text("Boka möte med kommunstyrelsen")
	expect(colleague).not_to_contain_text("Ring näringslivschefen")
	page.screenshot(path=os.path.join(SCREENSHOTS, "my-work-team.png"), full_page=True)
