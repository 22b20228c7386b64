# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class PendingEmail(Document):
	"""An e-mail kept until an outgoing account exists (see ``slup_crm.utils.mail``)."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		message: DF.LongText | None
		recipients: DF.SmallText
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		subject: DF.SmallText | None
	# end: auto-generated types

	pass
