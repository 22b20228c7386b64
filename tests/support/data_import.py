"""Frappe's real Data Import for the tests: a CSV File, a ``Data Import`` record and its
``start_import`` (synchronous in tests). The importer commits every row it imports, so each test
class forgets its imports when it ends (``forget_data_import``)."""

import csv
import io

import frappe
from frappe.utils import random_string


def to_csv(rows: list[list]) -> str:
	out = io.StringIO()
	csv.writer(out).writerows(rows)
	return out.getvalue()


def run_data_import(doctype: str, rows: list[list], user: str, made: list, started_by: str | None = None):
	"""Import ``rows`` (the header first) into ``doctype`` as ``user`` (``started_by`` runs an import
	someone else prepared); the import's name goes into ``made`` before it runs. Returns the import
	and its logs, in row order."""
	frappe.set_user(user)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{frappe.scrub(doctype)}-{random_string(6)}.csv",
			"content": to_csv(rows),
			"is_private": 1,
		}
	).insert()
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": doctype,
			"import_type": "Insert New Records",
			"import_file": file.file_url,
			"mute_emails": 1,
		}
	).insert()
	frappe.db.commit()
	made.append(data_import.name)
	if started_by:
		frappe.set_user(started_by)
	data_import.start_import()
	data_import.reload()
	logs = frappe.get_all(
		"Data Import Log",
		filters={"data_import": data_import.name},
		fields=["success", "docname", "messages", "row_indexes"],
		order_by="log_index",
	)
	frappe.set_user("Administrator")
	return data_import, logs


def forget_data_import(name: str) -> list[str]:
	"""Deletes an import with its logs and file; the records it imported (for the caller to delete)."""
	imported = frappe.get_all("Data Import Log", {"data_import": name, "success": 1}, pluck="docname")
	frappe.db.delete("Data Import Log", {"data_import": name})
	frappe.db.delete("File", {"file_url": frappe.db.get_value("Data Import", name, "import_file")})
	frappe.db.delete("Data Import", name)
	return [docname for docname in imported if docname]
