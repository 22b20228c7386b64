#!/usr/bin/env python3
"""Time the app against the platform's floor, measured in the same run: the managers' figures
against plain SQL, and public registration against Frappe's bare web-form insert.

Run with the bench's Python (README, "Benchmark"):

    ~/frappe-bench/env/bin/python scripts/benchmark.py figures --site slup-bench10.localhost --scale 10
    ~/frappe-bench/env/bin/python scripts/benchmark.py glance --site slup-bench10.localhost --scale 10
    ~/frappe-bench/env/bin/python scripts/benchmark.py registration --site slup-regbench.localhost

`figures` times every number card, chart and report on a site holding the generated data set at
the given scale (`slup_crm.benchmarks.generate`): the median and 95th percentile of the app's own
code path (the card's method or Frappe's chart/report endpoint, caches off), the same for a plain
SQL query that answers the same question on the same tables and indexes, and their ratio. Targets:
every card and chart p95 < 300 ms and within 3x of its plain SQL; every report p95 < 2 s. Writes
benchmarks/RESULTS-scale<N>.md.

`glance` times, on the same generated site, the Organisation form's summary with its first page of
timeline (for the municipality with the most registrations) and the My work page (a staff member's,
and a manager's of the whole team), each as the user of that role, against plain SQL that asks the
same questions; targets p95 < 300 ms and within 3x. Writes benchmarks/RESULTS-glance-scale<N>.md.

`registration` builds its own floor on a throwaway site (created if missing): a custom doctype
with the public fields of the trip registration form and no logic, behind a guest web form. It
serves the site with gunicorn and measures the app's trip registration against that plain
insert: one at a time on 1 worker (median), and 20 guests at once on one trip on 4 workers (p95).
Targets: both within 2x of the floor. The server runs a Frappe worker beside gunicorn, as
production does: the app's request enqueues the confirmation e-mail, which the worker composes
and queues; the timing is the request's, as the plain insert's is. After each round it checks
that the concurrent registrations kept their promises (nothing oversold, arrival order and
waiting list kept, an e-mail queued for each, waiting for the worker) and writes
benchmarks/RESULTS-registration.md.

Both print whether each target is met and exit non-zero when one is missed.
"""

import argparse
import gc
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

BENCH = os.environ.get("FRAPPE_BENCH") or os.path.expanduser("~/frappe-bench")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(REPO, "benchmarks")
REGISTRATIONS_PER_SCALE = 240_000  # what the generator makes at scale 1 (about)


def connect(site):
	import frappe

	sites = os.path.join(BENCH, "sites")
	os.chdir(sites)
	frappe.init(site=site, sites_path=sites)
	frappe.connect()
	frappe.set_user("Administrator")
	return frappe


def p95(times):
	times = sorted(times)
	return times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]


def measure(app, plain, runs, budget=30.0):
	"""Time the app and its plain SQL alternately, `runs` times each (fewer, but at least 20, when a
	pair takes longer than `budget` seconds in all): both see the same moments of a busy machine.
	Returns (app median, app p95, SQL median, SQL p95) in ms."""
	app()  # warm up (imports, metadata cache)
	plain()
	gc.collect()  # start from a clean heap, not in the middle of another series' garbage
	app_times, plain_times = [], []
	started = time.perf_counter()
	for i in range(runs):
		for fn, times in ((app, app_times), (plain, plain_times)):
			start = time.perf_counter()
			fn()
			times.append((time.perf_counter() - start) * 1000)
		if i >= 19 and time.perf_counter() - started > budget:
			break
	return statistics.median(app_times), p95(app_times), statistics.median(plain_times), p95(plain_times)


def month_bounds():
	"""(month, first day, first day of the next) for the last twelve months, flattened for SQL."""
	from frappe.utils import add_months, getdate

	first = add_months(getdate().replace(day=1), -11)
	starts = [add_months(first, i) for i in range(13)]
	return [v for a, b in itertools.pairwise(starts) for v in (a.strftime("%Y-%m"), a, b)]


