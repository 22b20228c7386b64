"""The development group's meeting of the minutes, the next one, the working group and the annual meeting."""

from datetime import timedelta

import frappe
from frappe.utils import get_datetime

from slup_crm.setup.demo.base import Demo, day, on_day
from slup_crm.setup.demo.organisations import PEOPLE


def make(demo: Demo) -> None:
	held = make_held_meeting(demo)
	make_next_meeting(demo, held)
	make_working_group_meeting(demo)
	make_annual_meeting(demo)
	make_policy_exchange_meeting(demo)


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
				"is_public": 1,  # on the public calendar
				"attendees": [attendee(demo, "jan", "Invited")],
			}
		)


def make_policy_exchange_meeting(demo: Demo) -> None:
	"""The policy exchange's first meeting in five weeks: its members' contacts are invited."""
	with on_day(day(-5)):
		demo.insert(
			{
				"doctype": "Meeting",
				"group": "Policy exchange",
				"title": "Policyutbyte: kommunernas policyer för socialt företagande",
				"meeting_date": day(35),
				"start_time": "13:00:00",
				"end_time": "15:30:00",
				"place": "Sollentuna kommunhus",
			}
		)
