"""Dietary and accessibility needs leave Activity Registration for Registration Needs.

They were fields of permission level 1 on the registration; Frappe checks levels on the fields a
query returns, not on its filters, and versions of a registration carried them. Each stored value
moves to a Registration Needs row of its registration, the two columns are dropped (a virtual field
has none, and Frappe keeps a column a doctype no longer stores), and the values are taken out of the
registrations' version history. Safe to run twice: without the columns there is nothing to move.
"""

import json

import frappe

from slup_crm.activities.registration import NEEDS, NEEDS_FIELDS

REGISTRATION = "Activity Registration"


def execute():
	move_stored_needs()
	remove_needs_from_versions()


def move_stored_needs():
	columns = [field for field in NEEDS_FIELDS if frappe.db.has_column(REGISTRATION, field)]
	if not columns:
		return
	table = frappe.qb.DocType(REGISTRATION)
	holds = None
	for column in columns:
		condition = table[column].isnotnull() & (table[column] != "")
		holds = condition if holds is None else holds | condition
	rows = (
		frappe.qb.from_(table).select(table.name, *(table[c] for c in columns)).where(holds).run(as_dict=True)
	)
	for row in rows:
		if frappe.db.exists(NEEDS, {"registration": row.name}):
			continue
		values = {column: row[column] for column in columns if row[column]}
		frappe.get_doc({"doctype": NEEDS, "registration": row.name, **values}).insert(ignore_permissions=True)
	for column in columns:
		frappe.db.sql_ddl(f"alter table `tab{REGISTRATION}` drop column `{column}`")


def remove_needs_from_versions():
	version = frappe.qb.DocType("Version")
	mentions = None
	for field in NEEDS_FIELDS:
		condition = version.data.like(f"%{field}%")
		mentions = condition if mentions is None else mentions | condition
	rows = (
		frappe.qb.from_(version)
		.select(version.name, version.data)
		.where(version.ref_doctype == REGISTRATION)
		.where(mentions)
		.run(as_dict=True)
	)
	for row in rows:
		data = json.loads(row.data or "{}")
		data["changed"] = [change for change in data.get("changed") or [] if change[0] not in NEEDS_FIELDS]
		if not any(data.get(key) for key in ("changed", "added", "removed", "row_changed")):
			frappe.db.delete("Version", {"name": row.name})
		else:
			frappe.db.set_value("Version", row.name, "data", json.dumps(data), update_modified=False)