def elements(frappe):
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as chart
	from frappe.desk.doctype.number_card.number_card import get_result
	from frappe.desk.query_report import run as report

	from slup_crm.insights import dashboard

	sql = frappe.db.sql
	year = date.today().year
	county = dashboard.home_county()

	def report_of(name, filters=None):
		return lambda: report(name, filters=filters or {}, ignore_prepared_report=True)

	def card(name):
		doc = frappe.get_doc("Number Card", name)
		if doc.type == "Custom":
			method = frappe.get_attr(doc.method)
			return lambda: method()
		as_dict = doc.as_dict()
		return lambda: get_result(as_dict, doc.filters_json)

	def chart_of(name):
		doc = frappe.get_doc("Dashboard Chart", name)
		if doc.chart_type == "Report":  # the desk runs the chart's report and draws its chart
			return report_of(doc.report_name)
		if doc.chart_type == "Custom":  # the desk calls the chart source's method
			source = frappe.get_attr(
				f"slup_crm.insights.dashboard_chart_source.{frappe.scrub(doc.source)}.{frappe.scrub(doc.source)}.get"
			)
			return lambda: source(chart_name=name)
		as_json = frappe.as_json(doc.as_dict())
		return lambda: chart(chart=as_json, no_cache=1)

	return [
		(
			"card",
			"Municipalities with Adopted Policy",
			card("Municipalities with Adopted Policy"),
			lambda: (
				sql(
					"select count(*) from tabOrganisation where organisation_type='Municipality' and county=%s",
					county,
				),
				sql(
					"""select count(*) from `tabPolicy Adoption` p join tabOrganisation o on o.name = p.municipality
					where p.stage in ('Policy adopted', 'Implementing') and o.county=%s""",
					county,
				),
			),
		),
		(
			"card",
			"Municipalities in Dialogue or Further",
			card("Municipalities in Dialogue or Further"),
			lambda: sql(
				"""select count(*) from `tabPolicy Adoption` p join tabOrganisation o on o.name = p.municipality
				where p.stage in ('In dialogue', 'Information campaign', 'Policy drafted', 'Policy adopted',
				'Implementing') and o.county=%s""",
				county,
			),
		),
		(
			"card",
			"Active Start-ups",
			card("Active Start-ups"),
			lambda: sql(
				"select count(*) from `tabSocial Enterprise Startup` where stage not in ('Sustainable', 'Discontinued')"
			),
		),
		(
			"card",
			"Start-ups Founded This Year",
			card("Start-ups Founded This Year"),
			lambda: sql(
				"""select count(distinct reference_name) from `tabStage Change` where reference_doctype =
				'Social Enterprise Startup' and to_stage = 'Founded' and changed_on >= %s""",
				f"{year}-01-01",
			),
		),
		(
			"card",
			"Open Trips and Trainings",
			card("Open Trips and Trainings"),
			lambda: sql(
				"""select (select count(*) from tabTrip where status='Open')
				+ (select count(*) from tabTraining where status='Open')"""
			),
		),
		(
			"card",
			"Seats Left on Open Trips and Trainings",
			card("Seats Left on Open Trips and Trainings"),
			lambda: sql(
				"""select (select sum(seats_left) from tabTrip where status='Open')
				+ (select sum(seats_left) from tabTraining where status='Open')"""
			),
		),
		(
			"card",
			"Registrations in the Last 30 Days",
			card("Registrations in the Last 30 Days"),
			lambda: sql(
				"select count(*) from `tabActivity Registration` where creation >= now() - interval 30 day"
			),
		),
		(
			"card",
			"Members Who Paid This Year's Fee",
			card("Members Who Paid This Year's Fee"),
			lambda: sql("select count(*) from tabMembership where year=%s and status='Paid'", year),
		),
		(
			"chart",
			"Municipalities per Policy Stage",
			chart_of("Municipalities per Policy Stage"),
			lambda: sql("select stage, count(*) from `tabPolicy Adoption` group by stage"),
		),
		(
			"chart",
			"Start-ups per Stage",
			chart_of("Start-ups per Stage"),
			lambda: sql("select stage, count(*) from `tabSocial Enterprise Startup` group by stage"),
		),
		(
			"chart",
			"Start-ups per Municipality",
			chart_of("Start-ups per Municipality"),
			lambda: sql(
				"""select municipality_name, count(*) c from `tabSocial Enterprise Startup`
				where municipality_name is not null group by municipality_name
				order by c desc, municipality_name limit 15"""
			),
		),
		(
			"chart",
			"Registrations per Month",
			chart_of("Registrations per Month"),
			lambda: sql(
				" union all ".join(
					[
						"select %s, count(*) from `tabActivity Registration` where creation >= %s and creation < %s"
					]
					* 12
				),
				month_bounds(),
			),
		),
		(
			"chart",
			"Fill Rate of Recent Trips and Trainings",
			chart_of("Fill Rate of Recent Trips and Trainings"),
			lambda: sql(
				"""(select title, seats_taken / seats, start_date from tabTrip where status != 'Cancelled'
				and start_date <= curdate() and seats > 0 order by start_date desc limit 10)
				union all (select title, seats_taken / seats, start_date from tabTraining where
				status != 'Cancelled' and start_date <= curdate() and seats > 0 order by start_date desc limit 10)"""
			),
		),
		(
			"report",
			"Municipality Policy Status",
			report_of("Municipality Policy Status", {"county": county}),
			lambda: sql(
				"""select o.name, o.municipality_code, p.stage, p.stage_since, p.next_step, p.next_step_due,
				p.responsible from tabOrganisation o left join `tabPolicy Adoption` p on p.municipality = o.name
				where o.organisation_type = 'Municipality' and o.county = %s order by o.municipality_code""",
				county,
			),
		),
		(
			"report",
			"Start-up Pipeline",
			report_of("Start-up Pipeline"),
			lambda: sql(
				"""select name, enterprise_name, stage, stage_since, origin, municipality_name, legal_form,
				employees, participants, referred_by_employment_service, referred_by_social_insurance
				from `tabSocial Enterprise Startup` order by enterprise_name"""
			),
		),
		(
			"report",
			"Membership Fees",
			report_of("Membership Fees"),
			lambda: sql(
				"""select year, sum(status='Paid'), sum(if(status='Paid', fee, 0)), sum(status='Unpaid'),
				sum(if(status='Unpaid', fee, 0)), sum(status='Waived') from tabMembership group by year"""
			),
		),
		(
			"report",
			"Event Fill Rate",
			report_of("Event Fill Rate"),
			lambda: sql(
				"""(select title, seats_taken / seats, start_date from tabTrip where status != 'Cancelled'
				and start_date <= curdate() and seats > 0 order by start_date desc limit 10)
				union all (select title, seats_taken / seats, start_date from tabTraining where
				status != 'Cancelled' and start_date <= curdate() and seats > 0 order by start_date desc limit 10)"""
			),
		),
	]


def counts(frappe):
	return {
		doctype: frappe.db.count(doctype)
		for doctype in (
			"Organisation",
			"Contact",
			"Social Enterprise Startup",
			"Stage Change",
			"Trip",
			"Training",
			"Activity Registration",
		)
	}


def machine():
	return f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}."


def write(path, lines):
	text = "\n".join(lines) + "\n"
	print(text)
	os.makedirs(os.path.dirname(path), exist_ok=True)
	with open(path, "w") as f:
		f.write(text)


def figures(args):
	"""The managers' cards, charts and reports against plain SQL, on the generated data set."""
	frappe = connect(args.site)
	data = counts(frappe)
	registrations = data["Activity Registration"]
	expected = REGISTRATIONS_PER_SCALE * args.scale
	if not 0.8 * expected <= registrations <= 1.25 * expected:
		print(
			f"{args.site} holds {registrations:,} registrations, not about {expected:,.0f} (scale {args.scale:g}):"
			f" generate the data set first (README, Benchmark)."
		)
		return 2
	lines = [
		f"# Benchmark results at scale {args.scale:g} ({date.today().isoformat()}, up to {args.runs} runs each,"
		" app and SQL alternately)",
		"",
		f"Site data: {', '.join(f'{v:,} {k}' for k, v in data.items())}.",
		machine(),
		"",
		"| kind | element | app median ms | app p95 ms | SQL median ms | SQL p95 ms | ratio (p95) | time target | within 3x |",
		"| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
	]
	failures = 0
	for kind, name, app, plain in elements(frappe):
		app_median, app_p95, sql_median, sql_p95 = measure(app, plain, args.runs)
		ratio = app_p95 / max(sql_p95, 0.001)
		time_ok = app_p95 < (2000 if kind == "report" else 300)
		ratio_ok = ratio <= 3
		failures += not time_ok or (kind != "report" and not ratio_ok)
		lines.append(
			f"| {kind} | {name} | {app_median:.1f} | {app_p95:.1f} | {sql_median:.1f} | {sql_p95:.1f} "
			f"| {ratio:.1f}x | {'yes' if time_ok else 'NO'} | {'yes' if ratio_ok else 'no'} |"
		)
	lines += [
		"",
		"Targets: every dashboard element (card, chart) p95 < 300 ms and within 3x of its plain SQL;",
		"every report p95 < 2 s (the ratio of a report is shown for information). The script exits",
		f"non-zero when a target is missed; this run: {failures} missed"
		f" ({'every target met' if not failures else 'NOT every target met'}).",
	]
	write(args.output or os.path.join(RESULTS, f"RESULTS-scale{args.scale:g}.md"), lines)
	frappe.destroy()
	return 1 if failures else 0


# At a glance and My work ------------------------------------------------------------------

