"""Development projects: partners, the workflow, reminders, links from activities and the patch."""

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from slup_crm.pipelines.document import stage_history
from slup_crm.pipelines.reminders import send_stale_reminders
from slup_crm.projects.stages import DEVELOPMENT_PROJECT
from tests.integration.test_outreach import attended
from tests.support.factories import (
	apply_action,
	ensure_outgoing_email_account,
	make_contact,
	make_development_project,
	make_meeting,
	make_organisation,
	make_outreach_activity,
	make_registration,
	make_startup,
	make_training,
	make_trip,
	pipeline_users,
)

TO_APPLIED = ("Write Application", "Submit Application")


def partner_rows(doc):
	return [(row.organisation, row.role) for row in doc.partners]


class TestProjectPartners(FrappeTestCase):
	def test_the_project_owner_is_always_a_partner_in_the_role_owner(self):
		doc = make_development_project()
		self.assertEqual(partner_rows(doc), [(doc.project_owner, "Project owner")])
		# Listed as an ordinary partner, the owner keeps the role Owner.
		owner = make_organisation().name
		doc = make_development_project(project_owner=owner, partners=[{"organisation": owner}])
		self.assertEqual(partner_rows(doc), [(owner, "Project owner")])

	def test_only_the_project_owner_takes_part_as_owner(self):
		other = make_organisation().name
		with self.assertRaisesRegex(
			frappe.ValidationError, "only the project owner takes part as project owner"
		):
			make_development_project(partners=[{"organisation": other, "role": "Project owner"}])

	def test_an_organisation_takes_part_once(self):
		sensus = make_organisation().name
		with self.assertRaisesRegex(frappe.ValidationError, "already a partner"):
			make_development_project(partners=[{"organisation": sensus}, {"organisation": sensus}])

	def test_partner_periods_lie_inside_the_project_period(self):
		partner = make_organisation().name
		for dates, message in (
			({"from_date": "2010-02-28"}, "cannot join before the project starts"),
			({"to_date": "2013-01-01"}, "cannot take part after the project ends"),
			({"from_date": "2013-01-01"}, "cannot join after the project ends"),
			({"from_date": "2011-06-01", "to_date": "2011-05-31"}, "cannot leave before joining"),
		):
			with self.assertRaisesRegex(frappe.ValidationError, message):
				make_development_project(partners=[{"organisation": partner, **dates}])
		doc = make_development_project(
			partners=[{"organisation": partner, "from_date": "2010-03-01", "to_date": "2012-12-31"}]
		)
		self.assertEqual(len(doc.partners), 2)

	def test_the_project_cannot_end_before_it_starts(self):
		with self.assertRaisesRegex(frappe.ValidationError, "cannot end before it starts"):
			make_development_project(start_date="2010-03-01", end_date="2010-02-28")

	def test_financing_fits_the_budget_and_the_rest_is_the_funders_grant(self):
		doc = make_development_project(budget=1_000_000, own_financing=100_000, co_financing=150_000)
		self.assertEqual(doc.funder_grant, 750_000)
		self.assertEqual(doc.currency, "SEK")
		with self.assertRaisesRegex(frappe.ValidationError, "cannot exceed the total budget"):
			make_development_project(budget=100_000, own_financing=60_000, co_financing=50_000)

	def test_host_grant_per_day_is_150_by_default(self):
		self.assertEqual(make_development_project().host_grant_per_day, 150)

	def test_an_organisation_joins_a_running_project_and_its_form_shows_the_project(self):
		staff, manager = pipeline_users()
		doc = make_development_project()
		doc = apply_action(doc, "Write Application")
		doc = apply_action(doc, "Submit Application")
		with self.set_user(manager):
			doc = apply_action(doc, "Grant")
		with self.set_user(staff):
			doc = apply_action(doc, "Start Project")
			abf = make_organisation(organisation_name="ABF " + frappe.generate_hash(length=6)).name
			contact = make_contact("Lisa", organisation=abf).name
			doc = frappe.get_doc("Development Project", doc.name)
			doc.append(
				"partners",
				{"organisation": abf, "from_date": "2011-01-01", "contact_person": contact},
			)
			doc.save()
		self.assertEqual(doc.stage, "Running")
		self.assertIn((abf, "Partner"), partner_rows(doc))
		from frappe.desk.notifications import get_open_count

		counts = get_open_count("Organisation", abf)["count"]["external_links_found"]
		self.assertIn({"doctype": "Development Project", "count": 1, "open_count": 0}, counts)
		self.assertEqual(
			frappe.get_all("Development Project", filters={"organisation": abf}, pluck="name"), [doc.name]
		)


