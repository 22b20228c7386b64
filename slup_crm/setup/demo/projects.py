"""The group's funded projects of the minutes, with owners, partners and reports owed to funders.

- the information campaign paid by Tillväxtverket, owned by SLUP.SE with Coompanion, now writing
  its final report (due within the month; the interim report was sent); the campaign's outreach
  is done in it, so the "Outreach for Funders" report of the project is the report the minutes owe;
- "Kompetent Social ekonomi", in which the four-day training is given;
- the new European Social Fund project with Skyddsvärnet as its owner (strong enough to advance
  money while waiting for the ESF's payments) and Coompanion, Storstockholms folkhögskola, Sensus
  and ABF as partners; ABF joined after the start ("more organisations can join"). The gateway
  part places its participants in this project.

The projects walk their workflow as SLUP's manager would, on their days, so each has its stage
history. The training and the outreach activities were made by earlier parts: this part links
them to their project (they are the demo's own records).
"""

import frappe

from slup_crm.setup.demo.base import Demo, day, on_day, organisation
from slup_crm.setup.demo.gateway import ESF, ESF_PROJECT
from slup_crm.setup.demo.pipelines import start_pipeline, walk

CAMPAIGN = "Informationssatsningen om socialt företagande"
KOMPETENT = "Kompetent Social ekonomi"
TO_RUNNING = ("Write Application", "Submit Application", "Grant", "Start Project")


def make(demo: Demo) -> None:
	campaign = make_campaign(demo)
	kompetent = make_kompetent_social_ekonomi(demo)
	make_esf_project(demo)
	link_to_project(demo, "Outreach Activity", campaign)
	link_to_project(demo, "Training", kompetent)


def partner(demo: Demo, key: str, role: str = "Partner", from_offset: int | None = None) -> dict:
	return {
		"organisation": organisation(demo, key),
		"role": role,
		"from_date": day(from_offset) if from_offset is not None else None,
	}


def walk_all(doc, steps):
	for offset, action in steps:
		doc = walk(doc, offset, action)
	return doc


def make_campaign(demo: Demo) -> str:
	doc = start_pipeline(
		demo,
		-400,
		{
			"doctype": "Development Project",
			"title": CAMPAIGN,
			"fund": "Tillväxtverket",
			"funder": organisation(demo, "tvv"),
			"programme": "Informationssatsning om socialt företagande",
			"case_number": "Dnr 2009-1234",
			"project_owner": organisation(demo, "slup"),
			"start_date": day(-330),
			"end_date": day(30),
			"budget": 900_000,
			"own_financing": 0,
			"co_financing": 150_000,
			"aim": "<p>Att sprida kunskap om socialt företagande till kommuner, myndigheter och "
			"organisationer i Stockholms län, med informationsmöten i de samverkande kommunerna, "
			"utskick via e-post och en slutkonferens.</p>",
			"partners": [partner(demo, "coompanion")],
			"reports": [
				{"report_type": "Interim report", "due_date": day(-150), "submitted_on": day(-152)},
				{"report_type": "Final report", "due_date": day(25)},
			],
		},
	)
	steps = [(-395, "Write Application"), (-380, "Submit Application"), (-340, "Grant")]
	steps += [(-330, "Start Project"), (-12, "Write Final Report")]
	return walk_all(doc, steps).name


def make_kompetent_social_ekonomi(demo: Demo) -> str:
	doc = start_pipeline(
		demo,
		-300,
		{
			"doctype": "Development Project",
			"title": KOMPETENT,
			"fund": "Other",
			"project_owner": organisation(demo, "coompanion"),
			"start_date": day(-200),
			"end_date": day(200),
			"budget": 1_200_000,
			"own_financing": 200_000,
			"aim": "<p>Kompetensutveckling för främjare och projektledare som stödjer start av nya "
			"sociala företag.</p>",
			"partners": [partner(demo, "sensus"), partner(demo, "sfhsk")],
		},
	)
	return walk_all(
		doc, [(-290, TO_RUNNING[0]), (-260, TO_RUNNING[1]), (-220, "Grant"), (-200, "Start Project")]
	).name


def make_esf_project(demo: Demo) -> str:
	doc = start_pipeline(
		demo,
		-300,
		{
			"doctype": "Development Project",
			"title": ESF_PROJECT,
			"fund": ESF,
			"programme": "Socialfonden, programområde 2: ökat arbetskraftsutbud",
			"project_owner": organisation(demo, "skyddsvarnet"),
			"start_date": day(-240),
			"end_date": day(490),
			"host_grant_per_day": 150,
			"budget": 12_000_000,
			"own_financing": 600_000,
			"co_financing": 2_400_000,
			"aim": "<p>Personer långt från arbetsmarknaden går en sluss med förberedelse och utbildning "
			"och får sedan plats i ett befintligt eller nytt socialt företag eller annan placering. "
			"Mottagande företag får anordnarbidrag per deltagare och dag.</p>",
			"partners": [
				partner(demo, "coompanion"),
				partner(demo, "sfhsk"),
				partner(demo, "sensus"),
				partner(demo, "abf", from_offset=-60),
			],
			"reports": [
				{"report_type": "Interim report", "due_date": day(20)},
				{"report_type": "Final report", "due_date": day(550)},
			],
		},
	)
	doc = walk_all(
		doc, [(-290, TO_RUNNING[0]), (-270, TO_RUNNING[1]), (-245, "Grant"), (-240, "Start Project")]
	)
	return doc.name


def link_to_project(demo: Demo, doctype: str, project: str) -> None:
	"""Link the demo's own records of one doctype to the project they were done in."""
	for name in [name for created_doctype, name in demo.created if created_doctype == doctype]:
		with on_day(day(-1)):
			doc = frappe.get_doc(doctype, name)
			doc.project = project
			doc.save()
