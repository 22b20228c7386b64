"""The newsletter list (nyhetsbrev) is Frappe's own Email Group, "SLUP Newsletter".

- The public subscribes on ``/newsletter``: ``subscribe`` checks the address and e-mails the
  signed confirmation link of Frappe's own opt-in (built as Frappe's ``newsletter.subscribe``
  builds it, sent through ``slup_crm.utils.mail`` so that it waits for an outgoing account
  instead of failing); only when that link is opened does Frappe's ``confirm_subscription``
  (behind the app's guard, ``slup_crm.overrides.newsletter``) add the address (confirmed opt-in).
  The answer is the same whether or not the address is already on the list; an address that is
  gets an e-mail saying so, so that only its owner learns it.
- Staff opt a contact in (they asked in person) or out with ``opt_in_contact`` /
  ``opt_out_contact``; an opted-out member keeps the row, marked unsubscribed, as Frappe's own
  unsubscribe link in every newsletter does.
"""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import get_url
from frappe.utils.verified_command import get_signed_params

from slup_crm.utils import mail
from slup_crm.utils.validation import clean_email

NEWSLETTER_GROUP = "SLUP Newsletter"


def get_newsletter_group() -> str:
	"""The newsletter's Email Group, created on first use."""
	if not frappe.db.exists("Email Group", NEWSLETTER_GROUP):
		# The system sets up its own list; the public and staff need no right on Email Group.
		frappe.get_doc({"doctype": "Email Group", "title": NEWSLETTER_GROUP}).insert(ignore_permissions=True)
	return NEWSLETTER_GROUP


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
def subscribe(email: str | None = None) -> dict:
	"""Ask for the newsletter: Frappe e-mails a confirmation link; nothing is added before it is opened."""
	email = clean_email(email)
	group = get_newsletter_group()
	row = member(email)
	if row and not row.unsubscribed:
		send_already_subscribed(email)
		return {"message": confirmation_sent_message()}
	if row:
		# An earlier opt-out: Frappe's confirmation adds only new members, so the old row goes.
		# Until the new link is opened the address gets nothing, as before.
		frappe.delete_doc("Email Group Member", row.name, ignore_permissions=True, force=True)
	send_confirmation(email, group)
	return {"message": confirmation_sent_message()}


def send_confirmation(email: str, group: str) -> None:
	"""E-mail the signed link of Frappe's confirmed opt-in (``confirm_subscription``), with the
	Email Group's own confirmation template when it has one, as Frappe's ``subscribe`` does."""
	url = "{}?{}".format(
		get_url("/api/method/frappe.email.doctype.newsletter.newsletter.confirm_subscription"),
		get_signed_params({"email": email, "email_group": group}),
	)
	template = frappe.db.get_value("Email Group", group, "confirmation_email_template")
	if template:
		template = frappe.get_doc("Email Template", template)
		subject = template.subject
		message = frappe.render_template(
			template.response, {"email": email, "confirmation_url": url, "email_group": group}
		)
	else:
		subject = _("Please confirm your subscription to the newsletter")
		message = frappe.render_template(
			"slup_crm/templates/meetings/newsletter_confirmation.html", {"confirmation_url": url}
		)
	mail.send([email], subject, message, "Email Group", group)


def send_already_subscribed(email: str) -> None:
	"""Tell a subscriber that someone asked for the newsletter for their address again."""
	message = frappe.render_template("slup_crm/templates/meetings/newsletter_already_subscribed.html", {})
	mail.send(
		[email], _("You already receive the newsletter"), message, "Email Group", get_newsletter_group()
	)


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
