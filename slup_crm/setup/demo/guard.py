"""When the demo may be loaded: never twice, and onto a site's own data only when forced."""

import frappe
from frappe import _

from slup_crm.setup.data import STOCKHOLM_MUNICIPALITIES
from slup_crm.setup.demo.base import DEMO_TAG, DemoRefused

# Records that make a site's own data (besides organisations other than the installed municipalities).
RECORD_DOCTYPES = (
	"Policy Adoption",
	"Social Enterprise Startup",
	"Trip",
	"Training",
	"Activity Registration",
	"Meeting",
	"Outreach Activity",
	"Membership",
	"Development Project",
)


def check_site(force: bool) -> None:
	if demo_loaded():
		frappe.throw(
			_("The demo has already been loaded into this site. It is never loaded twice."),
			DemoRefused,
			title=_("Demo Not Loaded"),
		)
	own = data_of_its_own()
	if own and not force:
		found = ", ".join(f"{_(doctype)} ({count})" for doctype, count in own.items())
		frappe.throw(
			_(
				"This site already holds data of its own: {0}. The demo is loaded only into a site "
				"without data; load it with force to add it anyway."
			).format(found),
			DemoRefused,
			title=_("Demo Not Loaded"),
		)


def demo_loaded() -> bool:
	return bool(frappe.db.exists("Tag Link", {"tag": DEMO_TAG}))


def data_of_its_own() -> dict[str, int]:
	"""Count the site's records beyond what installing the app made (users and contacts do not count)."""
	found = {}
	installed = [code for code, name in STOCKHOLM_MUNICIPALITIES]
	organisations = frappe.db.count("Organisation") - frappe.db.count(
		"Organisation", {"municipality_code": ("in", installed)}
	)
	if organisations:
		found["Organisation"] = organisations
	for doctype in RECORD_DOCTYPES:
		count = frappe.db.count(doctype)
		if count:
			found[doctype] = count
	return found
