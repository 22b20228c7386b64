"""The demo: SLUP.SE's development group for social enterprise as its minutes tell it, around today.

Load it into a site with one of::

    bench --site SITE slup-load-demo              # refused on a site that holds data of its own
    bench --site SITE slup-load-demo --force      # loads it next to that data (never twice)
    bench --site SITE execute slup_crm.setup.demo.load
    bench --site SITE execute slup_crm.setup.demo.load --kwargs "{'force': True}"

Both commit when the demo is loaded and write nothing when it is refused or fails.

What it contains (the situation of ``../shared/seed/meeting-minutes-2010-02-01.sv.txt``):

- the organisations named in the minutes (SLUP.SE, Coompanion Stockholms län, Försäkringskassan,
  Arbetsförmedlingen, Tillväxtverket, Sensus, ABF, Storstockholms folkhögskola, Skyddsvärnet,
  Skoopi, the consortium ABC-kooperativen, Folkbildningsförbundet, Spånga Blå Band with Blå
  Vägen, Livsval) and their people (Jan Forslund, Birgitta Israelsson, Majlis Karlsén,
  Ricardo-Osvaldo Alvarado, Britt Lindmark, Lisbeth at Livsval) plus a few invented
  municipal officers, as representatives in the development group; every e-mail address is
  at example.se;
- 11 municipalities cooperating in the information campaign: Sollentuna, Sigtuna, Värmdö and
  Haninge with a policy adopted by the municipal council (Sollentuna already implementing it),
  5 in dialogue, Stockholm in the information campaign and Botkyrka with a drafted policy,
  each with its stage history;
- start-ups at every stage, among them spin-offs of municipal work centres, one in the
  consortium ABC-kooperativen, founded ones registered as organisations, one discontinued;
- four past bus trips to social enterprises and two past train trips to Gothenburg with the
  participants who attended; the study trip to Italy (Emilia-Romagna, San Patrignano; the
  flight is not included in the price) open for registration; the four-day training within
  "Kompetent Social ekonomi" for promoters and project leaders, open for registration;
- the development group's meeting of the minutes (held three weeks ago, with attendance,
  minutes, decisions and action items), the next one created from it, the preparatory working
  group's meeting and SLUP.SE's annual meeting;
- the information campaign's outreach (over 1,800 people met in person, about 2,000 more by
  e-mail) and the national final conference held in eight regions;
- this year's and last year's SLUP.SE memberships, some paid.

How it is made: every record goes through its controller (``insert``, ``save``, the workflow
actions of ``frappe.model.workflow.apply_workflow`` as Administrator, the start-up's
``create_organisation``, the meeting's ``create_next_meeting``), so every rule of the app holds
and the pipelines have their Stage Change history. Dates are relative to today, so the
dashboards look alive. Each step runs "on its day": ``frappe.flags.current_date``, which
``frappe.utils.now()`` honours, dates the records' creation and modification, comments and
versions, while the rules still judge by the real today. The one thing written around a
controller is a timestamp it takes from the real clock: a pipeline record's ``stage_since``
and its Stage Change's ``changed_on`` (``restamp_stage``). Registrations are taken only before
an event starts, so a past trip is created with placeholder dates from tomorrow, takes its
registrations on their days, is then moved to its real dates (that save keeps no version: the
placeholder dates were never real) and its participants are marked as attended, as staff do
after a trip.

E-mail: no e-mail leaves. E-mail is muted while the demo loads; the registration e-mails that
the controllers queue for the invented registrants are removed from the Email Queue before the
demo finishes. Frappe queues e-mail only through an outgoing e-mail account, so on a site
without one a temporary account (a server that is never contacted) serves while the demo loads
and is removed with them (``outbox``); none of it is ever committed.

Refusal and force: a site "holds data of its own" when it has an Organisation other than the 26
municipalities the app installs, or any policy adoption, start-up, trip, training,
registration, meeting, outreach activity or membership (users and contacts do not count:
Frappe makes a contact for every user). ``load()`` refuses such a site unless ``force=True``;
then it adds the demo next to the data, reusing an organisation, contact, policy adoption or
membership that already exists under the same name, e-mail address, municipality or year
instead of creating a second one. Every record the demo creates carries the tag "SLUP Demo"
(list views filter by it). A site that has records with that tag already has the demo, and
``load()`` refuses it even with force: the demo is never loaded twice.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.desk.doctype.tag.tag import DocTags
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, flt, get_datetime, getdate, now, time_diff_in_seconds

from slup_crm.setup.data import STOCKHOLM_MUNICIPALITIES

DEMO_TAG = "SLUP Demo"
SECONDS_PER_DAY = 24 * 60 * 60
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
)


class DemoRefused(frappe.ValidationError):
	pass


# Entry point ------------------------------------------------------------------------------


def load(force: bool = False) -> dict:
	"""Load the demo into the current site and return how many records of each doctype it made.

	Refused (``DemoRefused``) when the demo is already there, and when the site holds data of
	its own unless ``force`` is true. Does not commit: ``bench execute`` and
	``bench slup-load-demo`` commit when it returns.
	"""
	check_site(force)
	demo = Demo()
	with as_administrator(), muted_emails(), outbox():
		make_organisations(demo)
		make_people(demo)
		make_policy_adoptions(demo)
		make_startups(demo)
		make_past_trips(demo)
		make_italy_trip(demo)
		make_training(demo)
		make_meetings(demo)
		make_outreach(demo)
		make_memberships(demo)
		discard_queued_emails(demo)
		tag_records(demo)
	return demo.summary()


# Refusal ----------------------------------------------------------------------------------


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


# What the demo made, and the story's clock ------------------------------------------------


@dataclass
class Demo:
	"""What this load created (to tag it and clean its e-mail) and the names it gave things."""

	created: list[tuple[str, str]] = field(default_factory=list)
	organisations: dict[str, str] = field(default_factory=dict)
	contacts: dict[str, str] = field(default_factory=dict)

	def insert(self, values: dict):
		doc = frappe.get_doc(values).insert()
		self.created.append((doc.doctype, doc.name))
		return doc

	def record(self, doctype: str, name: str) -> None:
		"""Count a record that a controller created for the demo (e.g. a start-up's organisation)."""
		self.created.append((doctype, name))

	def summary(self) -> dict:
		counts = {}
		for doctype, _name in self.created:
			counts[doctype] = counts.get(doctype, 0) + 1
		return counts


def day(offset: int) -> date:
	"""The date ``offset`` days from today (negative: in the past)."""
	return add_days(getdate(), offset)


def this_year(offset: int) -> date:
	"""A past date, but not before the 1st of January of this year (figures "this year")."""
	return max(day(offset), getdate().replace(month=1, day=1))


@contextmanager
def on_day(when: date):
	"""Date what is written inside as happening on ``when`` (at the present time of day).

	``frappe.utils.now()``, which stamps creation, modification, comments and versions, honours
	``frappe.flags.current_date``; dates that rules compare with today are left alone.
	"""
	previous = frappe.flags.current_date
	frappe.flags.current_date = getdate(when)
	try:
		yield
	finally:
		frappe.flags.current_date = previous


@contextmanager
def as_administrator():
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(previous)


@contextmanager
def muted_emails():
	"""Queue e-mail without sending it and without needing an outgoing e-mail account."""
	previous = frappe.flags.mute_emails
	frappe.flags.mute_emails = True
	try:
		yield
	finally:
		frappe.flags.mute_emails = previous


OUTBOX = "SLUP Demo Outbox"


@contextmanager
def outbox():
	"""An outgoing e-mail account for the registration e-mails while the demo loads, when the site has none.

	The registration controller queues an e-mail for every registrant, and Frappe queues e-mail
	only through an outgoing account (its stand-in for muted e-mail has no sender in v15). The
	temporary account names a server that is never contacted; it is deleted before the demo
	finishes, after the e-mails queued through it (``discard_queued_emails``), so it is never
	committed. Frappe's per-process cache of the outgoing account is put back as it was.
	"""
	cached = getattr(frappe.local, "outgoing_email_account", None)
	frappe.local.outgoing_email_account = {}
	account = None
	if not (
		frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1})
		or frappe.conf.get("mail_server")
	):
		account = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": OUTBOX,
				"email_id": "slup-demo@example.se",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "smtp.example.se",
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)  # the demo's own, never committed
	try:
		yield
	finally:
		if account and frappe.db.exists("Email Account", account.name):
			frappe.delete_doc("Email Account", account.name, ignore_permissions=True)
		if cached is None:
			del frappe.local.outgoing_email_account
		else:
			frappe.local.outgoing_email_account = cached