BENCH_STAFF = "bench-staff@example.se"
BENCH_MANAGER = "bench-manager@example.se"
CLOSED = {
	"tabPolicy Adoption": ("Implementing", "Paused", "Declined"),
	"tabSocial Enterprise Startup": ("Sustainable", "Discontinued"),
	"tabDevelopment Project": ("Closed", "Rejected", "Withdrawn"),
	"tabGateway Participant": ("Ended",),
}


def bench_user(frappe, email, role):
	"""A user of the role (made once on the benchmark site): the app reads with their permissions."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": role, "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	frappe.get_doc("User", email).add_roles(role)
	frappe.db.commit()
	return email


def heaviest_forms(frappe):
	"""The heaviest forms to open: the organisation with the most registrations of its people and the
	municipality with the most start-ups (and its policy)."""
	busiest = frappe.db.sql(
		"""select organisation, count(*) from `tabActivity Registration` where ifnull(organisation, '') != ''
		group by organisation order by count(*) desc limit 1"""
	)[0]
	municipality = frappe.db.sql(
		"""select municipality, count(*) from `tabSocial Enterprise Startup` group by municipality
		order by count(*) desc limit 1"""
	)[0]
	return [
		(busiest[0], f"the organisation with the most registrations ({busiest[1]:,})"),
		(municipality[0], f"the municipality with the most start-ups ({municipality[1]:,})"),
	]


def plain_summary_and_timeline(frappe, org):
	"""The same questions as `organisation_summary` and the first timeline page, in plain SQL."""
	sql = frappe.db.sql
	sql(
		"""select name, stage, stage_since, next_step, next_step_due, responsible, decided_by,
		decision_date, case_number, policy_document, policy_url
		from `tabPolicy Adoption` where municipality = %s limit 1""",
		org,
	)
	links = ("municipality", "supporting_organisation", "consortium", "organisation")
	sql(
		"select name, enterprise_name, stage from `tabSocial Enterprise Startup` where "
		+ " or ".join(f"{f} = %(o)s" for f in links)
		+ " order by modified desc limit 10",
		{"o": org},
	)
	for f in links:
		sql(f"select count(*) from `tabSocial Enterprise Startup` where {f} = %s", org)
	contacts = sql(
		"""select c.name, c.full_name, c.designation from `tabContact` c join `tabDynamic Link` d
		on d.parent = c.name and d.parenttype = 'Contact' where d.link_doctype = 'Organisation'
		and d.link_name = %s limit 200""",
		org,
	)
	sql("select contact, full_name, capacity from `tabOrganisation Representative` where parent = %s", org)
	names = [c[0] for c in contacts] or [""]
	emails = [
		e[0]
		for e in sql("select email_id from `tabContact Email` where parent in %(n)s", {"n": names})
		if e[0]
	] or [""]
	sql(
		"""select email, trip, training, event_title, creation from `tabActivity Registration`
		where email in %(e)s and status != 'Cancelled' order by creation desc limit 500""",
		{"e": emails},
	)
	sql(
		"""select m.title, m.meeting_date, a.contact from `tabMeeting` m join `tabMeeting Attendee` a
		on a.parent = m.name where a.contact in %(n)s and a.attendance = 'Present'
		order by m.meeting_date desc limit 500""",
		{"n": names},
	)
	sql(
		"""select count(distinct c.name) from `tabContact` c join `tabDynamic Link` d on d.parent = c.name
		where d.link_doctype = 'Organisation' and d.link_name = %s""",
		org,
	)
	sql(
		"select name, year, status, paid_date from `tabMembership` where organisation = %s order by year desc limit 10",
		org,
	)
	sql("select count(*) from `tabMembership` where organisation = %s", org)
	sql(
		"""select p.name, p.title, p.stage, pp.role from `tabDevelopment Project` p
		join `tabDevelopment Project Partner` pp on pp.parent = p.name where pp.organisation = %s limit 100""",
		org,
	)
	sql("select name, title, stage from `tabDevelopment Project` where project_owner = %s limit 100", org)
	sql("select name, title, stage from `tabDevelopment Project` where funder = %s limit 100", org)
	for child, field in (
		("Outreach Organisation", "organisation"),
		("Outreach Municipality", "municipality"),
	):
		sql(
			f"""select o.name, o.title, o.kind, o.activity_date from `tabOutreach Activity` o
			join `tab{child}` c on c.parent = o.name where c.{field} = %s order by o.activity_date desc limit 21""",
			org,
		)
		sql(
			f"""select count(distinct o.name) from `tabOutreach Activity` o join `tab{child}` c
			on c.parent = o.name where c.{field} = %s""",
			org,
		)
	sql("select count(*) from `tabActivity Registration` where organisation = %s", org)
	# the first timeline page: each source's newest 21, merged
	policies = [r[0] for r in sql("select name from `tabPolicy Adoption` where municipality = %s", org)]
	startups = [
		r[0]
		for r in sql(
			"select name from `tabSocial Enterprise Startup` where "
			+ " or ".join(f"{f} = %(o)s" for f in links),
			{"o": org},
		)
	]
	rows = []
	for doctype, refs in (("Policy Adoption", policies), ("Social Enterprise Startup", startups)):
		if refs:
			rows += sql(
				"""select changed_on from `tabStage Change` where reference_doctype = %(d)s
				and reference_name in %(r)s order by changed_on desc limit 21""",
				{"d": doctype, "r": refs},
			)
	rows += sql(
		"""select creation from `tabActivity Registration` where organisation = %s
		order by creation desc limit 21""",
		org,
	)
	rows += sql(
		"""select m.meeting_date from `tabMeeting` m join `tabMeeting Attendee` a on a.parent = m.name
		where a.organisation = %s and a.attendance = 'Present' order by m.meeting_date desc limit 21""",
		org,
	)
	rows += sql(
		"""select received_on from `tabMeeting Report` where organisation = %s and status = 'Received'
		order by received_on desc limit 21""",
		org,
	)
	rows += sql(
		"""select paid_date from `tabMembership` where organisation = %s and paid_date is not null
		order by paid_date desc limit 21""",
		org,
	)
	rows += sql(
		"""select communication_date from `tabCommunication` where reference_doctype = 'Organisation'
		and reference_name = %s and communication_type = 'Communication' order by communication_date desc limit 21""",
		org,
	)
	rows += sql(
		"""select creation from `tabComment` where reference_doctype = 'Organisation' and reference_name = %s
		and comment_type = 'Comment' order by creation desc limit 21""",
		org,
	)
	return sorted((str(r[0]) for r in rows), reverse=True)[:20]


def plain_my_work(frappe, user):
	"""The same questions as My work, in plain SQL: next steps, stale records, funder reports, ToDos
	(``user`` None: the whole team)."""
	from frappe.utils import add_days, now_datetime

	from slup_crm.pipelines.reminders import stale_after_days

	sql = frappe.db.sql
	who = "responsible = %(u)s" if user else "ifnull(responsible, '') != ''"
	days = stale_after_days()
	values = {"u": user, "before": add_days(now_datetime(), -days)}
	for table, title in (
		("tabPolicy Adoption", "municipality_name"),
		("tabSocial Enterprise Startup", "enterprise_name"),
		("tabDevelopment Project", "title"),
		("tabGateway Participant", "full_name"),
	):
		values["closed"] = CLOSED[table]
		sql(
			f"""select name, {title}, responsible, next_step, next_step_due, stage from `{table}`
			where {who} and next_step_due is not null and stage not in %(closed)s
			order by next_step_due limit 100""",
			values,
		)
		sql(
			f"""select name, {title}, responsible, stage, stage_since from `{table}`
			where {who} and stage_since <= %(before)s and stage not in %(closed)s
			order by stage_since limit 100""",
			values,
		)
	sql(
		"""select p.name, p.title, p.responsible, r.responsible, r.report_type, r.due_date
		from `tabDevelopment Project` p join `tabFunder Report` r on r.parent = p.name
		where r.submitted_on is null and r.due_date is not null order by r.due_date limit 100"""
	)
	todo_who = "allocated_to = %(u)s and " if user else ""
	sql(
		f"""select name, description, date, reference_name, allocated_to from `tabToDo`
		where {todo_who}status = 'Open' and reference_type = 'Meeting' order by date limit 100""",
		values,
	)


def glance(args):
	"""The organisation form's summary with its first timeline page, and My work, against plain SQL."""
	frappe = connect(args.site)
	from slup_crm.insights.my_work import get_my_work
	from slup_crm.network.glance import organisation_summary
	from slup_crm.network.timeline import get_timeline

	data = counts(frappe)
	staff = bench_user(frappe, BENCH_STAFF, "SLUP Staff")
	manager = bench_user(frappe, BENCH_MANAGER, "SLUP Manager")
	forms = heaviest_forms(frappe)
	# the staff member answers for what Administrator answered for in the generated data
	for table in ("Policy Adoption", "Social Enterprise Startup"):
		frappe.db.sql(f"update `tab{table}` set responsible = %s where responsible = 'Administrator'", staff)
	frappe.db.commit()

	def as_user(user, fn):
		def run():
			frappe.set_user(user)
			return fn()

		return run

	def form(org):
		def run():
			organisation_summary(org)
			get_timeline("Organisation", org)

		return run

	def plain_form(org):
		return lambda: plain_summary_and_timeline(frappe, org)

	elements = [
		(
			f"{org} form: summary + first timeline page",
			as_user(staff, form(org)),
			as_user(staff, plain_form(org)),
		)
		for org, _what in forms
	] + [
		(
			"My work (staff member)",
			as_user(staff, lambda: get_my_work(team=0)),
			as_user(staff, lambda: plain_my_work(frappe, staff)),
		),
		(
			"My work (manager: the whole team)",
			as_user(manager, lambda: get_my_work(team=1)),
			as_user(manager, lambda: plain_my_work(frappe, None)),
		),
	]
	lines = [
		f"# At a glance and My work at scale {args.scale:g} ({date.today().isoformat()}, up to {args.runs} runs"
		" each, app and SQL alternately)",
		"",
		f"Site data: {', '.join(f'{v:,} {k}' for k, v in data.items())}.",
		"The forms: " + "; ".join(f"{org}, {what}" for org, what in forms) + ".",
		machine(),
		"",
		"| element | app median ms | app p95 ms | SQL median ms | SQL p95 ms | ratio (p95) | p95 < 300 ms | within 3x |",
		"| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
	]
	failures = 0
	for name, app, plain in elements:
		app_median, app_p95, sql_median, sql_p95 = measure(app, plain, args.runs)
		ratio = app_p95 / max(sql_p95, 0.001)
		time_ok, ratio_ok = app_p95 < 300, ratio <= 3
		failures += not time_ok or not ratio_ok
		lines.append(
			f"| {name} | {app_median:.1f} | {app_p95:.1f} | {sql_median:.1f} | {sql_p95:.1f} "
			f"| {ratio:.1f}x | {'yes' if time_ok else 'NO'} | {'yes' if ratio_ok else 'NO'} |"
		)
	frappe.set_user("Administrator")
	lines += [
		"",
		"The app's path is the whitelisted method the form or page calls, as a SLUP Staff (or Manager)",
		"user with that role's permission checks; the SQL answers the same questions on the same",
		"tables and indexes without them. Targets: p95 < 300 ms and within 3x of the SQL; this run:",
		f"{failures} missed ({'every target met' if not failures else 'NOT every target met'}).",
	]
	write(args.output or os.path.join(RESULTS, f"RESULTS-glance-scale{args.scale:g}.md"), lines)
	frappe.destroy()
	return 1 if failures else 0


