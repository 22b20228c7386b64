"""The county's map by policy stage on the workspace (a manager) and on /policies (a guest), on the
demo data: one tile per municipality, coloured by its stage, linking to the desk or the public page;
and the public pages of the library pass axe-core's WCAG 2.1 AA rules."""

import os

import frappe
import pytest
from playwright.sync_api import expect

from slup_crm.development.policy_map import STAGE_COLOURS, TILE_LAYOUTS
from tests.browser.test_workspace import SCREENSHOTS, demo_data, login, manager
from tests.support.accessibility import assert_accessible

# Imported above: the demo and the manager of the workspace's tests (fixtures found by name).
# The tiles as the browser drew them: code, stage, fill of the rectangle, link.
TILES = """els => els.map(a => ({
	code: a.dataset.code,
	stage: a.dataset.stage,
	fill: a.querySelector('rect').getAttribute('fill'),
	link: a.getAttribute('href'),
	label: a.getAttribute('aria-label'),
}))"""


def stages_in_the_database() -> dict[str, str]:
	"""Municipality code: stage, for the home county (no record: the first stage)."""
	rows = frappe.get_all("Policy Adoption", fields=["municipality", "stage"])
	codes = dict(frappe.get_all("Organisation", fields=["name", "municipality_code"], as_list=True))
	stages = {codes[row.municipality]: row.stage for row in rows}
	return {code: stages.get(code, "Not contacted") for code in TILE_LAYOUTS["01"]}


def check_tiles(tiles, link_of) -> None:
	expected = stages_in_the_database()
	assert {t["code"] for t in tiles} == set(expected)
	for tile in tiles:
		assert tile["stage"] == expected[tile["code"]], tile
		assert tile["fill"] == STAGE_COLOURS[tile["stage"]][0], tile
		assert tile["link"] == link_of(tile["code"]), tile
	adopted = {t["code"] for t in tiles if t["stage"] in ("Policy adopted", "Implementing")}
	assert {"0163", "0191", "0120", "0136"} <= adopted  # the four of the minutes


@pytest.mark.usefixtures("demo_data", "manager")
def test_the_workspace_map_colours_each_municipality_by_stage_and_links_to_the_desk(web_server, page):
	page.set_viewport_size({"width": 1400, "height": 1800})
	login(page, web_server)
	page.goto(f"{web_server.site_url}/app/slup-crm")
	block = page.locator(".slup-policy-map.drawn")
	expect(block).to_have_count(1, timeout=90_000)
	tiles = block.locator("a.policy-tile")
	expect(tiles).to_have_count(26)
	codes = dict(frappe.get_all("Organisation", fields=["municipality_code", "name"], as_list=True))
	check_tiles(tiles.evaluate_all(TILES), lambda code: f"/app/organisation/{codes[code]}")
	expect(block.locator(".policy-map-legend li")).to_have_count(len(STAGE_COLOURS))
	os.makedirs(SCREENSHOTS, exist_ok=True)
	block.scroll_into_view_if_needed()
	block.screenshot(path=os.path.join(SCREENSHOTS, "policy-map.png"))
	block.locator('a.policy-tile[data-code="0163"]').click()
	page.wait_for_url(f"**/app/organisation/{codes['0163']}")
	expect(page.locator(".title-text").first).to_contain_text("Sollentuna")


@pytest.mark.usefixtures("demo_data")
def test_the_public_map_and_library_as_a_guest(web_server, page):
	page.set_viewport_size({"width": 1280, "height": 1400})
	page.goto(f"{web_server.site_url}/policies")
	tiles = page.locator("svg.policy-map-svg a.policy-tile")
	expect(tiles).to_have_count(26)
	check_tiles(tiles.evaluate_all(TILES), lambda code: f"/policies/{code}")
	# The four adopted policies of the demo are in the library, each with its decision.
	rows = page.locator("tr.policy-row")
	expect(rows).to_have_count(4)
	for name in ("Sollentuna", "Sigtuna", "Värmdö", "Haninge"):
		expect(page.locator("table.policy-table")).to_contain_text(name)
	assert_accessible(page)
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.screenshot(path=os.path.join(SCREENSHOTS, "policy-library.png"), full_page=True)
	page.locator('a.policy-tile[data-code="0136"]').click()
	page.wait_for_url("**/policies/0136")
	expect(page.locator("h1")).to_contain_text("Haninge")
	expect(page.locator(".policy-details")).to_contain_text("KS 2010/23")
	expect(page.locator(".exchange-contact")).to_contain_text("Peter Nyberg")  # he agreed
	assert_accessible(page)


@pytest.mark.usefixtures("demo_data")
def test_the_public_pages_are_accessible_in_swedish_and_after_a_search(web_server, page):
	page.goto(f"{web_server.site_url}/policies?_lang=sv&q=Sigtuna")
	expect(page.locator("h1")).to_have_text("Policyer för socialt företagande")
	expect(page.locator("tr.policy-row")).to_have_count(1)
	assert_accessible(page)
	page.goto(f"{web_server.site_url}/policies?q=%3Cscript%3E")
	expect(page.locator(".policy-search-error")).to_be_visible()
	assert_accessible(page)
	page.goto(f"{web_server.site_url}/policies/0120")  # Värmdö: the contact did not agree
	expect(page.locator(".in-exchange")).to_be_visible()
	expect(page.locator(".exchange-contact")).to_have_count(0)
	assert_accessible(page)
