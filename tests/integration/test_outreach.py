import frappe
from frappe.tests.utils import FrappeTestCase

from slup_crm.meetings.outreach import KINDS, get_reach
from tests.support.factories import (
	ensure_outgoing_email_account,
	make_contact,
	make_meeting,
	make_municipality,
	make_organisation,
	make_outreach_activity,
	make_registration,
	make_training,
	make_trip,
)

PERIOD = ("2010-01-01", "2010-12-31")


def attended(event, start_date, *registrations):
	"""Move an event into the period and record attendance as (registration, status, sessions)."""
	frappe.db.set_value(event.doctype, event.name, {"start_date": start_date, "end_date": start_date})
	for registration, status, sessions in registrations:
		frappe.db.set_value(
			"Activity Registration", registration.name, {"status": status, "sessions_attended": sessions}
		)


class TestOutreachActivity(FrappeTestCase):
	def test_municipalities_must_be_municipalities(self):
		association = make_organisation()
		with self.assertRaisesRegex(frappe.ValidationError, "not a municipality"):
			make_outreach_activity(municipalities=[{"municipality": association.name}])

	def test_municipality_listed_twice_is_refused(self):
		municipality = make_municipality()
		with self.assertRaisesRegex(frappe.ValidationError, "listed twice"):
			make_outreach_activity(
				municipalities=[{"municipality": municipality}, {"municipality": municipality}]
			)

	def test_mail_out_reaches_nobody_in_person(self):
		with self.assertRaisesRegex(frappe.ValidationError, "by e-mail"):
			make_outreach_activity(kind="Mail-out", people_in_person=5)
		make_outreach_activity(kind="Mail-out", people_in_person=0, people_by_email=2000)

	def test_negative_counts_are_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_outreach_activity(people_by_email=-1)