# Registration ------------------------------------------------------------------------------

APP_FORM = "trip-registration"
PLAIN_DOCTYPE = "Plain Registration"
PLAIN_FORM = "plain-registration"
ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
CONCURRENT = 20
SEATS = 8  # of the 20 who register at once for one trip, 8 get a seat and 12 wait


def ensure_site(site):
	"""A throwaway site with the app (made with bench's own commands if it does not exist, else
	migrated to the app as it is now)."""
	bench = shutil.which("bench") or os.path.join(BENCH, "env", "bin", "bench")
	if os.path.exists(os.path.join(BENCH, "sites", site, "site_config.json")):
		subprocess.run([bench, "--site", site, "migrate"], cwd=BENCH, check=True)
		return
	password = os.environ.get("SLUP_DB_ROOT_PASSWORD", "root")
	for command in (
		["new-site", site, "--db-root-password", password, "--admin-password", "admin"],
		["--site", site, "install-app", "slup_crm"],
		["--site", site, "set-config", "allow_tests", "true"],
	):
		subprocess.run([bench, *command], cwd=BENCH, check=True)


def build_floor(frappe):
	"""The plain web-form insert: a custom doctype with the registration form's public fields and no
	logic, behind a guest web form with the same fields."""
	form = frappe.get_doc("Web Form", APP_FORM)
	fields = [
		{
			"fieldname": f.fieldname,
			"fieldtype": f.fieldtype,
			"label": f.label,
			"options": f.options,
			"reqd": f.reqd,
		}
		for f in form.web_form_fields
	]
	if not frappe.db.exists("DocType", PLAIN_DOCTYPE):
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": PLAIN_DOCTYPE,
				"module": "Custom",
				"custom": 1,
				"autoname": "hash",
				"fields": fields,
				"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1}],
			}
		).insert()
	if not frappe.db.exists("Web Form", PLAIN_FORM):
		frappe.get_doc(
			{
				"doctype": "Web Form",
				"title": PLAIN_DOCTYPE,
				"route": PLAIN_FORM,
				"doc_type": PLAIN_DOCTYPE,
				"module": "Custom",
				"is_standard": 0,
				"published": 1,
				"login_required": 0,
				"allow_multiple": 1,
				"web_form_fields": fields,
			}
		).insert()
	frappe.db.commit()