class TestProjectWorkflow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.staff, cls.manager = pipeline_users()

	def applied_project(self):
		doc = make_development_project()
		for action in TO_APPLIED:
			doc = apply_action(doc, action)
		return doc

	def test_staff_cannot_grant_or_reject_and_managers_can(self):
		doc = self.applied_project()
		with self.set_user(self.staff):
			for action in ("Grant", "Reject"):
				with self.assertRaises(WorkflowTransitionError, msg=action):
					apply_action(doc, action)
			# Saving the stage directly, as the REST API does, is refused as well.
			for stage in ("Granted", "Rejected"):
				copy = frappe.get_doc("Development Project", doc.name)
				copy.stage = stage
				with self.assertRaises(WorkflowPermissionError, msg=stage):
					copy.save()
		self.assertEqual(frappe.db.get_value("Development Project", doc.name, "stage"), "Applied")
		with self.set_user(self.manager):
			self.assertEqual(apply_action(doc, "Grant").stage, "Granted")
			other = self.applied_project()
			self.assertEqual(apply_action(other, "Reject").stage, "Rejected")

	def test_staff_run_the_project_and_only_managers_close_it(self):
		doc = self.applied_project()
		with self.set_user(self.manager):
			doc = apply_action(doc, "Grant")
		with self.set_user(self.staff):
			for action, stage in (
				("Start Project", "Running"),
				("Write Final Report", "Final report"),
				("Move Back", "Running"),
				("Write Final Report", "Final report"),
			):
				doc = apply_action(doc, action)
				self.assertEqual(doc.stage, stage, action)
			with self.assertRaises(WorkflowTransitionError):
				apply_action(doc, "Close Project")
			copy = frappe.get_doc("Development Project", doc.name)
			copy.stage = "Closed"
			with self.assertRaises(WorkflowPermissionError):
				copy.save()
		with self.set_user(self.manager):
			self.assertEqual(apply_action(doc, "Close Project").stage, "Closed")

	def test_staff_withdraw_and_reopen_but_only_managers_reopen_a_rejected_project(self):
		with self.set_user(self.staff):
			doc = make_development_project()
			doc = apply_action(doc, "Withdraw")
			self.assertEqual(doc.stage, "Withdrawn")
			doc = apply_action(doc, "Reopen")
			self.assertEqual(doc.stage, "Idea")
		doc = self.applied_project()
		with self.set_user(self.manager):
			doc = apply_action(doc, "Reject")
		with self.set_user(self.staff):
			with self.assertRaises(WorkflowTransitionError):
				apply_action(doc, "Reopen")
		with self.set_user(self.manager):
			self.assertEqual(apply_action(doc, "Reopen").stage, "Application being written")

	def test_a_new_project_cannot_start_granted(self):
		with self.set_user(self.manager):
			with self.assertRaises(WorkflowPermissionError):
				make_development_project(stage="Granted")

	def test_stage_history_is_the_pipelines_shared_history(self):
		with self.freeze_time("2026-03-01 09:00:00"):
			doc = make_development_project()
		with self.freeze_time("2026-03-11 21:00:00"):
			doc = apply_action(doc, "Write Application")
		history = stage_history("Development Project", doc.name)
		self.assertEqual(
			[(h.from_stage, h.to_stage, h.days_in_previous_stage) for h in history],
			[(None, "Idea", 0.0), ("Idea", "Application being written", 10.5)],
		)
		with self.freeze_time("2026-03-15 22:00:00"):
			self.assertEqual(frappe.get_doc("Development Project", doc.name).days_in_stage, 4)

	def test_stages_are_listed_once_for_doctype_and_workflow(self):
		workflow = frappe.get_doc("Workflow", "Development Project")
		self.assertTrue(workflow.is_active)
		self.assertEqual(workflow.workflow_state_field, "stage")
		stages = list(DEVELOPMENT_PROJECT.stage_names)
		self.assertEqual([s.state for s in workflow.states], stages)
		self.assertEqual(
			frappe.get_meta("Development Project").get_field("stage").options.split("\n"), stages
		)
		board = frappe.get_doc("Kanban Board", "Development Project Pipeline")
		self.assertEqual([c.column_name for c in board.columns], stages)

	def test_manager_only_actions_are_granted_to_managers_alone(self):
		transitions = frappe.get_all(
			"Workflow Transition", filters={"parent": "Development Project"}, fields=["action", "allowed"]
		)
		self.assertEqual(DEVELOPMENT_PROJECT.manager_only_actions, ("Grant", "Reject", "Close Project"))
		for action in DEVELOPMENT_PROJECT.manager_only_actions:
			self.assertEqual({t.allowed for t in transitions if t.action == action}, {"SLUP Manager"})

	def test_every_workflow_action_is_listed_for_translation(self):
		from tests.integration.test_translations import extracted_msgids

		listed = set(DEVELOPMENT_PROJECT.actions)
		shipped = set(
			frappe.get_all("Workflow Transition", filters={"parent": "Development Project"}, pluck="action")
		)
		self.assertEqual(listed, shipped)
		self.assertTrue(listed <= extracted_msgids())


