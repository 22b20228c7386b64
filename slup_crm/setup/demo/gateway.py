"""The ESF project's gateway (sluss): a handful of invented participants on their way from referral
through preparation and training into placements at the demo's social enterprises (and at a
start-up of the pipeline), with last month's attendance and its host grant, paid to one host.

Every participant is invented (no e-mail address but at example.se, no real person); no one is in
phase 3 of the job guarantee, which the gateway refuses. The gateway belongs to the European Social
Fund project of the minutes: the demo's ESF project when a part before this one made it, else one
made here with Skyddsvärnet as its owner.
"""

import frappe
from frappe.utils import add_months, get_first_day, getdate

from slup_crm.setup.demo.base import Demo, day, on_day, organisation
from slup_crm.setup.demo.pipelines import start_pipeline, walk

ESF = "European Social Fund"
ESF_PROJECT = "Socialfondsprojektet: sluss till socialt företagande"

# key: (first name, last name, gender, age band, referrer, labour-market status, programme phase,
#       day referred, [(day, action)], host key or None, days attended last month, outcome)
PARTICIPANTS = {
	"amira": (
		"Amira", "Haddad", "Woman", "25–34", "Public Employment Service", "Long-term unemployed",
		"Job and Development Guarantee, phase 2", -150,
		[(-140, "Start Preparation"), (-110, "Start Training"), (-62, "Start Placement")],
		"blavagen", 14, None,
	),
	"johan": (
		"Johan", "Lindqvist", "Man", "45–54", "Social Insurance Agency",
		"On sick leave or activity compensation", "No programme", -140,
		[(-130, "Start Preparation"), (-100, "Start Training"), (-62, "Start Placement")],
		"livsval", 12, None,
	),
	"sanna": (
		"Sanna", "Eklund", "Woman", "Under 25", "Public Employment Service", "Unemployed",
		"Job Guarantee for Youth", -120,
		[(-115, "Start Preparation"), (-90, "Start Training"), (-62, "Start Placement")],
		"startup", 10, None,
	),
	"erik": (
		"Erik", "Berg", "Man", "55 or older", "Municipality", "Unemployed", "No programme", -60,
		[(-50, "Start Preparation"), (-20, "Start Training")],
		None, 0, None,
	),
	"leila": (
		"Leila", "Karimi", "Woman", "35–44", "Public Employment Service", "Long-term unemployed",
		"Job and Development Guarantee, phase 1", -200,
		[(-190, "Start Preparation"), (-160, "Start Training")],
		None, 0, ("Education", -100),
	),
	"mikael": (
		"Mikael", "Ström", "Man", "25–34", "Social Insurance Agency", "Outside the labour force",
		"No programme", -5, [], None, 0, None,
	),
}  # fmt: skip
PAID_HOST = "blavagen"


def make(demo: Demo) -> None:
	project = esf_project(demo)
	hosts = host_organisations(demo)
	last_month = get_first_day(add_months(getdate(), -1))
	placed_from = min(day(-60), last_month)
	for spec in PARTICIPANTS.values():
		first, last, gender, age_band, referrer, status, phase, referred, steps, host, days, outcome = spec
		doc = start_pipeline(
			demo,
			referred,
			{
				"doctype": "Gateway Participant",
				"first_name": first,
				"last_name": last,
				"project": project,
				"referrer": referrer,
				"referring_organisation": organisation(
					demo, "af" if referrer == "Public Employment Service" else "fk"
				)
				if referrer in ("Public Employment Service", "Social Insurance Agency")
				else None,
				"referred_on": day(referred),
				"gender": gender,
				"age_band": age_band,
				"labour_market_status": status,
				"programme_phase": phase,
			},
		)
		for offset, action in steps:
			if action == "Start Placement":
				host_type, host_name = hosts[host]
				with on_day(day(offset)):
					# Agreed with the host before it starts; last month's days recorded since.
					demo.insert(
						{
							"doctype": "Placement",
							"participant": doc.name,
							"host_type": host_type,
							"host": host_name,
							"start_date": placed_from,
							"attendance": [{"month": last_month, "days_attended": days}],
						}
					)
			doc = walk(doc, offset, action)
		if outcome:
			result, offset = outcome
			doc = walk(doc, offset, "End Participation", {"outcome": result, "ended_on": day(offset)})
	with on_day(day(-2)):
		host_type, host_name = hosts[PAID_HOST]
		demo.insert(
			{"doctype": "Host Compensation", "host_type": host_type, "host": host_name, "month": last_month}
		).submit()


def esf_project(demo: Demo) -> str:
	"""The demo's ESF project (made by an earlier part), else the one of the minutes, made here."""
	made = [name for doctype, name in demo.created if doctype == "Development Project"]
	if made:
		esf = frappe.get_all(
			"Development Project", filters={"name": ("in", made), "fund": ESF}, pluck="name", limit=1
		)
		if esf:
			return esf[0]
	with on_day(day(-240)):
		return demo.insert(
			{
				"doctype": "Development Project",
				"title": ESF_PROJECT,
				"fund": ESF,
				"project_owner": organisation(demo, "skyddsvarnet"),
				"start_date": day(-240),
				"end_date": day(490),
				"host_grant_per_day": 150,
			}
		).name


def host_organisations(demo: Demo) -> dict[str, tuple[str, str]]:
	"""The hosts: two of the demo's social enterprises and a start-up of the pipeline."""
	startups = [name for doctype, name in demo.created if doctype == "Social Enterprise Startup"]
	startup = frappe.get_all(
		"Social Enterprise Startup",
		filters={
			"name": ("in", startups or [""]),
			"stage": ("in", ("Business plan", "Founded", "Operating")),
		},
		pluck="name",
		order_by="creation asc",
		limit=1,
	)
	hosts = {
		"blavagen": ("Organisation", organisation(demo, "blavagen")),
		"livsval": ("Organisation", organisation(demo, "livsval")),
	}
	hosts["startup"] = ("Social Enterprise Startup", startup[0]) if startup else hosts["livsval"]
	return hosts


def release(records) -> None:
	"""A paid month cannot be deleted: cancel the demo's host compensations before the removal."""
	for doctype, name in records:
		if doctype == "Host Compensation" and frappe.db.get_value(doctype, name, "docstatus") == 1:
			frappe.get_doc(doctype, name).cancel()
