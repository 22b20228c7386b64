"""An organisation and a person at a glance, and their timeline, on known data (slup_crm.network.glance,
slup_crm.network.timeline): every count and every kind of timeline entry, and what a role that may
not read special-category data or the gateway's participants does not find there."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime

from slup_crm.network.glance import organisation_summary, person_summary
from slup_crm.network.timeline import get_timeline
from tests.support.factories import (
	make_contact,
	make_development_project,
	make_meeting,
	make_membership,
	make_municipality,
	make_organisation,
	make_outreach_activity,
	make_policy_adoption,
	make_registration,
	make_startup,
	make_trip,
	make_user,
)
from tests.support.gateway import COORDINATOR, gateway_users, make_participant

STAFF = "glance-staff@example.se"
OUTSIDER = "glance-website@example.se"


class GlanceData(FrappeTestCase):
	"""A municipality and an association with one of everything, built once per class."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(STAFF, "SLUP Staff")
		gateway_users()
		cls.municipality = make_municipality()
		cls.policy = make_policy_adoption(
			cls.municipality,
			responsible=STAFF,
			next_step="Möte med kommunstyrelsen",
			next_step_due=add_days(getdate(), -3),
		)
		cls.org = make_organisation(organisation_name="Glanceföreningen", located_in=cls.municipality).name
		cls.startup_in = make_startup(
			enterprise_name="Kooperativet I Kommunen", municipality=cls.municipality
		)
		cls.startup_founded = make_startup(
			enterprise_name="Föreningens Kafé", supporting_organisation=cls.org
		)
		cls.email = "glance.person@example.se"
		cls.contact = make_contact("Greta", "Glans", organisation=cls.org, email=cls.email)
		org = frappe.get_doc("Organisation", cls.org)
		org.append("representatives", {"contact": cls.contact.name, "capacity": "Employee"})
		org.save()
		cls.trip = make_trip(title="Bussresa till Skoopi", start_date=add_days(getdate(), 30))
		cls.registration = make_registration(
			cls.trip,
			email=cls.email,
			first_name="Greta",
			last_name="Glans",
			organisation=cls.org,
			dietary_needs="Glutenfri kost",
		)
		cls.meeting = make_meeting(
			title="Utvecklingsgruppens möte",
			meeting_date=add_days(getdate(), -10),
			attendees=[
				{
					"contact": cls.contact.name,
					"full_name": "Greta Glans",
					"organisation": cls.org,
					"attendance": "Present",
				}
			],
		)
		cls.report = frappe.get_doc(
			{
				"doctype": "Meeting Report",
				"meeting": cls.meeting.name,
				"organisation": cls.org,
				"contact": cls.contact.name,
				"status": "Received",
				"received_on": add_days(now_datetime(), -9),
				"report": "Vi har startat ett kafé.",
			}
		).insert()
		cls.outreach = make_outreach_activity(
			title="Informationskampanj",
			organisations=[{"organisation": cls.org}],
			activity_date=add_days(getdate(), -20),
		)
		cls.outreach_muni = make_outreach_activity(
			title="Kommunträff", municipalities=[{"municipality": cls.municipality}]
		)
		cls.membership = make_membership(cls.org, status="Paid", paid_date=add_days(getdate(), -40))
		cls.unpaid = make_membership(cls.org, year=getdate().year - 1, status="Unpaid")
		cls.project = make_development_project(
			title="Projektet Glans", partners=[{"organisation": cls.org, "role": "Partner"}]
		)
		org.reload()
		org.add_comment("Comment", "Ringde om <b>årsmötet</b>")
		cls.participant = make_participant(email=cls.email)

	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")


