# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""The app's settings (a Single), read one way: ``get_settings()``.

Defaults live in the doctype alone (each field's ``default`` in ``slup_settings.json``). Frappe
stores a Single's defaults only when it first creates the record, never for a field added by a
later version: install and migrate store the default of every field the site has none of
(``store_defaults``), and until then ``get_settings()`` reads the default in its place, so that a
period is never 0, nor the currency empty, by omission.
"""

import frappe
from frappe.model import no_value_fields
from frappe.model.document import Document
from frappe.utils import cast

SETTINGS = "SLUP Settings"


class SLUPSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		annual_fee: DF.Currency
		bank_giro: DF.Data | None
		cancelled_registration_days: DF.Int
		currency: DF.Link
		deleted_document_days: DF.Int
		email_queue_days: DF.Int
		fee_reminder_days: DF.Int
		gateway_min_cell_size: DF.Int
		gateway_participant_years: DF.Int
		home_county: DF.Link | None
		registrant_years: DF.Int
		special_category_days: DF.Int
		stale_after_days: DF.Int
		unsubscribed_days: DF.Int
	# end: auto-generated types

	pass


def get_settings() -> frappe._dict:
	"""Every setting, as stored or, where the site stored none, the doctype's default (one query,
	never cached across requests or a rollback: a change is read at once)."""
	stored = frappe.db.get_singles_dict(SETTINGS)
	return frappe._dict({df.fieldname: value_of(df, stored.get(df.fieldname)) for df in setting_fields()})


def store_defaults() -> None:
	"""Install and migrate: store the doctype's default of every field this site has no value of."""
	stored = frappe.db.get_singles_dict(SETTINGS)
	for df in setting_fields():
		if is_unset(stored.get(df.fieldname)) and not is_unset(df.default):
			frappe.db.set_single_value(SETTINGS, df.fieldname, df.default)


def setting_fields() -> list:
	return [df for df in frappe.get_meta(SETTINGS).fields if df.fieldtype not in no_value_fields]


def value_of(df, stored):
	value = df.default if is_unset(stored) else stored
	return None if is_unset(value) else cast(df.fieldtype, value)


def is_unset(value) -> bool:
	return value is None or value == ""