def story_moment():
	return get_datetime(now())


# Organisations and people -----------------------------------------------------------------

# key: (name, type, municipality code it is located in, key of its parent organisation)
ORGANISATIONS = {
	"slup": ("Föreningen SLUP.SE", "Association", "0180", None),
	"coompanion": ("Coompanion Stockholms län", "Cooperative", "0180", None),
	"fk": ("Försäkringskassan", "Government Agency", "0180", None),
	"af": ("Arbetsförmedlingen", "Government Agency", "0180", None),
	"tvv": ("Tillväxtverket", "Government Agency", "0180", None),
	"sensus": ("Sensus studieförbund", "Study Association", "0180", None),
	"abf": ("ABF Stockholm", "Study Association", "0180", None),
	"sfhsk": ("Storstockholms folkhögskola", "Folk High School", "0180", None),
	"skyddsvarnet": ("Skyddsvärnet", "Association", "0180", None),
	"skoopi": ("Skoopi", "Association", None, None),
	"abc": ("ABC-kooperativen", "Consortium", "0180", None),
	"fbf": ("Folkbildningsförbundet Stockholms län", "Association", "0180", None),
	"blaband": ("Spånga Blå Band", "Association", "0180", None),
	"blavagen": ("Blå Vägen", "Social Enterprise", "0180", "blaband"),
	"livsval": ("Livsval", "Social Enterprise", "0126", None),
}