def client_address():
	"""Each registrant from their own machine (Frappe rate-limits guests per address)."""
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def submit(server, web_form, data):
	"""Post a web form as a guest; the time it took in ms (an answer other than 200 is an error)."""
	status, elapsed, _answer = post_form(server.session(), server, web_form, data)
	if status != 200:
		raise RuntimeError(f"{web_form} answered {status}")
	return elapsed


def person(trip, i):
	from tests.support.factories import registration_values

	values = registration_values(trip, email=f"bench.{i}.{random.randint(0, 10**9)}@example.se")
	values.pop("doctype")
	return values


def new_trip(frappe, seats):
	from tests.support.factories import make_trip

	trip = make_trip(seats=seats)
	frappe.db.commit()
	return trip


def check_promises(frappe, trip, seats, people):
	"""What 20 registrations at once must still keep; a list of broken promises (empty: all kept)."""
	frappe.db.commit()  # read what the server committed
	rows = frappe.get_all(
		"Activity Registration", {"trip": trip.name}, ["name", "status", "arrival_no"], order_by="arrival_no"
	)
	broken = []
	if len(rows) != people:
		broken.append(f"{len(rows)} registrations saved of {people}")
	if [r.arrival_no for r in rows] != list(range(1, len(rows) + 1)):
		broken.append("arrival numbers are not 1..n without gaps")
	if [r.status for r in rows] != ["Confirmed"] * seats + ["Waitlisted"] * (people - seats):
		broken.append("seats did not go to the first arrivals, the rest waiting in order")
	taken = frappe.db.get_value("Trip", trip.name, "seats_taken")
	if taken != seats:
		broken.append(f"seats taken {taken} of {seats} (oversold or lost)")
	queued, waited = emails_queued(frappe, [r.name for r in rows])
	EMAIL_WAITS.append(waited)
	if queued != len(rows):
		broken.append(f"{queued} e-mails queued for {len(rows)} registrations")
	return broken


EMAIL_WAITS = []  # seconds from the end of a burst until its last e-mail was queued


def trip_emails_broken(frappe, trip):
	"""Wait for the worker to queue the e-mail of every registration for ``trip``; the broken
	promise, if any."""
	frappe.db.commit()
	names = frappe.get_all("Activity Registration", {"trip": trip.name}, pluck="name")
	queued, _ = emails_queued(frappe, names, timeout=300)
	return [] if queued == len(names) else [f"{queued} e-mails queued for {len(names)} registrations"]


def emails_queued(frappe, names, timeout=120):
	"""How many of the registrations have their e-mail queued, once the worker has composed them
	all (the request only enqueues the job) or ``timeout`` seconds passed; and the seconds waited."""
	start = time.monotonic()
	while True:
		frappe.db.commit()  # read what the worker committed
		queued = frappe.db.count(
			"Email Queue", {"reference_doctype": "Activity Registration", "reference_name": ("in", names)}
		)
		if queued >= len(names) or time.monotonic() - start > timeout:
			return queued, time.monotonic() - start
		time.sleep(0.2)


def registration(args):
	"""The app's trip registration against Frappe's bare web-form insert, over HTTP."""
	ensure_site(args.site)
	sys.path.insert(0, REPO)
	from tests.support.factories import ensure_outgoing_email_account
	from tests.support.server import Server

	frappe = connect(args.site)
	frappe.flags.in_test = True  # a throwaway site set up as the tests set theirs up (no SMTP check)
	for method in frappe.get_hooks("before_tests", app_name="slup_crm"):  # completes the setup wizard
		frappe.get_attr(method)()
	frappe.set_user("Administrator")
	ensure_outgoing_email_account()
	build_floor(frappe)
	frappe.db.commit()

	# one at a time, one worker: the cost of one registration
	trip = new_trip(frappe, seats=10_000)
	server = Server(BENCH, args.site, workers=1).start()
	try:
		for i in range(3):  # warm up both paths
			submit(server, APP_FORM, person(trip, i))
			submit(server, PLAIN_FORM, person(trip, i))
		app_times, plain_times = [], []
		for i in range(args.runs):  # interleaved, so that both see the same machine
			app_times.append(submit(server, APP_FORM, person(trip, i)))
			plain_times.append(submit(server, PLAIN_FORM, person(trip, i)))
		broken = trip_emails_broken(frappe, trip)  # after the timing: the worker has queued them all
	finally:
		server.stop()

	# 20 guests at once on one trip, four workers: waiting for each other
	server = Server(BENCH, args.site, workers=4).start()
	try:
		warm = new_trip(frappe, seats=10_000)
		with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:  # warm up every worker
			list(pool.map(lambda i: submit(server, APP_FORM, person(warm, i)), range(CONCURRENT)))
			list(pool.map(lambda i: submit(server, PLAIN_FORM, person(warm, i)), range(CONCURRENT)))
		broken += trip_emails_broken(frappe, warm)  # each round starts with no e-mail waiting
		app_burst, plain_burst = [], []
		for _ in range(args.rounds):
			trip = new_trip(frappe, seats=SEATS)
			people = [person(trip, i) for i in range(CONCURRENT)]
			with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
				app_burst += pool.map(lambda data: submit(server, APP_FORM, data), people)
			broken += check_promises(frappe, trip, SEATS, CONCURRENT)
			with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
				plain_burst += pool.map(lambda data: submit(server, PLAIN_FORM, data), people)
	finally:
		server.stop()

	sequential = (statistics.median(app_times), statistics.median(plain_times))
	concurrent = (p95(app_burst), p95(plain_burst))
	rows = []
	failures = bool(broken)
	for label, (app, plain) in (
		("one at a time, 1 worker, median", sequential),
		(f"{CONCURRENT} guests at once on one trip, 4 workers, p95", concurrent),
	):
		ratio = app / max(plain, 0.001)
		failures += ratio > 2
		rows.append(
			f"| {label} | {app:.0f} ms | {plain:.0f} ms | {ratio:.1f}x | {'yes' if ratio <= 2 else 'NO'} |"
		)
	lines = [
		f"# Registration benchmark ({date.today().isoformat()})",
		"",
		f"Site: a throwaway site; {args.runs} registrations one at a time per path, and {args.rounds}"
		f" rounds of {CONCURRENT} at once per path ({SEATS} seats per trip, so {CONCURRENT - SEATS} wait).",
		machine(),
		"",
		"| | the app's trip registration | plain web-form insert | ratio | within 2x |",
		"| --- | ---: | ---: | ---: | --- |",
		*rows,
		"",
		"The floor is Frappe's bare web-form insert: a custom doctype with the same public fields and",
		"no logic behind a guest web form, built by this script on the same site and served by the",
		"same gunicorn in the same run.",
		"",
		"Promises under load (every round): "
		+ (
			"kept: nothing oversold, arrival numbers 1..20, seats to the first arrivals and the rest"
			" waiting in order, an e-mail queued for every registration."
			if not broken
			else "BROKEN: " + "; ".join(sorted(set(broken)))
		),
		"",
		"E-mails are composed and queued by a Frappe worker (`bench worker`, run next to gunicorn by"
		" the benchmark) after the request has answered; the last e-mail of a round of"
		f" {CONCURRENT} was queued {max(EMAIL_WAITS, default=0):.1f} s (at most) after the round's"
		" last answer (every registration's e-mail is checked, the one-at-a-time ones too).",
		"",
		f"Targets: both ratios within 2x and every promise kept; this run: {failures} missed"
		f" ({'every target met' if not failures else 'NOT every target met'}).",
	]
	write(args.output or os.path.join(RESULTS, "RESULTS-registration.md"), lines)
	frappe.destroy()
	return 1 if failures else 0


