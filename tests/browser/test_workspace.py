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


def blocks(block_type: str) -> list[dict]:
	"""The workspace's blocks of one type (number cards, charts), as the app ships it."""
	content = frappe.parse_json(frappe.db.get_value("Workspace", "SLUP CRM", "content"))
	return [block for block in content if block["type"] == block_type]


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
	# Every card of the workspace renders its number (the adopted-policy card as "N / 26", the county's total).
	page.wait_for_function(
		"""(count) => document.querySelectorAll('.widget.number-widget-box .number').length === count &&
		[...document.querySelectorAll('.number-widget-box .number')].some(el => /\\d+ \\/ 26/.test(el.textContent))""",
		arg=len(blocks("number_card")),
	)
	cards = " ".join(page.locator(".widget.number-widget-box").all_text_contents())
	for title in (
		"Municipalities with Adopted Policy",
		"Registrations in the Last 30 Days",
		"Active Start-ups",
		"Running Projects",
		"Reports Due in the Next 30 Days",
	):
		assert title.lower() in cards.lower(), cards
	# Every chart draws: Frappe Charts renders an SVG per chart widget (or its "no data" state).
	page.wait_for_function(
		"""(count) => document.querySelectorAll('.widget.dashboard-widget-box').length === count &&
		[...document.querySelectorAll('.widget.dashboard-widget-box')]
		.every(w => w.querySelector('svg, .chart-empty-state, .chart-loading-state'))""",
		arg=len(blocks("chart")),
	)
	shortcuts = page.locator(".widget.shortcut-widget-box").all_text_contents()
	assert any("Policy Kanban" in s for s in shortcuts)
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.screenshot(path=os.path.join(SCREENSHOTS, "workspace.png"), full_page=True)


def test_manager_sees_policies_on_the_kanban_board(web_server, page):
	manager()
	stages = {
		"0163": "Policy adopted",
		"0191": "Policy adopted",
		"0120": "In dialogue",
		"0136": "Information campaign",
	}
	created = []
	for code, stage in stages.items():
		municipality = frappe.db.get_value("Organisation", {"municipality_code": code})
		if frappe.db.exists("Policy Adoption", {"municipality": municipality}):
			continue
		doc = frappe.get_doc({"doctype": "Policy Adoption", "municipality": municipality}).insert()
		frappe.db.set_value("Policy Adoption", doc.name, "stage", stage)  # test data; rules tested elsewhere
		created.append(doc.name)
	frappe.db.commit()
	try:
		page.set_viewport_size({"width": 1600, "height": 900})
		login(page, web_server)
		page.goto(f"{web_server.site_url}/app/policy-adoption/view/kanban/Policy Adoption Pipeline")
		adopted = page.locator('.kanban-column[data-column-value="Policy adopted"] .kanban-card-wrapper')
		adopted.first.wait_for(state="visible")
		assert adopted.count() == 2
		titles = " ".join(adopted.all_text_contents())
		assert "Sollentuna kommun" in titles and "Sigtuna kommun" in titles
		dialogue = page.locator('.kanban-column[data-column-value="In dialogue"] .kanban-card-wrapper')
		assert "Värmdö kommun" in " ".join(dialogue.all_text_contents())
		os.makedirs(SCREENSHOTS, exist_ok=True)
		page.screenshot(path=os.path.join(SCREENSHOTS, "policy-kanban.png"))
	finally:
		for name in created:
			frappe.db.delete("Stage Change", {"reference_name": name})
			frappe.db.delete("Policy Adoption", name)
		frappe.db.commit()
