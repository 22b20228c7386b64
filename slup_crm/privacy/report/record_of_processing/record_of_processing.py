# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""The record of processing activities (GDPR art. 30), read from the app's one declaration.

One row per personal field: the doctype, the purpose, the legal basis, what kind of data,
whether it is special-category, how long it is kept and what erasure does. Printed and
exported with Frappe's report tools, in English or Swedish (filter *Language*).
"""

from contextlib import contextmanager

import frappe
from frappe import _, _lt

from slup_crm.privacy.declaration import KIND_LABELS, personal_declarations

ERASURE_LABELS = {
	"pseudonym": _lt("Replaced by a made-up address"),
	"redact": _lt("Replaced by REDACTED"),
	"clear": _lt("Emptied"),
	"mentions": _lt("The person's name and address cut out"),
	"linked": _lt("The linked contact or user is erased"),
	"keep": _lt("Kept for the figures; the row names no one once erased"),
}
ROW_ERASURE_LABELS = {"anonymise": _lt("Row kept for the figures"), "delete": _lt("Row deleted")}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	with language(filters.get("language")):
		return columns(), rows()


@contextmanager
def language(lang: str | None):
	"""Translate into ``lang`` (en or sv) for this report only."""
	previous = frappe.local.lang
	if lang in ("en", "sv"):
		frappe.local.lang = lang
	try:
		yield
	finally:
		frappe.local.lang = previous


def columns() -> list[dict]:
	return [
		{"fieldname": "doctype", "label": _("Record"), "fieldtype": "Data", "width": 180},
		{"fieldname": "purpose", "label": _("Purpose"), "fieldtype": "Data", "width": 300},
		{"fieldname": "legal_basis", "label": _("Legal Basis"), "fieldtype": "Data", "width": 220},
		{"fieldname": "field", "label": _("Field"), "fieldtype": "Data", "width": 160},
		{"fieldname": "kind", "label": _("Personal Data"), "fieldtype": "Data", "width": 220},
		{"fieldname": "special", "label": _("Special Category"), "fieldtype": "Data", "width": 110},
		{"fieldname": "retention", "label": _("Retention"), "fieldtype": "Data", "width": 360},
		{"fieldname": "erasure", "label": _("On Erasure"), "fieldtype": "Data", "width": 260},
	]


def rows() -> list[dict]:
	result = []
	for entry in personal_declarations():
		meta = frappe.get_meta(entry.doctype)
		for field in entry.personal:
			result.append(
				{
					"doctype": _(entry.doctype),
					"purpose": str(entry.purpose),
					"legal_basis": str(entry.legal_basis),
					"field": _(meta.get_label(field.fieldname)),
					"kind": str(KIND_LABELS[field.kind]),
					"special": _("Yes") if field.special else _("No"),
					"retention": str(entry.retention),
					"erasure": f"{ERASURE_LABELS[field.erasure_action()]}; {ROW_ERASURE_LABELS[entry.erasure]}",
				}
			)
	return result
