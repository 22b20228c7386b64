"""``plain_list`` returns what ``frappe.get_all`` returns, for every shape it writes (slup_crm.utils.plain_list):
null and empty values on each side of each operator, child tables in filters and fields, counts,
alternatives, the default order, plucked and plain lists; and leaves every other shape to Frappe."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime

from slup_crm.utils.plain_list import Unsupported, plain_list
from tests.support.factories import make_development_project, make_startup, make_user

STARTUP = "Social Enterprise Startup"
PROJECT = "Development Project"
WORKER = "plainlist-staff@example.se"


def normalised(rows):
	"""Rows (dicts, tuples or plucked values) in an order of their own, to compare as sets."""
	return sorted((tuple(sorted(row.items())) if isinstance(row, dict) else row for row in rows), key=repr)


class TestPlainList(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(WORKER, "SLUP Staff")
		today = getdate()
		cls.startups = [
			make_startup(responsible=WORKER, next_step="Ring", next_step_due=add_days(today, -2)),
			make_startup(responsible=WORKER, next_step="Besök", next_step_due=add_days(today, 4)),
			make_startup(),
			make_startup(responsible=WORKER),
		]
		names = [s.name for s in cls.startups]
		# the edges Frappe's null handling is about: empty text, no date, no stage date
		frappe.db.set_value(STARTUP, names[2], {"next_step": "", "stage_since": None, "employees": 3})
		frappe.db.set_value(
			STARTUP, names[3], {"next_step": None, "stage_since": add_days(now_datetime(), -400)}
		)
		cls.names = names
		cls.projects = [
			make_development_project(
				reports=[
					{"report_type": "Interim report", "due_date": add_days(today, 10), "responsible": WORKER},
					{"report_type": "Final report", "due_date": add_days(today, 90)},
				]
			),
			make_development_project(),
		]
		cls.project_names = [p.name for p in cls.projects]

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		super().tearDownClass()

	def same(self, doctype, ordered=False, **kwargs):
		"""plain_list and frappe.get_all give the same rows (in the same order, when it is ``ordered``)."""
		expected, got = frappe.get_all(doctype, **kwargs), plain_list(doctype, **kwargs)
		self.assertTrue(expected, f"a case with rows to compare: {kwargs}")
		if ordered:
			self.assertEqual(got, expected)
		else:
			self.assertEqual(normalised(got), normalised(expected))
		return got

	def ours(self, **more):
		return {"name": ("in", self.names), **more}

	def test_each_operator_with_null_and_empty_values_on_either_side(self):
		before = add_days(now_datetime(), -30)
		today = getdate()
		fields = ["name", "responsible", "next_step", "next_step_due", "stage_since"]
		cases = [
			{"responsible": WORKER},
			{"responsible": ("=", WORKER)},
			{"responsible": ("!=", WORKER)},
			{"next_step": ("!=", "Ring")},
			{"next_step": ("in", ["Ring", "Besök"])},
			{"next_step": ("in", ["Ring", ""])},
			{"next_step": ("in", [])},
			{"next_step": ("not in", ["Ring"])},
			{"next_step": ("is", "set")},
			{"next_step": ("is", "not set")},
			{"next_step_due": ("is", "set")},
			{"next_step_due": ("is", "not set")},
			{"next_step_due": ("<", today)},
			{"next_step_due": ("<=", today)},
			{"next_step_due": (">", today)},
			{"next_step_due": (">=", add_days(today, -2))},
			{"next_step_due": ("=", add_days(today, 4))},
			{"stage_since": ("<=", before)},
			{"stage_since": (">", before)},
			{"creation": ("<=", now_datetime())},
			{"creation": (">", add_days(now_datetime(), -1))},
			{"stage": ("not in", ("Discontinued", "Sustainable business"))},
			{"employees": 3},
			{"employees": ("!=", 3)},
			{"employees": ("<", 5)},
		]
		for filters in cases:
			with self.subTest(filters=filters):
				self.same(STARTUP, filters=self.ours(**filters), fields=fields)
		# the list form of the same, and the filters that tell rows apart at all
		self.same(STARTUP, filters=[["name", "in", self.names], ["next_step", "!=", "Ring"]], fields=fields)
		self.assertEqual(
			len(plain_list(STARTUP, filters=self.ours(next_step_due=("is", "set")), fields=["name"])), 2
		)
		self.assertEqual(
			len(plain_list(STARTUP, filters=self.ours(next_step=("!=", "Ring")), fields=["name"])), 3
		)

	def test_order_limit_aliases_pluck_and_plain_lists(self):
		self.same(
			STARTUP,
			ordered=True,
			filters=self.ours(next_step_due=("is", "set")),
			fields=["name", "enterprise_name as title", "next_step_due"],
			order_by="next_step_due asc",
			limit=1,
		)
		self.same(
			STARTUP, ordered=True, filters=self.ours(), fields=["name", "creation"]
		)  # the default order
		self.same(STARTUP, ordered=True, filters=self.ours(), fields=["name"], order_by="creation desc")
		self.same(STARTUP, filters=self.ours(), pluck="name")
		self.same(STARTUP, filters=self.ours(), fields=["name", "stage"], as_list=True)
		self.same(
			STARTUP,
			filters=self.ours(),
			or_filters={"responsible": WORKER, "next_step": "Ring"},
			fields=["name"],
		)
		self.same(STARTUP, filters=self.ours(), fields=[f"count(distinct `tab{STARTUP}`.name) as n"])

	def test_child_tables_in_filters_and_fields(self):
		ours = ["name", "in", self.project_names]
		fields = [
			"name",
			"title",
			"`tabFunder Report`.due_date as due_date",
			"`tabFunder Report`.responsible as who",
		]
		self.same(PROJECT, filters=[ours, ["Funder Report", "due_date", "is", "set"]], fields=fields)
		self.same(PROJECT, filters=[ours, ["Funder Report", "responsible", "=", WORKER]], fields=fields)
		self.same(PROJECT, filters=[ours], fields=fields)  # the left join keeps a project without reports
		self.same(
			PROJECT,
			ordered=True,
			filters=[ours, ["Funder Report", "submitted_on", "is", "not set"]],
			fields=fields,
			order_by="`tabFunder Report`.due_date asc",
		)
		self.same(
			PROJECT,
			filters=[ours, ["Funder Report", "due_date", "is", "set"]],
			fields=[f"count(distinct `tab{PROJECT}`.name) as n"],
		)

	def test_every_other_shape_is_left_to_frappe(self):
		for kwargs in (
			{"filters": {"next_step": ("like", "%R%")}},
			{"filters": {"next_step_due": ("between", ["2026-01-01", "2026-12-31"])}},
			{"filters": {"next_step": ("in", "Ring,Besök")}},
			{"filters": {"next_step": None}},
			{"filters": {"next_step": ("!=", None)}},
			{"filters": {"next_step": ("=", ["Ring"])}},
			{"filters": {"next_step": 5}},
			{"filters": "name = 'x'"},
			{"fields": ["name", "upper(next_step) as s"]},
			{"fields": ["name; drop table x"]},
			{"fields": ["`tabUser`.full_name as who"]},  # a link table, which Frappe joins otherwise
			{"order_by": "next_step_due asc, name desc"},
			{"order_by": "rand()"},
		):
			with self.subTest(kwargs=kwargs), self.assertRaises(Unsupported):
				plain_list(STARTUP, **{"fields": ["name"], **kwargs})
