# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class PendingEmail(Document):
	"""An e-mail the app owes: to compose, or composed and kept until an outgoing account exists
	(see ``slup_crm.utils.mail``)."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attachments: DF.LongText | None
		attempts: DF.Int
		compose: DF.Data | None
		compose_arguments: DF.LongText | None
		language: DF.Data | None
		last_error: DF.Code | None
		message: DF.LongText | None
		recipients: DF.SmallText
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		status: DF.Literal["To Compose", "Waiting for Account"]
		subject: DF.SmallText | None
	# end: auto-generated types

	pass
