# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class SLUPSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		annual_fee: DF.Currency
		currency: DF.Link
		home_county: DF.Link | None
		stale_after_days: DF.Int
	# end: auto-generated types

	pass


def get_settings() -> "SLUPSettings":
	"""The app's settings, cached for the request."""
	return frappe.get_cached_doc("SLUP Settings")
