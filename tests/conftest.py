"""Test layers: unit tests need no Frappe; integration, HTTP and browser tests run in a real site.

scripts/run-tests sets FRAPPE_BENCH and SLUP_TEST_SITE when it found a bench and prepared the
test site; without them only the unit tests are collected.
"""

import os

BENCH = os.environ.get("FRAPPE_BENCH")
if BENCH:
	# One resolved bench path for every test (scripts/run-tests resolves it too): Frappe compares
	# resolved paths, so a bench reached through a symlink must not leak its link path into tests.
	BENCH = os.environ["FRAPPE_BENCH"] = os.path.realpath(BENCH)
SITE = os.environ.get("SLUP_TEST_SITE")
FRAPPE_LAYERS = ["integration", "http", "browser", "bench"]

try:
	import frappe

	HAVE_SITE = bool(BENCH and SITE)
	SKIP_REASON = "" if HAVE_SITE else "FRAPPE_BENCH and SLUP_TEST_SITE are not set (use scripts/run-tests)"
except ImportError:
	HAVE_SITE = False
	SKIP_REASON = os.environ.get("SLUP_SKIP_REASON") or "Frappe is not importable here"

# Whole folders, so that their conftest files (which import Frappe) are not loaded either.
collect_ignore = [] if HAVE_SITE else list(FRAPPE_LAYERS)


def pytest_configure(config):
	if HAVE_SITE:
		from tests.support.site import connect

		connect(BENCH, SITE)


def pytest_unconfigure(config):
	if HAVE_SITE:
		from tests.support.site import disconnect

		disconnect()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
	if not HAVE_SITE:
		terminalreporter.write_line(
			f"Integration, HTTP and browser tests were skipped: {SKIP_REASON}.", yellow=True, bold=True
		)
