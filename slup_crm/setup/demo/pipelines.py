"""Policy adoptions and start-ups, walked through their workflows on their days, with stage history."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

from slup_crm.pipelines.days import days_in_stage
from slup_crm.setup.demo.base import Demo, day, municipality, on_day, organisation, story_moment, this_year


def make(demo: Demo) -> None:
	make_policy_adoptions(demo)
	make_policy_exchange(demo)
	make_startups(demo)


def restamp_stage(doc) -> None:
	"""Date the stage the controller just recorded at the story's moment.

	PipelineDocument stamps ``stage_since`` and the Stage Change's ``changed_on`` with the real
	clock, which ``frappe.flags.current_date`` does not move: backdating these two timestamps
	(and the days spent in the previous stage that follow from them) is the one place the demo
	writes around a controller.
	"""
	moment = story_moment()
	changes = frappe.get_all(
		"Stage Change",
		filters={"reference_doctype": doc.doctype, "reference_name": doc.name},
		fields=["name", "changed_on"],
		order_by="creation desc",
		limit=2,
	)
	values = {"changed_on": moment}
	if len(changes) > 1:
		values["days_in_previous_stage"] = days_in_stage(changes[1].changed_on, moment, precision=2)
	frappe.db.set_value("Stage Change", changes[0].name, values, update_modified=False)
	frappe.db.set_value(doc.doctype, doc.name, "stage_since", moment, update_modified=False)
	doc.stage_since = moment


def start_pipeline(demo: Demo, offset: int, values: dict):
	with on_day(day(offset)):
		doc = demo.insert(values)
		restamp_stage(doc)
	return doc


def walk(doc, offset: int, action: str, values: dict | None = None):
	"""Take one workflow action as SLUP's manager would, on its day (after filling in ``values``)."""
	with on_day(day(offset)):
		if values:
			doc.update(values)
			doc.save()
		doc = apply_workflow(doc.as_dict(), action)
		restamp_stage(doc)
	return doc


# Each policy adoption: the municipality's code, the day its record was made and its workflow
# actions by day (offsets from today); an adopted policy says how it was adopted.
POLICIES = [
	{
		"code": "0163",
		"created": -340,
		"steps": [
			(-330, "Start Dialogue"),
			(-300, "Start Information Campaign"),
			(-200, "Draft Policy"),
			(-150, "Adopt Policy"),
			(-90, "Start Implementing"),
		],
		"adopted": ("sollentuna", "KS 2009/0412", "Both"),
		"contact": "karin",
		"next_step": ("Uppföljning av policyn i kommunstyrelsen", 60),
	},
	{
		"code": "0191",
		"created": -340,
		"steps": [
			(-320, "Start Dialogue"),
			(-280, "Start Information Campaign"),
			(-170, "Draft Policy"),
			(-110, "Adopt Policy"),
		],
		"adopted": ("sigtuna", "KS 2009/188", "Both"),
		"contact": "maria",
		"next_step": ("Ta fram en handlingsplan för policyn", 30),
	},
	{
		"code": "0120",
		"created": -335,
		"steps": [
			(-310, "Start Dialogue"),
			(-270, "Start Information Campaign"),
			(-150, "Draft Policy"),
			(-75, "Adopt Policy"),
		],
		"adopted": ("varmdo", "KS 2009/561", "Social enterprise"),
		"contact": "lena",
		"next_step": ("Informationsmöte om upphandling med sociala hänsyn", 21),
	},
	{
		"code": "0136",
		"created": -335,
		"steps": [
			(-300, "Start Dialogue"),
			(-250, "Start Information Campaign"),
			(-120, "Draft Policy"),
			(-40, "Adopt Policy"),
		],
		"adopted": ("haninge", "KS 2010/23", "Both"),
		"contact": "peter",
		"next_step": ("Presentera policyn för näringslivet och föreningarna", 35),
	},
	{
		"code": "0180",
		"created": -330,
		"steps": [(-300, "Start Dialogue"), (-200, "Start Information Campaign")],
		"next_step": ("Informationsmöte med stadsdelsförvaltningarna", 14),
	},
	{
		"code": "0127",
		"created": -330,
		"steps": [(-290, "Start Dialogue"), (-230, "Start Information Campaign"), (-60, "Draft Policy")],
		"next_step": ("Förslaget till policy behandlas i kommunstyrelsen", 28),
	},
	{
		"code": "0126",
		"created": -250,
		"steps": [(-240, "Start Dialogue")],
		"next_step": ("Träffa arbetsmarknadsenheten", 20),
	},
	{
		"code": "0123",
		"created": -200,
		"steps": [(-190, "Start Dialogue")],
		"next_step": ("Bjuda in till informationsmöte", 25),
	},
	{
		"code": "0182",
		"created": -180,
		"steps": [(-170, "Start Dialogue")],
		"next_step": ("Skicka material om socialt företagande", 10),
	},
	{
		"code": "0181",
		"created": -150,
		"steps": [(-120, "Start Dialogue")],
		"next_step": ("Besök på kommunens arbetscenter", 40),
	},
	{
		"code": "0114",
		"created": -100,
		"steps": [(-45, "Start Dialogue")],
		"next_step": ("Möte med näringslivschefen", 15),
	},
]


