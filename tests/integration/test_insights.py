"""Number cards, charts and reports against small data sets whose answers are known.

The test site holds other data too (the 26 municipalities, records of other tests' classes are
rolled back), so each test reads a figure, adds known records, and checks the exact change.
"""

import json

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as get_chart
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from slup_crm.insights import dashboard
from tests.support.factories import (
	apply_action,
	ensure_outgoing_email_account,
	make_membership,
	make_municipality,
	make_organisation,
	make_policy_adoption,
	make_registration,
	make_startup,
	make_training,
	make_trip,
	municipality,
)


def card_value(name):
	card = frappe.get_doc("Number Card", name)
	if card.type == "Custom":
		return frappe.get_attr(card.method)()
	return get_result(card.as_dict(), card.filters_json)


def set_stage(doc, stage):
	"""Put test data in a stage directly (the workflow's own rules are tested elsewhere)."""
	frappe.db.set_value(doc.doctype, doc.name, "stage", stage)


def chart_data(name):
	"""What the desk draws for a chart: its source's answer for Custom charts, else Frappe's."""
	chart = frappe.get_doc("Dashboard Chart", name)
	if chart.chart_type == "Custom":
		source = frappe.scrub(chart.source)
		return frappe.get_attr(f"slup_crm.insights.dashboard_chart_source.{source}.{source}.get")(
			chart_name=name
		)
	return get_chart(chart_name=name, refresh=1)


def chart_values(name):
	data = chart_data(name)
	if not data:  # Frappe answers None for a group-by chart with no data at all
		return {}
	return dict(zip(data["labels"], data["datasets"][0]["values"], strict=False))


