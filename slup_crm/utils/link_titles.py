"""Titles for the Link columns of script reports, as Frappe sends them for forms and lists.

The desk shows a link's title instead of its name ("Sollentuna kommun", not ORG-00016) when the
linked doctype has `show_title_field_in_link` and the title reached the browser in the response's
`_link_titles` (Frappe sends them for forms and list views, not for script reports).
"""

import frappe
from frappe.desk.form.load import send_link_titles


def send_report_link_titles(columns: list[dict], rows: list[dict]) -> None:
	"""Send the titles of every linked record a report's rows show, one query per linked doctype."""
	titles = {}
	for column in columns:
		doctype = column.get("options")
		if column.get("fieldtype") != "Link" or not doctype:
			continue
		meta = frappe.get_meta(doctype)
		if not (meta.show_title_field_in_link and meta.title_field):
			continue
		names = {row.get(column["fieldname"]) for row in rows} - {None, ""}
		if not names:
			continue
		for name, title in frappe.get_all(
			doctype, filters={"name": ("in", list(names))}, fields=["name", meta.title_field], as_list=True
		):
			titles[f"{doctype}::{name}"] = title or name
	send_link_titles(titles)
