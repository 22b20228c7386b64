# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MeetingActionItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		carried_from: DF.Link | None
		description: DF.SmallText
		due_date: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		responsible: DF.Link | None
		responsible_user: DF.Link | None
		status: DF.Literal["Open", "Done", "Carried Over"]
		todo: DF.Link | None
	# end: auto-generated types

	pass
