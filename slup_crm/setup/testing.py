"""What a site with slup_crm needs before tests run (the ``before_tests`` hook).

``bench run-tests`` runs the ``before_tests`` hooks of every installed app (of the one app with
``--app``) before the tests. Frappe's own hook completes the setup wizard only on a site with no
app but Frappe, so on a site with slup_crm this one does it: Frappe's own suites (``bench --site S
run-tests --module ...``) then run against a finished setup, as they expect. The project's pytest
harness (``tests/support/site.py``) calls it too.

The site is set up as a Swedish association would set it up (language English, so that the
tests read Frappe's own messages; country, time zone and currency Swedish, so that the app's
Swedish conventions for dates and numbers apply). A few of Frappe's own tests assume the United
States' formats that Frappe's own hook sets up (the dashboard chart tests read dates as
mm-dd-yyyy and weeks from Sunday): the site that runs Frappe's suites
(``tests/bench/test_frappe_suites.py``) is set up with Frappe's ``complete_setup_wizard`` first,
as Frappe's CI sets up its sites, and this hook then leaves it as it is.
"""

import frappe

from slup_crm.setup.wizard import complete_for_sweden


def before_tests() -> None:
	"""Complete the setup wizard once; commit, as Frappe's own ``before_tests`` does (tests roll back)."""
	frappe.clear_cache()
	complete_for_sweden(
		"English", email="setup@example.se", full_name="Setup User", password=frappe.generate_hash(length=16)
	)
	frappe.db.commit()  # the tests begin from here and roll back to it
	frappe.clear_cache()
