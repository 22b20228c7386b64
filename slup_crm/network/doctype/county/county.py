# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from slup_crm.utils.text import is_county_code
from slup_crm.utils.validation import trim_text_fields


class County(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		county_code: DF.Data
		county_name: DF.Data
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		self.validate_county_code()

	def validate_county_code(self):
		if not is_county_code(self.county_code):
			frappe.throw(
				_("County code {0} must be two digits, e.g. 01 for Stockholm county.").format(
					frappe.bold(self.county_code)
				)
			)
