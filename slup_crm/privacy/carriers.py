"""Rows about a record are read only by those who may read the record (``declaration.CARRIERS``).

Frappe keeps many rows that are about another document: its versions (with old and new values),
comments, ToDos, notifications, e-mails, attached files, deleted copies, view and access logs, and
the app keeps its stage history. Frappe's own permissions on them are wide (a ToDo or a
Notification Log is for All, a System Manager reads every Version), so a gateway participant's
path or a registrant's needs could be read by someone who may not read the participant or the
needs. The hooks here, registered for every carrier in ``hooks.py``, narrow them: a row about a
doctype that the user may not read (the declaration's ``readers``) is left out of every list
(``permission_query_conditions``) and refused when opened (``has_permission``). They only ever
take away; Frappe's own rules for the rest stay as they are. A carrier's ``auditors`` (System
Managers, for the logs of who read what) read all its rows.
"""

import frappe
from frappe.utils.caching import site_cache

from slup_crm.privacy.declaration import app_declarations, carrier, readers_of
from slup_crm.utils.access import has_role

ADMINISTRATOR = "Administrator"


def unreadable_doctypes(user: str | None = None) -> tuple[str, ...]:
	"""The app's doctypes (not child tables: carriers are about whole records) whose records
	``user`` may not read, by the declaration's readers."""
	user = user or frappe.session.user
	if user == ADMINISTRATOR:
		return ()
	roles = set(frappe.get_roles(user))
	return tuple(doctype for doctype, readers in record_readers() if not roles.intersection(readers))


@site_cache
def record_readers() -> tuple[tuple[str, tuple[str, ...]], ...]:
	"""(doctype, the roles that may read it) of the app's declared doctypes that are records, not
	child tables. The declaration and the doctypes are code, so this is read once per process: every
	list of a carrier asks it, and reading it again cost a request 12 ms of metadata from Redis."""
	return tuple(
		(entry.doctype, readers_of(entry.doctype))
		for entry in app_declarations()
		if not frappe.get_meta(entry.doctype).istable
	)


def hidden_from(entry, user: str | None = None) -> tuple[str, ...]:
	"""The doctypes whose rows of the carrier ``entry`` the user may not read."""
	user = user or frappe.session.user
	if not entry or has_role(entry.auditors, user):
		return ()
	return unreadable_doctypes(user)


def permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Lists of a carrier leave out the rows about records the user may not read."""
	entry = carrier(doctype)
	hidden = hidden_from(entry, user)
	if not hidden:
		return ""
	values = ", ".join(frappe.db.escape(name) for name in hidden)
	return f"ifnull(`tab{doctype}`.`{entry.reference_doctype}`, '') not in ({values})"


def has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	"""A carrier row about a record the user may not read is refused (None: Frappe decides)."""
	entry = carrier(doc.doctype)
	if entry and doc.get(entry.reference_doctype) in hidden_from(entry, user):
		return False
	return None
