"""Browser tests: headless Chromium (Debian's, never a downloaded one) against gunicorn."""

import mimetypes
import os

import pytest

from tests.support.server import Server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


@pytest.fixture(scope="session")
def web_server():
	srv = Server(os.environ["FRAPPE_BENCH"], os.environ["SLUP_TEST_SITE"]).start()
	# Chromium resolves *.localhost to the loopback address; Frappe finds the site by that host name.
	srv.site_url = f"http://{srv.site}:{srv.port}"
	yield srv
	srv.stop()


@pytest.fixture(scope="session")
def browser():
	if not os.path.exists(CHROMIUM):
		pytest.skip(f"Chromium is not installed at {CHROMIUM}")
	from playwright.sync_api import sync_playwright

	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
		yield browser
		browser.close()


def serve_assets(route):
	"""Serve /assets/... from the bench as nginx does in production (gunicorn serves no static files)."""
	bench = os.path.realpath(os.environ["FRAPPE_BENCH"])
	relative = route.request.url.split("/assets/", 1)[1].split("?", 1)[0]
	# The apps' public folders are linked into sites/assets: stay inside the bench or an app's folder
	# (an app may be a link to a checkout elsewhere, as scripts/run-tests makes slup_crm).
	path = os.path.realpath(os.path.join(bench, "sites", "assets", relative))
	apps = os.path.join(bench, "apps")
	roots = [bench] + [os.path.realpath(os.path.join(apps, app)) for app in os.listdir(apps)]
	inside = any(path.startswith(root + os.sep) for root in roots)
	if not inside or not os.path.isfile(path):
		return route.fulfill(status=404, body="")
	with open(path, "rb") as f:
		route.fulfill(
			status=200,
			body=f.read(),
			content_type=mimetypes.guess_type(path)[0] or "application/octet-stream",
		)


@pytest.fixture
def page(browser):
	context = browser.new_context(locale="en-GB")
	context.route("**/assets/**", serve_assets)
	page = context.new_page()
	page.set_default_timeout(30_000)
	yield page
	context.close()


def desk_login(page, web_server, user: str, password: str) -> None:
	"""Log in through the login page, as a person does, and wait for the desk."""
	page.goto(f"{web_server.site_url}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.locator(".form-signin .btn-login").first.click()
	page.wait_for_url("**/app**")