# Soak and opening day -----------------------------------------------------------------------

SOAK_MANAGER = "bench-manager@example.se"
SOAK_PASSWORD = "Bench-Manager-7142"
KIND_BY_SUBJECT = (
	("confirmed", "is confirmed"),
	("waitlisted", "waiting list for"),
	("promoted", "A seat is free for you"),
	("cancelled", "is cancelled"),
)


def prepare(args):
	"""The throwaway site set up as for ``registration``, connected in this process."""
	ensure_site(args.site)
	sys.path.insert(0, REPO)
	from tests.support.factories import ensure_outgoing_email_account

	frappe = connect(args.site)
	frappe.flags.in_test = True  # a throwaway site set up as the tests set theirs up (no SMTP check)
	for method in frappe.get_hooks("before_tests", app_name="slup_crm"):
		frappe.get_attr(method)()
	frappe.set_user("Administrator")
	ensure_outgoing_email_account()
	build_floor(frappe)
	frappe.db.commit()
	return frappe


def percentiles(times):
	return (statistics.median(times), p95(times)) if times else (0.0, 0.0)


def post_form(session, server, web_form, data):
	"""A guest's web-form post from an address of its own: (status, ms, answer or None)."""
	start = time.perf_counter()
	r = session.post(
		server.url + ACCEPT,
		data={"web_form": web_form, "data": json.dumps(data)},
		headers={"X-Forwarded-For": client_address()},
		timeout=180,
	)
	elapsed = (time.perf_counter() - start) * 1000
	answer = r.json().get("message") if r.status_code == 200 else None
	return r.status_code, elapsed, answer


def working_token(frappe, name):
	"""The token of the cancel link e-mailed for a registration that works now, or None (yet)."""
	import email as email_lib
	import email.policy
	import re

	from slup_crm.utils.tokens import hash_token

	stored = frappe.db.get_value("Activity Registration", name, "cancel_token")
	for raw in frappe.get_all(
		"Email Queue",
		{"reference_doctype": "Activity Registration", "reference_name": name},
		pluck="message",
		order_by="creation desc",
	):
		body = email_lib.message_from_string(raw, policy=email.policy.default).get_body(("html",))
		for found in re.finditer(r"token=([0-9a-zA-Z]{32})", body.get_content() if body else ""):
			if hash_token(found.group(1)) == stored:
				return found.group(1)
	return None


def email_kinds(frappe, names):
	"""The kinds of e-mail queued for each registration (a list per name, repeats kept)."""
	import email as email_lib
	import email.policy

	kinds = {name: [] for name in names}
	for row in frappe.get_all(
		"Email Queue",
		{"reference_doctype": "Activity Registration", "reference_name": ("in", list(names))},
		["reference_name", "message"],
	):
		subject = str(email_lib.message_from_string(row.message, policy=email.policy.default)["Subject"])
		for kind, words in KIND_BY_SUBJECT:
			if words in subject:
				kinds[row.reference_name].append(kind)
	return kinds


def wait_for_delivery(frappe, names, timeout=600):
	"""Seconds until no e-mail owed to these registrations is still to compose (None: not within
	``timeout``)."""
	start = time.monotonic()
	while time.monotonic() - start < timeout:
		frappe.db.commit()  # read what the worker committed
		if not frappe.db.count("Pending E-mail", {"reference_name": ("in", list(names))}):
			return time.monotonic() - start
		time.sleep(0.5)
	return None


def email_promises(frappe, first_status):
	"""Lost and duplicate e-mails, from what each registration went through: its first answer's
	status, and its status now."""
	now = dict(
		frappe.get_all(
			"Activity Registration",
			{"name": ("in", list(first_status))},
			["name", "status"],
			as_list=True,
		)
	)
	lost = duplicate = 0
	for name, kinds in email_kinds(frappe, first_status).items():
		first = "confirmed" if first_status[name] == "Confirmed" else "waitlisted"
		owed = {first} | ({"cancelled"} if now.get(name) == "Cancelled" else set())
		if first == "waitlisted" and now.get(name) == "Confirmed":
			owed.add("promoted")
		lost += len(owed - set(kinds))
		duplicate += len(kinds) - len(set(kinds))
	return lost, duplicate


def seat_promises(frappe, event_names, seats):
	"""Oversold seats and arrival-order violations (a registrant waiting while someone who came
	later holds a seat), over the events."""
	oversold = violations = 0
	for name in event_names:
		rows = frappe.get_all(
			"Activity Registration",
			{"trip": name, "status": ("!=", "Cancelled")},
			["status", "arrival_no"],
			order_by="arrival_no asc",
		)
		holding = [r for r in rows if r.status == "Confirmed"]
		oversold += max(len(holding) - seats, 0)
		last_seat = max((r.arrival_no for r in holding), default=0)
		violations += sum(1 for r in rows if r.status == "Waitlisted" and r.arrival_no < last_seat)
		stored = frappe.db.get_value("Trip", name, "seats_taken")
		oversold += max(stored - seats, 0)
	return oversold, violations


