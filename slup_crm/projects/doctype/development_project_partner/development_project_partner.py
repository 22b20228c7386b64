# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class DevelopmentProjectPartner(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		contact_person: DF.Link | None
		from_date: DF.Date | None
		organisation: DF.Link
		organisation_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		role: DF.Literal["Partner", "Project owner", "Co-financier", "Reference group"]
		to_date: DF.Date | None
	# end: auto-generated types

	pass