class TestOrganisationSummary(GlanceData):
	def test_the_municipality_shows_its_policy_and_its_start_ups(self):
		self.as_user(STAFF)
		data = organisation_summary(self.municipality)
		self.assertTrue(data["is_municipality"])
		policy = data["policy"]
		self.assertEqual(policy.name, self.policy.name)
		self.assertEqual(policy.stage, "Not contacted")
		self.assertEqual(policy.days_in_stage, 0)
		self.assertEqual(policy.next_step, "Möte med kommunstyrelsen")
		self.assertTrue(policy.overdue)
		self.assertEqual(policy.responsible, STAFF)
		self.assertEqual([r.name for r in data["startups"]["rows"]], [self.startup_in.name])
		(count,) = data["startups"]["counts"]
		self.assertEqual((count["field"], count["count"]), ("municipality", 1))
		self.assertEqual(count["route_options"], {"municipality": self.municipality})
		self.assertEqual(data["outreach"]["as_municipality"]["count"], 1)
		self.assertEqual([r.name for r in data["outreach"]["rows"]], [self.outreach_muni.name])

	def test_a_municipality_without_a_policy_may_start_one(self):
		self.as_user(STAFF)
		data = organisation_summary(make_municipality())
		self.assertIsNone(data["policy"])
		self.assertTrue(data["may_start_policy"])

	def test_the_organisation_shows_its_people_memberships_projects_and_outreach(self):
		self.as_user(STAFF)
		data = organisation_summary(self.org)
		self.assertFalse(data["is_municipality"])
		self.assertIsNone(data["policy"])
		self.assertEqual([r.name for r in data["startups"]["rows"]], [self.startup_founded.name])
		(count,) = data["startups"]["counts"]
		self.assertEqual((count["field"], count["count"]), ("supporting_organisation", 1))
		(person,) = data["people"]["rows"]
		self.assertEqual(person.contact, self.contact.name)
		self.assertEqual(person.role, "Employee")
		self.assertEqual(person.last_trip, "Bussresa till Skoopi")
		self.assertEqual(person.last_trip_name, self.trip.name)
		self.assertEqual(str(person.last_trip_date), str(self.trip.start_date))
		self.assertEqual(person.last_date, getdate())  # registered today, after the meeting 10 days ago
		self.assertEqual(data["people"]["contacts"]["count"], 1)
		years = {(r.year, r.status) for r in data["memberships"]["rows"]}
		self.assertEqual(years, {(getdate().year, "Paid"), (getdate().year - 1, "Unpaid")})
		self.assertEqual(data["memberships"]["all"]["count"], 2)
		(project,) = data["projects"]["rows"]
		self.assertEqual((project.name, project.roles), (self.project.name, ["Partner"]))
		self.assertEqual(data["projects"]["partner"]["count"], 1)
		self.assertEqual(data["outreach"]["as_organisation"]["count"], 1)
		self.assertEqual(data["registrations"]["count"], 1)

	def test_the_last_participation_is_the_meeting_when_nothing_came_after(self):
		frappe.db.set_value("Activity Registration", self.registration.name, "status", "Cancelled")
		self.addCleanup(
			frappe.db.set_value, "Activity Registration", self.registration.name, "status", "Confirmed"
		)
		self.as_user(STAFF)
		(person,) = organisation_summary(self.org)["people"]["rows"]
		self.assertEqual(person.last_date, getdate(self.meeting.meeting_date))
		self.assertEqual(person.last_what, "Utvecklingsgruppens möte")
		self.assertIsNone(person.get("last_trip"))

	def test_a_user_without_access_to_the_organisation_is_refused(self):
		make_user(OUTSIDER)
		self.as_user(OUTSIDER)
		with self.assertRaises(frappe.PermissionError):
			organisation_summary(self.org)
		with self.assertRaises(frappe.PermissionError):
			get_timeline("Organisation", self.org)

	def test_a_page_that_is_not_a_number_is_refused_and_a_long_one_is_cut(self):
		self.as_user(STAFF)
		with self.assertRaises(frappe.FrappeTypeError):
			get_timeline("Organisation", self.org, start="x")
		self.assertEqual(get_timeline("Organisation", self.org, start=-5)["start"], 0)
		self.assertEqual(len(get_timeline("Organisation", self.org, page_length=10_000)["entries"]), 7)

	def test_a_timeline_is_only_for_organisations_and_people(self):
		with self.assertRaises(frappe.ValidationError):
			get_timeline("User", "Administrator")


class TestOrganisationTimeline(GlanceData):
	def test_every_kind_of_entry_is_there_newest_first(self):
		self.as_user(STAFF)
		page = get_timeline("Organisation", self.org)
		entries = page["entries"]
		self.assertFalse(page["more"])
		found = {(e["doctype"], e["name"]) for e in entries}
		for expected in (
			("Social Enterprise Startup", self.startup_founded.name),  # its stage change
			("Activity Registration", self.registration.name),
			("Meeting", self.meeting.name),
			("Meeting Report", self.report.name),
			("Outreach Activity", self.outreach.name),
			("Membership", self.membership.name),
			("Organisation", self.org),  # the comment
		):
			self.assertIn(expected, found)
		self.assertEqual(len(entries), 7)
		whens = [e["when"] for e in entries]
		self.assertEqual(whens, sorted(whens, reverse=True))
		comment = next(e for e in entries if e["doctype"] == "Organisation")
		self.assertEqual(comment["title"], "Ringde om årsmötet")  # no HTML

	def test_the_municipality_timeline_has_its_policy_stage_and_outreach(self):
		self.as_user(STAFF)
		entries = get_timeline("Organisation", self.municipality)["entries"]
		self.assertEqual(
			{(e["doctype"], e["name"]) for e in entries},
			{
				("Policy Adoption", self.policy.name),
				("Social Enterprise Startup", self.startup_in.name),
				("Outreach Activity", self.outreach_muni.name),
			},
		)

	def test_pages_follow_each_other_without_gaps_or_repeats(self):
		self.as_user(STAFF)
		everything = get_timeline("Organisation", self.org)["entries"]
		first = get_timeline("Organisation", self.org, start=0, page_length=3)
		second = get_timeline("Organisation", self.org, start=3, page_length=3)
		third = get_timeline("Organisation", self.org, start=6, page_length=3)
		self.assertTrue(first["more"])
		self.assertTrue(second["more"])
		self.assertFalse(third["more"])
		self.assertEqual(first["entries"] + second["entries"] + third["entries"], everything)

	def test_e_mails_are_on_the_timeline(self):
		email = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Sent",
				"subject": "Inbjudan till årsmötet",
				"reference_doctype": "Organisation",
				"reference_name": self.org,
				"communication_date": now_datetime(),
			}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.delete_doc, "Communication", email.name, force=True, ignore_permissions=True)
		self.as_user(STAFF)
		entries = get_timeline("Organisation", self.org)["entries"]
		self.assertEqual(entries[0]["title"], "Inbjudan till årsmötet")
		self.assertEqual(entries[0]["kind"], "E-mail sent")