class TestProjectReminders(FrappeTestCase):
	def todos(self, doc):
		return frappe.get_all(
			"ToDo",
			filters={"reference_type": doc.doctype, "reference_name": doc.name},
			fields=["allocated_to", "description"],
			order_by="creation asc",
		)

	def test_a_report_due_reminds_its_responsible_before_the_date_and_once_more_when_overdue(self):
		staff, manager = pipeline_users()
		doc = make_development_project(
			responsible=manager,
			reports=[{"report_type": "Interim report", "due_date": "2026-06-30", "responsible": staff}],
		)
		for day, expected in (
			("2026-06-15 08:00:00", 0),  # 15 days before: not yet
			("2026-06-16 08:00:00", 1),  # 14 days before: reminded
			("2026-06-20 08:00:00", 1),  # not again
			("2026-06-30 08:00:00", 1),  # the due date itself
			("2026-07-01 08:00:00", 2),  # overdue: reminded once more
			("2026-07-05 08:00:00", 2),
		):
			with self.freeze_time(day):
				send_stale_reminders()
			self.assertEqual(len(self.todos(doc)), expected, day)
		todos = self.todos(doc)
		self.assertEqual({t.allocated_to for t in todos}, {staff})
		self.assertIn("is due on", todos[0].description)
		self.assertIn("was due on", todos[1].description)
		self.assertIn(doc.title, todos[0].description)

	def test_without_a_responsible_the_projects_responsible_is_reminded(self):
		_staff, manager = pipeline_users()
		doc = make_development_project(
			responsible=manager, reports=[{"report_type": "Final report", "due_date": add_days(today(), 3)}]
		)
		send_stale_reminders()
		self.assertEqual([t.allocated_to for t in self.todos(doc)], [manager])

	def test_submitted_reports_and_closed_projects_remind_nobody(self):
		staff, manager = pipeline_users()
		due = add_days(today(), 3)
		submitted = make_development_project(
			responsible=manager,
			reports=[{"report_type": "Interim report", "due_date": due, "submitted_on": today()}],
		)
		withdrawn = make_development_project(
			responsible=manager, reports=[{"report_type": "Interim report", "due_date": due}]
		)
		withdrawn = apply_action(withdrawn, "Withdraw")
		send_stale_reminders()
		self.assertEqual(self.todos(submitted), [])
		self.assertEqual(self.todos(withdrawn), [])

	def test_a_report_cannot_be_submitted_in_the_future(self):
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be submitted in the future"):
			make_development_project(
				reports=[{"due_date": today(), "submitted_on": add_days(today(), 1)}],
			)

	def test_a_stale_project_reminds_like_the_pipelines(self):
		_staff, manager = pipeline_users()
		with self.freeze_time("2026-01-01 10:00:00"):
			doc = make_development_project(responsible=manager)
		with self.freeze_time("2026-03-02 11:00:00"):
			send_stale_reminders()
		todos = self.todos(doc)
		self.assertEqual(len(todos), 1)
		self.assertIn("for 60 days", todos[0].description)