def adoption_values(offset: int, slug: str, case_number: str, scope: str) -> dict:
	"""What the municipal council's decision adds to the record before the policy is marked adopted."""
	return {
		"decided_by": "Municipal council",
		"decision_date": day(offset),
		"case_number": case_number,
		"policy_scope": scope,
		"policy_url": f"https://www.example.se/{slug}/policy-socialt-foretagande",
	}


def make_policy_adoptions(demo: Demo) -> None:
	for spec in POLICIES:
		name = municipality(spec["code"])
		if frappe.db.exists("Policy Adoption", {"municipality": name}):
			continue  # forced load: the site's own record of this municipality stays as it is
		next_step, due = spec["next_step"]
		doc = start_pipeline(
			demo,
			spec["created"],
			{
				"doctype": "Policy Adoption",
				"municipality": name,
				"contact_person": demo.contacts.get(spec.get("contact")),
				"next_step": next_step,
				"next_step_due": day(due),
			},
		)
		for offset, action in spec["steps"]:
			values = adoption_values(offset, *spec["adopted"]) if action == "Adopt Policy" else None
			doc = walk(doc, offset, action, values)


# The policy exchange: (municipality code, contact, days ago it joined, contact agreed to be shown).
EXCHANGE = [
	("0163", "karin", -200, True),
	("0191", "maria", -180, True),
	("0120", "lena", -90, False),
	("0136", "peter", -30, True),
	("0180", "anders", -60, False),
	("0127", "sofia", -20, True),
]


def make_policy_exchange(demo: Demo) -> None:
	"""Several municipalities take part in the policy exchange, the four with a policy among them."""
	for code, contact, joined, shown in EXCHANGE:
		name = municipality(code)
		if frappe.db.exists("Policy Exchange Member", {"organisation": name}):
			continue  # forced load: the site's own member record stays as it is
		with on_day(day(joined)):
			demo.insert(
				{
					"doctype": "Policy Exchange Member",
					"organisation": name,
					"contact": demo.contacts[contact],
					"joined_on": day(joined),
					"show_contact_publicly": int(shown),
				}
			)