class TestPersonAtAGlance(GlanceData):
	def test_the_person_shows_organisations_registrations_meetings_reports_and_newsletter(self):
		self.as_user(STAFF)
		data = person_summary(self.contact.name)
		self.assertEqual([(o.name, o.role) for o in data["organisations"]], [(self.org, "Employee")])
		self.assertEqual([r.name for r in data["registrations"]["rows"]], [self.registration.name])
		self.assertEqual(data["registrations"]["all"]["count"], 1)
		self.assertEqual(data["registrations"]["trainings_completed"]["count"], 0)
		self.assertEqual(data["meetings"]["count"], 1)
		self.assertEqual(data["reports"]["count"], 1)
		self.assertFalse(data["newsletter"])

	def test_the_person_timeline_has_registration_meeting_and_report(self):
		self.as_user(STAFF)
		entries = get_timeline("Contact", self.contact.name)["entries"]
		self.assertEqual(
			{(e["doctype"], e["name"]) for e in entries},
			{
				("Activity Registration", self.registration.name),
				("Meeting", self.meeting.name),
				("Meeting Report", self.report.name),
			},
		)

	def test_staff_see_no_special_category_data_and_no_gateway_participant(self):
		self.assertTrue(frappe.db.exists("Registration Needs", {"registration": self.registration.name}))
		self.as_user(STAFF)
		shown = json.dumps(
			[
				person_summary(self.contact.name),
				get_timeline("Contact", self.contact.name),
				organisation_summary(self.org),
				get_timeline("Organisation", self.org),
			],
			default=str,
		)
		self.assertNotIn("Glutenfri", shown)
		self.assertNotIn(self.participant.name, shown)
		self.assertNotIn(self.participant.last_name, shown)
		self.assertEqual(person_summary(self.contact.name)["gateway"]["count"], 0)

	def test_a_coordinator_sees_the_person_as_a_gateway_participant(self):
		self.as_user(COORDINATOR)
		self.assertEqual(person_summary(self.contact.name)["gateway"]["count"], 1)
		entries = get_timeline("Contact", self.contact.name)["entries"]
		self.assertIn(
			("Gateway Participant", self.participant.name), {(e["doctype"], e["name"]) for e in entries}
		)
		self.assertNotIn("Glutenfri", json.dumps(entries, default=str))


class TestRowLevelRules(FrappeTestCase):
	"""Lists are read without Frappe's row-level checks only when those have nothing to add."""

	def test_a_doctype_with_a_permission_query_is_always_checked(self):
		from slup_crm.network.timeline import rows_need_checks

		make_user(STAFF, "SLUP Staff")
		frappe.set_user(STAFF)
		self.addCleanup(frappe.set_user, "Administrator")
		self.assertTrue(rows_need_checks("Gateway Participant"))
		self.assertTrue(rows_need_checks("Stage Change"))
		self.assertFalse(rows_need_checks("Membership"))

	def test_a_user_with_user_permissions_is_checked_and_sees_only_what_they_allow(self):
		from slup_crm.network.timeline import readable_list, rows_need_checks

		user = "glance-restricted@example.se"
		make_user(user, "SLUP Staff")
		allowed, other = make_organisation(), make_organisation()
		make_membership(allowed.name)
		make_membership(other.name)
		frappe.get_doc(
			{"doctype": "User Permission", "user": user, "allow": "Organisation", "for_value": allowed.name}
		).insert(ignore_permissions=True)
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")
		self.assertTrue(rows_need_checks("Membership"))
		organisations = readable_list(
			"Membership", filters={"organisation": ("in", [allowed.name, other.name])}, pluck="organisation"
		)
		self.assertEqual(organisations, [allowed.name])

	def test_a_doctype_with_a_field_of_a_higher_permission_level_is_always_checked(self):
		"""``get_list`` leaves out the fields a reader's permission level does not reach."""
		from frappe.custom.doctype.property_setter.property_setter import make_property_setter

		from slup_crm.network.timeline import rows_need_checks

		make_user(STAFF, "SLUP Staff")
		setter = make_property_setter("Membership", "year", "permlevel", 1, "Int")
		self.addCleanup(frappe.clear_cache, doctype="Membership")
		self.addCleanup(frappe.delete_doc, "Property Setter", setter.name, force=True)
		frappe.clear_cache(doctype="Membership")
		frappe.set_user(STAFF)
		self.addCleanup(frappe.set_user, "Administrator")
		self.assertTrue(rows_need_checks("Membership"))
