# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class StageChange(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		changed_by: DF.Link | None
		changed_on: DF.Datetime
		days_in_previous_stage: DF.Float
		from_stage: DF.Data | None
		imported: DF.Check
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		to_stage: DF.Data
	# end: auto-generated types

	pass


def on_doctype_update():
	"""Indexes for the stage history of one record and for "founded this year" style counts."""
	frappe.db.add_index("Stage Change", ["reference_doctype", "reference_name"])
	frappe.db.add_index("Stage Change", ["reference_doctype", "to_stage", "changed_on"])
