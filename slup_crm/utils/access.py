"""Who may call what, and the record of who read whose data: the app's one role gate and one read log.

- ``has_role`` / ``check_role``: whether a user holds one of some roles (the Administrator holds
  every role), and a refusal (``PermissionError``) when not;
- ``whitelist_for``: a whitelisted method for holders of some roles only, checked before any work;
  for figures that only read, run on the site's read replica when it has one (``read_only``);
- ``may_read``: whether the session user may read (or, for link fields, select) a doctype or a record;
- ``log_read``: who read which record (or list), once per record, reader and request, in Frappe's
  View Log (a record read whole) or Access Log (some fields of it, or a list). One read often asks
  Frappe for several permission checks (a form's ``getdoc`` asks for the document, then for its
  share list): in a web request, repeats are one read; outside one (a console, a job, a test), the
  repeats on one loaded copy of the record are.
"""

from collections.abc import Callable, Iterable
from functools import wraps

import frappe
from frappe import _


def has_role(roles: Iterable[str], user: str | None = None) -> bool:
	"""Whether ``user`` (the session's) holds one of ``roles``; Frappe gives the Administrator every role."""
	return bool(set(frappe.get_roles(user or frappe.session.user)).intersection(roles))


def check_role(roles: Iterable[str], message: str | None = None) -> None:
	"""Refuse the session user unless they hold one of ``roles`` (not ``frappe.only_for``, which lets
	everyone through in tests)."""
	if not has_role(roles):
		frappe.throw(message or _("Not permitted"), frappe.PermissionError)


def whitelist_for(roles: Iterable[str], *, read_only: bool = False, **whitelist_arguments) -> Callable:
	"""Declare a whitelisted method (``frappe.whitelist(**whitelist_arguments)``) for holders of ``roles``
	alone: the role is checked before the method does any work. With ``read_only`` it runs on the
	site's read replica when the site has one (it must only read)."""
	roles = tuple(roles)

	def declare(method: Callable) -> Callable:
		@wraps(method)
		def gated(*args, **kwargs):
			check_role(roles)
			return method(*args, **kwargs)

		return frappe.whitelist(**whitelist_arguments)(frappe.read_only()(gated) if read_only else gated)

	return declare


def may_read(doctype: str, name: str | None = None) -> bool:
	"""Whether the session user may read (or, for link fields, select) the doctype or the record."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		return False
	return bool(
		frappe.has_permission(doctype, "read", name) or frappe.has_permission(doctype, "select", name)
	)


def log_read(
	doctype: str | None,
	name: str | None = None,
	*,
	doc=None,
	fields: Iterable[str] = (),
	filters: str | None = None,
	method: str | None = None,
	user: str | None = None,
) -> None:
	"""Record that ``user`` (the session's) read ``name`` of ``doctype`` (the loaded copy ``doc``, when
	there is one), once per record, reader and request: a record read whole in Frappe's View Log; a
	read of some of its fields (``fields``), of a list (no ``name``) or of what was found by
	``filters`` in its Access Log, under ``method`` (what was read)."""
	user = user or frappe.session.user
	fields = tuple(fields)
	if not first_read((doctype, name, method, filters, user), doc):
		return
	if name and not fields:
		log = {"doctype": "View Log", "viewed_by": user, "reference_doctype": doctype, "reference_name": name}
	else:
		log = {
			"doctype": "Access Log",
			"user": user,
			"export_from": doctype,
			"reference_document": name,
			"method": method,
			"filters": filters,
			"columns": ", ".join(fields) or None,
			"page": getattr(getattr(frappe.local, "request", None), "path", None),
		}
	# The system's own record of who read whose data, committed with the request (a GET request too;
	# a request that fails, and so returned nothing, leaves none).
	frappe.get_doc(log).insert(ignore_permissions=True)
	frappe.local.flags.commit = True


def first_read(key, doc=None) -> bool:
	"""Whether the read ``key`` is new in this request; outside a request, whether it is new on this
	loaded copy of the record (``doc``), and always without one."""
	request = getattr(frappe.local, "request", None)
	if request is not None:
		seen = request.__dict__.setdefault("_slup_reads_logged", set())
	elif doc is not None:
		seen = doc.flags.setdefault("slup_reads_logged", set())
	else:
		return True
	if key in seen:
		return False
	seen.add(key)
	return True
