"""The newsletter list (nyhetsbrev) is Frappe's own Email Group, "SLUP Newsletter".

- The public subscribes on ``/newsletter``: ``subscribe`` checks the address and hands it to
  Frappe's ``newsletter.subscribe``, which e-mails a signed confirmation link; only when that
  link is opened does Frappe's ``confirm_subscription`` add the address (confirmed opt-in).
  The answer is the same whether or not the address is already on the list.
- Staff opt a contact in (they asked in person) or out with ``opt_in_contact`` /
  ``opt_out_contact``; an opted-out member keeps the row, marked unsubscribed, as Frappe's own
  unsubscribe link in every newsletter does.
"""

import inspect

import frappe
from frappe import _
from frappe.email.doctype.newsletter import newsletter as frappe_newsletter
from frappe.rate_limiter import rate_limit

from slup_crm.meetings.reports import CONTROL_CHARACTERS, MARKUP

NEWSLETTER_GROUP = "SLUP Newsletter"
MAX_EMAIL_LENGTH = 140


def get_newsletter_group() -> str:
	"""The newsletter's Email Group, created on first use."""
	if not frappe.db.exists("Email Group", NEWSLETTER_GROUP):
		# The system sets up its own list; the public and staff need no right on Email Group.
		frappe.get_doc({"doctype": "Email Group", "title": NEWSLETTER_GROUP}).insert(ignore_permissions=True)
	return NEWSLETTER_GROUP


def clean_email(email) -> str:
	"""A single, well-formed e-mail address, or a translated error."""
	if not isinstance(email, str) or not email.strip():
		frappe.throw(_("Please enter your e-mail address."), frappe.MandatoryError)
	email = email.strip()
	valid = (
		len(email) <= MAX_EMAIL_LENGTH
		and not MARKUP.search(email)
		and not CONTROL_CHARACTERS.search(email)
		and not any(c in email for c in ",; ")
		and (frappe.utils.validate_email_address(email) or "").lower() == email.lower()
	)
	if not valid:
		frappe.throw(_("Please enter a valid e-mail address."))
	return email


def member(email: str) -> frappe._dict | None:
	return frappe.db.get_value(
		"Email Group Member",
		{"email_group": get_newsletter_group(), "email": email},
		["name", "unsubscribed"],
		as_dict=True,
	)


def is_subscribed(email: str) -> bool:
	row = member(email)
	return bool(row) and not row.unsubscribed


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=5, seconds=60 * 60)
def subscribe(email: str) -> dict:
	"""Ask for the newsletter: Frappe e-mails a confirmation link; nothing is added before it is opened."""
	email = clean_email(email)
	group = get_newsletter_group()
	row = member(email)
	if row and not row.unsubscribed:
		return {"message": confirmation_sent_message()}
	if row:
		# An earlier opt-out: Frappe's confirmation adds only new members, so the old row goes.
		# Until the new link is opened the address gets nothing, as before.
		frappe.delete_doc("Email Group Member", row.name, ignore_permissions=True, force=True)
	# Frappe's own confirmed opt-in, without its decorators: the rate limit above already counted
	# this request, and Frappe's would count it a second time under the same key.
	inspect.unwrap(frappe_newsletter.subscribe)(email, group)
	return {"message": confirmation_sent_message()}


def confirmation_sent_message() -> str:
	return _("Thank you! Please confirm your subscription with the link we sent to your e-mail address.")


def contact_email(contact: str) -> str:
	email = frappe.db.get_value("Contact", contact, "email_id")
	if not email:
		frappe.throw(_("Contact {0} has no e-mail address.").format(contact))
	return email


@frappe.whitelist(methods=["POST"])
def opt_in_contact(contact: str) -> str:
	"""Put a contact on the newsletter list (they asked for it). Returns the address."""
	frappe.has_permission("Contact", "write", contact, throw=True)
	email = contact_email(contact)
	row = member(email)
	# Staff keep the list through contacts; Email Group Member itself is the Newsletter Manager's.
	if row:
		frappe.db.set_value("Email Group Member", row.name, "unsubscribed", 0)
	else:
		frappe.get_doc(
			{"doctype": "Email Group Member", "email_group": get_newsletter_group(), "email": email}
		).insert(ignore_permissions=True)
	frappe.get_doc("Email Group", NEWSLETTER_GROUP).update_total_subscribers()
	return email


@frappe.whitelist(methods=["POST"])
def opt_out_contact(contact: str) -> str:
	"""Take a contact off the newsletter list; the row stays, marked unsubscribed. Returns the address."""
	frappe.has_permission("Contact", "write", contact, throw=True)
	email = contact_email(contact)
	row = member(email)
	if row and not row.unsubscribed:
		frappe.db.set_value("Email Group Member", row.name, "unsubscribed", 1)
		frappe.get_doc("Email Group", NEWSLETTER_GROUP).update_total_subscribers()
	return email