class TestNumberCards(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def test_municipalities_with_adopted_policy_out_of_the_county(self):
		before_adopted, total = map(int, card_value("Municipalities with Adopted Policy").split(" / "))
		self.assertEqual(total, 26)
		for code, stage in (("0114", "Policy adopted"), ("0115", "Implementing"), ("0117", "Policy drafted")):
			set_stage(make_policy_adoption(municipality(code)), stage)
		set_stage(make_policy_adoption(make_municipality()), "Policy adopted")  # another county
		self.assertEqual(card_value("Municipalities with Adopted Policy"), f"{before_adopted + 2} / 26")

	def test_municipalities_in_dialogue_or_further_count_the_home_county_only(self):
		before = card_value("Municipalities in Dialogue or Further")
		stages = ("Not contacted", "In dialogue", "Policy adopted", "Paused", "Declined", "Implementing")
		for code, stage in zip(("0125", "0127", "0128", "0138", "0139", "0140"), stages, strict=True):
			set_stage(make_policy_adoption(municipality(code)), stage)
		for stage in ("In dialogue", "Policy adopted"):  # another county
			set_stage(make_policy_adoption(make_municipality()), stage)
		self.assertEqual(card_value("Municipalities in Dialogue or Further"), before + 3)

	def test_both_policy_cards_follow_one_county_rule(self):
		"""The same adopted policies, in and outside the home county, count alike on both cards."""
		adopted_before = int(card_value("Municipalities with Adopted Policy").split(" / ")[0])
		further_before = card_value("Municipalities in Dialogue or Further")
		set_stage(make_policy_adoption(municipality("0160")), "Policy adopted")
		set_stage(make_policy_adoption(make_municipality()), "Policy adopted")  # another county
		adopted_after = int(card_value("Municipalities with Adopted Policy").split(" / ")[0])
		further_after = card_value("Municipalities in Dialogue or Further")
		self.assertEqual((adopted_after - adopted_before, further_after - further_before), (1, 1))

	def test_active_startups(self):
		before = card_value("Active Start-ups")
		for stage in ("Idea", "Founded", "Operating", "Sustainable", "Discontinued"):
			set_stage(make_startup(), stage)
		self.assertEqual(card_value("Active Start-ups"), before + 3)

	def test_startups_founded_this_year_count_each_once(self):
		before = card_value("Start-ups Founded This Year")
		doc = make_startup()
		for action in ("Explore", "Write Business Plan", "Found", "Move Back", "Found"):
			doc = apply_action(doc, action)
		with self.freeze_time(f"{getdate().year - 1}-06-01 10:00:00"):
			old = make_startup()
			for action in ("Explore", "Write Business Plan", "Found"):
				old = apply_action(old, action)
		self.assertEqual(card_value("Start-ups Founded This Year"), before + 1)

	def test_open_events_and_seats_left(self):
		open_before = card_value("Open Trips and Trainings")
		seats_before = card_value("Seats Left on Open Trips and Trainings")
		trip = make_trip(seats=10)
		for _i in range(3):
			make_registration(trip)
		make_training(seats=5)
		make_trip(published=0)  # a draft is not open
		self.assertEqual(card_value("Open Trips and Trainings"), open_before + 2)
		self.assertEqual(card_value("Seats Left on Open Trips and Trainings"), seats_before + 7 + 5)

	def test_registrations_in_the_last_30_days(self):
		trip = make_trip()
		before = card_value("Registrations in the Last 30 Days")
		for _i in range(3):
			make_registration(trip)
		old = make_registration(trip)
		frappe.db.set_value("Activity Registration", old.name, "creation", add_days(today(), -31))
		self.assertEqual(card_value("Registrations in the Last 30 Days"), before + 3)

	def test_members_who_paid_this_year(self):
		before = card_value("Members Who Paid This Year's Fee")
		make_membership(make_organisation().name, status="Paid", paid_date=today())
		make_membership(make_organisation().name, status="Unpaid")
		make_membership(make_organisation().name, status="Waived")
		make_membership(
			make_organisation().name, year=getdate().year - 1, status="Paid", paid_date="2020-01-01"
		)
		self.assertEqual(card_value("Members Who Paid This Year's Fee"), before + 1)

	def test_guest_cannot_read_the_figures(self):
		from slup_crm.insights.dashboard_chart_source.records_per_stage.records_per_stage import get

		with self.set_user("Guest"):
			with self.assertRaises(frappe.PermissionError):
				dashboard.members_paid_this_year()
			with self.assertRaises(frappe.PermissionError):
				get(chart_name="Start-ups per Stage")


class TestCharts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def test_municipalities_per_policy_stage(self):
		before = chart_values("Municipalities per Policy Stage")
		for stage in ("In dialogue", "In dialogue", "Policy adopted"):
			set_stage(make_policy_adoption(make_municipality()), stage)
		after = chart_values("Municipalities per Policy Stage")
		self.assertEqual(after["In dialogue"], before.get("In dialogue", 0) + 2)
		self.assertEqual(after["Policy adopted"], before.get("Policy adopted", 0) + 1)

	def test_startups_per_stage_and_per_municipality(self):
		before = chart_values("Start-ups per Stage")
		place = make_municipality()
		name = frappe.db.get_value("Organisation", place, "organisation_name")
		for stage in ("Exploration", "Exploration", "Founded"):
			set_stage(make_startup(municipality=place), stage)
		after = chart_values("Start-ups per Stage")
		self.assertEqual(after["Exploration"], before.get("Exploration", 0) + 2)
		self.assertEqual(after["Founded"], before.get("Founded", 0) + 1)
		# Every stage is shown, in pipeline order, empty ones as 0.
		self.assertEqual(
			chart_data("Start-ups per Stage")["labels"],
			["Idea", "Exploration", "Business plan", "Founded", "Operating", "Sustainable", "Discontinued"],
		)
		self.assertEqual(chart_values("Start-ups per Municipality")[name], 3)

	def test_registrations_per_month(self):
		from slup_crm.insights.dashboard_chart_source.registrations_per_month.registrations_per_month import (
			get,
		)

		self.assertEqual(
			frappe.get_doc("Dashboard Chart", "Registrations per Month").source, "Registrations per Month"
		)
		trip = make_trip()
		before = get()["datasets"][0]["values"]
		for _i in range(4):
			make_registration(trip)
		old = make_registration(trip)
		two_months_ago = frappe.utils.add_months(getdate().replace(day=15), -2)
		frappe.db.set_value("Activity Registration", old.name, "creation", two_months_ago)
		data = get()
		self.assertEqual(len(data["labels"]), 12)
		self.assertEqual(data["labels"][-1], getdate().strftime("%Y-%m"))
		self.assertEqual(data["datasets"][0]["values"][-1], before[-1] + 4)
		self.assertEqual(data["datasets"][0]["values"][-3], before[-3] + 1)

	def test_fill_rate_of_recent_events(self):
		trip = make_trip(seats=8, title="Bussresa till Skoopi")
		for _i in range(2):
			make_registration(trip)
		frappe.db.set_value("Trip", trip.name, {"start_date": add_days(today(), -1), "end_date": today()})
		from slup_crm.insights.dashboard_chart_source.event_fill_rate.event_fill_rate import get

		result = run_report("Event Fill Rate", filters={"limit": 50})
		row = next(r for r in result["result"] if r["event"] == "Bussresa till Skoopi")
		self.assertEqual((row["fill_rate"], row["seats_taken"], row["kind"]), (25.0, 2, "Trip"))
		self.assertIn("Bussresa till Skoopi", result["chart"]["data"]["labels"])
		chart = get()  # the dashboard chart's source: the ten most recent, the newest last
		self.assertEqual(chart["labels"][-1], "Bussresa till Skoopi")
		self.assertEqual(chart["datasets"][0]["values"][-1], 25.0)


class TestReports(FrappeTestCase):
	def test_municipality_policy_status_lists_every_municipality(self):
		with self.freeze_time("2026-05-01 10:00:00"):
			doc = make_policy_adoption(
				municipality("0163"),
				responsible="Administrator",
				next_step="Möte med kommunstyrelsen",
				next_step_due="2026-06-01",
			)
			apply_action(doc, "Start Dialogue")
		with self.freeze_time("2026-05-11 10:00:00"):
			result = run_report("Municipality Policy Status", filters={"county": "Stockholms län"})["result"]
		self.assertEqual(len(result), 26)
		rows = {r["municipality_code"]: r for r in result}
		self.assertEqual(rows["0163"]["stage"], "In dialogue")
		self.assertEqual(rows["0163"]["days_in_stage"], 10)
		self.assertEqual(rows["0163"]["next_step"], "Möte med kommunstyrelsen")
		self.assertEqual(rows["0163"]["responsible"], "Administrator")
		self.assertEqual(rows["0192"]["stage"], "Not contacted")
		self.assertIsNone(rows["0192"]["policy_adoption"])
		only_dialogue = run_report(
			"Municipality Policy Status", filters={"county": "Stockholms län", "stage": "In dialogue"}
		)
		self.assertIn("0163", [r["municipality_code"] for r in only_dialogue["result"]])
		not_contacted = run_report(
			"Municipality Policy Status", filters={"county": "Stockholms län", "stage": "Not contacted"}
		)
		self.assertNotIn("0163", [r["municipality_code"] for r in not_contacted["result"]])

	def test_startup_pipeline_has_totals_per_stage(self):
		place = make_municipality()
		for employees, stage in ((3, "Exploration"), (4, "Exploration"), (10, "Operating")):
			set_stage(make_startup(municipality=place, employees=employees, participants=2), stage)
		result = run_report("Start-up Pipeline", filters={"municipality": place})["result"]
		groups = [r for r in result if r.get("is_group")]
		self.assertEqual(
			[(g["stage"], g["count"], g["employees"], g["participants"]) for g in groups],
			[("Exploration", 2, 7, 4), ("Operating", 1, 10, 2)],
		)
		self.assertEqual(len(result), 5)

	def test_membership_fees_per_year(self):
		for status in ("Paid", "Paid", "Unpaid", "Waived"):
			extra = {"paid_date": "2003-03-01"} if status == "Paid" else {}
			make_membership(make_organisation().name, year=2003, status=status, **extra)
		result = run_report("Membership Fees", filters={"from_year": 2003, "to_year": 2003})["result"]
		self.assertEqual(len(result), 1)
		row = result[0]
		self.assertEqual((row["paid_count"], row["unpaid_count"], row["waived_count"]), (2, 1, 1))
		self.assertEqual(
			(row["paid_amount"], row["unpaid_amount"], row["waived_amount"]), (1000.0, 500.0, 0.0)
		)

	def test_reports_export_through_frappe(self):
		from frappe.desk.query_report import export_query

		frappe.form_dict.update(
			{
				"report_name": "Municipality Policy Status",
				"file_format_type": "CSV",
				"filters": json.dumps({"county": "Stockholms län"}),
				"visible_idx": json.dumps(list(range(26))),
			}
		)
		export_query()
		content = frappe.response["filecontent"]
		content = content.decode() if isinstance(content, bytes) else content
		self.assertEqual(frappe.response["type"], "binary")
		self.assertIn("0163", content)
		self.assertIn("Not contacted", content)


class TestWorkspaceAndDashboard(FrappeTestCase):
	def test_workspace_and_dashboard_exist_with_their_parts(self):
		workspace = frappe.get_doc("Workspace", "SLUP CRM")
		self.assertEqual({r.role for r in workspace.roles}, {"SLUP Staff", "SLUP Manager", "System Manager"})
		# Every card and chart placed on the page is listed with the workspace.
		blocks = frappe.parse_json(workspace.content)
		for block_type, rows, field in (
			("number_card", workspace.number_cards, "number_card_name"),
			("chart", workspace.charts, "chart_name"),
		):
			placed = {block["data"][field] for block in blocks if block["type"] == block_type}
			self.assertLessEqual(placed, {row.get(field) for row in rows}, block_type)
		self.assertGreaterEqual(len(workspace.number_cards), 10)  # the group's eight and the projects' two
		kanbans = {s.kanban_board for s in workspace.shortcuts if s.doc_view == "Kanban"}
		self.assertLessEqual(
			{
				"Policy Adoption Pipeline",
				"Social Enterprise Startup Pipeline",
				"Development Project Pipeline",
			},
			kanbans,
		)
		dashboard_doc = frappe.get_doc("Dashboard", "SLUP Manager Dashboard")
		self.assertEqual(len(dashboard_doc.cards), 8)
		self.assertEqual(len(dashboard_doc.charts), 5)
		for row in workspace.number_cards:
			self.assertTrue(frappe.db.exists("Number Card", row.number_card_name))
		for row in workspace.charts:
			self.assertTrue(frappe.db.exists("Dashboard Chart", row.chart_name))


class TestOutreachForFunders(FrappeTestCase):
	"""The report lays out get_reach (whose counting is tested with the meetings module)."""

	def test_totals_and_sections_for_a_period(self):
		from tests.support.factories import make_contact, make_meeting, make_outreach_activity

		sollentuna = municipality("0163")
		sensus = make_organisation(
			organisation_name="Sensus Stockholm-Gotland", organisation_type="Study Association"
		)
		make_outreach_activity(
			activity_date="2011-05-10",
			people_in_person=40,
			people_by_email=0,
			municipalities=[{"municipality": sollentuna}],
			organisations=[{"organisation": sensus.name}],
		)
		make_outreach_activity(
			activity_date="2011-05-12", kind="Mail-out", people_in_person=0, people_by_email=2000
		)
		make_outreach_activity(activity_date="2011-07-01", people_in_person=999)  # outside the period
		anna = make_contact(first_name="Anna", organisation=sensus.name)
		bo = make_contact(first_name="Bo")
		make_meeting(
			meeting_date="2011-05-20",
			attendees=[
				{"contact": anna.name, "organisation": sensus.name, "attendance": "Present"},
				{"contact": bo.name, "attendance": "Present"},
				{"contact": make_contact(first_name="Cecilia").name, "attendance": "Excused"},
			],
		)
		result = run_report(
			"Outreach for Funders", filters={"from_date": "2011-05-01", "to_date": "2011-05-31"}
		)
		rows = result["result"]
		total = rows[0]
		self.assertEqual(total["section"], "Total")
		self.assertEqual(
			(
				total["activities"],
				total["people_identified"],
				total["people_counted_in_person"],
				total["people_by_email"],
			),
			(3, 2, 40, 2000),
		)
		self.assertEqual(total["organisations"], 1)
		by_kind = {r["kind"]: r for r in rows if r.get("kind")}
		self.assertEqual(by_kind["Meeting"]["people_identified"], 2)
		self.assertEqual(by_kind["Information meeting"]["people_counted_in_person"], 40)
		self.assertEqual(by_kind["Mail-out"]["people_by_email"], 2000)
		self.assertEqual(by_kind["Trip"]["activities"], 0)
		municipalities = {r["municipality"]: r for r in rows if r.get("municipality")}
		self.assertEqual(municipalities[sollentuna]["people_counted_in_person"], 40)
		types = {r["organisation_type"]: r for r in rows if r.get("organisation_type")}
		self.assertEqual(types["Study Association"]["organisations"], 1)
		summary = {s["label"]: s["value"] for s in result["report_summary"]}
		self.assertEqual(summary["People Reached in Person"], 42)

	def test_a_period_that_ends_before_it_starts_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "must start before it ends"):
			run_report("Outreach for Funders", filters={"from_date": "2011-05-31", "to_date": "2011-05-01"})
