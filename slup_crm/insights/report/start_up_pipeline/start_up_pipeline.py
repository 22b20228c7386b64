# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.desk.form.load import send_link_titles
from frappe.utils import now_datetime

from slup_crm.development.stages import SOCIAL_ENTERPRISE_STARTUP
from slup_crm.pipelines.days import days_in_stage_sql

INDICATORS = ("employees", "participants", "referred_by_employment_service", "referred_by_social_insurance")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	columns, rows = get_columns(), get_data(filters)
	# the rows carry each start-up's title (its name): no query for the titles of thousands of links
	send_link_titles(
		{f"Social Enterprise Startup::{row.name}": row.enterprise_name for row in rows if row.get("name")}
	)
	return columns, rows


def get_columns():
	return [
		{
			"fieldname": "name",
			"label": _("Start-up"),
			"fieldtype": "Link",
			"options": "Social Enterprise Startup",
			"width": 130,
		},
		{"fieldname": "enterprise_name", "label": _("Enterprise Name"), "fieldtype": "Data", "width": 220},
		{"fieldname": "stage", "label": _("Stage"), "fieldtype": "Data", "width": 120},
		{"fieldname": "days_in_stage", "label": _("Days in Stage"), "fieldtype": "Int", "width": 100},
		{"fieldname": "origin", "label": _("Origin"), "fieldtype": "Data", "width": 200},
		{"fieldname": "municipality_name", "label": _("Municipality"), "fieldtype": "Data", "width": 150},
		{"fieldname": "legal_form", "label": _("Planned Legal Form"), "fieldtype": "Data", "width": 180},
		{"fieldname": "employees", "label": _("Employees"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "participants",
			"label": _("Work-integration Participants"),
			"fieldtype": "Int",
			"width": 110,
		},
		{
			"fieldname": "referred_by_employment_service",
			"label": _("Referred by the Public Employment Service"),
			"fieldtype": "Int",
			"width": 110,
		},
		{
			"fieldname": "referred_by_social_insurance",
			"label": _("Referred by the Social Insurance Agency"),
			"fieldtype": "Int",
			"width": 110,
		},
	]


def get_data(filters):
	"""Start-ups grouped by stage in pipeline order; each group opens with a row of its totals.

	One pass over the start-ups (thousands at a large installation): each is put in its stage's
	group once, and each stage, origin and legal form is translated once, not once per row."""
	now = now_datetime()
	startup = frappe.qb.DocType("Social Enterprise Startup")
	query = (
		frappe.qb.from_(startup)
		.select(
			startup.name,
			startup.enterprise_name,
			startup.stage,
			# counted by the database: no datetime parsed per row
			days_in_stage_sql(startup.stage_since, now).as_("days_in_stage"),
			startup.origin,
			startup.municipality_name,
			startup.legal_form,
			*(startup[key] for key in INDICATORS),
		)
		.orderby(startup.enterprise_name)
	)
	for key in ("municipality", "origin"):
		if filters.get(key):
			query = query.where(startup[key] == filters.get(key))
	startups = query.run(as_dict=True)
	groups = {stage: [] for stage in SOCIAL_ENTERPRISE_STARTUP.stage_names}
	for s in startups:
		groups.setdefault(s.stage, []).append(s)
	translated = {}

	def translate(text):
		if text not in translated:
			translated[text] = _(text) if text else None
		return translated[text]

	rows = []
	for stage, members in groups.items():
		if not members:
			continue
		total = frappe._dict(
			enterprise_name=_("{0}: {1} start-ups").format(translate(stage), len(members)),
			stage=translate(stage),
			indent=0,
			is_group=1,
			count=len(members),
		)
		for key in INDICATORS:
			total[key] = sum(s.get(key) or 0 for s in members)
		rows.append(total)
		for s in members:
			s.indent = 1
			s.stage = translate(s.stage)
			s.origin = translate(s.origin)
			s.legal_form = translate(s.legal_form)
			rows.append(s)
	return rows
