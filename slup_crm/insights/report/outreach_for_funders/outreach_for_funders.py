# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""How many distinct people and organisations the group reached in a period, for funders.

All counting happens in `slup_crm.meetings.outreach.get_reach` (no person counted twice); this
report lays its answer out, for all activities or those of one development project, in three
sections (by activity, by municipality, by type of organisation) under a line of totals, in one
table that Frappe exports to Excel and CSV.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from slup_crm.meetings.outreach import get_reach


def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.get("from_date") or getdate().replace(month=1, day=1))
	to_date = getdate(filters.get("to_date") or getdate())
	if from_date > to_date:
		frappe.throw(_("The period must start before it ends."))
	project = filters.get("project") or None
	if project and not frappe.db.exists("Development Project", project):
		frappe.throw(_("Development Project {0} does not exist.").format(frappe.bold(project)))
	reach = get_reach(from_date, to_date, project)
	return get_columns(), get_data(reach), None, None, get_summary(reach)


def get_columns():
	return [
		{"fieldname": "section", "label": _("Section"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "label",
			"label": _("Activity, Municipality or Type"),
			"fieldtype": "Data",
			"width": 240,
		},
		{"fieldname": "activities", "label": _("Activities"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "people_identified",
			"label": _("People (Registered or Present)"),
			"fieldtype": "Int",
			"width": 170,
		},
		{
			"fieldname": "people_counted_in_person",
			"label": _("People Counted at Events"),
			"fieldtype": "Int",
			"width": 160,
		},
		{
			"fieldname": "people_by_email",
			"label": _("People Reached by E-mail"),
			"fieldtype": "Int",
			"width": 160,
		},
		{"fieldname": "organisations", "label": _("Organisations"), "fieldtype": "Int", "width": 120},
	]


def get_data(reach):
	totals = reach["totals"]
	rows = [
		{
			"section": _("Total"),
			"label": _("{0} to {1}").format(
				frappe.format(reach["from_date"], "Date"), frappe.format(reach["to_date"], "Date")
			),
			"indent": 0,
			"bold": 1,
			**{key: totals[key] for key in ("activities", "people_identified", "people_counted_in_person")},
			"people_by_email": totals["people_by_email"],
			"organisations": totals["organisations"],
		}
	]
	for kind, row in reach["by_kind"].items():
		rows.append({"section": _("By Activity"), "label": row["label"], "kind": kind, **pick(row)})
	for name, row in sorted(
		reach["by_municipality"].items(), key=lambda item: item[1]["municipality_name"] or ""
	):
		rows.append(
			{
				"section": _("By Municipality"),
				"label": row["municipality_name"],
				"municipality": name,
				**pick(row),
			}
		)
	for organisation_type, row in reach["by_organisation_type"].items():
		rows.append(
			{
				"section": _("By Type of Organisation"),
				"label": row["label"],
				"organisation_type": organisation_type,
				**pick(row),
			}
		)
	return rows


def pick(row):
	return {
		key: row.get(key)
		for key in (
			"activities",
			"people_identified",
			"people_counted_in_person",
			"people_by_email",
			"organisations",
		)
	}


def get_summary(reach):
	totals = reach["totals"]
	return [
		{
			"label": _("People Reached in Person"),
			"value": totals["people_in_person"],
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"label": _("People Reached by E-mail"),
			"value": totals["people_by_email"],
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"label": _("Organisations"),
			"value": totals["organisations"],
			"datatype": "Int",
			"indicator": "Green",
		},
		{
			"label": _("Municipalities"),
			"value": totals["municipalities"],
			"datatype": "Int",
			"indicator": "Green",
		},
	]
