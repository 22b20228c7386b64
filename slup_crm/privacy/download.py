"""A person's data download: everything the app holds about an address.

Frappe's Personal Data Download Request collects the rows of its ``user_data_fields`` hook
(which the declaration feeds, see ``declaration.user_data_fields``) whose e-mail field is the
address. The app adds the rows that belong to the person through a contact (a representative
row, a meeting attendance recorded by contact) or through another of their rows (the needs of
their registrations), through ``override_doctype_class``.
"""

import json

import frappe
from frappe import _
from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
	PersonalDataDownloadRequest as FrappePersonalDataDownloadRequest,
)
from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
	get_user_data,
)

from slup_crm.privacy.declaration import app_declarations
from slup_crm.privacy.erasure import contacts_of, matched_rows
from slup_crm.utils.access import check_role, log_read
from slup_crm.utils.validation import clean_email

# Never handed out, not even to the person: secrets of their personal links.
SECRET_FIELDS = {"cancel_token", "token_hash"}


def personal_data(email: str) -> dict[str, list[dict]]:
	"""Every row of the app and of Frappe's user_data_fields that belongs to ``email``."""
	data = json.loads(get_user_data(email))
	contacts = contacts_of(email)
	for entry in app_declarations():
		if not (entry.match.contact and contacts) and not entry.match.via:
			continue
		rows = data.setdefault(entry.doctype, [])
		seen = {row["name"] for row in rows}
		found = [row.name for row in matched_rows(entry, email, contacts) if row.name not in seen]
		for row in frappe.get_all(entry.doctype, filters={"name": ("in", found or [""])}, fields=["*"]):
			rows.append(json.loads(frappe.as_json(row)))
	for rows in data.values():
		for row in rows:
			for field in SECRET_FIELDS & set(row):
				row.pop(field)
	return {doctype: rows for doctype, rows in data.items() if rows}


class PersonalDataDownloadRequest(FrappePersonalDataDownloadRequest):
	"""Frappe's download request, with the rows the app holds about the user's address."""

	def after_insert(self):
		frappe.enqueue_doc(
			self.doctype,
			self.name,
			"generate_file_and_send_mail",
			queue="short",
			personal_data=json.dumps(personal_data(self.user), indent=2, default=str),
			now=frappe.flags.in_test,
		)


@frappe.whitelist(methods=["POST"])
def personal_data_of(email: str) -> dict[str, list[dict]]:
	"""System Manager: everything held about an address, for a person without an account who asked
	for their data in writing (Frappe's download request needs a User). The reading is logged."""
	check_role(("System Manager",), _("Only a System Manager can read a person's data."))
	email = clean_email(email)
	log_read(None, method="Personal data of an address", filters=email)
	return personal_data(email)