def soak(args):
	"""Mixed load on several events for ``args.minutes``: guests register and cancel by their links,
	staff cancel registrations, a manager reads the dashboard's report; on 4 workers beside a Frappe
	worker. Counts 5xx, oversold seats, lost or duplicate e-mails and arrival-order violations."""
	import threading

	frappe = prepare(args)
	from tests.support.factories import make_user
	from tests.support.server import Server

	manager = make_user(SOAK_MANAGER, "SLUP Manager", "SLUP Staff")
	manager.new_password = SOAK_PASSWORD
	manager.save(ignore_permissions=True)
	events = [new_trip(frappe, seats=args.seats).name for _ in range(args.events)]
	frappe.db.commit()
	trips = {name: frappe.get_doc("Trip", name) for name in events}
	lock = threading.Lock()
	first_status = {}  # registration -> status of its first answer
	first_by_email = {}  # the registrant's address -> status of its first answer (the answer names no record)
	cancellable = []  # (registration, token) of active registrations whose link is known
	staff_targets = []  # registrations a staff member may cancel
	times = {kind: [] for kind in ("register", "cancel by link", "staff status change", "dashboard")}
	codes = {kind: {} for kind in times}

	def record(kind, status, elapsed):
		with lock:
			times[kind].append(elapsed)
			codes[kind][status] = codes[kind].get(status, 0) + 1

	server = Server(BENCH, args.site, workers=4).start()
	staff = server.login(SOAK_MANAGER, SOAK_PASSWORD)
	deadline = time.monotonic() + args.minutes * 60

	def register(session):
		trip = trips[random.choice(events)]
		data = person(trip, 0)
		status, elapsed, answer = post_form(session, server, APP_FORM, data)
		record("register", status, elapsed)
		if answer:
			with lock:
				first_by_email[data["email"]] = answer["status"]

	def cancel_by_link(session):
		with lock:
			target = cancellable.pop(random.randrange(len(cancellable))) if cancellable else None
		if not target:
			return register(session)
		name, token = target
		start = time.perf_counter()
		r = session.post(
			server.url + "/api/method/slup_crm.activities.registration.cancel_by_token",
			data={"registration": name, "token": token},
			headers={"X-Forwarded-For": client_address()},
			timeout=180,
		)
		record("cancel by link", r.status_code, (time.perf_counter() - start) * 1000)

	def staff_change(_session):
		with lock:
			if not staff_targets:
				return
			name = staff_targets.pop(random.randrange(len(staff_targets)))
		start = time.perf_counter()
		r = staff.post(
			server.url + "/api/method/frappe.client.set_value",
			data={
				"doctype": "Activity Registration",
				"name": name,
				"fieldname": "status",
				"value": "Cancelled",
			},
			timeout=180,
		)
		record("staff status change", r.status_code, (time.perf_counter() - start) * 1000)

	def dashboard(_session):
		start = time.perf_counter()
		r = staff.get(
			server.url + "/api/method/frappe.desk.query_report.run",
			params={"report_name": "Event Fill Rate", "filters": "{}", "ignore_prepared_report": 1},
			timeout=180,
		)
		record("dashboard", r.status_code, (time.perf_counter() - start) * 1000)

	mix = [register] * 10 + [cancel_by_link] * 5 + [staff_change] * 2 + [dashboard] * 2

	def client():
		session = server.session()
		while time.monotonic() < deadline:
			random.choice(mix)(session)

	try:
		threads = [threading.Thread(target=client) for _ in range(args.clients)]
		for thread in threads:
			thread.start()
		seen = set()

		def name_the_registrations():
			"""The registrations answered so far, by their addresses (in this thread's connection)."""
			with lock:
				answered = [e for e in first_by_email if e not in named]
			for address in answered:
				name = frappe.db.get_value("Activity Registration", {"email": address}, "name")
				if name:
					named.add(address)
					first_status[name] = first_by_email[address]

		named = set()
		while any(thread.is_alive() for thread in threads):
			time.sleep(1)
			frappe.db.commit()  # what the server committed
			name_the_registrations()
			with lock:
				fresh = [name for name in first_status if name not in seen]
			for name in fresh:  # links for the guests' cancellations, from their e-mails
				token = working_token(frappe, name)
				if token:
					seen.add(name)
					with (
						lock
					):  # a confirmed guest's link stays valid; a waiting one's is renewed on promotion
						if first_status[name] == "Confirmed" and random.random() < 0.8:
							cancellable.append((name, token))
						else:
							staff_targets.append(name)
		for thread in threads:
			thread.join()
		frappe.db.commit()
		name_the_registrations()
		waited = wait_for_delivery(frappe, list(first_status))
	finally:
		server.stop()
	frappe.db.commit()
	lost, duplicate = email_promises(frappe, first_status)
	oversold, violations = seat_promises(frappe, events, args.seats)
	errors = sum(n for by_code in codes.values() for code, n in by_code.items() if code >= 500)
	rows = []
	for kind, kind_times in times.items():
		median, high = percentiles(kind_times)
		others = ", ".join(f"{n} x {code}" for code, n in sorted(codes[kind].items()) if code != 200)
		rows.append(f"| {kind} | {len(kind_times)} | {median:.0f} ms | {high:.0f} ms | {others or '-'} |")
	failures = errors + oversold + lost + duplicate + violations + (waited is None)
	lines = [
		f"# Soak benchmark ({date.today().isoformat()})",
		"",
		f"{args.minutes:g} minutes of mixed load by {args.clients} clients on {args.events} trips of {args.seats}"
		" seats, on gunicorn with 4 workers and a Frappe worker: guests register and cancel by the link"
		" in their e-mail, a staff member cancels registrations, a manager reads the Event Fill Rate"
		" report.",
		machine(),
		"",
		"| kind of request | count | p50 | p95 | answers other than 200 |",
		"| --- | ---: | ---: | ---: | --- |",
		*rows,
		"",
		"| promise | count |",
		"| --- | ---: |",
		f"| 5xx answers | {errors} |",
		f"| oversold seats | {oversold} |",
		f"| lost e-mails | {lost} |",
		f"| duplicate e-mails | {duplicate} |",
		f"| arrival-order violations | {violations} |",
		"",
		f"Registrations made: {len(first_status)}. Every e-mail owed was queued "
		+ (f"{waited:.1f} s after the load ended." if waited is not None else "NOT within 10 minutes."),
		"A 417 of a staff change is Frappe's answer to a registration changed (promoted) since it was read.",
		"",
		f"Targets: every promise count above is 0, every e-mail queued; this run: {failures} missed"
		f" ({'every target met' if not failures else 'NOT every target met'}).",
	]
	write(args.output or os.path.join(RESULTS, "RESULTS-soak.md"), lines)
	frappe.destroy()
	return 1 if failures else 0


def wave(server, web_form, people, seconds):
	"""``people`` (their form data) arriving evenly within ``seconds``, each from an address of its
	own: (status, ms, answer) per person, in the order they were sent."""
	session_pool = [server.session() for _ in range(64)]
	start = time.monotonic()

	def arrive(i):
		delay = start + i * seconds / len(people) - time.monotonic()
		if delay > 0:
			time.sleep(delay)
		return post_form(session_pool[i % len(session_pool)], server, web_form, people[i])

	with ThreadPoolExecutor(max_workers=64) as pool:
		return list(pool.map(arrive, range(len(people))))


