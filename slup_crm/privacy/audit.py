"""Who changed which field when, without the values, for the doctypes that ask for it.

Frappe's version history (``Version``, on doctypes with *Track Changes*) keeps the old and the new
value of every changed field. For a gateway participant that would copy names, contact details and
labour-market status into every version, and a version is read wherever the record's history is
shown. A doctype declared with ``version_values=False`` keeps its audit trail (the user, the time,
the fields, rows added or removed) and loses the values: ``Version``'s ``before_insert`` hook
replaces each value with ``HIDDEN``. The record itself holds the values, for those who may read it.
"""

import json

from slup_crm.privacy.declaration import declared

HIDDEN = "***"


def keep_values(doctype: str) -> bool:
	entry = declared(doctype)
	return entry.version_values if entry else True


def scrub_version_values(doc, method=None) -> None:
	"""Version before_insert: drop the values of a change to a doctype that keeps none."""
	if keep_values(doc.ref_doctype) or not doc.data:
		return
	data = json.loads(doc.data)
	data["changed"] = [[field, HIDDEN, HIDDEN] for field, *_values in data.get("changed") or []]
	for key in ("added", "removed"):
		data[key] = [[table, {"name": (row or {}).get("name")}] for table, row in data.get(key) or []]
	data["row_changed"] = [
		[table, idx, name, [[field, HIDDEN, HIDDEN] for field, *_values in changes]]
		for table, idx, name, changes in data.get("row_changed") or []
	]
	doc.data = json.dumps(data, separators=(",", ":"))
