"""The newsletter's confirmation link (``frappe.email.doctype.newsletter.newsletter.confirm_subscription``)
behind a guard (hook ``override_whitelisted_methods``).

The link that ``slup_crm.meetings.newsletter`` e-mails opens Frappe's own endpoint, which adds the
address to the list (confirmed opt-in). Frappe's raises a TypeError (HTTP 500) on a link without
an address; here such a link gets Frappe's own "Invalid Link" page, as a link Frappe did not sign
does (``verify_request``).
"""

import frappe
from frappe.email.doctype.newsletter import newsletter as frappe_newsletter
from frappe.utils.verified_command import verify_request


@frappe.whitelist(allow_guest=True)
def confirm_subscription(email=None, email_group=None):
	"""Frappe's ``confirm_subscription`` (the link in the confirmation e-mail), for a link with an
	address; Frappe's "Invalid Link" page for any other."""
	if not isinstance(email, str) or not isinstance(email_group, str | None):
		verify_request()
		return
	return frappe_newsletter.confirm_subscription(email, email_group)
