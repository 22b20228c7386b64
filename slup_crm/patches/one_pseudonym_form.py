"""Pseudonyms written by retention before the one anonymiser end in ``@invalid``; the anonymiser's
end in ``@anonymised.invalid`` (a User can only be renamed to an address with a dot in its domain).
The keyed hash before them is the same, so each old pseudonym gets the new ending and a person
anonymised by retention then, and erased now, stays one person. Safe to run twice."""

import frappe

from slup_crm.privacy.declaration import PSEUDONYM, app_declarations

OLD_END, NEW_END = "@invalid", "@anonymised.invalid"


def execute():
	for entry in app_declarations():
		meta = frappe.get_meta(entry.doctype)
		for field in entry.personal:
			if field.erasure_action() != PSEUDONYM or not meta.has_field(field.fieldname):
				continue
			rows = frappe.get_all(
				entry.doctype,
				filters={field.fieldname: ("like", f"anonymised-%{OLD_END}")},
				fields=["name", field.fieldname],
			)
			for row in rows:
				value = row[field.fieldname]
				if value.endswith(NEW_END):
					continue
				frappe.db.set_value(
					entry.doctype,
					row.name,
					field.fieldname,
					value[: -len(OLD_END)] + NEW_END,
					update_modified=False,
				)
