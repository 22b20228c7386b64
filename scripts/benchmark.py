#!/usr/bin/env python3
"""Time every number card, chart and report against the plain SQL that answers the same question.

Run with the bench's Python against a site holding the generated data set (README, "Benchmark"):

    ~/frappe-bench/env/bin/python scripts/benchmark.py --site slup-bench.localhost --runs 30

Prints, for each dashboard element and report, the median and 95th-percentile time of the app's
own code path (the card's method or Frappe's card/chart/report endpoint, caches off), the same
for a plain SQL aggregate on the same data, and their ratio; writes the table to
benchmarks/RESULTS.md. Targets: dashboard elements p95 < 300 ms and within 3x of plain SQL;
reports p95 < 2 s.
"""

import argparse
import gc
import os
import platform
import statistics
import sys
import time
from datetime import date

BENCH = os.environ.get("FRAPPE_BENCH") or os.path.expanduser("~/frappe-bench")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def connect(site):
	import frappe

	sites = os.path.join(BENCH, "sites")
	os.chdir(sites)
	frappe.init(site=site, sites_path=sites)
	frappe.connect()
	frappe.set_user("Administrator")
	return frappe


def measure(fn, runs):
	fn()  # warm up (imports, metadata cache)
	gc.collect()  # start each series from a clean heap, not in the middle of another's garbage
	times = []
	for _ in range(runs):
		start = time.perf_counter()
		fn()
		times.append((time.perf_counter() - start) * 1000)
	times.sort()
	p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
	return statistics.median(times), p95


def elements(frappe):
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as chart
	from frappe.desk.doctype.number_card.number_card import get_result
	from frappe.desk.query_report import run as report

	from slup_crm.insights import dashboard

	sql = frappe.db.sql
	year = date.today().year
	county = frappe.db.get_single_value("SLUP Settings", "home_county")

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
				"""select count(*) from `tabPolicy Adoption` where stage in
				('In dialogue', 'Information campaign', 'Policy drafted', 'Policy adopted', 'Implementing')"""
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
				group by municipality_name order by c desc"""
			),
		),
		(
			"chart",
			"Registrations per Month",
			chart_of("Registrations per Month"),
			lambda: sql(
				"""select date_format(creation, '%%Y-%%m'), count(*) from `tabActivity Registration`
				where creation >= now() - interval 1 year group by 1"""
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
				"""select title, seats_taken / seats from tabTrip where start_date <= curdate() and seats > 0
				order by start_date desc limit 10"""
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


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default="slup-bench.localhost")
	parser.add_argument("--runs", type=int, default=30)
	parser.add_argument("--output", default=os.path.join(REPO, "benchmarks", "RESULTS.md"))
	args = parser.parse_args()
	frappe = connect(args.site)
	data = counts(frappe)
	lines = [
		f"# Benchmark results ({date.today().isoformat()}, {args.runs} runs each)",
		"",
		f"Site data: {', '.join(f'{v:,} {k}' for k, v in data.items())}.",
		f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
		"",
		"| kind | element | app median ms | app p95 ms | SQL median ms | SQL p95 ms | ratio (p95) | time target | within 3x |",
		"| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
	]
	failures = 0
	for kind, name, app, plain in elements(frappe):
		app_median, app_p95 = measure(app, args.runs)
		sql_median, sql_p95 = measure(plain, args.runs)
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
		f"non-zero when a target is missed; this run: {failures} missed.",
	]
	text = "\n".join(lines) + "\n"
	print(text)
	os.makedirs(os.path.dirname(args.output), exist_ok=True)
	with open(args.output, "w") as f:
		f.write(text)
	frappe.destroy()
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
