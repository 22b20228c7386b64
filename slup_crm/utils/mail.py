"""E-mails that the public's actions cause, sent one way whatever the site's e-mail setup.

Frappe's ``frappe.sendmail`` builds the whole message, sender included, when it queues it: on
a site without a default outgoing Email Account it raises ``OutgoingEmailError`` (HTTP 501) and
queues nothing for later (``EmailAccount.find_outgoing`` in Frappe). A registrant, a member
sending a report or a newsletter subscriber must never pay for a missing server setting, so
every such e-mail goes through ``send`` here:

- with an outgoing account it goes into Frappe's Email Queue at once, as before;
- without one it is kept as a *Pending E-mail* (staff see them in the desk, and the Trip and
  Training forms warn while any wait) and queued by ``send_pending_emails`` as soon as an
  outgoing account is saved (``doc_events`` of Email Account) or, for an account configured in
  the site's config, by the hourly job.

In a web request, ``send_after_commit`` hands the e-mail to a background job (queue "short"),
enqueued only once the request's own transaction has committed: the guest does not wait while
the e-mail is rendered (Frappe inlines its CSS, the larger part of a registration's time), the
row locks of the request are released before anything is composed (the registration's seat
decision holds its event's lock until the commit), and a failure to compose an e-mail never
undoes what the guest did. A Frappe worker must run (``bench start``, or supervisor in
production); outside a web request (scripts, the scheduler, tests) the e-mail is sent at once.
"""

import frappe
from frappe import _

PENDING_EMAIL = "Pending E-mail"


def outgoing_account_ready() -> bool:
	"""Whether Frappe can queue an e-mail now (the same sources as ``EmailAccount.find_default_outgoing``)."""
	return bool(
		frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1})
		or frappe.conf.get("mail_server")
		or frappe.are_emails_muted()
	)


def send(
	recipients: list[str] | str,
	subject: str,
	message: str,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
) -> bool:
	"""Queue an e-mail in Frappe's Email Queue, or keep it as a Pending E-mail while no outgoing
	account exists. Returns True when it was queued."""
	recipients = [recipients] if isinstance(recipients, str) else list(recipients)
	if not queue(recipients, subject, message, reference_doctype, reference_name):
		keep(recipients, subject, message, reference_doctype, reference_name)
		return False
	return True


def queue(recipients: list[str], subject: str, message: str, reference_doctype, reference_name) -> bool:
	"""Hand the e-mail to Frappe's Email Queue; False (nothing queued) while no outgoing account exists."""
	if not outgoing_account_ready():
		return False
	try:
		frappe.sendmail(
			recipients=recipients,
			subject=subject,
			message=message,
			reference_doctype=reference_doctype,
			reference_name=reference_name,
		)
	except frappe.OutgoingEmailError:
		# Frappe found no usable account after all (it raises before it writes anything).
		frappe.clear_last_message()
		return False
	return True


def keep(recipients: list[str], subject: str, message: str, reference_doctype, reference_name) -> None:
	"""Keep an e-mail until an outgoing account exists."""
	frappe.get_doc(
		{
			"doctype": PENDING_EMAIL,
			"recipients": "\n".join(recipients),
			"subject": subject,
			"message": message,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
		}
	).insert(ignore_permissions=True)  # the system keeps the e-mail it owes, on anyone's behalf


def send_after_commit(compose: str, description: str, **compose_kwargs) -> None:
	"""Send the e-mail that ``compose`` (the dotted path of a function) makes of ``compose_kwargs``
	once this request's transaction has committed, in a background job; outside a web request, at
	once. ``compose(**compose_kwargs)`` returns ``send``'s keyword arguments, or None when there is
	nothing to send any more (the record is gone). The arguments go to the job as they are, so they
	must be plain values (names, not documents).
	"""
	if getattr(frappe.local, "request", None) is None:
		compose_now(compose, compose_kwargs)
		return
	frappe.enqueue(
		"slup_crm.utils.mail.compose_and_send",
		queue="short",
		enqueue_after_commit=True,
		compose=compose,
		description=description,
		compose_kwargs=compose_kwargs,
		lang=frappe.local.lang,
	)


def compose_now(compose: str, compose_kwargs: dict) -> None:
	values = frappe.get_attr(compose)(**compose_kwargs)
	if values:
		send(**values)


def compose_and_send(compose: str, description: str, compose_kwargs: dict, lang: str | None = None) -> None:
	"""The background job of ``send_after_commit``: compose the e-mail in the language of the
	request that caused it and send it. A failure is logged (Error Log), not retried; the job's
	own rows (Email Queue or Pending E-mail) are committed by Frappe when the job ends."""
	if lang:
		frappe.local.lang = lang
	try:
		compose_now(compose, compose_kwargs)
	except Exception:
		frappe.db.rollback()
		frappe.log_error(title=_("E-mail not sent: {0}").format(description))


def send_pending_emails(doc=None, method=None) -> int:
	"""Queue every kept e-mail, oldest first, once an outgoing account exists. Returns how many.

	Runs when an Email Account is saved (``doc_events``) and every hour (an account can also come
	from the site's config).
	"""
	if not outgoing_account_ready():
		return 0
	sent = 0
	for pending in frappe.get_all(
		PENDING_EMAIL,
		fields=["name", "recipients", "subject", "message", "reference_doctype", "reference_name"],
		order_by="creation asc",
	):
		recipients = [r for r in (pending.recipients or "").split("\n") if r.strip()]
		if recipients and not queue(
			recipients, pending.subject, pending.message, pending.reference_doctype, pending.reference_name
		):
			break  # still no account after all; the rest waits too
		frappe.db.delete(PENDING_EMAIL, {"name": pending.name})
		sent += 1
	return sent


def pending_email_count() -> int:
	return frappe.db.count(PENDING_EMAIL)


@frappe.whitelist()
def get_email_setup_status() -> dict:
	"""For staff forms: whether e-mail can go out, and how many e-mails wait for an account."""
	if not (frappe.has_permission("Trip", "write") or frappe.has_permission("Training", "write")):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	return {"ready": outgoing_account_ready(), "pending": pending_email_count()}
