# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import now_datetime, time_diff_in_seconds

from slup_crm.development.pipeline import SECONDS_PER_DAY

INDICATORS = ("employees", "participants", "referred_by_employment_service", "referred_by_social_insurance")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


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
	"""Start-ups grouped by stage in pipeline order; each group opens with a row of its totals."""
	conditions = {key: filters.get(key) for key in ("municipality", "origin") if filters.get(key)}
	startups = frappe.get_all(
		"Social Enterprise Startup",
		filters=conditions,
		fields=[
			"name",
			"enterprise_name",
			"stage",
			"stage_since",
			"origin",
			"municipality_name",
			"legal_form",
			*INDICATORS,
		],
		order_by="enterprise_name asc",
	)
	stages = frappe.get_meta("Social Enterprise Startup").get_field("stage").options.split("\n")
	now = now_datetime()
	rows = []
	for stage in stages:
		members = [s for s in startups if s.stage == stage]
		if not members:
			continue
		total = frappe._dict(
			enterprise_name=_("{0}: {1} start-ups").format(_(stage), len(members)),
			stage=_(stage),
			indent=0,
			is_group=1,
			count=len(members),
		)
		for key in INDICATORS:
			total[key] = sum(s.get(key) or 0 for s in members)
		rows.append(total)
		for s in members:
			s.indent = 1
			s.stage = _(s.stage)
			s.origin = _(s.origin) if s.origin else None
			s.legal_form = _(s.legal_form) if s.legal_form else None
			s.days_in_stage = (
				int(time_diff_in_seconds(now, s.stage_since) // SECONDS_PER_DAY) if s.stage_since else None
			)
			rows.append(s)
	return rows
