"""The public calendar and an event's "add to calendar" as a guest, on the demo data, with
axe-core's WCAG 2.1 AA rules."""

import os

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.test_workspace import SCREENSHOTS, demo_data
from tests.support.accessibility import assert_accessible


@pytest.mark.usefixtures("demo_data")
def test_the_calendar_lists_trips_trainings_and_public_meetings(web_server, page):
	page.set_viewport_size({"width": 1280, "height": 1200})
	page.goto(f"{web_server.site_url}/calendar")
	rows = page.locator("tr.calendar-entry")
	expect(rows.first).to_be_visible()
	text = page.locator("table.calendar-table").inner_text()
	for expected in ("Italien", "Rågsveds Folkets hus"):
		assert expected in text, text
	assert "Förberedande arbetsgruppen" not in text  # the working group's meeting is not public
	assert_accessible(page)
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.screenshot(path=os.path.join(SCREENSHOTS, "calendar.png"), full_page=True)
	page.goto(f"{web_server.site_url}/calendar?_lang=sv")
	expect(page.locator("h1")).to_have_text("Kalender")
	assert_accessible(page)


@pytest.mark.usefixtures("demo_data")
def test_an_event_page_offers_its_ics(web_server, page):
	page.goto(f"{web_server.site_url}/activities")
	page.locator("tr.activity-row a").first.click()
	link = page.locator("a.add-to-calendar")
	expect(link).to_be_visible()
	assert_accessible(page)
	# Fetched by the page itself (Chromium resolves the site's *.localhost name).
	response = page.evaluate(
		"""href => fetch(href).then(async (r) => ({ok: r.ok, type: r.headers.get("content-type"),
			body: await r.text()}))""",
		link.get_attribute("href"),
	)
	assert response["ok"]
	assert response["type"].startswith("text/calendar")
	events = icalendar.Calendar.from_ical(response["body"]).walk("VEVENT")
	assert events
	title = page.locator(".activity-title").first.inner_text()
	assert any(str(event["summary"]).startswith(title.strip()) for event in events), title
