# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from slup_crm.gateway.compensation import first_of_month, host_month_totals, host_title
from slup_crm.gateway.doctype.placement.placement import month_label


class HostCompensation(Document):
	"""One host's grant for one month. Submitting it marks the month paid, which locks its days."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		amount: DF.Currency
		currency: DF.Link | None
		days: DF.Int
		host: DF.DynamicLink
		host_name: DF.Data | None
		host_type: DF.Literal["Organisation", "Social Enterprise Startup"]
		month: DF.Date
		paid_on: DF.Date | None
	# end: auto-generated types

	def validate(self):
		self.month = first_of_month(self.month)
		self.host_name = host_title(self.host_type, self.host)
		self.validate_one_per_host_and_month()
		self.set_totals()

	def before_submit(self):
		self.set_totals()
		if not self.days:
			frappe.throw(
				_("{0} has no days attended in {1}: there is nothing to pay.").format(
					frappe.bold(self.host_name), month_label(self.month)
				)
			)
		self.paid_on = getdate()

	def validate_one_per_host_and_month(self):
		other = frappe.db.exists(
			"Host Compensation",
			{
				"host_type": self.host_type,
				"host": self.host,
				"month": self.month,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("{0} already has the host compensation {1} for {2}.").format(
					frappe.bold(self.host_name), other, month_label(self.month)
				),
				frappe.DuplicateEntryError,
			)

	def set_totals(self):
		self.days, self.amount = host_month_totals(self.host_type, self.host, self.month)
