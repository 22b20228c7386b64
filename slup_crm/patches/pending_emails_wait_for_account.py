"""Pending E-mails kept before they had a status were all composed and waiting for an outgoing
account: say so (new ones are given their status when they are made)."""

import frappe

from slup_crm.utils.mail import PENDING_EMAIL, WAITING_FOR_ACCOUNT


def execute():
	table = frappe.qb.DocType(PENDING_EMAIL)
	(
		frappe.qb.update(table)
		.set(table.status, WAITING_FOR_ACCOUNT)
		.where(table.status.isnull() | (table.status == ""))
		.run()
	)
