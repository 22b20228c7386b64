"""The ESF gateway (sluss): participants, their path, placements, host grants and the funder's figures."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from slup_crm.gateway.compensation import monthly_compensation
from slup_crm.gateway.figures import participant_figures
from slup_crm.gateway.stages import GATEWAY_PARTICIPANT, PHASE_3
from slup_crm.pipelines.document import stage_history
from slup_crm.pipelines.reminders import send_stale_reminders
from tests.support.gateway import (
	COORDINATOR,
	gateway_users,
	make_ended_participant,
	make_host,
	make_participant,
	make_placement,
	make_project,
	mark_paid,
)


class TestGatewayParticipant(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		gateway_users()
		cls.project = make_project().name

	def test_phase_3_is_refused_with_the_reason(self):
		with self.assertRaisesRegex(frappe.ValidationError, "phase 3.*may not receive training"):
			make_participant(self.project, programme_phase=PHASE_3)
		self.assertFalse(frappe.db.exists("Gateway Participant", {"programme_phase": PHASE_3}))

	def test_phase_3_message_is_in_swedish(self):
		frappe.local.lang = "sv"
		try:
			with self.assertRaisesRegex(frappe.ValidationError, "fas 3"):
				make_participant(self.project, programme_phase=PHASE_3)
		finally:
			frappe.local.lang = "en"

	def test_phase_2_takes_part(self):
		doc = make_participant(self.project, programme_phase="Job and Development Guarantee, phase 2")
		self.assertEqual(doc.stage, "Referred")
		self.assertEqual(doc.full_name, f"Testa {doc.last_name}")

	def test_a_participant_cannot_later_be_moved_into_phase_3(self):
		doc = make_participant(self.project)
		doc.programme_phase = PHASE_3
		with self.assertRaises(frappe.ValidationError):
			doc.save()

	def test_one_participant_per_person_and_project(self):
		make_participant(self.project, email="sam.sluss@example.se")
		with self.assertRaises(frappe.DuplicateEntryError):
			make_participant(self.project, email="Sam.Sluss@example.se")
		other_project = make_project().name
		self.assertTrue(make_participant(other_project, email="sam.sluss@example.se").name)

	def test_the_path_runs_through_the_workflow_with_stage_history(self):
		doc = make_participant(self.project)
		with self.set_user(COORDINATOR):
			for action in ("Start Preparation", "Start Training"):
				doc = apply_workflow(frappe.get_doc("Gateway Participant", doc.name).as_dict(), action)
			with self.assertRaisesRegex(frappe.ValidationError, "Record the participant's placement"):
				apply_workflow(frappe.get_doc("Gateway Participant", doc.name).as_dict(), "Start Placement")
			make_placement(doc.name)
			doc = apply_workflow(frappe.get_doc("Gateway Participant", doc.name).as_dict(), "Start Placement")
		self.assertEqual(doc.stage, "Placement")
		history = stage_history("Gateway Participant", doc.name)
		self.assertEqual([h.to_stage for h in history], ["Referred", "Preparation", "Training", "Placement"])
		self.assertEqual(history[-1].changed_by, COORDINATOR)

	def test_ending_needs_the_outcome_and_the_date(self):
		doc = make_participant(self.project)
		with self.set_user(COORDINATOR):
			with self.assertRaisesRegex(frappe.ValidationError, "outcome"):
				apply_workflow(doc.as_dict(), "End Participation")
			doc.reload()
			doc.outcome = "Employment"
			doc.ended_on = "2026-06-30"
			doc.save()
			doc = apply_workflow(doc.as_dict(), "End Participation")
		self.assertEqual((doc.stage, doc.outcome), ("Ended", "Employment"))

	def test_staff_cannot_move_a_participant(self):
		doc = make_participant(self.project)
		with self.set_user("gateway-staff@example.se"):
			with self.assertRaises(frappe.PermissionError):
				apply_workflow(doc.as_dict(), "Start Preparation")

	def test_a_stale_participant_reminds_the_responsible_coordinator(self):
		with self.freeze_time("2026-01-20 10:00:00"):
			doc = make_participant(self.project, responsible=COORDINATOR)
		with self.freeze_time("2026-04-01 10:00:00"):
			send_stale_reminders()
		todos = frappe.get_all(
			"ToDo", {"reference_type": "Gateway Participant", "reference_name": doc.name}, pluck="description"
		)
		self.assertEqual(len(todos), 1)
		self.assertNotIn(doc.last_name, todos[0])

	def test_workflow_and_stage_options_list_the_same_stages(self):
		workflow = frappe.get_doc("Workflow", "Gateway Participant")
		stages = list(GATEWAY_PARTICIPANT.stage_names)
		self.assertEqual([s.state for s in workflow.states], stages)
		self.assertEqual(
			frappe.get_meta("Gateway Participant").get_field("stage").options.split("\n"), stages
		)
		self.assertEqual({t.action for t in workflow.transitions}, set(GATEWAY_PARTICIPANT.actions))
		self.assertEqual({t.allowed for t in workflow.transitions}, {"Gateway Coordinator"})


class TestPlacement(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		gateway_users()
		cls.project = make_project(host_grant_per_day=150)

	def test_overlapping_placements_are_refused(self):
		participant = make_participant(self.project.name).name
		make_placement(participant, start_date="2026-02-01", end_date="2026-03-31")
		for start, end in (("2026-03-31", "2026-04-30"), ("2026-01-20", "2026-02-01"), ("2026-02-10", None)):
			with self.assertRaisesRegex(frappe.ValidationError, "two placements on the same day"):
				make_placement(participant, start_date=start, end_date=end)
		# The day after the first one ends is free.
		self.assertTrue(make_placement(participant, start_date="2026-04-01", end_date=None).name)

	def test_an_open_ended_placement_blocks_every_later_day(self):
		participant = make_participant(self.project.name).name
		make_placement(participant, start_date="2026-02-01")
		with self.assertRaisesRegex(frappe.ValidationError, "two placements on the same day"):
			make_placement(participant, start_date="2027-05-01", end_date="2027-05-31")

	def test_another_participant_may_share_the_host_and_the_days(self):
		host = make_host().name
		make_placement(make_participant(self.project.name).name, host=host)
		self.assertTrue(make_placement(make_participant(self.project.name).name, host=host).name)

	def test_rate_is_frozen_when_the_placement_starts(self):
		project = make_project(host_grant_per_day=150)
		participant = make_participant(project.name).name
		placement = make_placement(participant, attendance={"2026-02-01": 10})
		self.assertEqual(placement.daily_rate, 150)
		project.host_grant_per_day = 200
		project.save(ignore_permissions=True)
		placement.reload()
		placement.daily_rate = 999  # read-only on the form; not taken from a request either
		placement.append("attendance", {"month": "2026-03-01", "days_attended": 5})
		placement.save()
		self.assertEqual(placement.daily_rate, 150)
		self.assertEqual(placement.total_compensation, 15 * 150)
		later = make_placement(make_participant(project.name).name)
		self.assertEqual(later.daily_rate, 200)

	def test_days_attended_cannot_exceed_the_days_of_the_placement_in_the_month(self):
		participant = make_participant(self.project.name).name
		with self.assertRaisesRegex(frappe.ValidationError, "runs only 18 days"):
			make_placement(participant, start_date="2026-02-11", attendance={"2026-02-01": 19})
		with self.assertRaisesRegex(frappe.ValidationError, "does not run in"):
			make_placement(participant, start_date="2026-02-11", attendance={"2026-01-01": 3})
		placement = make_placement(participant, start_date="2026-02-11", attendance={"2026-02-17": 18})
		self.assertEqual(str(placement.attendance[0].month), "2026-02-01")

	def test_a_month_is_recorded_once(self):
		participant = make_participant(self.project.name).name
		with self.assertRaisesRegex(frappe.ValidationError, "already recorded"):
			frappe.get_doc(
				{
					"doctype": "Placement",
					"participant": participant,
					"host_type": "Organisation",
					"host": make_host().name,
					"start_date": "2026-02-01",
					"attendance": [
						{"month": "2026-02-01", "days_attended": 3},
						{"month": "2026-02-20", "days_attended": 2},
					],
				}
			).insert()

	def test_a_start_up_from_the_pipeline_can_host(self):
		from tests.support.factories import make_startup

		startup = make_startup()
		placement = make_placement(
			make_participant(self.project.name).name, host_type="Social Enterprise Startup", host=startup.name
		)
		self.assertEqual(placement.host_name, startup.enterprise_name)

	def test_a_paid_month_locks_its_days(self):
		host = make_host().name
		placement = make_placement(
			make_participant(self.project.name).name,
			host=host,
			attendance={"2026-02-01": 12, "2026-03-01": 8},
		)
		paid = mark_paid(host, "2026-02-14")
		self.assertEqual((str(paid.month), paid.days, paid.amount), ("2026-02-01", 12, 1800))
		placement.reload()
		placement.attendance[0].days_attended = 13
		with self.assertRaisesRegex(frappe.ValidationError, "can no longer be changed"):
			placement.save()
		placement.reload()
		placement.remove(placement.attendance[0])
		with self.assertRaisesRegex(frappe.ValidationError, "can no longer be changed"):
			placement.save()
		placement.reload()
		placement.host = make_host().name
		with self.assertRaisesRegex(frappe.ValidationError, "can no longer be changed"):
			placement.save()
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be deleted"):
			frappe.delete_doc("Placement", placement.name)
		# An unpaid month stays open.
		placement.reload()
		placement.attendance[1].days_attended = 9
		placement.save()
		self.assertEqual(
			frappe.db.get_value("Placement Attendance", placement.attendance[0].name, "days_attended"), 12
		)

	def test_a_cancelled_payment_opens_the_month_again(self):
		host = make_host().name
		placement = make_placement(
			make_participant(self.project.name).name, host=host, attendance={"2026-02-01": 4}
		)
		paid = mark_paid(host, "2026-02-01")
		paid.cancel()
		placement.reload()
		placement.attendance[0].days_attended = 5
		placement.save()
		self.assertEqual(placement.total_days, 5)

	def test_a_month_is_paid_once_per_host(self):
		host = make_host().name
		make_placement(make_participant(self.project.name).name, host=host, attendance={"2026-02-01": 4})
		mark_paid(host, "2026-02-01")
		with self.assertRaises(frappe.DuplicateEntryError):
			mark_paid(host, "2026-02-28")

	def test_a_month_without_days_cannot_be_paid(self):
		with self.assertRaisesRegex(frappe.ValidationError, "nothing to pay"):
			mark_paid(make_host().name, "2026-02-01")


class TestHostGrants(FrappeTestCase):
	"""Known data: two hosts, four placements, two rates (150 and 200 SEK a day), two months."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		gateway_users()
		cls.project = make_project(host_grant_per_day=150)
		cls.cafe = make_host(organisation_name="Kaféet Sluss " + frappe.generate_hash(length=5)).name
		cls.garden = make_host(organisation_name="Trädgården Sluss " + frappe.generate_hash(length=5)).name
		p = [make_participant(cls.project.name).name for _ in range(4)]
		make_placement(p[0], host=cls.cafe, attendance={"2026-02-01": 10, "2026-03-01": 12})
		make_placement(p[1], host=cls.cafe, attendance={"2026-02-01": 8})
		make_placement(p[2], host=cls.garden, attendance={"2026-02-01": 15, "2026-03-01": 0})
		cls.project.host_grant_per_day = 200
		cls.project.save(ignore_permissions=True)
		make_placement(p[3], host=cls.garden, start_date="2026-03-02", attendance={"2026-03-01": 20})

	def rows(self, **filters):
		from slup_crm.gateway.report.host_grants_per_month.host_grants_per_month import execute

		columns, data = execute(
			{"from_month": "2026-02-01", "to_month": "2026-03-31", "project": self.project.name, **filters}
		)
		return {(str(r["month"]), r["host"]): (r["placements"], r["days"], r["amount"]) for r in data}

	def paid(self, **filters):
		from slup_crm.gateway.report.host_grants_per_month.host_grants_per_month import execute

		columns, data = execute(
			{"from_month": "2026-02-01", "to_month": "2026-03-31", "project": self.project.name, **filters}
		)
		return {(str(r["month"]), r["host"]): r["paid"] for r in data}

	def test_the_report_gives_days_times_rate_per_host_and_month(self):
		self.assertEqual(
			self.rows(),
			{
				("2026-02-01", self.cafe): (2, 18, 2700),
				("2026-02-01", self.garden): (1, 15, 2250),
				("2026-03-01", self.cafe): (1, 12, 1800),
				("2026-03-01", self.garden): (1, 20, 4000),
			},
		)

	def test_a_paid_month_shows_as_paid_and_drops_out_of_the_unpaid(self):
		payment = mark_paid(self.garden, "2026-03-01")
		self.assertEqual((payment.days, payment.amount), (20, 4000))
		self.assertEqual(self.paid()[("2026-03-01", self.garden)], 1)
		self.assertEqual(self.paid()[("2026-02-01", self.garden)], 0)
		self.assertNotIn(("2026-03-01", self.garden), self.rows(unpaid_only=1))
		self.assertEqual(len(self.rows(unpaid_only=1)), 3)

	def test_the_report_names_no_participant(self):
		from slup_crm.gateway.report.host_grants_per_month.host_grants_per_month import execute

		columns, data = execute({"from_month": "2026-02-01", "to_month": "2026-03-31"})
		self.assertNotIn("participant", {c["fieldname"] for c in columns})
		names = frappe.get_all("Gateway Participant", {"project": self.project.name}, pluck="full_name")
		text = frappe.as_json(data)
		self.assertFalse([n for n in names if n in text])

	def test_the_manager_exports_the_report_to_excel(self):
		from frappe.desk.query_report import export_query

		frappe.set_user("gateway-manager@example.se")
		try:
			frappe.local.form_dict = frappe._dict(
				report_name="Host Grants per Month",
				file_format_type="Excel",
				filters=frappe.as_json(
					{"from_month": "2026-02-01", "to_month": "2026-03-31", "project": self.project.name}
				),
				visible_idx="[0, 1, 2, 3]",
			)
			export_query()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.response["type"], "binary")
		self.assertTrue(frappe.response["filename"].endswith(".xlsx"))
		from io import BytesIO

		from openpyxl import load_workbook

		sheet = load_workbook(BytesIO(frappe.response["filecontent"])).active
		values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
		self.assertIn(4000, values)
		self.assertIn(18, values)

	def test_staff_cannot_open_the_host_grants(self):
		from frappe.desk.query_report import run

		with self.set_user("gateway-staff@example.se"):
			with self.assertRaises(frappe.PermissionError):
				run("Host Grants per Month", filters={"from_month": "2026-02-01", "to_month": "2026-03-31"})


