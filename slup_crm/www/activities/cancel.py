"""The personal cancel link's page: shows the registration; cancelling takes a button (a POST).

Opening the link changes nothing, so a mail scanner that follows links cannot cancel anyone.
"""

import frappe
from frappe import _

from slup_crm.activities.registration import (
	cancellation_refusal,
	invalid_cancel_link_message,
	registration_for_token,
)

no_cache = 1


def get_context(context):
	context.title = _("Cancel Registration")
	registration, token = frappe.form_dict.get("registration"), frappe.form_dict.get("token")
	try:
		doc = registration_for_token(registration, token)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		context.error = invalid_cancel_link_message()
		return context
	context.registration = {"name": doc.name, "full_name": doc.full_name, "event_title": doc.event_title}
	context.token = token
	context.refusal = cancellation_refusal(doc)
	return context
