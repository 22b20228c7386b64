"""Staff fill in a development project in the desk: its owner becomes a partner, partners join, dates are checked."""

import os

import frappe
from frappe.utils import random_string

from tests.support.factories import make_organisation, make_user

STAFF = "browser-projects-staff@example.se"
PASSWORD = "Browser-Projects-7731"
SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "docs", "screenshots")


def staff():
	user = make_user(STAFF, "SLUP Staff")
	user.new_password = PASSWORD
	user.save(ignore_permissions=True)
	frappe.db.commit()


def login(page, web_server):
	page.goto(f"{web_server.site_url}/login")
	page.fill("#login_email", STAFF)
	page.fill("#login_password", PASSWORD)
	page.locator(".form-signin .btn-login").first.click()
	page.wait_for_url("**/app**")


def choose_organisation(page, field, organisation):
	"""Type the organisation's name into a link field and pick it (by its ID) from Frappe's drop-down."""
	field.click()
	field.press_sequentially(organisation.organisation_name, delay=20)
	option = page.get_by_role("option").filter(has_text=organisation.organisation_name).first
	try:
		option.wait_for(state="visible", timeout=15_000)
	except Exception:
		print(page.locator(".awesomplete").evaluate_all("els => els.map(e => e.outerHTML)"))
		raise
	option.click()


def save(page):
	page.keyboard.press("Control+s")


def test_staff_create_a_project_and_its_partners_in_the_form(web_server, page):
	staff()
	owner = make_organisation(
		organisation_name=f"Skyddsvärnet {random_string(6)}", organisation_type="Association"
	)
	partner = make_organisation(
		organisation_name=f"Sensus {random_string(6)}", organisation_type="Study Association"
	)
	frappe.db.commit()
	name = None
	try:
		page.set_viewport_size({"width": 1400, "height": 1600})
		login(page, web_server)
		page.goto(f"{web_server.site_url}/app/development-project/new")
		page.locator('input[data-fieldname="title"]').wait_for(state="visible")
		page.fill('input[data-fieldname="title"]', "Socialfondsprojektet Webbtest")
		page.select_option('select[data-fieldname="fund"]', "European Social Fund")
		choose_organisation(page, page.locator('input[data-fieldname="project_owner"]'), owner)
		page.fill('input[data-fieldname="start_date"]', "2010-03-01")
		page.fill('input[data-fieldname="end_date"]', "2012-12-31")
		page.keyboard.press("Escape")
		# A partner who joins before the project starts: the server refuses it, with the reason.
		page.locator('[data-fieldname="partners"] .grid-add-row').click()
		row = page.locator('[data-fieldname="partners"] .grid-body .grid-row').last
		row.locator('[data-fieldname="organisation"]').first.click()
		choose_organisation(page, row.locator('input[data-fieldname="organisation"]'), partner)
		row.locator('[data-fieldname="from_date"]').first.click()
		row.locator('input[data-fieldname="from_date"]').fill("2010-01-01")
		page.keyboard.press("Escape")
		save(page)
		message = page.locator(".modal.show .msgprint, .modal.show .modal-body").first
		message.wait_for(state="visible")
		assert "cannot join before the project starts" in message.inner_text()
		page.locator(".modal.show .btn-modal-close").first.click()
		assert not frappe.db.exists("Development Project", {"title": "Socialfondsprojektet Webbtest"})

		# Joining when the project starts is fine; saving adds the owner as a partner.
		row.locator('[data-fieldname="from_date"]').first.click()
		row.locator('input[data-fieldname="from_date"]').fill("2010-03-01")
		page.keyboard.press("Escape")
		save(page)
		page.wait_for_url("**/app/development-project/PROJ-*")
		name = page.url.rstrip("/").split("/")[-1]
		rows = page.locator('[data-fieldname="partners"] .grid-body .grid-row')
		rows.nth(1).wait_for(state="visible")
		grid = page.locator('[data-fieldname="partners"] .grid-body').inner_text()
		assert partner.organisation_name in grid and owner.organisation_name in grid, grid
		assert "Project owner" in grid, grid
		frappe.db.rollback()
		saved = frappe.get_doc("Development Project", name)
		assert [(r.organisation, r.role, str(r.from_date)) for r in saved.partners] == [
			(partner.name, "Partner", "2010-03-01"),
			(owner.name, "Project owner", "None"),
		]
		assert saved.stage == "Idea"
		assert saved.host_grant_per_day == 150
		os.makedirs(SCREENSHOTS, exist_ok=True)
		page.screenshot(path=os.path.join(SCREENSHOTS, "project-form.png"), full_page=True)
	except Exception:
		page.screenshot(path="/tmp/hproj/project-form-failure.png", full_page=True)
		raise
	finally:
		frappe.db.rollback()
		for project in frappe.get_all(
			"Development Project", {"title": "Socialfondsprojektet Webbtest"}, pluck="name"
		):
			frappe.db.delete("Stage Change", {"reference_name": project})
			frappe.db.delete("Development Project Partner", {"parent": project})
			frappe.db.delete("Development Project", project)
		frappe.db.delete("Organisation", {"name": ("in", [owner.name, partner.name])})
		frappe.db.commit()