def opening_day(args):
	"""``args.guests`` guests within ``args.seconds`` on one trip of ``args.seats`` seats, and the
	same wave on Frappe's bare web-form insert, on 4 workers beside a Frappe worker."""
	frappe = prepare(args)
	from tests.support.server import Server

	server = Server(BENCH, args.site, workers=4).start()
	try:
		warm = new_trip(frappe, seats=10_000)
		with ThreadPoolExecutor(max_workers=8) as pool:  # warm up every worker on both paths
			list(
				pool.map(lambda i: post_form(server.session(), server, APP_FORM, person(warm, i)), range(16))
			)
			list(
				pool.map(
					lambda i: post_form(server.session(), server, PLAIN_FORM, person(warm, i)), range(16)
				)
			)
		wait_for_delivery(frappe, frappe.get_all("Activity Registration", {"trip": warm.name}, pluck="name"))
		trip = new_trip(frappe, seats=args.seats)
		people = [person(trip, i) for i in range(args.guests)]
		started = time.monotonic()
		app = wave(server, APP_FORM, people, args.seconds)
		answered = time.monotonic()
		frappe.db.commit()  # what the server committed (the answers name no record)
		names = frappe.get_all("Activity Registration", {"trip": trip.name}, pluck="name")
		waited = wait_for_delivery(frappe, names)
		all_queued = time.monotonic() - started if waited is not None else None
		plain = wave(server, PLAIN_FORM, people, args.seconds)
	finally:
		server.stop()
	frappe.db.commit()
	rows = frappe.get_all(
		"Activity Registration", {"trip": trip.name}, ["name", "status", "arrival_no"], order_by="arrival_no"
	)
	waiting = args.guests - args.seats
	broken = []
	if [r.status for r in rows] != ["Confirmed"] * args.seats + ["Waitlisted"] * waiting:
		broken.append("seats did not go to the first arrivals, the rest waiting in order")
	if [r.arrival_no for r in rows] != list(range(1, args.guests + 1)):
		broken.append(f"{len(rows)} registrations, arrival numbers not 1..{args.guests}")
	positions = sorted(
		a["__onload"]["waitlist_position"] for _, _, a in app if a and a["status"] == "Waitlisted"
	)
	if positions != list(range(1, waiting + 1)):
		broken.append("the waiting registrants were not told places 1..n")
	lost, duplicate = email_promises(frappe, {r.name: r.status for r in rows})
	if lost or duplicate:
		broken.append(f"{lost} e-mails lost, {duplicate} duplicated")
	errors = sum(1 for status, _, _ in app + plain if status >= 500)
	refused = sum(1 for status, _, _ in app + plain if status != 200)
	app_p50, app_p95 = percentiles([ms for _, ms, _ in app])
	plain_p50, plain_p95 = percentiles([ms for _, ms, _ in plain])
	ratio = app_p95 / max(plain_p95, 0.001)
	confirmed = sum(1 for r in rows if r.status == "Confirmed")
	failures = len(broken) + errors + (ratio > 2) + (all_queued is None)
	lines = [
		f"# Opening day benchmark ({date.today().isoformat()})",
		"",
		f"{args.guests} guests within {args.seconds} s, each from an address of its own, on one trip of"
		f" {args.seats} seats; then the same wave on Frappe's bare web-form insert (the floor built by"
		" `registration`); gunicorn with 4 workers and a Frappe worker.",
		machine(),
		"",
		"| | the app's trip registration | plain web-form insert | ratio (p95) | within 2x |",
		"| --- | ---: | ---: | ---: | --- |",
		f"| p50 | {app_p50:.0f} ms | {plain_p50:.0f} ms | | |",
		f"| p95 | {app_p95:.0f} ms | {plain_p95:.0f} ms | {ratio:.1f}x | {'yes' if ratio <= 2 else 'NO'} |",
		"",
		f"Answers: {errors} 5xx, {refused} other than 200. Confirmed {confirmed}, waiting"
		f" {len(rows) - confirmed}; the wave was answered in {answered - started:.0f} s.",
		"Promises: "
		+ (
			f"kept: seats to the first {args.seats} arrivals, the {waiting} others waiting in arrival order"
			" and told places 1..n, one e-mail each (none lost, none twice)."
			if not broken
			else "BROKEN: " + "; ".join(broken)
		),
		f"Every confirmation and waiting-list e-mail was queued {all_queued:.0f} s after the first guest"
		" arrived."
		if all_queued is not None
		else "NOT every e-mail was queued within 10 minutes.",
		"",
		f"Targets: 0 5xx, every promise kept, p95 within 2x of the floor; this run: {failures} missed"
		f" ({'every target met' if not failures else 'NOT every target met'}).",
	]
	write(args.output or os.path.join(RESULTS, "RESULTS-opening-day.md"), lines)
	frappe.destroy()
	return 1 if failures else 0


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	commands = parser.add_subparsers(dest="command", required=True)
	fig = commands.add_parser("figures", help="cards, charts and reports against plain SQL")
	fig.add_argument("--site", default="slup-bench1.localhost")
	fig.add_argument("--scale", type=float, default=1, help="the scale the site's data was generated at")
	fig.add_argument("--runs", type=int, default=200, help="per element (at least 20 within 30 s)")
	fig.add_argument("--output", help="default: benchmarks/RESULTS-scale<N>.md")
	gl = commands.add_parser(
		"glance", help="the organisation form's summary and timeline, My work, against SQL"
	)
	gl.add_argument("--site", default="slup-bench1.localhost")
	gl.add_argument("--scale", type=float, default=1, help="the scale the site's data was generated at")
	gl.add_argument("--runs", type=int, default=200, help="per element (at least 20 within 30 s)")
	gl.add_argument("--output", help="default: benchmarks/RESULTS-glance-scale<N>.md")
	reg = commands.add_parser("registration", help="trip registration against a plain web-form insert")
	reg.add_argument("--site", default="slup-regbench.localhost", help="a throwaway site (made if missing)")
	reg.add_argument("--runs", type=int, default=40, help="registrations one at a time, per path")
	reg.add_argument("--rounds", type=int, default=5, help="rounds of 20 at once, per path")
	reg.add_argument("--output", help="default: benchmarks/RESULTS-registration.md")
	soak_ = commands.add_parser("soak", help="mixed load on several events for some minutes")
	soak_.add_argument("--site", default="slup-regbench.localhost", help="a throwaway site (made if missing)")
	soak_.add_argument("--minutes", type=float, default=5, help="how long the load lasts")
	soak_.add_argument("--events", type=int, default=4, help="trips under load")
	soak_.add_argument("--seats", type=int, default=15, help="seats per trip")
	soak_.add_argument("--clients", type=int, default=12, help="clients sending at once")
	soak_.add_argument("--output", help="default: benchmarks/RESULTS-soak.md")
	day = commands.add_parser("opening-day", help="hundreds of guests within a minute on one trip")
	day.add_argument("--site", default="slup-regbench.localhost", help="a throwaway site (made if missing)")
	day.add_argument("--guests", type=int, default=500)
	day.add_argument("--seconds", type=float, default=60)
	day.add_argument("--seats", type=int, default=30)
	day.add_argument("--output", help="default: benchmarks/RESULTS-opening-day.md")
	args = parser.parse_args()
	command = {
		"figures": figures,
		"glance": glance,
		"registration": registration,
		"soak": soak,
		"opening-day": opening_day,
	}
	return command[args.command](args)


if __name__ == "__main__":
	sys.exit(main())