# Each start-up: where it comes from, the day its record was made, its workflow actions by day
# ("this year" moves a day into the current year for the "founded this year" card) and figures.
STARTUPS = [
	{
		"name": "Trädgårdskooperativet Värmdö",
		"code": "0120",
		"origin": "Spin-off of a municipal work centre",
		"legal_form": "Economic association",
		"sector": "Trädgård och grönyteskötsel",
		"created": -320,
		"steps": [
			(-290, "Explore"),
			(-230, "Write Business Plan"),
			(-170, "Found"),
			(-120, "Start Operating"),
		],
		"consortium": "abc",
		"register": True,
		"figures": (4, 9, 5, 3),
	},
	{
		"name": "Cykelverkstaden i Haninge",
		"code": "0136",
		"origin": "Spin-off of a municipal work centre",
		"legal_form": "Economic association",
		"sector": "Cykelreparationer och uthyrning",
		"created": -200,
		"steps": [(-170, "Explore"), (-100, "Write Business Plan"), ("this year", "Found")],
		"register": True,
		"figures": (1, 6, 4, 0),
	},
	{
		"name": "Sollentuna Städ & Fastighetsservice",
		"code": "0163",
		"origin": "New start",
		"legal_form": "Economic association",
		"sector": "Städ och fastighetsskötsel",
		"created": -380,
		"steps": [
			(-350, "Explore"),
			(-310, "Write Business Plan"),
			(-270, "Found"),
			(-230, "Start Operating"),
			(-20, "Mark Sustainable"),
		],
		"register": True,
		"figures": (7, 12, 0, 4),
	},
	{
		"name": "Café Sigtunagården",
		"code": "0191",
		"origin": "Spin-off of a municipal work centre",
		"legal_form": "Economic association",
		"sector": "Café och catering",
		"created": -150,
		"steps": [(-120, "Explore"), (-50, "Write Business Plan")],
		"figures": (0, 5, 0, 0),
	},
	{
		"name": "Blå Vägen Catering",
		"code": "0180",
		"origin": "Spin-off of a project",
		"legal_form": "Non-profit association",
		"sector": "Catering",
		"created": -90,
		"steps": [(-60, "Explore")],
		"supporting": "blavagen",
	},
	{
		"name": "Snickeriet i Huddinge",
		"code": "0126",
		"origin": "Spin-off of a municipal work centre",
		"sector": "Snickeri och möbelrenovering",
		"created": -20,
		"steps": [],
	},
	{
		"name": "Second hand-butiken i Järfälla",
		"code": "0123",
		"origin": "Conversion of an association",
		"legal_form": "Non-profit association",
		"sector": "Second hand",
		"created": -260,
		"steps": [(-230, "Explore"), (-180, "Discontinue")],
		"discontinued_reason": "Föreningen förlorade sin lokal och valde att inte gå vidare.",
	},
]


def make_startups(demo: Demo) -> None:
	for spec in STARTUPS:
		employees, participants, by_employment_service, by_social_insurance = spec.get(
			"figures", (0, 0, 0, 0)
		)
		doc = start_pipeline(
			demo,
			spec["created"],
			{
				"doctype": "Social Enterprise Startup",
				"enterprise_name": spec["name"],
				"municipality": municipality(spec["code"]),
				"origin": spec["origin"],
				"legal_form": spec.get("legal_form"),
				"sector": spec["sector"],
				"target_groups": "Personer som står långt från arbetsmarknaden",
				"supporting_organisation": organisation(demo, spec.get("supporting", "coompanion")),
				"supervisor": demo.contacts["birgitta"],
				"consortium": demo.organisations.get(spec.get("consortium")),
				"employees": employees,
				"participants": participants,
				"referred_by_employment_service": by_employment_service,
				"referred_by_social_insurance": by_social_insurance,
			},
		)
		for offset, action in spec["steps"]:
			if offset == "this year":
				offset = (this_year(-30) - getdate()).days
			values = {"discontinued_reason": spec["discontinued_reason"]} if action == "Discontinue" else None
			doc = walk(doc, offset, action, values)
			if action == "Found" and spec.get("register"):
				register_organisation(demo, doc, offset)


def register_organisation(demo: Demo, startup, offset: int) -> None:
	"""The founded start-up becomes an Organisation through its own method, on the day it was founded."""
	with on_day(day(offset)):
		startup.reload()
		demo.record("Organisation", startup.create_organisation())
