# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class RegistrationAttendance(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attended: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		session: DF.Data | None
		session_date: DF.Date | None
		topic: DF.Data | None
	# end: auto-generated types

	pass
