"""A SLUP Manager sees the workspace and the kanban board on the demo data, as the README shows them.

The demo (``slup_crm.setup.demo``) is loaded for this module when the site does not hold it and
removed again afterwards; the README's pictures are taken once every card and chart has drawn.
"""

import os

import frappe
import pytest
from playwright.sync_api import expect

from slup_crm.development.stages import POLICY_ADOPTION, SOCIAL_ENTERPRISE_STARTUP
from tests.support.factories import make_user

MANAGER = "browser-manager@example.se"
PASSWORD = "Browser-Manager-5127"
SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "docs", "screenshots")
POLICY_BOARD = "Policy Adoption Pipeline"

# Every chart widget has drawn: none still shows "Loading...", each has its SVG or its "No Data",
# and Frappe Charts' entry animation (SVG <animate> elements) is over.
CHARTS_DRAWN = """() => {
	const charts = [...document.querySelectorAll('.widget.dashboard-widget-box')];
	const shown = (el) => el.offsetParent !== null;
	const states = (w) => [...w.querySelectorAll('.chart-loading-state')].filter(shown);
	return charts.length > 0 && charts.every((w) =>
		!states(w).some((el) => /Loading/.test(el.textContent)) &&
		(w.querySelector('.chart-container svg') || states(w).length > 0)) &&
		!document.querySelector('.chart-container svg animate');
}"""
# Every number card shows its number.
CARDS_DRAWN = """() => {
	const cards = [...document.querySelectorAll('.widget.number-widget-box')];
	return cards.length > 0 && cards.every((c) => /\\d/.test(c.querySelector('.number')?.textContent || ''));
}"""


@pytest.fixture(scope="module")
def demo_data():
	from slup_crm.setup import demo

	loaded_here = not demo.demo_loaded()
	if loaded_here:
		demo.load(force=True)
		frappe.db.commit()
	yield
	if loaded_here:
		demo.remove()
		frappe.db.commit()


@pytest.fixture(scope="module")
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


def open_workspace(page, web_server):
	page.set_viewport_size({"width": 1400, "height": 1800})
	login(page, web_server)
	page.goto(f"{web_server.site_url}/app/slup-crm")
	page.wait_for_function(CARDS_DRAWN, timeout=90_000)
	page.wait_for_function(CHARTS_DRAWN, timeout=90_000)
	page.wait_for_timeout(1500)  # an animation that had not started yet when the charts were read
	page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
	expect(page.locator(".stage-chart.drawn")).to_have_count(2, timeout=60_000)


def stage_counts(doctype):
	return dict(frappe.get_all(doctype, fields=["stage", "count(*) as n"], group_by="stage", as_list=True))


def test_manager_sees_the_workspace_drawn_on_the_demo_data(demo_data, manager, web_server, page):
	open_workspace(page, web_server)
	cards = " ".join(page.locator(".widget.number-widget-box").all_text_contents())
	for title in (
		"Municipalities with Adopted Policy",
		"Registrations in the Last 30 Days",
		"Active Start-ups",
	):
		assert title.lower() in cards.lower(), cards
	adopted = page.locator(".widget.number-widget-box", has_text="Municipalities with Adopted Policy")
	assert "4 / 26" in adopted.inner_text()  # Sollentuna, Sigtuna, Värmdö and Haninge
	assert "Loading" not in page.locator(".layout-main-section").inner_text()
	shortcuts = page.locator(".widget.shortcut-widget-box").all_text_contents()
	assert any("Policy Kanban" in s for s in shortcuts)
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.screenshot(path=os.path.join(SCREENSHOTS, "workspace.png"), full_page=True)


def test_the_stage_charts_draw_every_stage_by_its_full_name(demo_data, manager, web_server, page):
	open_workspace(page, web_server)
	for chart, doctype, stages in (
		("Municipalities per Policy Stage", "Policy Adoption", POLICY_ADOPTION.stage_names),
		("Start-ups per Stage", "Social Enterprise Startup", SOCIAL_ENTERPRISE_STARTUP.stage_names),
	):
		section = page.locator(f'.stage-chart[data-chart="{chart}"]')
		names = section.locator(".stage-name")
		expect(names).to_have_text(list(stages))  # whole names, in pipeline order
		# Nothing cuts a name: each is drawn as wide as its text.
		cut = names.evaluate_all("els => els.filter(el => el.scrollWidth > el.clientWidth).length")
		assert cut == 0
		counts = stage_counts(doctype)
		expect(section.locator(".stage-count")).to_have_text([str(counts.get(s, 0)) for s in stages])


def test_kanban_cards_name_the_municipality_once_and_show_what_moves_them(
	demo_data, manager, web_server, page
):
	page.set_viewport_size({"width": 1600, "height": 900})
	login(page, web_server)
	page.goto(f"{web_server.site_url}/app/policy-adoption/view/kanban/{POLICY_BOARD}")
	column = page.locator('.kanban-column[data-column-value="Policy adopted"] .kanban-card-wrapper')
	column.first.wait_for(state="visible")
	sigtuna = column.filter(has_text="Sigtuna kommun")
	text = sigtuna.inner_text()
	assert text.count("Sigtuna kommun") == 1, text
	policy = frappe.get_doc("Policy Adoption", {"municipality_name": "Sigtuna kommun"})
	for label in ("Next Step", "Next Step Due", "In Stage Since"):
		assert label in text, text
	assert policy.next_step in text, text
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.screenshot(path=os.path.join(SCREENSHOTS, "policy-kanban.png"))


def test_reports_show_organisations_by_their_names(demo_data, manager, web_server, page):
	page.set_viewport_size({"width": 1400, "height": 900})
	login(page, web_server)
	page.goto(f"{web_server.site_url}/app/query-report/Municipality Policy Status")
	table = page.locator(".dt-scrollable")
	expect(table).to_contain_text("Sollentuna kommun", timeout=60_000)
	text = table.inner_text()
	assert "ORG-" not in text and "POL-" not in text, text[:500]