NOTES = {
	"slup": "Paraplyorganisation för den sociala ekonomin i Stockholms län. Tog initiativ till "
	"Utvecklingsgruppen för socialt företagande. Årsavgift 500 kr.",
	"skoopi": "Intresseorganisation för sociala arbetskooperativ. Arrangör av slutkonferensen "
	"tillsammans med Tillväxtverket.",
	"abc": "Konsortium av sociala företag, bildat för att stärka de sociala arbetskooperativen.",
	"skyddsvarnet": "Projektägare för det nya socialfondsprojektet om socialt företagande.",
	"tvv": "Finansiär av informationssatsningen om socialt företagande.",
}

# key: (first name, last name, designation, [(organisation or municipality code, capacity)])
PEOPLE = {
	"jan": (
		"Jan",
		"Forslund",
		"Verksamhetsledare, Coompanion Stockholms län; styrelseledamot SLUP.SE",
		[("coompanion", "Employee"), ("slup", "Elected representative")],
	),
	"birgitta": ("Birgitta", "Israelsson", "Rådgivare", [("coompanion", "Employee")]),
	"majlis": ("Majlis", "Karlsén", "Projektledare", [("sensus", "Employee")]),
	"ricardo": (
		"Ricardo-Osvaldo",
		"Alvarado",
		"Verksamhetsledare",
		[("blaband", "Employee"), ("blavagen", "Employee")],
	),
	"britt": ("Britt", "Lindmark", "Verksamhetsutvecklare", [("fbf", "Employee")]),
	"lisbeth": ("Lisbeth", "", "Verksamhetsledare", [("livsval", "Employee")]),
	# Invented officers of the cooperating municipalities and agencies.
	"karin": ("Karin", "Ekström", "Näringslivsutvecklare", [("0163", "Employee")]),
	"mats": ("Mats", "Holm", "Arbetsförmedlare, TreFas", [("af", "Employee")]),
	"helena": ("Helena", "Strand", "Samverkansansvarig", [("fk", "Employee")]),
	"maria": ("Maria", "Sjöberg", "Kommunsekreterare", [("0191", "Employee")]),
	"lena": ("Lena", "Wikström", "Arbetsmarknadschef", [("0120", "Employee")]),
	"peter": ("Peter", "Nyberg", "Kommunalråd", [("0136", "Politician")]),
}


def municipality(code: str) -> str:
	name = frappe.db.get_value("Organisation", {"municipality_code": code})
	if not name:
		frappe.throw(
			_("The municipality with the code {0} is missing. Run bench migrate to create it first.").format(
				code
			)
		)
	return name


def organisation(demo: Demo, key: str) -> str:
	"""An organisation by its key in ORGANISATIONS, or a municipality by its code."""
	return demo.organisations.get(key) or municipality(key)


def make_organisations(demo: Demo) -> None:
	with on_day(day(-400)):
		for key, (name, organisation_type, located_in, parent) in ORGANISATIONS.items():
			existing = frappe.db.get_value("Organisation", {"organisation_name": name})
			if existing:
				demo.organisations[key] = existing
				continue
			demo.organisations[key] = demo.insert(
				{
					"doctype": "Organisation",
					"organisation_name": name,
					"organisation_type": organisation_type,
					"located_in": municipality(located_in) if located_in else None,
					"parent_organisation": demo.organisations.get(parent),
					"email": f"{key}@example.se",
					"notes": NOTES.get(key),
				}
			).name


