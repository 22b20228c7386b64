"""The demo tells the story of the minutes, dated around today, and never lands on real data uninvited."""

from itertools import pairwise

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from slup_crm.development.stages import ADOPTED_STAGES
from slup_crm.insights import dashboard
from slup_crm.meetings.outreach import get_reach
from slup_crm.setup import demo
from tests.support.factories import (
	make_contact,
	make_membership,
	make_organisation,
	make_registration,
	make_trip,
)

ADOPTERS = ("0163", "0191", "0120", "0136")  # Sollentuna, Sigtuna, Värmdö, Haninge
ITALY = "Studieresa till Italien: sociala kooperativ i Emilia-Romagna"
TRAINING = "Utbildning för främjare och projektledare vid start av sociala företag"


def demo_names(doctype):
	return frappe.get_all(doctype, filters={"_user_tags": ("like", f"%{demo.DEMO_TAG}%")}, pluck="name")


def what_the_demo_writes():
	return {
		doctype: frappe.db.count(doctype)
		for doctype in ("Organisation", "Contact", "Policy Adoption", "Trip", "Tag Link", "Email Queue")
	}


class TestDemoRefusal(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()  # each test starts from the site as the class found it

	def test_load_is_refused_on_a_site_with_data_of_its_own_and_writes_nothing(self):
		make_organisation(organisation_name="Föreningen Verklig Data")
		before = what_the_demo_writes()
		with self.assertRaises(demo.DemoRefused) as refusal:
			demo.load()
		self.assertIn("Organisation (1)", str(refusal.exception))
		self.assertEqual(what_the_demo_writes(), before)

	def test_users_and_their_contacts_are_not_data_of_its_own(self):
		before = demo.data_of_its_own()
		frappe.get_doc(
			{
				"doctype": "User",
				"email": "demo-user@example.se",
				"first_name": "Demo",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
		self.assertTrue(frappe.db.exists("Contact", {"email_id": "demo-user@example.se"}))
		self.assertEqual(demo.data_of_its_own(), before)

	def test_there_is_nothing_to_remove_without_a_demo(self):
		with self.assertRaises(demo.DemoRefused):
			demo.remove()

	def test_a_forced_load_keeps_the_sites_own_records_and_adds_no_second_one(self):
		own = make_organisation(
			organisation_name="Coompanion Stockholms län", organisation_type="Cooperative"
		)
		huddinge = frappe.db.get_value("Organisation", {"municipality_code": "0126"})
		policy = frappe.get_doc({"doctype": "Policy Adoption", "municipality": huddinge}).insert()
		demo.load(force=True)
		self.assertEqual(
			frappe.get_all("Organisation", {"organisation_name": own.organisation_name}, pluck="name"),
			[own.name],
		)
		self.assertEqual(frappe.db.get_value("Policy Adoption", policy.name, "stage"), "Not contacted")
		self.assertEqual(frappe.db.count("Policy Adoption", {"municipality": huddinge}), 1)
		self.assertEqual(len(demo_names("Policy Adoption")), 10)
		self.assertNotIn(policy.name, demo_names("Policy Adoption"))
		self.assertNotIn(own.name, demo_names("Organisation"))


class TestDemoStory(FrappeTestCase):
	"""One forced load (the test site may hold other classes' committed users), read by every test."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.counts = demo.load(force=True)

	def policies(self):
		return frappe.get_all(
			"Policy Adoption",
			filters={"name": ("in", demo_names("Policy Adoption"))},
			fields=[
				"name",
				"municipality",
				"stage",
				"decided_by",
				"decision_date",
				"policy_url",
				"stage_since",
			],
		)

	def test_eleven_municipalities_cooperate_four_adopted_five_in_dialogue(self):
		policies = self.policies()
		self.assertEqual(len(policies), 11)
		codes = {
			p.name: frappe.db.get_value("Organisation", p.municipality, "municipality_code") for p in policies
		}
		adopted = [p for p in policies if p.stage in ADOPTED_STAGES]
		self.assertEqual(sorted(codes[p.name] for p in adopted), sorted(ADOPTERS))
		self.assertEqual(len([p for p in policies if p.stage == "In dialogue"]), 5)
		for policy in adopted:
			self.assertEqual(policy.decided_by, "Municipal council")
			self.assertLess(getdate(policy.decision_date), getdate())
			self.assertIn("example.se", policy.policy_url)
		self.assertEqual(dashboard.municipalities_with_adopted_policy(), "4 / 26")

	def test_the_four_adopted_policies_are_in_the_library_and_several_in_the_exchange(self):
		from slup_crm.activities import calendar
		from slup_crm.development import policy_exchange, policy_library

		self.assertEqual(sorted(p.code for p in policy_library.public_policies()), sorted(ADOPTERS))
		members = policy_exchange.members()
		self.assertGreaterEqual(len(members), 5)
		codes = {frappe.db.get_value("Organisation", m.organisation, "municipality_code") for m in members}
		self.assertLessEqual(set(ADOPTERS), codes)
		exchange_meeting = frappe.get_all(
			"Meeting",
			filters={"group": "Policy exchange", "name": ("in", demo_names("Meeting"))},
			pluck="name",
		)
		self.assertEqual(len(exchange_meeting), 1)
		invited = frappe.get_all("Meeting Attendee", filters={"parent": exchange_meeting[0]}, pluck="contact")
		self.assertEqual(set(invited), {m.contact for m in members})
		kinds = {entry.kind for entry in calendar.upcoming()}
		self.assertEqual(kinds, {"Trip", "Training", "Meeting"})

	def test_pipelines_have_a_stage_history_in_the_past(self):
		for policy in self.policies():
			history = frappe.get_all(
				"Stage Change",
				filters={"reference_doctype": "Policy Adoption", "reference_name": policy.name},
				fields=["from_stage", "to_stage", "changed_on", "days_in_previous_stage"],
				order_by="changed_on asc",
			)
			self.assertIsNone(history[0].from_stage)
			self.assertEqual(history[-1].to_stage, policy.stage)
			self.assertEqual(history[-1].changed_on, policy.stage_since)
			self.assertLess(getdate(policy.stage_since), add_days(getdate(), -30))
			for previous, change in pairwise(history):
				self.assertEqual(change.from_stage, previous.to_stage)
				self.assertGreater(change.days_in_previous_stage, 1)

	def test_start_ups_at_several_stages_with_spin_offs_a_consortium_and_registered_organisations(self):
		startups = frappe.get_all(
			"Social Enterprise Startup",
			filters={"name": ("in", demo_names("Social Enterprise Startup"))},
			fields=["name", "stage", "origin", "consortium", "organisation"],
		)
		self.assertGreaterEqual(len({s.stage for s in startups}), 5)
		self.assertGreaterEqual(
			len([s for s in startups if s.origin == "Spin-off of a municipal work centre"]), 3
		)
		consortium = [s for s in startups if s.consortium]
		self.assertEqual(
			frappe.db.get_value("Organisation", consortium[0].consortium, "organisation_name"),
			"ABC-kooperativen",
		)
		registered = [s for s in startups if s.organisation]
		self.assertTrue(registered)
		for startup in registered:
			self.assertEqual(
				frappe.db.get_value("Organisation", startup.organisation, "organisation_type"),
				"Social Enterprise",
			)
		self.assertGreaterEqual(dashboard.startups_founded_this_year(), 1)

	def test_organisations_and_people_of_the_minutes_with_example_addresses_only(self):
		names = set(frappe.get_all("Organisation", pluck="organisation_name"))
		for name in (
			"Coompanion Stockholms län",
			"Försäkringskassan",
			"ABC-kooperativen",
			"Skoopi",
			"Livsval",
		):
			self.assertIn(name, names)
		people = {c.full_name: c for c in frappe.get_all("Contact", fields=["full_name", "email_id"])}
		for name in ("Jan Forslund", "Birgitta Israelsson", "Majlis Karlsén", "Britt Lindmark"):
			self.assertTrue(people[name].email_id.endswith("@example.se"))
		emails = frappe.get_all(
			"Activity Registration",
			filters={"name": ("in", demo_names("Activity Registration"))},
			pluck="email",
		)
		self.assertTrue(emails)
		self.assertTrue(all(email.endswith("@example.se") for email in emails))

	def test_past_trips_are_completed_with_attended_participants(self):
		trips = frappe.get_all(
			"Trip",
			filters={"name": ("in", demo_names("Trip")), "title": ("!=", ITALY)},
			fields=["name", "kind", "destination", "status", "end_date"],
		)
		self.assertEqual(len([t for t in trips if t.kind == "Bus"]), 4)
		self.assertEqual(len([t for t in trips if t.kind == "Train" and t.destination == "Göteborg"]), 2)
		for trip in trips:
			self.assertEqual(trip.status, "Completed")
			self.assertLess(getdate(trip.end_date), getdate())
			attended = frappe.get_all(
				"Activity Registration", filters={"trip": trip.name, "status": "Attended"}, pluck="creation"
			)
			self.assertGreaterEqual(len(attended), 10)
			self.assertTrue(all(getdate(created) < getdate(trip.end_date) for created in attended))

	def test_the_italy_trip_is_open_with_seats_left_and_a_deadline_ahead(self):
		trip = frappe.get_doc("Trip", {"title": ITALY})
		self.assertEqual(trip.status, "Open")
		self.assertGreater(trip.seats_left, 0)
		self.assertGreater(trip.seats_taken, 0)
		self.assertGreater(getdate(trip.registration_deadline), getdate())
		self.assertGreater(getdate(trip.start_date), getdate())
		self.assertIn("Flyg", trip.price_excludes)
		self.assertGreater(dashboard.registrations_last_30_days(), 0)

	def test_the_four_day_training_is_open_for_registration(self):
		training = frappe.get_doc("Training", {"title": TRAINING})
		self.assertEqual(
			frappe.db.get_value("Development Project", training.project, "title"), "Kompetent Social ekonomi"
		)
		self.assertEqual(len(training.sessions), 4)
		self.assertEqual(training.status, "Open")
		self.assertGreater(getdate(training.registration_deadline), getdate())
		self.assertGreater(getdate(training.start_date), getdate(training.registration_deadline))

	def test_the_development_groups_meetings(self):
		meetings = frappe.get_all(
			"Meeting",
			filters={"name": ("in", demo_names("Meeting"))},
			fields=["name", "group", "status", "meeting_date", "previous_meeting"],
		)
		held = [m for m in meetings if m.status == "Held"]
		self.assertEqual(len(held), 1)
		self.assertLess(getdate(held[0].meeting_date), getdate())
		minutes = frappe.get_doc("Meeting", held[0].name)
		self.assertIn("1 800", minutes.minutes)
		self.assertTrue(minutes.decisions)
		self.assertTrue(minutes.action_items)
		following = [m for m in meetings if m.previous_meeting == held[0].name]
		self.assertEqual(len(following), 1)
		self.assertGreater(getdate(following[0].meeting_date), getdate())
		carried = frappe.get_doc("Meeting", following[0].name).action_items
		self.assertTrue(carried)
		self.assertEqual(
			{m.group for m in meetings},
			{"Development group", "Working group", "Annual meeting", "Policy exchange"},
		)

	def test_outreach_reached_over_1800_in_person_and_about_2000_by_email(self):
		reach = get_reach(add_days(getdate(), -400), getdate())
		self.assertGreater(reach["totals"]["people_counted_in_person"], 1800)
		self.assertGreaterEqual(reach["totals"]["people_by_email"], 1900)
		conference = frappe.get_all(
			"Outreach Activity",
			filters={"kind": "Conference", "name": ("in", demo_names("Outreach Activity"))},
		)
		self.assertEqual(len(conference), 1)

	def test_the_funded_projects_with_owners_partners_and_reports(self):
		from slup_crm.setup.demo.gateway import ESF_PROJECT
		from slup_crm.setup.demo.projects import CAMPAIGN

		esf = frappe.get_doc("Development Project", {"title": ESF_PROJECT})
		self.assertEqual(esf.stage, "Running")
		self.assertEqual(esf.fund, "European Social Fund")
		partners = {row.organisation_name: row.role for row in esf.partners}
		self.assertEqual(partners.pop("Skyddsvärnet"), "Project owner")
		self.assertEqual(
			set(partners),
			{
				"Coompanion Stockholms län",
				"Storstockholms folkhögskola",
				"Sensus studieförbund",
				"ABF Stockholm",
			},
		)
		history = frappe.get_all(
			"Stage Change", {"reference_name": esf.name}, pluck="changed_on", order_by="changed_on asc"
		)
		self.assertEqual(len(history), 5)
		self.assertTrue(all(getdate(changed) < getdate() for changed in history))
		campaign = frappe.get_doc("Development Project", {"title": CAMPAIGN})
		self.assertEqual((campaign.stage, campaign.fund), ("Final report", "Tillväxtverket"))
		final = next(r for r in campaign.reports if r.report_type == "Final report")
		self.assertFalse(final.submitted_on)
		self.assertLess(getdate(final.due_date), add_days(getdate(), 31))
		# The Tillväxtverket report of the minutes is the outreach of the campaign's project.
		reach = get_reach(add_days(getdate(), -400), getdate(), campaign.name)
		self.assertGreater(reach["totals"]["people_counted_in_person"], 1800)
		self.assertGreaterEqual(reach["totals"]["people_by_email"], 1900)
		self.assertEqual(
			frappe.get_all(
				"Outreach Activity", {"name": ("in", demo_names("Outreach Activity"))}, pluck="project"
			),
			[campaign.name] * len(demo_names("Outreach Activity")),
		)

	def test_memberships_of_this_year_some_paid(self):
		self.assertGreaterEqual(dashboard.members_paid_this_year(), 3)
		self.assertTrue(frappe.db.exists("Membership", {"year": getdate().year, "status": "Unpaid"}))

	def test_no_email_is_left_queued_for_the_invented_people(self):
		registrations = demo_names("Activity Registration")
		self.assertTrue(registrations)
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Activity Registration", "reference_name": ("in", registrations)},
		)
		self.assertEqual(queued, [])

	def test_the_demo_is_never_loaded_twice(self):
		for force in (False, True):
			with self.assertRaises(demo.DemoRefused):
				demo.load(force=force)
		self.assertEqual(len(demo_names("Policy Adoption")), 11)


def representatives(organisation):
	return sorted(
		(row.contact, row.capacity) for row in frappe.get_doc("Organisation", organisation).representatives
	)


def snapshot(doctype, name):
	"""A record's values and child rows (without the standard fields, which saving changes)."""
	return frappe.get_doc(doctype, name).as_dict(no_default_fields=True, convert_dates_to_str=True)


def installed_municipalities():
	return frappe.get_all("Organisation", filters={"municipality_code": ("is", "set")}, pluck="name")


class TestDemoRemoval(FrappeTestCase):
	"""The site's own records, then the demo (forced) next to them; removing it takes only the demo's."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# An organisation the demo also knows (it reuses it and adds its people to it), a person,
		# a policy adoption, a trip with a registration and a membership of the site's own.
		cls.own_org = make_organisation(
			organisation_name="Coompanion Stockholms län", organisation_type="Cooperative"
		)
		cls.own_contact = make_contact(
			"Eva", "Egen", organisation=cls.own_org.name, email="eva.egen@example.org"
		)
		cls.own_org.reload()
		cls.own_org.append("representatives", {"contact": cls.own_contact.name, "capacity": "Employee"})
		cls.own_org.save()
		huddinge = frappe.db.get_value("Organisation", {"municipality_code": "0126"})
		cls.own_policy = frappe.get_doc({"doctype": "Policy Adoption", "municipality": huddinge}).insert()
		cls.own_trip = make_trip(title="Egen studieresa till Malmö")
		cls.own_registration = make_registration(cls.own_trip)
		cls.own_membership = make_membership(cls.own_org.name)
		cls.own = [
			("Organisation", cls.own_org.name),
			("Contact", cls.own_contact.name),
			("Policy Adoption", cls.own_policy.name),
			("Trip", cls.own_trip.name),
			("Activity Registration", cls.own_registration.name),
			("Membership", cls.own_membership.name),
		]
		cls.own_before = {record: snapshot(*record) for record in cls.own}
		cls.representatives_before = {
			org: representatives(org) for org in [cls.own_org.name, *installed_municipalities()]
		}
		cls.own_data_before = demo.data_of_its_own()
		# The trash as it was: a record deleted long ago may have had a name the demo now reuses.
		cls.trash_before = set(frappe.get_all("Deleted Document", pluck="name"))
		demo.load(force=True)
		cls.demo_records = [
			(link.document_type, link.document_name)
			for link in frappe.get_all("Tag Link", {"tag": demo.DEMO_TAG}, ["document_type", "document_name"])
		]

	def test_a_link_from_the_sites_own_record_to_the_demo_stops_the_removal_and_writes_nothing(self):
		skoopi = frappe.db.get_value("Organisation", {"organisation_name": "Skoopi"})
		linked = make_contact("Olle", "Länkad", organisation=skoopi)
		demo_people_in_municipalities = {org: representatives(org) for org in installed_municipalities()}
		with self.assertRaises(demo.DemoRefused) as refusal:
			demo.remove()
		self.assertIn(linked.name, str(refusal.exception))
		self.assertEqual(frappe.db.count("Tag Link", {"tag": demo.DEMO_TAG}), len(self.demo_records))
		for record in self.demo_records:
			self.assertTrue(frappe.db.exists(*record), record)
		self.assertEqual(
			{org: representatives(org) for org in installed_municipalities()},
			demo_people_in_municipalities,
		)
		frappe.delete_doc("Contact", linked.name)

	def test_removing_the_demo_leaves_the_sites_own_records_as_they_were_and_nothing_of_the_demo(self):
		self.assertGreater(len(self.demo_records), 200)  # the demo was there
		removed = demo.remove()
		self.assertEqual(sum(removed.values()), len(self.demo_records))
		# Nothing of the demo is left: its records, their history, logs, tags and trash.
		for doctype, name in self.demo_records:
			self.assertFalse(frappe.db.exists(doctype, name), (doctype, name))
			for log, fields in (
				("Stage Change", ("reference_doctype", "reference_name")),
				("ToDo", ("reference_type", "reference_name")),
				("Version", ("ref_doctype", "docname")),
				("Comment", ("reference_doctype", "reference_name")),
				("Email Queue", ("reference_doctype", "reference_name")),
				("Workflow Action", ("reference_doctype", "reference_name")),
			):
				self.assertFalse(frappe.db.exists(log, dict(zip(fields, (doctype, name), strict=True))), log)
			trashed = frappe.get_all(
				"Deleted Document", {"deleted_doctype": doctype, "deleted_name": name}, pluck="name"
			)
			self.assertFalse(set(trashed) - self.trash_before, (doctype, name))
		self.assertFalse(demo.demo_loaded())
		self.assertFalse(frappe.db.exists("Tag", demo.DEMO_TAG))
		# The site's own records are there, as they were; the demo's people left the organisations
		# it had added them to.
		for record, before in self.own_before.items():
			self.assertEqual(snapshot(*record), before, record)
		self.assertEqual(
			{org: representatives(org) for org in self.representatives_before},
			self.representatives_before,
		)
		self.assertEqual(demo.data_of_its_own(), self.own_data_before)