class TestWhatBelongsToAProject(FrappeTestCase):
	def test_trainings_trips_outreach_meetings_and_startups_link_to_the_project(self):
		doc = make_development_project()
		linked = [
			make_training(project=doc.name),
			make_trip(project=doc.name),
			make_outreach_activity(project=doc.name),
			make_meeting(project=doc.name),
			make_startup(project=doc.name),
		]
		from frappe.desk.notifications import get_open_count

		found = {
			row["doctype"]: row["count"]
			for row in get_open_count("Development Project", doc.name)["count"]["external_links_found"]
		}
		for record in linked:
			self.assertEqual(found[record.doctype], 1, record.doctype)

	def test_a_link_to_a_missing_project_is_refused(self):
		with self.assertRaises(frappe.LinkValidationError):
			make_training(project="Kompetent Social ekonomi")


class TestTrainingProjectPatch(FrappeTestCase):
	def free_text_training(self, text):
		training = make_training()
		frappe.db.set_value("Training", training.name, "project", text, update_modified=False)
		return training.name

	def test_every_free_text_project_becomes_a_link_and_running_twice_changes_nothing(self):
		from slup_crm.projects.patches import link_training_projects

		existing = make_development_project(title="Informationssatsningen om socialt företagande")
		kse = [self.free_text_training("Kompetent Social ekonomi") for _ in range(2)]
		campaign = self.free_text_training("Informationssatsningen om socialt företagande")
		sluss = self.free_text_training("  Sluss till arbete  ")
		already = self.free_text_training(existing.name)
		without = make_training().name
		projects_before = frappe.db.count("Development Project")

		link_training_projects.execute()
		after_first = {
			name: frappe.db.get_value("Training", name, "project")
			for name in (*kse, campaign, sluss, already, without)
		}
		link_training_projects.execute()
		after_second = {name: frappe.db.get_value("Training", name, "project") for name in after_first}

		self.assertEqual(after_first, after_second)
		self.assertEqual(frappe.db.count("Development Project"), projects_before + 2)
		title = {
			name: frappe.db.get_value("Development Project", value, "title")
			for name, value in after_first.items()
			if value
		}
		self.assertEqual(title[kse[0]], "Kompetent Social ekonomi")
		self.assertEqual(after_first[kse[0]], after_first[kse[1]])
		self.assertEqual(after_first[campaign], existing.name)
		self.assertEqual(title[sluss], "Sluss till arbete")
		self.assertEqual(after_first[already], existing.name)
		self.assertIsNone(after_first[without])
		created = frappe.get_doc("Development Project", after_first[kse[0]])
		self.assertEqual((created.stage, created.fund), ("Idea", "Other"))
		self.assertIn("Kompetent Social ekonomi", created.aim)
		# Every training project is now a link to a project.
		values = frappe.get_all("Training", filters={"project": ("is", "set")}, pluck="project")
		self.assertTrue(all(frappe.db.exists("Development Project", value) for value in values))


