"""Frappe's own suites pass on a site with slup_crm, run as Frappe's CI runs them.

Each module below is run with ``bench --site SITE run-tests --module MODULE`` and ``CI=true`` (so
that bench exits non-zero on a failure) on a site of its own, ``slup-frappe.localhost`` (or
``$SLUP_FRAPPE_SITE``): slup_crm installed, the site configured as Frappe's CI configures its test
site (an outgoing mail server in site_config: Frappe's privacy and notification tests send
e-mail) and set up with Frappe's own ``complete_setup_wizard`` (United States' formats, which
Frappe's dashboard chart tests read), as Frappe's CI sets up its sites; the app's ``before_tests``
hook then leaves the setup as it is. Frappe's tests commit records of their own, so they do not
run on the project's test site. The site is made anew on every run.

The modules are Frappe's suites for what slup_crm builds on or changes: dashboards and charts,
web forms, workflows, contacts and addresses (the app
adds permissions and a form script), data import and export, personal data requests, ToDo (the
app hooks into it), tags (the demo), notifications and the e-mail queue, roles, reports and
translations. Left out: Frappe's suites that need a running web server or Frappe's development
requirements (``frappe.tests.test_client``, ``frappe.core.doctype.user.test_user``); the app's
own HTTP layer covers its REST behaviour.
"""

import os
import subprocess

import pytest

from tests.support.bench import drop_site

BENCH = os.environ.get("FRAPPE_BENCH", "")
SITE = os.environ.get("SLUP_FRAPPE_SITE", "slup-frappe.localhost")
DB_ROOT_PASSWORD = os.environ.get("SLUP_DB_ROOT_PASSWORD", "root")
# What Frappe's CI puts in its test site's site_config (.github/helper/db/mariadb.json).
FRAPPE_CI_CONFIG = {
	"allow_tests": True,
	"auto_email_id": "test@example.com",
	"mail_server": "localhost",
	"mail_port": 2525,
	"mail_login": "test@example.com",
	"mail_password": "test",
	"server_script_enabled": True,
}
MODULES = [
	# First: its test dependencies make Frappe's test users (test@example.com...), which later suites
	# log in as (in Frappe's CI the suites before them have made them).
	"frappe.desk.doctype.todo.test_todo",
	"frappe.core.doctype.role.test_role",
	"frappe.desk.doctype.dashboard.test_dashboard",
	"frappe.desk.doctype.dashboard_chart.test_dashboard_chart",
	"frappe.website.doctype.web_form.test_web_form",
	"frappe.workflow.doctype.workflow.test_workflow",
	"frappe.contacts.doctype.contact.test_contact",
	"frappe.contacts.doctype.address.test_address",
	"frappe.core.doctype.data_import.test_importer",
	"frappe.core.doctype.data_import.test_exporter",
	"frappe.website.doctype.personal_data_deletion_request.test_personal_data_deletion_request",
	"frappe.website.doctype.personal_data_download_request.test_personal_data_download_request",
	"frappe.desk.doctype.tag.test_tag",
	"frappe.email.doctype.notification.test_notification",
	"frappe.email.doctype.email_queue.test_email_queue",
	"frappe.core.doctype.report.test_report",
	"frappe.tests.test_translate",
]


def bench(*args: str, env: dict | None = None, timeout: int = 1200) -> subprocess.CompletedProcess:
	return subprocess.run(
		["bench", *args],
		cwd=BENCH,
		capture_output=True,
		text=True,
		timeout=timeout,
		env={**os.environ, **(env or {})},
	)


def must(*args: str) -> None:
	result = bench(*args)
	assert (
		result.returncode == 0
	), f"bench {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def frappe_site():
	# A new site every run, as Frappe's CI has: Frappe's suites commit records of their own and some
	# (the report suite) cannot run twice on one site.
	drop_site(SITE)
	must("new-site", SITE, "--db-root-password", DB_ROOT_PASSWORD, "--admin-password", "admin")
	for key, value in FRAPPE_CI_CONFIG.items():
		typed = () if isinstance(value, str) else ("--parse",)  # --parse reads a Python literal
		must("--site", SITE, "set-config", *typed, key, str(value))
	must("--site", SITE, "set-config", "developer_mode", "0")
	if "slup_crm" not in bench("--site", SITE, "list-apps").stdout:
		must("--site", SITE, "install-app", "slup_crm")
	must("--site", SITE, "migrate")
	setup = bench(
		"--site",
		SITE,
		"execute",
		"frappe.db.get_single_value",
		"--args",
		"['System Settings', 'setup_complete']",
	)
	if setup.stdout.strip() != "1":
		must("--site", SITE, "execute", "frappe.utils.install.complete_setup_wizard")
	return SITE


@pytest.mark.parametrize("module", MODULES)
def test_frappes_own_suite_passes_on_a_site_with_slup_crm(frappe_site, module):
	result = bench("--site", frappe_site, "run-tests", "--module", module, env={"CI": "true"})
	output = (result.stdout + result.stderr).splitlines()
	# Frappe's CSS parser logs noise for every e-mail it renders; keep the test's own output.
	output = [line for line in output if not line.startswith(("ERROR\tProperty", "ERROR\tCSSStyle"))]
	assert result.returncode == 0, f"{module} failed on {frappe_site}:\n" + "\n".join(output[-80:])
