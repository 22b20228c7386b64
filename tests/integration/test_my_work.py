"""My work (slup_crm.insights.my_work) on known data: next steps due across the pipelines, overdue
first; stale records; funder reports due; meeting action items; a manager's view of the team."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime

from slup_crm.insights.my_work import get_my_work
from tests.support.factories import (
	make_development_project,
	make_meeting,
	make_policy_adoption,
	make_startup,
	make_user,
)
from tests.support.gateway import COORDINATOR, gateway_users, make_participant

WORKER = "mywork-staff@example.se"
COLLEAGUE = "mywork-colleague@example.se"
MANAGER = "mywork-manager@example.se"


def keys(lines):
	return [(r["doctype"], r["name"]) for r in lines]


class TestMyWork(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(WORKER, "SLUP Staff")
		make_user(COLLEAGUE, "SLUP Staff")
		make_user(MANAGER, "SLUP Manager")
		gateway_users()
		today = getdate()
		cls.overdue = make_policy_adoption(
			responsible=WORKER, next_step="Ring kommunen", next_step_due=add_days(today, -2)
		)
		cls.later = make_startup(responsible=WORKER, next_step="Affärsplan", next_step_due=add_days(today, 5))
		cls.soon = make_startup(
			responsible=WORKER, next_step="Styrelsemöte", next_step_due=add_days(today, 1)
		)
		cls.closed = make_startup(responsible=WORKER, next_step="Inget", next_step_due=add_days(today, -9))
		frappe.db.set_value("Social Enterprise Startup", cls.closed.name, "stage", "Discontinued")
		cls.stale = make_startup(responsible=WORKER)
		frappe.db.set_value(
			"Social Enterprise Startup", cls.stale.name, "stage_since", add_days(now_datetime(), -400)
		)
		cls.theirs = make_startup(responsible=COLLEAGUE, next_step="Besök", next_step_due=add_days(today, 3))
		cls.project = make_development_project(
			responsible=COLLEAGUE,
			reports=[
				{"report_type": "Interim report", "due_date": add_days(today, 10), "responsible": WORKER},
				{"report_type": "Final report", "due_date": add_days(today, 90)},
				{
					"report_type": "Interim report",
					"due_date": add_days(today, -30),
					"responsible": WORKER,
					"submitted_on": add_days(today, -31),
				},
			],
		)
		cls.meeting = make_meeting(
			action_items=[
				{"description": "Skicka protokollet", "responsible_user": WORKER, "due_date": today}
			]
		)
		cls.participant = make_participant(
			responsible=WORKER, next_step="Uppföljning", next_step_due=add_days(today, 2)
		)

	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")

	def test_next_steps_across_pipelines_overdue_first_without_closed_ones(self):
		self.as_user(WORKER)
		data = get_my_work()
		self.assertFalse(data["team"])
		self.assertFalse(data["may_see_team"])
		(mine,) = data["people"]
		lines = mine["next_steps"]
		self.assertEqual(
			keys(lines),
			[
				("Policy Adoption", self.overdue.name),
				("Social Enterprise Startup", self.soon.name),
				("Social Enterprise Startup", self.later.name),
			],
		)
		self.assertTrue(lines[0]["overdue"])
		self.assertFalse(lines[1]["overdue"])
		self.assertEqual(lines[0]["what"], "Ring kommunen")

	def test_stale_records_are_those_unmoved_for_the_settings_days(self):
		self.as_user(WORKER)
		(mine,) = get_my_work()["people"]
		self.assertEqual(keys(mine["stale"]), [("Social Enterprise Startup", self.stale.name)])
		self.assertIn("since 20", mine["stale"][0]["what"])

	def test_a_record_without_its_stage_date_is_stale_and_says_so(self):
		undated = make_startup(responsible=WORKER)
		self.addCleanup(frappe.db.delete, "Social Enterprise Startup", undated.name)
		frappe.db.set_value("Social Enterprise Startup", undated.name, "stage_since", None)
		self.as_user(WORKER)
		(mine,) = get_my_work()["people"]
		line = next(row for row in mine["stale"] if row["name"] == undated.name)
		self.assertTrue(line["what"].endswith("since a date not recorded"), line["what"])

	def test_funder_reports_due_are_the_unsubmitted_ones_of_the_user(self):
		self.as_user(WORKER)
		(mine,) = get_my_work()["people"]
		self.assertEqual(keys(mine["funder_reports"]), [("Development Project", self.project.name)])
		self.assertEqual(mine["funder_reports"][0]["due"], add_days(getdate(), 10))

	def test_meeting_action_items_assigned_to_the_user(self):
		self.as_user(WORKER)
		(mine,) = get_my_work()["people"]
		self.assertEqual(keys(mine["action_items"]), [("Meeting", self.meeting.name)])
		self.assertIn("Skicka protokollet", mine["action_items"][0]["title"])

	def test_a_gateway_participant_is_only_in_a_coordinators_work(self):
		frappe.db.set_value("Gateway Participant", self.participant.name, "responsible", COORDINATOR)
		self.addCleanup(
			frappe.db.set_value, "Gateway Participant", self.participant.name, "responsible", WORKER
		)
		self.as_user(COORDINATOR)
		(mine,) = get_my_work()["people"]
		self.assertIn(("Gateway Participant", self.participant.name), keys(mine["next_steps"]))

	def test_staff_do_not_see_a_participant_even_when_responsible(self):
		self.as_user(WORKER)
		(mine,) = get_my_work()["people"]
		self.assertNotIn(("Gateway Participant", self.participant.name), keys(mine["next_steps"]))

	def test_a_manager_sees_the_team_grouped_by_person(self):
		self.as_user(MANAGER)
		data = get_my_work()
		self.assertTrue(data["team"])
		people = {p["user"]: p for p in data["people"]}
		self.assertIn(("Social Enterprise Startup", self.theirs.name), keys(people[COLLEAGUE]["next_steps"]))
		self.assertIn(("Policy Adoption", self.overdue.name), keys(people[WORKER]["next_steps"]))
		self.assertEqual(
			keys(people[COLLEAGUE]["funder_reports"]), [("Development Project", self.project.name)]
		)
		self.assertEqual(keys(people[WORKER]["action_items"]), [("Meeting", self.meeting.name)])
		names = [p["full_name"].lower() for p in data["people"]]
		self.assertEqual(names, sorted(names))
		(own,) = get_my_work(team=0)["people"]
		self.assertEqual(own["user"], MANAGER)

	def test_others_are_refused(self):
		make_user("mywork-website@example.se")
		self.as_user("mywork-website@example.se")
		with self.assertRaises(frappe.PermissionError):
			get_my_work()