def email_of(first_name: str, last_name: str) -> str:
	local = ".".join(filter(None, (first_name, last_name))).lower()
	for letter, plain in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), (" ", "-")):
		local = local.replace(letter, plain)
	return f"{local}@example.se"


def make_people(demo: Demo) -> None:
	"""Contacts of the people in the minutes, representatives of their organisations."""
	with on_day(day(-400)):
		for key, (first_name, last_name, designation, roles) in PEOPLE.items():
			email = email_of(first_name, last_name)
			existing = frappe.db.get_value("Contact", {"email_id": email})
			if existing:
				demo.contacts[key] = existing
				continue
			contact = {
				"doctype": "Contact",
				"first_name": first_name,
				"last_name": last_name,
				"designation": designation,
				"email_ids": [{"email_id": email, "is_primary": 1}],
				"links": [
					{"link_doctype": "Organisation", "link_name": organisation(demo, org)}
					for org, _c in roles
				],
			}
			demo.contacts[key] = demo.insert(contact).name
		for key, (_f, _l, _d, roles) in PEOPLE.items():
			for org, capacity in roles:
				add_representative(demo, organisation(demo, org), demo.contacts[key], capacity)


def add_representative(demo: Demo, org_name: str, contact: str, capacity: str) -> None:
	org = frappe.get_doc("Organisation", org_name)
	if any(row.contact == contact for row in org.representatives):
		return
	org.append("representatives", {"contact": contact, "capacity": capacity, "since": day(-75)})
	org.save()


# Pipelines --------------------------------------------------------------------------------


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
		values["days_in_previous_stage"] = flt(
			time_diff_in_seconds(moment, changes[1].changed_on) / SECONDS_PER_DAY, 2
		)
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
		"join_policy_exchange": 1,
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


# Trips and the training -------------------------------------------------------------------

FIRST_NAMES = (
	"Anna Erik Maria Lars Karin Johan Eva Per Sara Anders Kerstin Mikael Ingrid Fredrik Lena Hassan "
	"Elin Ali Marie Nils Amina Stefan Ulla Jonas Sofia Mehmet Annika Björn Camilla Tomas"
).split()
LAST_NAMES = (
	"Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
	"Pettersson Jonsson Lindberg Axelsson Berg Holm"
).split()
WORKPLACES = [
	"Sollentuna kommun",
	"Sigtuna kommun",
	"Värmdö kommun",
	"Haninge kommun",
	"Huddinge kommun",
	"Botkyrka kommun",
	"Stockholms stad",
	"Järfälla kommun",
	"Nacka kommun",
	"Södertälje kommun",
	"Arbetsförmedlingen",
	"Försäkringskassan",
	"Coompanion Stockholms län",
	"Skyddsvärnet",
	"Livsval",
	"Blå Vägen",
	"ABF Stockholm",
	"Sensus studieförbund",
]


def participant(number: int) -> dict:
	"""An invented registrant (the same number is the same person on every event)."""
	first_name = FIRST_NAMES[number % len(FIRST_NAMES)]
	last_name = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
	return {
		"first_name": first_name,
		"last_name": last_name,
		"email": email_of(first_name, f"{last_name}{number}"),
		"organisation_name": WORKPLACES[number % len(WORKPLACES)],
		"consent": 1,
	}


def register(demo: Demo, event, number: int, when: date):
	"""One registration as the public web form makes it, on the day ``when``."""
	with on_day(when):
		return demo.insert(
			{
				"doctype": "Activity Registration",
				frappe.scrub(event.doctype): event.name,
				**participant(number),
				"consent_given_on": story_moment(),
			}
		)


