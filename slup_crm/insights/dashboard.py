"""Figures for the managers' number cards (Custom cards call these whitelisted methods).

Each function answers one question with one aggregate query; `tests/integration/test_insights.py`
checks them against known data and `scripts/benchmark.py` times them against plain SQL. Every
figure is declared with `@dashboard_figure` (``slup_crm.utils.access.whitelist_for``): whitelisted,
for the group's staff and managers only, and read from the site's read replica when it has one
(`read_from_replica` in site_config).
"""

import frappe
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_days, getdate, now_datetime

from slup_crm.activities.event import EVENT_DOCTYPES
from slup_crm.development.stages import ADOPTED_STAGES, FOUNDED, POLICY_ADOPTION, SOCIAL_ENTERPRISE_STARTUP
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils.access import whitelist_for

OPEN_STATUS = "Open"


DASHBOARD_ROLES = ("SLUP Staff", "SLUP Manager", "System Manager")

# What Frappe's number card sends a Custom card's method: the card's filters (JSON in a request).
# These figures take none; the argument is accepted because the desk always sends it.
CardFilters = str | list | dict | None


# A number card's method: the figures are the group's own, for its staff and managers; they only read.
dashboard_figure = whitelist_for(DASHBOARD_ROLES, read_only=True)


def home_county() -> str | None:
	return get_settings().home_county


def in_home_county(query, org):
	"""The one rule of the policy cards: municipalities of the home county (of every county when the
	settings name none)."""
	county = home_county()
	return query.where(org.county == county) if county else query


def municipalities_with_policy_in(stages) -> int:
	"""Municipalities (under `in_home_county`) whose policy adoption stands in one of the stages."""
	org = frappe.qb.DocType("Organisation")
	policy = frappe.qb.DocType("Policy Adoption")
	query = (
		frappe.qb.from_(policy)
		.join(org)
		.on(org.name == policy.municipality)
		.select(Count("*"))
		.where(policy.stage.isin(stages))
	)
	return in_home_county(query, org).run()[0][0]


@dashboard_figure
def municipalities_with_adopted_policy(filters: CardFilters = None) -> str:
	"""Municipalities of the home county with an adopted policy, out of all its municipalities: "4 / 26"."""
	org = frappe.qb.DocType("Organisation")
	total_query = frappe.qb.from_(org).select(Count("*")).where(org.organisation_type == "Municipality")
	total = in_home_county(total_query, org).run()[0][0]
	return f"{municipalities_with_policy_in(ADOPTED_STAGES)} / {total}"


@dashboard_figure
def municipalities_in_dialogue_or_further(filters: CardFilters = None) -> int:
	"""Municipalities of the home county whose policy work has at least reached a dialogue (paused or
	declined excluded)."""
	return municipalities_with_policy_in(POLICY_ADOPTION.active_stages)


@dashboard_figure
def active_startups(filters: CardFilters = None) -> int:
	"""Start-ups still on their way (neither sustainable yet nor discontinued)."""
	return frappe.db.count(
		"Social Enterprise Startup", {"stage": ("in", SOCIAL_ENTERPRISE_STARTUP.active_stages)}
	)


@dashboard_figure
def startups_founded_this_year(filters: CardFilters = None) -> int:
	"""Start-ups that reached the stage Founded during this calendar year (each counted once)."""
	change = frappe.qb.DocType("Stage Change")
	start = getdate().replace(month=1, day=1)
	return (
		frappe.qb.from_(change)
		.select(Count(change.reference_name).distinct())
		.where(change.reference_doctype == "Social Enterprise Startup")
		.where(change.to_stage == FOUNDED)
		.where(change.changed_on >= start)
		.run()[0][0]
	)


def over_open_events(aggregate) -> int:
	"""One aggregate over the open trips and trainings together, in one query (UNION ALL)."""
	parts = []
	for doctype in EVENT_DOCTYPES:
		table = frappe.qb.DocType(doctype)
		parts.append(frappe.qb.from_(table).select(aggregate(table)).where(table.status == OPEN_STATUS))
	union = parts[0]
	for part in parts[1:]:
		union = union.union_all(part)
	return int(sum(row[0] or 0 for row in union.run()))


@dashboard_figure
def open_events(filters: CardFilters = None) -> int:
	"""Trips and trainings open for registration."""
	return over_open_events(lambda table: Count("*"))


@dashboard_figure
def seats_left_on_open_events(filters: CardFilters = None) -> int:
	"""Seats still free on the trips and trainings open for registration."""
	return over_open_events(lambda table: Sum(table.seats_left))


@dashboard_figure
def registrations_last_30_days(filters: CardFilters = None) -> int:
	"""Registrations for trips and trainings received during the last 30 days."""
	return frappe.db.count("Activity Registration", {"creation": (">=", add_days(now_datetime(), -30))})


@dashboard_figure
def members_paid_this_year(filters: CardFilters = None) -> int:
	"""Organisations that paid this year's SLUP.SE membership fee."""
	return frappe.db.count("Membership", {"year": getdate().year, "status": "Paid"})
