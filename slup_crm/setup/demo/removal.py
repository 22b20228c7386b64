"""The way out of the demo: remove exactly what it made, and nothing a user added.

What the demo made is what it tagged: every record it created carries ``DEMO_TAG`` through a Tag
Link written by the demo as Administrator (``tag_records``); a tag that a user put on a record of
their own is not the demo's (its Tag Link has that user as owner). Removed with each record is
what Frappe removes with a deleted document (comments, versions, ToDos such as the action items,
shares, attachments, its Tag Links) and what the app wrote about it (its stage history, e-mail
held back for it: ``HISTORY_DOCTYPES``). A part that wrote into records that are not its own
(the ``organisations`` part adds the demo's people as representatives of the installed
municipalities and of a site's own organisations on a forced load) undoes that in its
``release(records)``.

Guarded: refused (``DemoRefused``) when there is no demo, and when a record of the site's own
links to a demo record (for example a contact of the site's that a user linked to a demo
organisation): then nothing is written and the refusal names the links, so that nothing a user
made ever points into the void. Records are deleted permanently (no Deleted Document: the demo was
never data) newest first, through ``frappe.delete_doc`` so that every ``on_trash`` and
``after_delete`` runs (an event's seats, an organisation's membership status); e-mail is muted and
whatever the deletions queued for demo records is discarded. Does not commit.
"""

import frappe
from frappe import _
from frappe.model.delete_doc import delete_dynamic_links
from frappe.model.dynamic_links import get_dynamic_link_map
from frappe.model.rename_doc import get_link_fields

from slup_crm.setup.demo.base import DEMO_TAG, DemoRefused, as_administrator, muted_emails, outbox

# What the app keeps about a record (reference_doctype, reference_name): its stage history and
# e-mail held back for want of an outgoing account. It belongs to the record and goes with it.
HISTORY_DOCTYPES = ("Stage Change", "Pending E-mail")
# Frappe's own records about a record that its deletion removes too (Workflow Actions are cleared
# by Frappe's on_trash), besides the ``ignore_links_on_delete`` of the hooks.
FRAPPE_RECORDS_ABOUT_A_RECORD = ("Workflow Action",)
# How many of the site's links to demo records a refusal names.
SHOWN_LINKS = 10
SAVEPOINT = "slup_demo_removal"


def remove(parts) -> dict[str, int]:
	"""Remove the demo's records (newest first) and return how many of each doctype went.

	``parts`` are the demo's parts (``slup_crm.setup.demo.PARTS``); each may have
	``release(records)`` to undo what it wrote into records that are not the demo's.
	"""
	records = demo_records()
	if not records:
		frappe.throw(_("There is no demo in this site to remove."), DemoRefused, title=_("Demo Not Removed"))
	frappe.db.savepoint(SAVEPOINT)
	try:
		with as_administrator(), muted_emails(), outbox():
			for part in reversed(parts):
				if hasattr(part, "release"):
					part.release(records)
			check_no_links_from_outside(records)
			removed = delete_records(records)
			discard_queued_emails(records)
			if not frappe.db.exists("Tag Link", {"tag": DEMO_TAG}):
				frappe.delete_doc("Tag", DEMO_TAG, ignore_permissions=True, ignore_missing=True)
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		raise
	return removed


def demo_records() -> list[tuple[str, str]]:
	"""(doctype, name) of every record the demo tagged, newest first."""
	links = frappe.get_all(
		"Tag Link",
		filters={"tag": DEMO_TAG, "owner": "Administrator"},
		fields=["document_type", "document_name"],
		order_by="creation desc, name desc",
	)
	return [(link.document_type, link.document_name) for link in links]


def by_doctype(records) -> dict[str, list[str]]:
	grouped: dict[str, list[str]] = {}
	for doctype, name in records:
		grouped.setdefault(doctype, []).append(name)
	return grouped


def check_no_links_from_outside(records) -> None:
	"""Refuse when a record that is not the demo's links to one that is."""
	ours = set(records)
	outside = [
		(referrer, target)
		for referrer, target in links_to(records)
		if referrer not in ours and referrer[0] not in HISTORY_DOCTYPES
	]
	if not outside:
		return
	shown = "; ".join(
		_("{0} {1} links to {2} {3}").format(_(ref[0]), ref[1], _(target[0]), target[1])
		for ref, target in outside[:SHOWN_LINKS]
	)
	frappe.throw(
		_(
			"The demo was not removed: records of this site's own link to it ({0}). Remove those "
			"links first, or keep the demo."
		).format(shown),
		DemoRefused,
		title=_("Demo Not Removed"),
	)


def links_to(records):
	"""Yield ((doctype, name) of the record that links, (doctype, name) it links to).

	Link fields and dynamic links of every doctype, custom fields included; a child row counts as
	its parent record. Links from Frappe's own records about a record (``ignore_links_on_delete``:
	comments, versions, ToDos, Tag Links...; workflow actions) do not count: Frappe removes or
	unlinks them with the record.
	"""
	ignored = {*frappe.get_hooks("ignore_links_on_delete"), *FRAPPE_RECORDS_ABOUT_A_RECORD}
	for doctype, names in by_doctype(records).items():
		fields = [(f.parent, f.fieldname, None) for f in get_link_fields(doctype) if not f.issingle]
		fields += [
			(f.parent, f.fieldname, f.options)
			for f in get_dynamic_link_map().get(doctype, [])
			if not frappe.get_meta(f.parent).issingle
		]
		for parent, fieldname, doctype_field in fields:
			if parent in ignored:
				continue
			istable = frappe.get_meta(parent).istable
			filters = {fieldname: ("in", names)}
			if doctype_field:
				filters[doctype_field] = doctype
			rows = frappe.get_all(
				parent,
				filters=filters,
				fields=["name", fieldname, *(["parenttype", "parent"] if istable else [])],
			)
			for row in rows:
				referrer = (row.parenttype, row.parent) if istable else (parent, row.name)
				yield referrer, (doctype, row[fieldname])


def delete_records(records) -> dict[str, int]:
	removed: dict[str, int] = {}
	for doctype, name in records:
		if not frappe.db.exists(doctype, name):
			continue  # removed with another record (e.g. by its controller)
		for history in HISTORY_DOCTYPES:
			frappe.db.delete(history, {"reference_doctype": doctype, "reference_name": name})
		# Links between the demo's own records are expected; links from the site's own records
		# were refused above.
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
		delete_dynamic_links(doctype, name)  # now, not after the commit: nothing of it stays
		removed[doctype] = removed.get(doctype, 0) + 1
	return removed


def discard_queued_emails(records) -> None:
	"""Remove e-mail that deleting the demo's records queued for them (e.g. a waiting-list notice)."""
	for doctype, names in by_doctype(records).items():
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": doctype, "reference_name": ("in", names)},
			pluck="name",
		)
		for name in queued:
			frappe.delete_doc("Email Queue", name, ignore_permissions=True, delete_permanently=True)