class TestReach(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()
		cls.make_data()

	@classmethod
	def make_data(cls):
		"""Built once for the class (FrappeTestCase rolls it back after the last test)."""
		cls.sollentuna = make_municipality()
		cls.sigtuna = make_municipality()
		cls.coop = make_organisation(organisation_type="Social Enterprise", located_in=cls.sollentuna).name
		cls.sensus = make_organisation(organisation_type="Study Association").name
		# Anna: a contact who went on a trip, to a training and to a meeting: one person reached.
		cls.anna = make_contact("Anna", organisation=cls.coop, email="anna.reach@example.se")
		cls.erik = make_contact("Erik", organisation=cls.sollentuna)
		cls.dag = make_contact("Dag")
		trip, training = make_trip(), make_training()
		common = {"organisation_name": None}
		attended(
			trip,
			"2010-03-10",
			(make_registration(trip, email="Anna.Reach@Example.se", organisation=cls.coop), "Attended", 0),
			(make_registration(trip, email="no.show@example.se", **common), "No-show", 0),
			(make_registration(trip, email="confirmed.only@example.se", **common), "Confirmed", 0),
		)
		attended(
			training,
			"2010-04-01",
			(
				make_registration(training, email="anna.reach@example.se", organisation=cls.coop),
				"Confirmed",
				2,
			),
			(make_registration(training, email="bo.reach@example.se", **common), "Confirmed", 1),
			(make_registration(training, email="never.came@example.se", **common), "Confirmed", 0),
		)
		make_meeting(
			meeting_date="2010-02-01",
			status="Held",
			attendees=[
				{"contact": cls.anna.name, "organisation": cls.coop, "attendance": "Present"},
				{"contact": cls.erik.name, "attendance": "Present"},
				{"contact": cls.dag.name, "attendance": "Excused"},
			],
		)
		make_meeting(
			meeting_date="2010-06-01",
			status="Cancelled",
			attendees=[{"contact": make_contact("Fredrik").name, "attendance": "Present"}],
		)
		make_outreach_activity(
			kind="Information meeting",
			activity_date="2010-03-16",
			people_in_person=40,
			municipalities=[{"municipality": cls.sollentuna}, {"municipality": cls.sigtuna}],
			organisations=[{"organisation": cls.coop}, {"organisation": cls.sensus}],
		)
		make_outreach_activity(
			kind="Mail-out", activity_date="2010-05-01", people_in_person=0, people_by_email=2000
		)
		# Outside the period: not counted.
		make_outreach_activity(activity_date="2011-01-10", people_in_person=99)
		make_meeting(
			meeting_date="2011-02-01", attendees=[{"contact": cls.dag.name, "attendance": "Present"}]
		)

	def test_people_are_counted_once_across_trips_trainings_and_meetings(self):
		totals = get_reach(*PERIOD)["totals"]
		# Anna (trip, training, meeting, two spellings of her address), Bo (training), Erik (meeting).
		self.assertEqual(totals["people_identified"], 3)
		self.assertEqual(totals["people_counted_in_person"], 40)
		self.assertEqual(totals["people_in_person"], 43)
		self.assertEqual(totals["people_by_email"], 2000)
		self.assertEqual(totals["organisations"], 3)  # the cooperative, Sollentuna (Erik), Sensus
		self.assertEqual(totals["municipalities"], 2)
		self.assertEqual(totals["activities"], 5)  # trip, training, held meeting, two outreach activities

	def test_reach_by_kind(self):
		by_kind = get_reach(*PERIOD)["by_kind"]
		self.assertEqual(list(by_kind), list(KINDS))
		rows = {
			kind: (
				r["activities"],
				r["people_identified"],
				r["people_in_person"],
				r["people_by_email"],
				r["organisations"],
			)
			for kind, r in by_kind.items()
		}
		self.assertEqual(rows["Trip"], (1, 1, 1, 0, 1))
		self.assertEqual(rows["Training"], (1, 2, 2, 0, 1))
		self.assertEqual(rows["Meeting"], (1, 2, 2, 0, 2))
		self.assertEqual(rows["Information meeting"], (1, 0, 40, 0, 2))
		self.assertEqual(rows["Mail-out"], (1, 0, 0, 2000, 0))
		self.assertEqual(rows["Conference"], (0, 0, 0, 0, 0))

	def test_reach_by_municipality_and_organisation_type(self):
		reach = get_reach(*PERIOD)
		sollentuna = reach["by_municipality"][self.sollentuna]
		self.assertEqual(
			sollentuna["municipality_name"],
			frappe.db.get_value("Organisation", self.sollentuna, "organisation_name"),
		)
		# Anna's cooperative lies in Sollentuna; Erik represented the municipality itself.
		self.assertEqual(
			(
				sollentuna["activities"],
				sollentuna["people_identified"],
				sollentuna["people_counted_in_person"],
				sollentuna["organisations"],
			),
			(1, 2, 40, 2),
		)
		sigtuna = reach["by_municipality"][self.sigtuna]
		self.assertEqual(
			(
				sigtuna["activities"],
				sigtuna["people_identified"],
				sigtuna["people_counted_in_person"],
				sigtuna["organisations"],
			),
			(1, 0, 40, 0),
		)
		types = {
			t: (r["organisations"], r["people_identified"]) for t, r in reach["by_organisation_type"].items()
		}
		self.assertEqual(
			types, {"Municipality": (1, 1), "Social Enterprise": (1, 1), "Study Association": (1, 0)}
		)

	def test_period_limits_what_is_counted(self):
		self.assertEqual(get_reach("2011-01-01", "2011-12-31")["totals"]["people_in_person"], 99 + 1)
		self.assertEqual(get_reach("2010-03-11", "2010-03-31")["totals"]["people_in_person"], 40)
		with self.assertRaisesRegex(frappe.ValidationError, "period"):
			get_reach("2010-12-31", "2010-01-01")

	def test_registrant_without_contact_is_one_person_by_email(self):
		trip = make_trip()
		attended(
			trip,
			"2012-05-01",
			(make_registration(trip, email="Bo.Reach@example.se", organisation_name=None), "Attended", 0),
		)
		training = make_training()
		attended(
			training,
			"2012-06-01",
			(make_registration(training, email="bo.reach@EXAMPLE.se", organisation_name=None), "Attended", 0),
		)
		self.assertEqual(get_reach("2012-01-01", "2012-12-31")["totals"]["people_identified"], 1)
