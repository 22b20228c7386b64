"""Past trips with their participants, the study trip to Italy and the four-day training, open now."""

from datetime import date

import frappe
from frappe.utils import add_days, getdate

from slup_crm.setup.demo.base import Demo, day, email_of, on_day, story_moment


def make(demo: Demo) -> None:
	make_past_trips(demo)
	make_italy_trip(demo)
	make_training(demo)


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


# The municipal officers of the demo's people who went on a past trip (by the trip's index), so that
# a municipality's form shows its people's last trip.
TRIP_OFFICERS = {2: ("maria", "karin"), 3: ("lena",)}


def register_officers(demo: Demo, trip, index: int, when: date) -> list:
	"""The demo's people (``organisations.PEOPLE``) on the trip, registered as the web form does."""
	registrations = []
	for key in TRIP_OFFICERS.get(index, ()):
		contact = frappe.db.get_value(
			"Contact", demo.contacts[key], ["first_name", "last_name", "email_id"], as_dict=True
		)
		organisation = frappe.db.get_value(
			"Dynamic Link",
			{"parenttype": "Contact", "parent": demo.contacts[key], "link_doctype": "Organisation"},
			"link_name",
		)
		with on_day(when):
			registrations.append(
				demo.insert(
					{
						"doctype": "Activity Registration",
						"trip": trip.name,
						"first_name": contact.first_name,
						"last_name": contact.last_name,
						"email": contact.email_id,
						"organisation": organisation,
						"organisation_name": frappe.db.get_value(
							"Organisation", organisation, "organisation_name"
						),
						"consent": 1,
						"consent_given_on": story_moment(),
					}
				)
			)
	return registrations


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
	registrations = register_officers(demo, trip, index, day(start - 40))
	registrations += register_many(demo, trip, numbers, day(start - 45), day(start - 8))
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
