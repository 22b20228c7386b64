"""Frappe's setup wizard completed for Sweden without a browser, for the test site and dev sites.

Frappe's own ``complete_setup_wizard`` (``frappe.utils.install``) sets a site up for the United
States. A site of this app is set up as a Swedish association sets it up in the wizard: country
Sweden, time zone Europe/Stockholm, currency SEK, in the language given (the test site in
English, so that the tests read Frappe's own messages; a development site in Swedish). The
wizard's ``setup_wizard_complete`` hooks run as in the browser, the app's among them
(``apply_swedish_conventions``: Swedish dates, numbers and SEK).
"""

import frappe
from frappe.utils import cint

SWEDEN = {"country": "Sweden", "timezone": "Europe/Stockholm", "currency": "SEK"}


def is_complete() -> bool:
	return bool(cint(frappe.db.get_single_value("System Settings", "setup_complete")))


def complete_for_sweden(language: str, **user) -> bool:
	"""Complete the wizard as its last slide does, for Sweden in ``language`` (a language's name as
	the wizard lists it: "English", "Svenska"); ``user`` (``email``, ``full_name``, ``password``)
	makes the wizard's own user, as its slide does. Returns False, changing nothing, on a site whose
	wizard was completed before. The wizard commits."""
	if is_complete():
		return False
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	# The wizard takes the site's default language from ``lang`` and System Settings' from
	# ``language`` (the browser sets the first when the language is picked on the first slide).
	setup_complete({**SWEDEN, "language": language, "lang": language, **user})
	frappe.set_user("Administrator")  # the wizard may leave another session user behind
	return True
