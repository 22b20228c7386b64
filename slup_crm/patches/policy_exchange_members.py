"""The policy adoption's check "Joins the Policy Exchange" becomes a Policy Exchange Member.

Each municipality whose policy adoption had the check joins the exchange with the adoption's
contact person (who must have an e-mail address), on the day of the decision or else of the record.
A municipality without such a contact is left for staff to add (it is listed in the migrate's output).
Safe to run twice: a municipality that is a member already is skipped.
"""

import frappe
from frappe.utils import getdate

OLD_COLUMN = "join_policy_exchange"


def execute():
	if not frappe.db.has_column("Policy Adoption", OLD_COLUMN):
		return
	table = frappe.qb.DocType("Policy Adoption")
	rows = (
		frappe.qb.from_(table)
		.select(table.municipality, table.contact_person, table.decision_date, table.creation)
		.where(table[OLD_COLUMN] == 1)
		.run(as_dict=True)
	)
	for row in rows:
		if frappe.db.exists("Policy Exchange Member", {"organisation": row.municipality}):
			continue
		if not row.contact_person or not frappe.db.get_value("Contact", row.contact_person, "email_id"):
			print(
				f"Policy exchange: {row.municipality} has no contact person with an e-mail address; add it by hand."
			)
			continue
		frappe.get_doc(
			{
				"doctype": "Policy Exchange Member",
				"organisation": row.municipality,
				"contact": row.contact_person,
				"joined_on": getdate(row.decision_date or row.creation),
			}
		).insert(ignore_permissions=True)
