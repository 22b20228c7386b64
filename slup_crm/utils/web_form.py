"""A guard in front of Frappe's web-form endpoint, for guests who send anything at all.

Frappe's ``frappe.website.doctype.web_form.web_form.accept`` does ``json.loads(data)`` and
``frappe._dict(...)`` before anything else: a body that is not a JSON object (garbage, a list, a
number) raises a TypeError or ValueError there, which is an HTTP 500 with a traceback. The hook
``override_whitelisted_methods`` routes the endpoint here: what is not a web form's name and a
JSON object is refused with a clear, translated 4xx; everything else goes on to Frappe's own
``accept``, rate limit included (it still counts per client address and web form). A lock conflict
in the database (a deadlock, a lock-wait timeout) is retried on the server
(``slup_crm.utils.retry``), so that the guest never gets a 5xx for it.

A registration form tells the person at it only what a new registration would be told (a seat, or
a place on the waiting list), and nothing else of the record: the answer is the same whether or
not the address was registered already. An address that was is e-mailed its existing registration
with a fresh cancel link (``registration.remind_registrant``), so that the person it belongs to,
and nobody else, learns of it.
"""

import json

import frappe
from frappe import _
from frappe.website.doctype.web_form.web_form import accept as frappe_accept

from slup_crm.activities import event, registration
from slup_crm.fees import claims
from slup_crm.utils.retry import retry_on_lock_conflict

REGISTRATION = "Activity Registration"

# Far more than any of the app's forms needs (Frappe's request limit is larger still).
MAX_DATA_LENGTH = 200_000


@frappe.whitelist(allow_guest=True, methods=["POST"])
def accept(web_form=None, data=None, **kwargs):
	"""Save a web form's document: Frappe's ``accept`` for well-formed input, a 4xx otherwise."""
	if not isinstance(web_form, str) or not web_form.strip() or len(web_form) > 140:
		frappe.throw(_("The form could not be found. Please reload the page."), frappe.DoesNotExistError)
	if isinstance(data, dict):
		data = json.dumps(data)
	if not isinstance(data, str) or len(data) > MAX_DATA_LENGTH:
		frappe.throw(_("The form was sent in a way we cannot read. Please reload the page and try again."))
	try:
		values = json.loads(data)
	except ValueError:
		values = None
	if not isinstance(values, dict):
		frappe.throw(_("The form was sent in a way we cannot read. Please reload the page and try again."))
	doc_type = frappe.db.get_value("Web Form", web_form, "doc_type")
	if not doc_type:
		frappe.throw(_("The form could not be found. Please reload the page."), frappe.DoesNotExistError)
	for fieldname, value in values.items():
		if isinstance(value, dict | list) and not is_table_field(web_form, fieldname):
			frappe.throw(
				_("The form was sent in a way we cannot read. Please reload the page and try again.")
			)
	if doc_type != REGISTRATION:
		return accept_with_retries(web_form, data)
	return accept_registration(web_form, data)


def accept_registration(web_form: str, data: str) -> dict:
	"""Frappe's ``accept`` for a registration form, answered as for a newcomer in every case."""
	try:
		doc = accept_with_retries(web_form, data)
	except event.AlreadyRegistered as already:
		frappe.db.rollback()
		frappe.clear_messages()
		existing = frappe.db.get_value(REGISTRATION, already.registration, ["trip", "training"], as_dict=True)
		event_doctype, event_name = (
			("Trip", existing.trip) if existing.trip else ("Training", existing.training)
		)
		answer = event.place_for_a_newcomer(event_doctype, event_name)
		registration.remind_registrant(already.registration)
		payment = None
		if answer["status"] == event.CONFIRMED:
			payment = claims.answer_for_a_newcomer(event_doctype, event_name, already.registration)
		return registration_answer(answer["status"], answer["waitlist_position"], payment)
	# Not doc.get_onload(): it passes its default where Document.get takes filters (None without onload).
	return registration_answer(
		doc.status, (doc.get("__onload") or {}).get("waitlist_position"), claims.answer_for_registration(doc)
	)


def registration_answer(status: str, waitlist_position: int | None, payment: dict | None = None) -> dict:
	"""All that a registration form's page is told: a seat, or the place on the waiting list, and
	for a seat at a priced event what to pay (``slup_crm.fees.claims``)."""
	return {
		"doctype": REGISTRATION,
		"status": status,
		"__onload": {"waitlist_position": waitlist_position, "payment": payment},
	}


@retry_on_lock_conflict
def accept_with_retries(web_form: str, data: str):
	"""Frappe's ``accept``, run again from the start after a lock conflict."""
	return frappe_accept(web_form=web_form, data=data)


def is_table_field(web_form: str, fieldname: str) -> bool:
	"""Whether a value may be a list or an object: a table, or a file attached to the form."""
	return bool(
		frappe.db.exists(
			"Web Form Field",
			{"parent": web_form, "fieldname": fieldname, "fieldtype": ("in", ("Table", "Table MultiSelect"))},
		)
	)
