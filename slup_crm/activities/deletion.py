"""Deleting registrations in the one lock order of seats: the event first, then the registration.

Frappe's ``delete_doc`` (v15) locks the document's row (``SELECT ... FOR UPDATE NOWAIT``) before it
calls any of the document's methods, so ``on_trash`` comes too late to take the event's lock
first: a deletion would hold the registration and wait for the event while an admission holds the
event and counts (locks) its registrations, a deadlock. The desk deletes through two whitelisted
methods, which ``override_whitelisted_methods`` routes here: for Activity Registration they lock
the events of the registrations (``event.lock_events``) and then let Frappe delete as always;
every other doctype goes straight to Frappe. A lock conflict that still happens is retried
(``slup_crm.utils.retry``). The REST API's deletes (``DELETE /api/resource/...``, ``/api/v2/document/...``)
are no whitelisted methods: a ``before_request`` hook (``lock_before_rest_delete``) locks the event
in the request's transaction before Frappe's handler runs. Code that calls ``frappe.delete_doc``
itself locks the event first (``lock_events_of``); ``on_trash`` takes it for every other way.
"""

import json

import frappe
from frappe.api import API_URL_MAP
from frappe.api import v1 as api_v1
from frappe.api import v2 as api_v2
from frappe.client import delete as frappe_delete
from frappe.desk.reportview import delete_items as frappe_delete_items

from slup_crm.activities import event
from slup_crm.utils.retry import retry_on_lock_conflict

REGISTRATION = "Activity Registration"


def lock_events_of(names: list[str]) -> None:
	"""Lock the events of these registrations (before Frappe locks the registrations)."""
	rows = frappe.get_all(REGISTRATION, filters={"name": ("in", names)}, fields=["trip", "training"])
	event.lock_events(("Trip", r.trip) if r.trip else ("Training", r.training) for r in rows)


# The REST API's endpoints that delete one document.
REST_DELETES = (api_v1.delete_doc, api_v2.delete_doc)


def lock_before_rest_delete() -> None:
	"""``before_request``: a REST API delete of a registration locks its event first (held until the
	request's transaction ends, as for every change of seats). Frappe checks the permission after
	this; a lock taken for a request that is then refused is released with its rollback."""
	request = getattr(frappe.local, "request", None)
	if request is None or request.method != "DELETE" or not request.path.startswith("/api/"):
		return
	try:
		endpoint, arguments = API_URL_MAP.bind_to_environ(request.environ).match()
	except Exception:  # no route of the API: Frappe answers it as it always does
		return
	if endpoint in REST_DELETES and arguments.get("doctype") == REGISTRATION:
		lock_events_of([arguments["name"]])


@frappe.whitelist(methods=["DELETE", "POST"])
@retry_on_lock_conflict
def delete(doctype: str, name: str):
	"""Frappe's ``frappe.client.delete`` (the form's Delete), with a registration's event locked first."""
	if doctype == REGISTRATION:
		lock_events_of([name])
	return frappe_delete(doctype, name)


@frappe.whitelist(methods=["POST"])
@retry_on_lock_conflict
def delete_items():
	"""Frappe's ``frappe.desk.reportview.delete_items`` (the list's Delete). Registrations are deleted
	in this request's one transaction, their events locked first (Frappe's own bulk delete commits
	after each document, which would release the events' locks); every other doctype as Frappe
	does it."""
	if frappe.form_dict.get("doctype") != REGISTRATION:
		return frappe_delete_items()
	names = sorted(json.loads(frappe.form_dict.get("items") or "[]"), reverse=True)
	lock_events_of(names)
	for name in names:
		frappe.delete_doc(REGISTRATION, name)
