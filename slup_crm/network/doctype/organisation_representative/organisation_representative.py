# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OrganisationRepresentative(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		capacity: DF.Literal["Politician", "Elected representative", "Employee"]
		contact: DF.Link
		full_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		since: DF.Date | None
	# end: auto-generated types

	pass
