"""What one run of the anonymiser changed (an erasure or the daily retention job): the rows per
doctype, and nothing about the people (``slup_crm.privacy.anonymiser.record_run``)."""

from frappe.model.document import Document


class AnonymisationRun(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		counts: DF.Code | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		rows_changed: DF.Int
		run_type: DF.Literal["Erasure", "Retention"]
	# end: auto-generated types

	pass
