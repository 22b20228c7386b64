# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class PlacementAttendance(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		compensation: DF.Currency
		days_attended: DF.Int
		month: DF.Date
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types

	pass
