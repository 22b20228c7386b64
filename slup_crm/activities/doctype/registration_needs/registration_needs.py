# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from slup_crm.activities import registration
from slup_crm.utils.validation import trim_text_fields, validate_public_fields


class RegistrationNeeds(Document):
	"""One registration's dietary and accessibility needs, apart from the registration so that role
	permissions alone guard them (see ``slup_crm.privacy.access``): no other role reads this
	doctype, no filter on the registration reaches it, and it keeps no version history."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accessibility_needs: DF.SmallText | None
		dietary_needs: DF.SmallText | None
		registration: DF.Link
	# end: auto-generated types

	def validate(self):
		trim_text_fields(self)
		validate_public_fields(self, registration.MAX_LENGTHS)