def register_many(demo: Demo, event, numbers: list[int], first: date, last: date) -> list:
	"""Registrations spread evenly from ``first`` to ``last``."""
	span = (getdate(last) - getdate(first)).days
	return [
		register(demo, event, number, add_days(first, i * span // max(len(numbers) - 1, 1)))
		for i, number in enumerate(numbers)
	]


# (title, kind, destination, start offset, days, seats, price, participants, [(day of trip, place)])
PAST_TRIPS = [
	(
		"Bussresa till sociala företag i Södertälje och Botkyrka",
		"Bus",
		"Södertälje och Botkyrka",
		-300,
		1,
		45,
		150,
		26,
		[(0, "Arbetskooperativ i Södertälje"), (0, "Socialt företag med kafé i Botkyrka")],
	),
	(
		"Tågresa till Göteborg: sociala arbetskooperativ",
		"Train",
		"Göteborg",
		-240,
		2,
		20,
		1200,
		17,
		[(0, "Vägen ut! kooperativen"), (1, "Sociala arbetskooperativ i Göteborg")],
	),
	(
		"Bussresa till sociala företag i norra länet",
		"Bus",
		"Sigtuna och Upplands Väsby",
		-210,
		1,
		45,
		150,
		31,
		[(0, "Arbetscenter i Sigtuna på väg att knoppas av"), (0, "Socialt företag i Upplands Väsby")],
	),
	(
		"Bussresa till Värmdö och Nacka",
		"Bus",
		"Värmdö och Nacka",
		-170,
		1,
		45,
		150,
		24,
		[(0, "Trädgårdskooperativ på Värmdö"), (0, "Socialt företag i Nacka")],
	),
	(
		"Tågresa till Göteborg: konsortier och social franchising",
		"Train",
		"Göteborg",
		-130,
		2,
		20,
		1200,
		15,
		[(0, "Koopkonsortiet i Göteborg"), (1, "Social franchising: Le Mat")],
	),
	(
		"Bussresa till sociala företag i Stockholms stad",
		"Bus",
		"Spånga och Rågsved",
		-95,
		1,
		45,
		150,
		28,
		[(0, "Blå Vägen, Spånga"), (0, "Rågsveds Folkets hus")],
	),
]


def make_past_trips(demo: Demo) -> None:
	for index, spec in enumerate(PAST_TRIPS):
		make_past_trip(demo, index, *spec)


def make_past_trip(demo, index, title, kind, destination, start, days, seats, price, count, visits) -> None:
	"""A trip that took place: created, registered for, held, attendance recorded.

	The rules take registrations only before an event starts (judged by today's date), so the
	trip first has placeholder dates from tomorrow, takes its registrations on their days and is
	then moved to its real dates; the placeholder dates were never real, so that save keeps no
	version.
	"""
	start_date, end_date = day(start), day(start + days - 1)
	with on_day(day(start - 50)):
		trip = demo.insert(
			{
				"doctype": "Trip",
				"title": title,
				"kind": kind,
				"destination": destination,
				"organiser": demo.contacts["jan"],
				"start_date": day(1),
				"end_date": day(days),
				"registration_deadline": getdate(),
				"price": price,
				"seats": seats,
				"published": 1,
				"programme": f"<p>Studiebesök hos sociala företag: {destination}.</p>",
			}
		)
	numbers = [(index * 11 + i) % 60 for i in range(count)]
	registrations = register_many(demo, trip, numbers, day(start - 45), day(start - 8))
	with on_day(end_date):
		trip.reload()
		trip.update(
			{
				"start_date": start_date,
				"end_date": end_date,
				"registration_deadline": day(start - 7),
				"visits": [
					{"place": place, "visit_date": add_days(start_date, offset)} for offset, place in visits
				],
			}
		)
		trip.save(ignore_version=True)
		for i, registration in enumerate(registrations):
			registration.reload()
			registration.status = "No-show" if i % 12 == 11 else "Attended"
			registration.save()


ITALY_PROGRAMME = """<p>Studieresa till Italien med besök på sociala företag och sociala kooperativ i
Emilia-Romagna. Resan är öppen för alla intresserade.</p>
<ul>
<li>Dag 1: Ankomst till Bologna, introduktion till de sociala kooperativen i regionen.</li>
<li>Dag 2: Sociala kooperativ av typ B (arbetsintegrerande) i Bologna.</li>
<li>Dag 3: San Patrignano, kooperativet med 1 800 före detta missbrukare.</li>
<li>Dag 4: Konsortier och kommunernas upphandling med sociala hänsyn.</li>
<li>Dag 5: Erfarenhetsutbyte och sammanfattning.</li>
<li>Dag 6: Hemresa.</li>
</ul>
<p>Observera att flygresan tillkommer till priset.</p>"""


def make_italy_trip(demo: Demo) -> None:
	"""The study trip to Italy, open for registration (seats left)."""
	with on_day(day(-28)):
		trip = demo.insert(
			{
				"doctype": "Trip",
				"title": "Studieresa till Italien: sociala kooperativ i Emilia-Romagna",
				"kind": "Flight",
				"destination": "Emilia-Romagna (Bologna, San Patrignano)",
				"country": "Italy",
				"organiser": demo.contacts["jan"],
				"start_date": day(70),
				"end_date": day(75),
				"registration_deadline": day(40),
				"price": 8900,
				"price_excludes": "Flygresan ingår inte i priset.",
				"seats": 25,
				"published": 1,
				"programme": ITALY_PROGRAMME,
				"visits": [
					{"place": "Sociala kooperativ i Bologna", "visit_date": day(71)},
					{"place": "San Patrignano", "visit_date": day(72)},
				],
			}
		)
	register_many(demo, trip, list(range(3, 17)), day(-21), day(-1))


def make_training(demo: Demo) -> None:
	"""The four-day training for promoters and project leaders, open for registration."""
	topics = [
		"Dag 1: Vad är ett socialt företag? Lagar, former och finansiering",
		"Dag 2: Från affärsidé till affärsplan",
		"Dag 3: Handledning och arbetsintegrering",
		"Dag 4: Samverkan med kommun, Arbetsförmedlingen och Försäkringskassan",
	]
	with on_day(day(-25)):
		training = demo.insert(
			{
				"doctype": "Training",
				"title": "Utbildning för främjare och projektledare vid start av sociala företag",
				"project": "Kompetent Social ekonomi",
				"audience": "Främjare och projektledare som stödjer start av nya sociala företag",
				"seats": 24,
				"registration_deadline": day(14),
				"published": 1,
				"description": "<p>En utbildning om fyra dagar under fyra månader inom ramen för projektet "
				"Kompetent Social ekonomi.</p>",
				"sessions": [
					{
						"session_date": day(28 + 28 * i),
						"start_time": "09:00:00",
						"end_time": "16:00:00",
						"place": "Storstockholms folkhögskola",
						"topic": topic,
					}
					for i, topic in enumerate(topics)
				],
			}
		)
	register_many(demo, training, list(range(20, 29)), day(-18), day(-1))


# Meetings ---------------------------------------------------------------------------------

AGENDA = """<ol>
<li>Introduktion inför diskussionerna</li>
<li>Rapport till Tillväxtverket om informationssatsningen socialt företagande</li>
<li>Uppdrag och mål för utvecklingsgruppens arbete</li>
<li>Aktiviteter under året</li>
<li>Prioriteringar och arbetsfördelning</li>
</ol>"""

MINUTES = """<p><strong>1. Introduktion.</strong> Jan Forslund från SLUP.SE:s styrelse, verksamhetsledare
på Coompanion Stockholms län, berättade om föreningen SLUP.SE, paraplyorganisationen för länets
sociala ekonomi, som tagit initiativ till utvecklingsgruppen. Föreningen har inga ekonomiska
resurser för gruppen; det går att bli medlem mot en årsavgift av 500 kr.</p>
<p><strong>2. Rapport till Tillväxtverket.</strong> Informationssatsningen har nått över 1 800
personer på plats och ca 2 000 personer till via e-post. Fyra bussresor och två tågresor till
Göteborg har genomförts. 11 kommuner har samverkat aktivt; Sollentuna, Sigtuna, Värmdö och Haninge
har antagit en policy för socialt företagande och social ekonomi, med ytterligare fem kommuner förs
en dialog. Flera kommunala arbetscenter har börjat knoppas av, och konsortiet ABC-kooperativen har
bildats.</p>
<p><strong>3. Mål och arbetssätt.</strong> Se besluten nedan.</p>
<p><strong>4. Aktiviteter.</strong> Majlis Karlsén informerade om ett nytt socialfondsprojekt med
Skyddsvärnet som projektägare. Studieresan till Italien är öppen för anmälan (flygresan tillkommer).
Utbildningen för främjare och projektledare inom Kompetent Social ekonomi startar snart.</p>
<p><strong>5. Arbetsfördelning.</strong> En förberedande arbetsgrupp bildas.</p>"""

DECISIONS = [
	"Utvecklingsgruppen ska främja och stödja tillkomsten av hållbara arbetsintegrerande sociala "
	"företag i Stockholms län och samverkan mellan det sociala företagandets intressenter.",
	"Medlemskap i SLUP.SE krävs inte för att vara med i utvecklingsgruppen.",
	"En förberedande arbetsgrupp bildas: Ricardo-Osvaldo Alvarado, Sollentuna kommun, Af/TreFas, "
	"Lisbeth (Livsval), Britt Lindmark och Jan Forslund.",
	"Gruppen håller fyra möten om 2,5 timmar under året.",
]


# (responsible person, what, due in days from today, status)
ACTION_ITEMS = [
	("birgitta", "Skicka ut namnlistan med minnesanteckningarna.", -14, "Done"),
	("jan", "Föreslå fyra mötesdatum under året: april, slutet av september, början av december.", 9, "Open"),
	("britt", "Samla in varje organisations rapport på några rader inför nästa möte.", 30, "Open"),
	("majlis", "Sammanställ vilka organisationer som vill gå in i socialfondsprojektet.", 14, "Open"),
]
# Invited to the development group's meeting (everyone in PEOPLE).
MEETING_PEOPLE = tuple(PEOPLE)


def make_meetings(demo: Demo) -> None:
	held = make_held_meeting(demo)
	make_next_meeting(demo, held)
	make_working_group_meeting(demo)
	make_annual_meeting(demo)


def attendee(demo: Demo, key: str, attendance: str) -> dict:
	return {"contact": demo.contacts[key], "attendance": attendance}


def make_held_meeting(demo: Demo):
	"""The meeting of the minutes, three weeks ago: attendance, minutes, decisions, action items."""
	meeting_date = day(-21)
	with on_day(day(-35)):
		meeting = demo.insert(
			{
				"doctype": "Meeting",
				"group": "Development group",
				"title": f"Utvecklingsgruppen för socialt företagande {meeting_date}",
				"meeting_date": meeting_date,
				"start_time": "15:00:00",
				"end_time": "17:00:00",
				"place": "Försäkringskassan, Klara Västra kyrkogata 11",
				"agenda": AGENDA,
				"attendees": [attendee(demo, key, "Invited") for key in MEETING_PEOPLE],
			}
		)
	with on_day(meeting_date):
		meeting.reload()
		meeting.status = "Held"
		for row in meeting.attendees:
			row.attendance = "Excused" if row.contact == demo.contacts["peter"] else "Present"
		meeting.minutes = MINUTES
		meeting.decisions = []
		for decision in DECISIONS:
			meeting.append("decisions", {"decision": decision})
		for key, description, due, status in ACTION_ITEMS:
			meeting.append(
				"action_items",
				{
					"description": description,
					"responsible": demo.contacts[key],
					"due_date": day(due),
					"status": status,
				},
			)
		meeting.save()
	return meeting


def make_next_meeting(demo: Demo, held) -> None:
	"""The next meeting, created from the held one (the open action items move over)."""
	from slup_crm.meetings.doctype.meeting.meeting import create_next_meeting

	next_date = day(45)
	with on_day(day(-20)):
		name = create_next_meeting(held.name, str(next_date))
		demo.record("Meeting", name)
		meeting = frappe.get_doc("Meeting", name)
		meeting.title = f"Utvecklingsgruppen för socialt företagande {next_date}"
		meeting.start_time, meeting.end_time = "14:00:00", "16:30:00"
		meeting.report_deadline = get_datetime(f"{day(38)} 23:59:00")
		meeting.agenda = (
			"<ol><li>Rapporter från organisationerna</li><li>Gemensam kommunal policy och forum för "
			"kommunerna</li><li>Socialfondsprojektet</li><li>Mötesplan för året</li></ol>"
		)
		meeting.save()


def make_working_group_meeting(demo: Demo) -> None:
	meeting_date = day(9)
	with on_day(day(-15)):
		demo.insert(
			{
				"doctype": "Meeting",
				"group": "Working group",
				"title": f"Förberedande arbetsgruppen {meeting_date}",
				"meeting_date": meeting_date,
				"start_time": "15:00:00",
				"end_time": "16:30:00",
				"place": "Coompanion Stockholms län",
				"agenda": "<p>Förbereda utvecklingsgruppens nästa möte; idéer och förslag som kommit in "
				"till socialaforetag@example.se.</p>",
				"attendees": [
					attendee(demo, key, "Invited")
					for key in ("ricardo", "karin", "mats", "lisbeth", "britt", "jan")
				],
			}
		)


def make_annual_meeting(demo: Demo) -> None:
	"""SLUP.SE's annual meeting with a network meeting and seminar, on a Saturday in two months."""
	meeting_date = day(60)
	meeting_date = meeting_date + timedelta(days=(5 - meeting_date.weekday()) % 7)
	with on_day(day(-10)):
		demo.insert(
			{
				"doctype": "Meeting",
				"group": "Annual meeting",
				"title": f"SLUP.SE årsmöte och nätverksmöte/seminarium {meeting_date.year}",
				"meeting_date": meeting_date,
				"start_time": "10:00:00",
				"end_time": "14:00:00",
				"place": "Rågsveds Folkets hus",
				"attendees": [attendee(demo, "jan", "Invited")],
			}
		)


# Outreach and memberships -----------------------------------------------------------------

# The information campaign: one information meeting per cooperating municipality (1,815 people).
INFORMATION_MEETINGS = [
	("0163", -320, 215),
	("0191", -300, 180),
	("0120", -285, 165),
	("0136", -260, 240),
	("0180", -240, 150),
	("0127", -220, 175),
	("0126", -200, 120),
	("0123", -180, 145),
	("0182", -160, 130),
	("0181", -130, 160),
	("0114", -60, 135),
]
MAIL_OUTS = [(-280, 820), (-180, 640), (-90, 560)]  # about 2,000 people by e-mail


def make_outreach(demo: Demo) -> None:
	partners = [{"organisation": demo.organisations[key]} for key in ("coompanion", "slup")]
	for code, offset, people in INFORMATION_MEETINGS:
		name = municipality(code)
		place = frappe.db.get_value("Organisation", name, "organisation_name")
		with on_day(day(offset)):
			demo.insert(
				{
					"doctype": "Outreach Activity",
					"title": f"Informationsmöte om socialt företagande: {place}",
					"kind": "Information meeting",
					"activity_date": day(offset),
					"municipalities": [{"municipality": name}],
					"organisations": partners,
					"people_in_person": people,
				}
			)
	for round_number, (offset, people) in enumerate(MAIL_OUTS, start=1):
		with on_day(day(offset)):
			demo.insert(
				{
					"doctype": "Outreach Activity",
					"title": f"Informationssatsningen: utskick {round_number} via e-post",
					"kind": "Mail-out",
					"activity_date": day(offset),
					"organisations": partners,
					"people_by_email": people,
				}
			)
	with on_day(day(-14)):
		demo.insert(
			{
				"doctype": "Outreach Activity",
				"title": "Slutkonferens för informationssatsningen om socialt företagande",
				"kind": "Conference",
				"activity_date": day(-14),
				"organisations": [
					{"organisation": demo.organisations[key]}
					for key in ("skoopi", "tvv", "coompanion", "slup")
				],
				"people_in_person": 95,
				"notes": "<p>Nationell konferens som hölls parallellt i alla åtta regionerna, arrangerad av "
				"Skoopi och Tillväxtverket. Regionalt hade vi 1 timme och 45 minuter.</p>",
			}
		)


# (organisation key or municipality code, status this year, paid days ago)
MEMBERSHIPS = [
	("coompanion", "Paid", -60),
	("sensus", "Paid", -45),
	("skyddsvarnet", "Paid", -30),
	("blaband", "Paid", -20),
	("0163", "Paid", -10),
	("abf", "Unpaid", None),
	("livsval", "Unpaid", None),
	("fbf", "Waived", None),
]


def make_memberships(demo: Demo) -> None:
	year = getdate().year
	for key, status, paid in MEMBERSHIPS:
		org = organisation(demo, key)
		last_year_paid = date(year - 1, 3, 15)
		with on_day(last_year_paid):
			add_membership(demo, org, year - 1, "Paid", last_year_paid)
		paid_date = this_year(paid) if paid is not None else None
		with on_day(paid_date or this_year(-5)):
			add_membership(demo, org, year, status, paid_date)


def add_membership(demo: Demo, org: str, year: int, status: str, paid_date) -> None:
	if frappe.db.exists("Membership", {"organisation": org, "year": year}):
		return  # forced load: the site's own membership of this year stays
	demo.insert(
		{
			"doctype": "Membership",
			"organisation": org,
			"year": year,
			"status": status,
			"paid_date": paid_date,
			"payment_reference": f"BG {year}-{org}" if status == "Paid" else None,
		}
	)


# Finishing --------------------------------------------------------------------------------


def discard_queued_emails(demo: Demo) -> None:
	"""The registrants are invented: remove the e-mails queued for them so that none is ever sent."""
	by_doctype: dict[str, list[str]] = {}
	for doctype, name in demo.created:
		by_doctype.setdefault(doctype, []).append(name)
	for doctype, names in by_doctype.items():
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": doctype, "reference_name": ("in", names)},
			pluck="name",
		)
		for name in queued:
			frappe.delete_doc("Email Queue", name, ignore_permissions=True)  # mail the demo itself queued


def tag_records(demo: Demo) -> None:
	"""Tag everything the demo created with DEMO_TAG (how a later load knows the demo is there)."""
	for doctype, name in demo.created:
		DocTags(doctype).add(name, DEMO_TAG)