class TestFunderFigures(FrappeTestCase):
	"""Known data: five participants of one project in 2026, one ended before the period. Every
	count is shown here (smallest count shown: 1); TestSmallCounts leaves the small ones out."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.db.set_single_value("SLUP Settings", "gateway_min_cell_size", 1)
		gateway_users()
		cls.project = make_project().name
		make_participant(
			cls.project, gender="Woman", age_band="Under 25", referrer="Public Employment Service"
		)
		make_participant(
			cls.project,
			gender="Woman",
			age_band="25–34",
			referrer="Social Insurance Agency",
			programme_phase="No programme",
			labour_market_status="On sick leave or activity compensation",
		)
		make_ended_participant(
			cls.project,
			"Employment",
			"2026-05-31",
			gender="Man",
			age_band="25–34",
			referrer="Public Employment Service",
		)
		make_participant(
			cls.project,
			gender="Man",
			age_band="55 or older",
			referrer="Municipality",
			referred_on="2026-03-01",
		)
		make_ended_participant(
			cls.project,
			"Left the project",
			"2025-12-31",
			gender="Other or not stated",
			age_band="45–54",
			referrer="Other",
			referred_on="2025-02-01",
		)

	def report(self, **filters):
		from slup_crm.gateway.report.gateway_participants_for_funders.gateway_participants_for_funders import (
			execute,
		)

		values = {"project": self.project, "from_date": "2026-01-01", "to_date": "2026-12-31", **filters}
		return {
			(r["section"], r.get("value") or r["label"]): (
				r["participants"],
				r["women"],
				r["men"],
				r["other_gender"],
			)
			for r in execute(values)[1]
		}

	def test_the_funder_report_counts_by_gender_age_referrer_phase_and_outcome(self):
		rows = self.report()
		self.assertEqual(rows[("Total", "Participants")], (4, 2, 2, 0))
		self.assertEqual(rows[("By Age Band", "25–34")], (2, 1, 1, 0))
		self.assertEqual(rows[("By Referrer", "Public Employment Service")], (2, 1, 1, 0))
		self.assertEqual(rows[("By Referrer", "Social Insurance Agency")], (1, 1, 0, 0))
		self.assertEqual(rows[("By Programme Phase", "Job and Development Guarantee, phase 2")], (3, 1, 2, 0))
		self.assertEqual(rows[("By Outcome", "Employment")], (1, 0, 1, 0))
		self.assertEqual(rows[("By Outcome", "Not ended")], (3, 2, 1, 0))
		self.assertNotIn(("By Outcome", "Left the project"), rows)

	def test_the_period_decides_who_counts(self):
		self.assertEqual(
			self.report(from_date="2025-01-01", to_date="2025-12-31")[("Total", "Participants")], (1, 0, 0, 1)
		)
		# Ended after the period: counted, outcome not yet.
		rows = self.report(from_date="2026-01-01", to_date="2026-02-28")
		self.assertEqual(rows[("Total", "Participants")], (3, 2, 1, 0))
		self.assertNotIn(("By Outcome", "Employment"), rows)

	def test_the_report_names_no_one(self):
		text = frappe.as_json([list(key) + list(value) for key, value in self.report().items()])
		for name in frappe.get_all("Gateway Participant", {"project": self.project}, pluck="last_name"):
			self.assertNotIn(name, text)

	def test_staff_and_managers_see_the_figures(self):
		from frappe.desk.query_report import run

		from slup_crm.gateway.figures import participants_by_age_and_gender, participants_in_progress

		for user in ("gateway-staff@example.se", "gateway-manager@example.se"):
			with self.set_user(user):
				result = run(
					"Gateway Participants for Funders",
					filters={"project": self.project, "from_date": "2026-01-01", "to_date": "2026-12-31"},
				)
				self.assertEqual(result["result"][0]["participants"], 4)
				self.assertGreaterEqual(participants_in_progress(), 3)
				chart = participants_by_age_and_gender()
				self.assertEqual(len(chart["datasets"]), 3)

	def test_the_card_counts_participants_not_ended(self):
		from slup_crm.gateway.figures import participants_in_progress

		before = participants_in_progress()
		make_participant(make_project().name)
		self.assertEqual(participants_in_progress(), before + 1)

	def test_a_website_user_gets_no_figures(self):
		from slup_crm.gateway.figures import participants_in_progress

		with self.set_user("Guest"):
			with self.assertRaises(frappe.PermissionError):
				participants_in_progress()


class TestSmallCounts(FrappeTestCase):
	"""Figures without people: six women and one man, the man alone on sick leave. With the
	default smallest count (5) nothing in the report, the card or the chart tells about him."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.db.set_single_value("SLUP Settings", "gateway_min_cell_size", 5)
		gateway_users()
		cls.project = make_project().name
		for _i in range(6):
			make_participant(cls.project, gender="Woman", referred_on="2026-03-02")
		make_participant(
			cls.project,
			gender="Man",
			age_band="55 or older",
			referrer="Municipality",
			labour_market_status="On sick leave or activity compensation",
			referred_on="2026-03-20",
		)

	def report(self, from_date="2026-03-01", to_date="2026-03-31"):
		from slup_crm.gateway.report.gateway_participants_for_funders.gateway_participants_for_funders import (
			execute,
		)

		_columns, data, note = execute({"project": self.project, "from_date": from_date, "to_date": to_date})
		return data, note

	def test_no_count_under_the_threshold_is_shown(self):
		data, note = self.report()
		shown = [r[c] for r in data for c in ("participants", "women", "men", "other_gender")]
		self.assertFalse([n for n in shown if n is not None and 0 < n < 5], data)
		self.assertIn("5", note)

	def test_a_lone_left_out_count_cannot_be_worked_out_from_the_totals(self):
		data, _note = self.report()
		total = data[0]
		self.assertIsNone(total["men"])
		# Shown, the women's total and the grand total would give the men's count away.
		self.assertFalse(total["women"] is not None and total["participants"] is not None)
		sick = [r for r in data if r.get("value") == "On sick leave or activity compensation"]
		self.assertTrue(all(r["men"] is None and r["participants"] is None for r in sick))

	def test_a_narrow_period_counts_the_whole_month(self):
		self.assertEqual(self.report("2026-03-20", "2026-03-20")[0], self.report()[0])

	def test_the_card_says_fewer_than_the_threshold(self):
		from slup_crm.gateway.figures import participants_in_progress

		count = participants_in_progress()
		frappe.db.set_single_value("SLUP Settings", "gateway_min_cell_size", count + 1)
		self.assertEqual(participants_in_progress(), f"fewer than {count + 1}")

	def test_the_chart_draws_no_small_count(self):
		from slup_crm.gateway.figures import participants_by_age_and_gender

		frappe.db.set_single_value("SLUP Settings", "gateway_min_cell_size", 10**6)
		chart = participants_by_age_and_gender()
		self.assertEqual({n for dataset in chart["datasets"] for n in dataset["values"]}, {0})


