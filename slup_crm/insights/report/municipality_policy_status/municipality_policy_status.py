# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import now_datetime

from slup_crm.development.stages import POLICY_ADOPTION
from slup_crm.pipelines.days import days_in_stage_sql
from slup_crm.utils.link_titles import send_report_link_titles

# A municipality without a policy adoption record stands in the first stage.
NOT_CONTACTED = POLICY_ADOPTION.first_stage


def execute(filters=None):
	filters = frappe._dict(filters or {})
	columns, rows = get_columns(), get_data(filters)
	send_report_link_titles(columns, rows)
	return columns, rows


def get_columns():
	return [
		{
			"fieldname": "municipality",
			"label": _("Municipality"),
			"fieldtype": "Link",
			"options": "Organisation",
			"width": 200,
		},
		{"fieldname": "municipality_code", "label": _("Municipality Code"), "fieldtype": "Data", "width": 90},
		{"fieldname": "stage", "label": _("Stage"), "fieldtype": "Data", "width": 160},
		{"fieldname": "days_in_stage", "label": _("Days in Stage"), "fieldtype": "Int", "width": 100},
		{"fieldname": "next_step", "label": _("Next Step"), "fieldtype": "Data", "width": 220},
		{"fieldname": "next_step_due", "label": _("Next Step Due"), "fieldtype": "Date", "width": 110},
		{
			"fieldname": "responsible",
			"label": _("Responsible"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
		{"fieldname": "decision_date", "label": _("Decision Date"), "fieldtype": "Date", "width": 110},
		{
			"fieldname": "policy_adoption",
			"label": _("Policy Adoption"),
			"fieldtype": "Link",
			"options": "Policy Adoption",
			"width": 150,
		},
	]


def get_data(filters):
	"""Every municipality of the county, with its policy adoption if it has one (else Not contacted)."""
	org = frappe.qb.DocType("Organisation")
	policy = frappe.qb.DocType("Policy Adoption")
	query = (
		frappe.qb.from_(org)
		.left_join(policy)
		.on(policy.municipality == org.name)
		.select(
			org.name.as_("municipality"),
			org.organisation_name,
			org.municipality_code,
			policy.name.as_("policy_adoption"),
			policy.stage,
			days_in_stage_sql(policy.stage_since, now_datetime()).as_("days_in_stage"),
			policy.next_step,
			policy.next_step_due,
			policy.responsible,
			policy.decision_date,
		)
		.where(org.organisation_type == "Municipality")
		.orderby(org.municipality_code)
	)
	if filters.get("county"):
		query = query.where(org.county == filters.county)
	if filters.get("stage"):
		if filters.stage == NOT_CONTACTED:
			query = query.where(policy.stage.isnull() | (policy.stage == NOT_CONTACTED))
		else:
			query = query.where(policy.stage == filters.stage)
	rows = query.run(as_dict=True)
	for row in rows:
		row.stage = _(row.stage or NOT_CONTACTED)
	return rows
