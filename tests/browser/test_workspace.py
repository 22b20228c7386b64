"""A SLUP Manager logs in and sees the app's workspace with its number cards and charts rendered."""

import os

import frappe

from tests.support.factories import make_user

MANAGER = "browser-manager@example.se"
PASSWORD = "Browser-Manager-5127"
SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "docs", "screenshots")


def manager():
	user = make_user(MANAGER, "SLUP Manager")
	user.new_password = PASSWORD
	user.save(ignore_permissions=True)
	frappe.db.commit()


def login(page, web_server):
	page.goto(f"{web_server.site_url}/login")
	page.fill("#login_email", MANAGER)
	page.fill("#login_password", PASSWORD)
	page.locator(".form-signin .btn-login").first.click()
	page.wait_for_url("**/app**")


def test_manager_sees_the_workspace_with_cards_and_charts(web_server, page):
	manager()
	page.set_viewport_size({"width": 1400, "height": 1800})
	login(page, web_server)
	page.goto(f"{web_server.site_url}/app/slup-crm")
	# All eight cards render their number (the adopted-policy card as "N / 26", the county's total).
	page.wait_for_function(
		"""() => document.querySelectorAll('.widget.number-widget-box .number').length === 8 &&
		[...document.querySelectorAll('.number-widget-box .number')].some(el => /\\d+ \\/ 26/.test(el.textContent))"""
	)
	cards = " ".join(page.locator(".widget.number-widget-box").all_text_contents())
	for title in (
		"Municipalities with Adopted Policy",
		"Registrations in the Last 30 Days",
		"Active Start-ups",
	):
		assert title.lower() in cards.lower(), cards
	# Every chart draws: Frappe Charts renders an SVG per chart widget (or its "no data" state).
	page.wait_for_function(
		"""() => document.querySelectorAll('.widget.dashboard-widget-box').length === 5 &&
		[...document.querySelectorAll('.widget.dashboard-widget-box')]
		.every(w => w.querySelector('svg, .chart-empty-state, .chart-loading-state'))"""
	)
	shortcuts = page.locator(".widget.shortcut-widget-box").all_text_contents()
	assert any("Policy Kanban" in s for s in shortcuts)
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.screenshot(path=os.path.join(SCREENSHOTS, "workspace.png"), full_page=True)


def test_manager_opens_the_policy_kanban(web_server, page):
	manager()
	page.set_viewport_size({"width": 1400, "height": 900})
	login(page, web_server)
	page.goto(f"{web_server.site_url}/app/policy-adoption/view/kanban/Policy Adoption Pipeline")
	page.locator(".kanban-column").first.wait_for(state="attached")
	columns = page.locator(".kanban-column .kanban-column-title").all_text_contents()
	assert any("Not contacted" in c for c in columns)
	assert any("Policy adopted" in c for c in columns)
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.screenshot(path=os.path.join(SCREENSHOTS, "policy-kanban.png"))