class TestGatewayAccess(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		gateway_users()
		cls.participant = make_participant(make_project().name)
		cls.placement = make_placement(cls.participant.name)

	def test_only_the_coordinator_reads_and_writes_participants_and_placements(self):
		with self.set_user(COORDINATOR):
			self.assertTrue(frappe.has_permission("Gateway Participant", "read", doc=self.participant.name))
			self.assertTrue(frappe.has_permission("Placement", "write", doc=self.placement.name))
			self.assertIn(self.participant.name, frappe.get_list("Gateway Participant", pluck="name"))
		for user in ("gateway-staff@example.se", "gateway-manager@example.se", "Guest"):
			with self.set_user(user):
				for doctype, name in (
					("Gateway Participant", self.participant.name),
					("Placement", self.placement.name),
				):
					self.assertFalse(
						frappe.has_permission(doctype, "read", doc=name), f"{user} reads {doctype}"
					)
					self.assertFalse(frappe.has_permission(doctype, "create"), f"{user} creates {doctype}")
					with self.assertRaises(frappe.PermissionError):
						frappe.get_list(doctype)

	def test_a_participant_cannot_be_shared_outside_the_coordinators(self):
		for doctype, name in (
			("Gateway Participant", self.participant.name),
			("Placement", self.placement.name),
		):
			with self.assertRaises(frappe.PermissionError):
				frappe.share.add_docshare(
					doctype, name, "gateway-staff@example.se", read=1, flags={"ignore_share_permission": True}
				)
			with self.assertRaises(frappe.PermissionError):
				frappe.share.add_docshare(
					doctype, name, everyone=1, read=1, flags={"ignore_share_permission": True}
				)
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": self.participant.name}))
		with self.set_user("gateway-staff@example.se"):
			self.assertFalse(frappe.has_permission("Gateway Participant", "read", doc=self.participant.name))
		# Another coordinator may be given a record.
		frappe.share.add_docshare(
			"Gateway Participant",
			self.participant.name,
			COORDINATOR,
			read=1,
			flags={"ignore_share_permission": True},
		)

	def test_every_read_of_a_participant_is_logged(self):
		from slup_crm.gateway.access import reads_of

		before = len(reads_of(self.participant.name))
		with self.set_user(COORDINATOR):
			frappe.get_doc("Gateway Participant", self.participant.name).check_permission("read")
			from frappe.desk.form.load import getdoc

			getdoc("Gateway Participant", self.participant.name)
		reads = reads_of(self.participant.name)
		self.assertGreaterEqual(len(reads) - before, 2)
		self.assertEqual(reads[0].viewed_by, COORDINATOR)

	def test_listing_participants_is_logged(self):
		from slup_crm.gateway.access import LIST_READ

		def lists():
			return frappe.db.count("Access Log", {"user": COORDINATOR, "method": LIST_READ})

		before = lists()
		with self.set_user(COORDINATOR):
			frappe.get_list("Gateway Participant", fields=["full_name"])
		self.assertEqual(lists(), before + 1)

	def test_a_refused_read_is_not_logged_as_a_read(self):
		from slup_crm.gateway.access import reads_of

		before = len(reads_of(self.participant.name))
		with self.set_user("gateway-staff@example.se"):
			frappe.has_permission("Gateway Participant", "read", doc=self.participant.name)
		self.assertEqual(len(reads_of(self.participant.name)), before)


class TestGatewayErasure(FrappeTestCase):
	"""Erasure and retention keep the funder's figures and the host grants."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		gateway_users()
		from tests.support.factories import ensure_outgoing_email_account

		ensure_outgoing_email_account()  # Frappe's deletion request e-mails the person
		cls.project = make_project(start_date="2020-01-01", end_date="2022-12-31").name

	def figures(self):
		from slup_crm.gateway.report.gateway_participants_for_funders.gateway_participants_for_funders import (
			execute,
		)

		rows = execute({"project": self.project, "from_date": "2020-01-01", "to_date": "2026-12-31"})[1]
		return [(r["section"], r["label"], r["participants"], r["women"], r["men"]) for r in rows]

	def test_erasure_keeps_the_funder_figures_and_the_host_grants(self):
		from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
			PersonalDataDeletionRequest,
		)

		person = make_participant(
			self.project,
			email="erase.me@example.se",
			phone="070-123 45 67",
			referred_on="2021-01-10",
			labour_market_status="On sick leave or activity compensation",
		)
		other = make_participant(self.project, email="keep.me@example.se", referred_on="2021-01-10")
		host = make_host().name
		make_placement(person.name, host=host, start_date="2021-02-01", attendance={"2021-02-01": 10})
		figures = self.figures()
		grants = monthly_compensation("2021-02-01", "2021-02-01", host_type="Organisation", host=host)

		request = frappe.get_doc(
			{"doctype": "Personal Data Deletion Request", "email": "erase.me@example.se"}
		)
		request.insert(ignore_permissions=True)
		request.db_set("status", "Pending Approval")
		request.reload()
		request.trigger_data_deletion()

		erased = frappe.get_doc("Gateway Participant", person.name)
		self.assertTrue(erased.anonymised_on)
		self.assertNotIn(person.last_name, frappe.as_json(erased.as_dict()))
		self.assertNotIn("erase.me@example.se", frappe.as_json(erased.as_dict()))
		self.assertFalse(erased.phone)
		self.assertEqual(erased.labour_market_status, "On sick leave or activity compensation")
		self.assertEqual(
			frappe.db.get_value("Gateway Participant", other.name, "email"), "keep.me@example.se"
		)
		self.assertEqual(self.figures(), figures)
		self.assertEqual(
			monthly_compensation("2021-02-01", "2021-02-01", host_type="Organisation", host=host), grants
		)

	def test_the_coordinator_erases_a_participant_without_an_address(self):
		from slup_crm.gateway.privacy import erase_participant

		person = make_participant(self.project, referred_on="2021-03-01")
		figures = self.figures()
		with self.set_user("gateway-staff@example.se"):
			with self.assertRaises(frappe.PermissionError):
				erase_participant(person.name)
		with self.set_user(COORDINATOR):
			self.assertEqual(erase_participant(person.name), 1)
		self.assertEqual(frappe.db.get_value("Gateway Participant", person.name, "last_name"), "REDACTED")
		self.assertEqual(self.figures(), figures)

	def test_retention_anonymises_three_years_after_the_project_and_twice_is_the_same(self):
		from slup_crm.gateway.privacy import apply_retention

		old = make_participant(self.project, referred_on="2021-05-01")
		running = make_participant(make_project().name)
		figures = self.figures()
		self.assertEqual(apply_retention(today="2025-12-31"), 0)
		self.assertGreaterEqual(apply_retention(today="2026-01-01"), 1)
		self.assertEqual(apply_retention(today="2026-01-01"), 0)
		self.assertEqual(frappe.db.get_value("Gateway Participant", old.name, "first_name"), "REDACTED")
		self.assertIsNone(frappe.db.get_value("Gateway Participant", running.name, "anonymised_on"))
		self.assertEqual(self.figures(), figures)

	def test_the_retention_period_comes_from_the_settings(self):
		from slup_crm.gateway.privacy import apply_retention

		old = make_participant(self.project, referred_on="2021-06-01")
		frappe.db.set_single_value("SLUP Settings", "gateway_participant_years", 1)
		self.assertGreaterEqual(apply_retention(today="2024-01-01"), 1)
		self.assertEqual(frappe.db.get_value("Gateway Participant", old.name, "last_name"), "REDACTED")

	def test_the_declaration_covers_every_gateway_doctype(self):
		from slup_crm.privacy.declaration import declared, special_fields

		for doctype in ("Gateway Participant", "Placement", "Placement Attendance", "Host Compensation"):
			self.assertTrue(declared(doctype), doctype)
		self.assertEqual(
			set(special_fields("Gateway Participant")), {"labour_market_status", "programme_phase"}
		)
