"""Every number card, chart source and report of the managers only reads: on a site with a read
replica (`read_from_replica` and `replica_host` in site_config) it runs there, off the primary.

The "replica" here is the test site's own MariaDB reached under another host name, through a
connection of its own, which is all Frappe's `read_only` switch does. What shows that the switch
happened: this class's records are not committed, so only the primary connection (the test's own
transaction) sees them. Each figure is computed twice, once as the site is and once with the
replica configured; the records were chosen so that every figure differs if it reads them.
"""

import socket
from contextlib import closing, contextmanager

import frappe
import pymysql
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from slup_crm.insights import dashboard
from tests.support.factories import (
	apply_action,
	ensure_outgoing_email_account,
	make_membership,
	make_organisation,
	make_outreach_activity,
	make_policy_adoption,
	make_registration,
	make_startup,
	make_trip,
)

# The primary connection goes to "localhost" (Frappe's default db_host); the same server under
# another name stands in for a replica.
REPLICA_HOST = "127.0.0.1"

CARD_METHODS = (
	"municipalities_with_adopted_policy",
	"municipalities_in_dialogue_or_further",
	"active_startups",
	"startups_founded_this_year",
	"open_events",
	"seats_left_on_open_events",
	"registrations_last_30_days",
	"members_paid_this_year",
)
CHARTS = (
	"Municipalities per Policy Stage",
	"Start-ups per Stage",
	"Start-ups per Municipality",
	"Registrations per Month",
	"Fill Rate of Recent Trips and Trainings",
)
REPORTS = (
	"Municipality Policy Status",
	"Start-up Pipeline",
	"Membership Fees",
	"Event Fill Rate",
	"Outreach for Funders",
)


@contextmanager
def replica_configured(port=None):
	"""The site configured with a read replica, for the length of one request."""
	conf = frappe.local.conf
	saved = {key: conf.get(key) for key in ("read_from_replica", "replica_host", "replica_db_port")}
	conf.read_from_replica, conf.replica_host, conf.replica_db_port = 1, REPLICA_HOST, port
	try:
		yield
	finally:
		conf.update(saved)
		# what the end of a request does (frappe.destroy clears frappe.local): forget the replica
		for attribute in ("replica_db", "primary_db"):
			if hasattr(frappe.local, attribute):
				delattr(frappe.local, attribute)


def chart_data(name):
	"""What the desk calls for a chart: its source's method (Custom) or Frappe's chart endpoint."""
	chart = frappe.get_doc("Dashboard Chart", name)
	if chart.chart_type == "Custom":
		source = frappe.get_doc("Dashboard Chart Source", chart.source)
		method = f"{frappe.scrub(source.module)}.dashboard_chart_source.{frappe.scrub(source.name)}."
		return frappe.call(f"slup_crm.{method}{frappe.scrub(source.name)}.get", chart_name=name)
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get

	return frappe.call(get, chart_name=name, refresh=1)


def unused_port() -> int:
	with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
		s.bind((REPLICA_HOST, 0))
		return s.getsockname()[1]


def app_figure_methods() -> list[tuple[str, dict]]:
	"""Every Custom number card's method and every Custom chart's source method of the app, as the
	site's records name them (so that a figure added later is covered too), with their arguments."""
	modules = frappe.get_all("Module Def", {"app_name": "slup_crm"}, pluck="name")
	methods = [
		(method, {})
		for method in frappe.get_all(
			"Number Card", {"type": "Custom", "module": ("in", modules)}, pluck="method"
		)
	]
	for chart in frappe.get_all(
		"Dashboard Chart", {"chart_type": "Custom", "module": ("in", modules)}, ["name", "source"]
	):
		module = frappe.db.get_value("Dashboard Chart Source", chart.source, "module")
		source = frappe.scrub(chart.source)
		methods.append(
			(
				f"slup_crm.{frappe.scrub(module)}.dashboard_chart_source.{source}.{source}.get",
				{"chart_name": chart.name},
			)
		)
	return methods


def home_municipality_without_policy() -> str:
	"""A municipality of the home county (the policy cards count that county) with no policy record."""
	with_policy = frappe.get_all("Policy Adoption", pluck="municipality") or [""]
	return frappe.get_all(
		"Organisation",
		{
			"organisation_type": "Municipality",
			"county": frappe.db.get_single_value("SLUP Settings", "home_county"),
			"name": ("not in", with_policy),
		},
		pluck="name",
		order_by="municipality_code",
		limit=1,
	)[0]


def report_result(name):
	filters = {}
	if name == "Municipality Policy Status":
		filters = {"county": frappe.db.get_single_value("SLUP Settings", "home_county")}
	result = run_report(name, filters=filters, ignore_prepared_report=True)
	return result["result"], result.get("report_summary")


class TestReadReplica(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()  # commits; everything below stays uncommitted
		place = home_municipality_without_policy()
		make_policy_adoption(place)
		frappe.db.set_value("Policy Adoption", {"municipality": place}, "stage", "Policy adopted")
		startup = make_startup(municipality=place)
		for action in ("Explore", "Write Business Plan", "Found"):
			startup = apply_action(startup, action)
		trip = make_trip(seats=10)
		for _ in range(3):
			make_registration(trip)
		started = make_trip(seats=4)
		make_registration(started)
		frappe.db.set_value("Trip", started.name, {"start_date": today(), "end_date": today()})
		make_membership(make_organisation().name, status="Paid", paid_date=today())
		make_outreach_activity(activity_date=add_days(getdate(), -1), people_in_person=7)

	def assert_read_on_replica(self, compute):
		on_primary = compute()
		primary = frappe.db
		with replica_configured():
			on_replica = compute()
			self.assertIs(frappe.db, primary, "the request goes on with the primary connection")
		self.assertNotEqual(on_replica, on_primary, "the replica does not see uncommitted records")
		self.assertEqual(compute(), on_primary)

	def test_number_cards_read_from_the_replica(self):
		for method in CARD_METHODS:
			with self.subTest(card=method):
				self.assert_read_on_replica(lambda method=method: frappe.call(getattr(dashboard, method)))

	def test_chart_sources_read_from_the_replica(self):
		for name in CHARTS:
			with self.subTest(chart=name):
				self.assert_read_on_replica(lambda name=name: chart_data(name))

	def test_reports_read_from_the_replica(self):
		for name in REPORTS:
			with self.subTest(report=name):
				self.assert_read_on_replica(lambda name=name: report_result(name))

	def test_every_figure_of_the_app_asks_the_replica(self):
		"""With a replica configured that does not answer, every number card and chart source of the
		app fails to connect: each of them goes to the replica, none reads the primary."""
		methods = app_figure_methods()
		self.assertGreaterEqual(len(methods), len(CARD_METHODS) + len(CHARTS))
		port = unused_port()
		for method, arguments in methods:
			with self.subTest(method=method), replica_configured(port=port):
				with self.assertRaises(pymysql.err.OperationalError):
					frappe.call(method, **arguments)
