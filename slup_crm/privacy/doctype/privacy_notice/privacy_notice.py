# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

TEXT_FIELDS = ("notice_en", "notice_sv")


class PrivacyNotice(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		change_note: DF.SmallText | None
		notice_en: DF.TextEditor
		notice_sv: DF.TextEditor
		published_on: DF.Datetime | None
		version: DF.Int
	# end: auto-generated types

	def before_insert(self):
		self.version = (frappe.db.get_value("Privacy Notice", {}, "max(version)") or 0) + 1
		self.published_on = now_datetime()

	def validate(self):
		self.keep_published_text()

	def keep_published_text(self):
		"""A version that people agreed to never changes: a change is a new version."""
		if self.is_new():
			return
		if any(self.has_value_changed(field) for field in TEXT_FIELDS):
			frappe.throw(
				_(
					"Version {0} of the privacy notice is published and cannot change. Duplicate it and "
					"save the copy as a new version."
				).format(self.version),
				title=_("Published Notice"),
			)

	def on_trash(self):
		if frappe.db.exists("Activity Registration", {"privacy_notice": self.name}):
			frappe.throw(_("People agreed to version {0}: it cannot be deleted.").format(self.version))


def current_notice_name() -> str | None:
	"""The name of the latest version of the privacy notice, the one people agree to now (None
	before the first one is written)."""
	return frappe.db.get_value("Privacy Notice", {}, "name", order_by="version desc")


def current_notice() -> frappe._dict | None:
	"""The latest version of the privacy notice (None before the first one is written)."""
	return frappe.db.get_value(
		"Privacy Notice",
		{},
		["name", "version", "published_on", "notice_en", "notice_sv"],
		as_dict=True,
		order_by="version desc",
	)