class TestOutreachForFundersByProject(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()
		cls.campaign = make_development_project(title="Informationssatsningen", fund="Tillväxtverket").name
		cls.other = make_development_project(title="Ett annat projekt").name
		coop = make_organisation(organisation_type="Social Enterprise").name
		anna = make_contact("Anna", organisation=coop, email="anna.project@example.se")
		make_outreach_activity(
			project=cls.campaign,
			activity_date="2010-03-16",
			people_in_person=40,
			organisations=[{"organisation": coop}],
		)
		make_outreach_activity(
			project=cls.campaign,
			kind="Mail-out",
			activity_date="2010-04-01",
			people_in_person=0,
			people_by_email=820,
		)
		make_outreach_activity(project=cls.other, activity_date="2010-03-20", people_in_person=25)
		make_outreach_activity(activity_date="2010-03-21", people_in_person=30)
		training = make_training(project=cls.campaign)
		attended(
			training,
			"2010-05-01",
			(
				make_registration(training, email="bo.project@example.se", organisation_name=None),
				"Attended",
				0,
			),
			(
				make_registration(training, email="cilla.project@example.se", organisation_name=None),
				"Confirmed",
				1,
			),
		)
		trip = make_trip()
		attended(
			trip,
			"2010-05-05",
			(make_registration(trip, email="dan.project@example.se", organisation_name=None), "Attended", 0),
		)
		make_meeting(
			project=cls.campaign,
			meeting_date="2010-02-01",
			status="Held",
			attendees=[{"contact": anna.name, "organisation": coop, "attendance": "Present"}],
		)

	def run_report(self, **filters):
		from slup_crm.insights.report.outreach_for_funders.outreach_for_funders import execute

		_columns, data, _message, _chart, summary = execute(
			{"from_date": "2010-01-01", "to_date": "2010-12-31", **filters}
		)
		return data[0], {row["label"]: row["value"] for row in summary}

	def test_the_report_of_one_project_counts_only_what_was_done_in_it(self):
		total, summary = self.run_report(project=self.campaign)
		# Two outreach activities, the training and the meeting; not the other project's or the trip.
		self.assertEqual(total["activities"], 4)
		self.assertEqual(total["people_counted_in_person"], 40)
		self.assertEqual(total["people_identified"], 3)  # Bo and Cilla (training), Anna (meeting)
		self.assertEqual(total["people_by_email"], 820)
		self.assertEqual(total["organisations"], 1)
		self.assertEqual(summary["People Reached in Person"], 43)

	def test_the_other_project_and_all_projects(self):
		total, _summary = self.run_report(project=self.other)
		self.assertEqual((total["activities"], total["people_counted_in_person"]), (1, 25))
		total, _summary = self.run_report()
		self.assertGreaterEqual(total["people_counted_in_person"], 40 + 25 + 30)

	def test_an_unknown_project_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "does not exist"):
			self.run_report(project="PROJ-99999")


class TestProjectDashboards(FrappeTestCase):
	def test_running_projects_reports_due_and_budget_per_fund(self):
		from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as get_chart
		from frappe.desk.doctype.number_card.number_card import get_result

		from slup_crm.projects.dashboard import reports_due_soon

		staff, manager = pipeline_users()
		card = frappe.get_doc("Number Card", "Running Projects")

		def budget_of(fund):
			chart = get_chart(chart_name="Budget per Fund", refresh=1)
			if not chart:  # Frappe returns nothing for a group-by chart without data
				return 0
			values = dict(zip(chart["labels"], chart["datasets"][0]["values"], strict=True))
			return values.get(fund, 0)

		running_before = get_result(card, card.filters_json)
		due_before = reports_due_soon()
		erdf_before = budget_of("European Regional Development Fund")
		doc = make_development_project(
			fund="European Regional Development Fund",
			budget=2_000_000,
			reports=[
				{"due_date": add_days(today(), 10)},  # counted
				{"due_date": add_days(today(), 30)},  # counted
				{"due_date": add_days(today(), 31)},  # too late
				{"due_date": add_days(today(), -1)},  # overdue, not "due in the next 30 days"
				{"due_date": add_days(today(), 5), "submitted_on": today()},  # submitted
			],
		)
		self.assertEqual(reports_due_soon(), due_before + 2)
		self.assertEqual(budget_of("European Regional Development Fund"), erdf_before)  # only an idea
		for action in TO_APPLIED:
			doc = apply_action(doc, action)
		with self.set_user(manager):
			doc = apply_action(doc, "Grant")
		doc = apply_action(doc, "Start Project")
		self.assertEqual(get_result(card, card.filters_json), running_before + 1)
		self.assertEqual(budget_of("European Regional Development Fund"), erdf_before + 2_000_000)
		self.assertEqual(getdate(doc.start_date), getdate("2010-03-01"))

	def test_the_figures_are_not_for_the_public(self):
		from slup_crm.projects.dashboard import reports_due_soon

		with self.set_user("Guest"):
			with self.assertRaises(frappe.PermissionError):
				reports_due_soon()
