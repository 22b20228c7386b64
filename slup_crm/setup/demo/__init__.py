"""The demo: SLUP.SE's development group for social enterprise as its minutes tell it, around today.

Load it into a site with one of::

    bench --site SITE slup-load-demo              # refused on a site that holds data of its own
    bench --site SITE slup-load-demo --force      # loads it next to that data (never twice)
    bench --site SITE execute slup_crm.setup.demo.load
    bench --site SITE execute slup_crm.setup.demo.load --kwargs "{'force': True}"

Both commit when the demo is loaded and write nothing when it is refused or fails.

Remove it again (everything it made, nothing a user added; refused, writing nothing, while the
site's own records link to it; see ``removal``) with one of::

    bench --site SITE slup-remove-demo            # asks first; --yes does not
    bench --site SITE execute slup_crm.setup.demo.remove

The demo is made by its parts, the modules of this package named in ``PARTS``, in that order:
each has ``make(demo: Demo)`` and creates its records through ``demo.insert`` (or counts what a
controller made with ``demo.record``), dated with ``on_day`` (``slup_crm.setup.demo.base``). To
add a part, write a module here with ``make`` and add it to ``PARTS`` after the parts whose
records it refers to. A part that writes into records that are not the demo's (a row in an
installed record, say) also has ``release(records)`` that takes it out again when the demo is
removed; what it created through ``demo.insert`` is removed without it.

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
- this year's and last year's SLUP.SE memberships, some paid;
- fees: the past trips paid, the trip to Italy with paid and unpaid registrations (one paid in
  part, one payment with a mistyped OCR reference to resolve), this year's unpaid membership fees;
- the funded projects: the information campaign paid by Tillväxtverket (its outreach done in it,
  its final report due within the month), "Kompetent Social ekonomi" (the training is given in
  it) and the new European Social Fund project owned by Skyddsvärnet with Coompanion,
  Storstockholms folkhögskola, Sensus and ABF as partners, each with its stage history;
- the ESF project's gateway (sluss): six invented participants from referral to placement (three
  of them placed at Blå Vägen, Livsval and a start-up of the pipeline, one ended with studies),
  last month's attendance and its host grant, paid to Blå Vägen.

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

from slup_crm.setup.demo import (
	activities,
	fees,
	gateway,
	meetings,
	memberships,
	organisations,
	outreach,
	pipelines,
	projects,
)
from slup_crm.setup.demo.base import (
	DEMO_TAG,
	Demo,
	DemoRefused,
	as_administrator,
	discard_queued_emails,
	muted_emails,
	outbox,
	tag_records,
)
from slup_crm.setup.demo.guard import check_site, data_of_its_own, demo_loaded
from slup_crm.setup.demo.removal import remove as remove_records

__all__ = ["DEMO_TAG", "PARTS", "DemoRefused", "data_of_its_own", "demo_loaded", "load", "remove"]

# The parts of the story, in the order they are made (a part may refer to the records of the
# parts before it: everything refers to the organisations and people).
PARTS = (
	organisations,  # the organisations and people of the minutes, representatives
	pipelines,  # policy adoptions and start-ups with their stage history
	activities,  # past trips, the trip to Italy, the training, with registrations
	meetings,  # the development group's meetings
	outreach,  # the information campaign
	memberships,  # SLUP.SE memberships
	projects,  # the funded projects; the training and the campaign's outreach linked to theirs
	gateway,  # the ESF gateway: participants, placements, a month of host grants (after the projects)
	fees,  # what the registrations and memberships above owe, and what came in (after them all)
)


def load(force: bool = False) -> dict:
	"""Load the demo into the current site and return how many records of each doctype it made.

	Refused (``DemoRefused``) when the demo is already there, and when the site holds data of
	its own unless ``force`` is true. Does not commit: ``bench execute`` and
	``bench slup-load-demo`` commit when it returns.
	"""
	check_site(force)
	demo = Demo()
	with as_administrator(), muted_emails(), outbox():
		for part in PARTS:
			part.make(demo)
		discard_queued_emails(demo)
		tag_records(demo)
	return demo.summary()


def remove() -> dict:
	"""Remove what the demo made and nothing else; return how many records of each doctype went.

	Refused (``DemoRefused``, nothing written) when there is no demo or when the site's own
	records link to it (see ``slup_crm.setup.demo.removal``). Does not commit:
	``bench slup-remove-demo`` commits when it returns.
	"""
	return remove_records(PARTS)
