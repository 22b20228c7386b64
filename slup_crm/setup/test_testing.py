"""Where slup_crm's tests are: ``bench run-tests --app slup_crm`` finds this module and says so.

Frappe's test runner collects ``test_*.py`` modules inside the app's package only (and one at the
package's top level would be imported as the package itself, so it lives here, next to the
``before_tests`` hook it checks). slup_crm keeps
its tests in the repository's top-level ``tests/`` folder (unit, integration, HTTP, browser and
bench layers) and runs them with pytest through ``scripts/run-tests`` (README, "Running the
tests"), so without this module ``bench run-tests --app slup_crm`` would run nothing and say
nothing. Frappe's own suites run on a site with slup_crm with ``bench --site S run-tests --module
...`` (the app's ``before_tests`` hook completes the setup wizard for them; see ``.ci/run``).
"""

import unittest

import frappe

WHERE = (
	"slup_crm's tests are not in the app's package: they are in the repository's top-level tests/ "
	"folder and run with pytest: scripts/run-tests (see the README, 'Running the tests')."
)


class TestsLiveInTheRepositorysTestsFolder(unittest.TestCase):
	def test_the_apps_tests_run_with_scripts_run_tests(self):
		self.skipTest(WHERE)

	def test_before_tests_completed_the_setup_wizard(self):
		self.assertTrue(frappe.db.get_single_value("System Settings", "setup_complete"))


def load_tests(loader, tests, pattern):
	"""Say it when Frappe's runner loads the module (a skip's reason is shown only with --verbose)."""
	print(f"\n{WHERE}\n")
	return tests
