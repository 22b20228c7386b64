"""The public library of adopted policies (/policies), searchable by municipality and year, with the
county's map by policy stage (slup_crm.development.policy_library, policy_map)."""

import frappe
from frappe import _

from slup_crm.development import policy_library, policy_map

no_cache = 1


def get_context(context):
	search = policy_library.parse_search(frappe.form_dict.get("q"), frappe.form_dict.get("year"))
	context.title = _("Policies for Social Enterprise")
	context.search = search
	context.policies = [] if search.error else policy_library.public_policies(search.query, search.year)
	context.years = policy_library.decision_years()
	context.policy_map = policy_map.render(public=True)
	return context
