"""A coordinator records a month's attendance on a placement in the desk: the host grant follows at
the placement's frozen rate, and a month with more days than the placement runs is refused."""

import os

import frappe

from tests.support.factories import make_user
from tests.support.gateway import make_host, make_participant, make_placement, make_project

COORDINATOR = "browser-gateway-coordinator@example.se"
PASSWORD = "Browser-Gateway-4419"
SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "docs", "screenshots")


def coordinator():
	user = make_user(COORDINATOR, "Gateway Coordinator", "SLUP Staff")
	user.new_password = PASSWORD
	user.save(ignore_permissions=True)
	frappe.db.commit()


def login(page, web_server):
	page.goto(f"{web_server.site_url}/login")
	page.fill("#login_email", COORDINATOR)
	page.fill("#login_password", PASSWORD)
	page.locator(".form-signin .btn-login").first.click()
	page.wait_for_url("**/app**")


def add_month(page, month, days):
	page.locator('[data-fieldname="attendance"] .grid-add-row').click()
	row = page.locator('[data-fieldname="attendance"] .grid-body .grid-row').last
	row.locator('[data-fieldname="month"]').first.click()
	row.locator('input[data-fieldname="month"]').fill(month)
	page.keyboard.press("Escape")
	row.locator('[data-fieldname="days_attended"]').first.click()
	row.locator('input[data-fieldname="days_attended"]').fill(str(days))
	page.keyboard.press("Escape")
	return row


def test_coordinator_records_a_months_attendance(web_server, page):
	coordinator()
	project = make_project(host_grant_per_day=150)
	participant = make_participant(project.name)
	host = make_host(organisation_name="Kaféet Webbtest")
	placement = make_placement(participant.name, host=host.name, attendance={"2026-02-01": 10})
	frappe.db.commit()
	try:
		page.set_viewport_size({"width": 1400, "height": 1400})
		login(page, web_server)
		page.goto(f"{web_server.site_url}/app/placement/{placement.name}")
		page.locator('[data-fieldname="attendance"] .grid-add-row').wait_for(state="visible")

		# More days in March than March has: refused by the server, with the reason.
		row = add_month(page, "2026-03-01", 40)
		page.keyboard.press("Control+s")
		message = page.locator(".modal.show .msgprint, .modal.show .modal-body").first
		message.wait_for(state="visible")
		assert "runs only 31 days" in message.inner_text()
		page.locator(".modal.show .btn-modal-close").first.click()
		frappe.db.rollback()
		assert frappe.db.count("Placement Attendance", {"parent": placement.name}) == 1

		# Twelve days: saved, with the host grant at the placement's rate.
		row.locator('[data-fieldname="days_attended"]').first.click()
		row.locator('input[data-fieldname="days_attended"]').fill("12")
		page.keyboard.press("Escape")
		page.keyboard.press("Control+s")
		page.locator(".indicator-pill", has_text="Not Saved").wait_for(state="hidden")
		page.wait_for_function(
			"""() => [...document.querySelectorAll('[data-fieldname="total_days"]')]
			.some(el => el.textContent.includes('22'))"""
		)
		frappe.db.rollback()
		saved = frappe.get_doc("Placement", placement.name)
		assert [(str(r.month), r.days_attended, r.compensation) for r in saved.attendance] == [
			("2026-02-01", 10, 1500),
			("2026-03-01", 12, 1800),
		]
		assert (saved.total_days, saved.total_compensation) == (22, 3300)
		os.makedirs(SCREENSHOTS, exist_ok=True)
		page.screenshot(path=os.path.join(SCREENSHOTS, "placement-attendance.png"), full_page=True)
	finally:
		frappe.db.rollback()
		frappe.db.delete("Placement Attendance", {"parent": placement.name})
		frappe.db.delete("Placement", placement.name)
		frappe.db.delete("Stage Change", {"reference_name": participant.name})
		frappe.db.delete("View Log", {"reference_name": participant.name})
		frappe.db.delete("Gateway Participant", participant.name)
		frappe.db.delete("Organisation", host.name)
		frappe.db.delete("Development Project", project.name)
		frappe.db.commit()
