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
  the site's config, by the run every five minutes.

In a web request, ``send_after_commit`` *owes* the e-mail instead of composing it: it records a
Pending E-mail "To Compose" (what to compose, of what, in which language) in the request's own
transaction, and once that transaction has committed it asks a background job (queue "short",
``deliver_owed``, which drains every e-mail owed; one queued at a time) to deliver it. So the guest
does not wait while the e-mail is rendered (Frappe inlines its CSS, the larger part of a
registration's time), the row locks of the request are released before anything
is composed, and an e-mail owed is never lost: the row is committed with what the guest did, or
not at all. With the queue's Redis down (the job cannot be enqueued) or no worker running, the
row waits, and ``send_pending_emails`` (every few minutes, and whenever an Email Account is saved)
delivers it. Outside a web request (scripts, the scheduler, tests) the e-mail is sent at once.

Exactly once: ``deliver`` claims a row with a locking read that skips rows another runner holds
(``SELECT ... FOR UPDATE SKIP LOCKED``), composes and queues the e-mail and deletes the row in
one transaction. Whatever runs at the same time (the job, a retried job, the scheduled run, an
Email Account saved), one runner turns a row into Email Queue and every other finds it held or
gone. A failed composition is rolled back to a savepoint and counted on the row; the row is
tried again by the next run, ``MAX_ATTEMPTS`` times, then left for staff with its error. Staff
see on the Trip and Training forms when the queue or its workers are down
(``get_email_setup_status``).
"""

import contextlib
import json
import os

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

PENDING_EMAIL = "Pending E-mail"
TO_COMPOSE = "To Compose"
WAITING_FOR_ACCOUNT = "Waiting for Account"
MAX_ATTEMPTS = 5
# The owed e-mails one pass of the delivery job reads; the cache key saying that a job is queued.
BATCH = 100
# The delivery job commits after this many e-mails (each commit writes its log to disk, and the
# e-mails of a burst are many): a failure rolls back at most these, which are then delivered again.
COMMIT_EVERY = 10
# How much nicer than Frappe's workers (``background_process_niceness``, 10) the delivery job runs:
# on opening day guests wait for their answers, while nobody waits for an e-mail second by second,
# and composing one (Frappe inlines its CSS) costs the processor more than a registration does.
DELIVERY_NICENESS = 9
DELIVERY_QUEUED = "slup_crm:owed_emails_job_queued"
# An owed e-mail older than this that is still to compose tells staff the worker is not running.
STUCK_MINUTES = 5


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
	attachments: list[dict] | None = None,
) -> bool:
	"""Queue an e-mail in Frappe's Email Queue, or keep it as a Pending E-mail while no outgoing
	account exists. Returns True when it was queued. ``attachments``: Frappe's ``{"fname",
	"fcontent"}`` with text content (an ``.ics``), kept with the e-mail while it waits."""
	recipients = [recipients] if isinstance(recipients, str) else list(recipients)
	if not queue(recipients, subject, message, reference_doctype, reference_name, attachments):
		keep(recipients, subject, message, reference_doctype, reference_name, attachments)
		return False
	return True


def queue(
	recipients: list[str], subject: str, message: str, reference_doctype, reference_name, attachments=None
) -> bool:
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
			attachments=attachments or None,
		)
	except frappe.OutgoingEmailError:
		# Frappe found no usable account after all (it raises before it writes anything).
		frappe.clear_last_message()
		return False
	return True


def keep(
	recipients: list[str], subject: str, message: str, reference_doctype, reference_name, attachments=None
) -> None:
	"""Keep an e-mail until an outgoing account exists."""
	frappe.get_doc(
		{
			"doctype": PENDING_EMAIL,
			"status": WAITING_FOR_ACCOUNT,
			"recipients": "\n".join(recipients),
			"subject": subject,
			"message": message,
			"attachments": json.dumps(attachments) if attachments else None,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
		}
	).insert(ignore_permissions=True)  # the system keeps the e-mail it owes, on anyone's behalf


def send_after_commit(
	compose: str,
	description: str,
	compose_kwargs: dict,
	recipients: list[str],
	reference_doctype: str | None = None,
	reference_name: str | None = None,
) -> None:
	"""Send the e-mail that ``compose`` (the dotted path of a function) makes of ``compose_kwargs``
	after this request: owed in this transaction, composed by a background job once it committed;
	outside a web request, at once. ``compose(**compose_kwargs)`` returns ``send``'s keyword
	arguments, or None when there is nothing to send any more (the record is gone). The arguments
	are stored as JSON, so they must be plain values (names, not documents)."""
	if getattr(frappe.local, "request", None) is None:
		compose_now(compose, compose_kwargs)
		return
	owe(compose, description, compose_kwargs, recipients, reference_doctype, reference_name)
	frappe.db.after_commit.add(hand_to_worker)


def owe(compose, description, compose_kwargs, recipients, reference_doctype, reference_name) -> str:
	"""Record an e-mail to compose, in the current transaction. Returns the Pending E-mail's name.

	The row is written as Frappe writes its own records of what happened (Deleted Document, Access
	Log): ``db_insert`` names and stamps it, without a document's hooks and link checks. The
	caller's record is the one being saved, and this runs while it holds its event's lock (a
	registration), so the lock is held for one INSERT, not for a whole document's life cycle."""
	row = frappe.get_doc(
		{
			"doctype": PENDING_EMAIL,
			"status": TO_COMPOSE,
			"recipients": "\n".join(recipients),
			"subject": description,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"compose": compose,
			"compose_arguments": json.dumps(compose_kwargs),
			"language": frappe.local.lang,
		}
	)
	row.db_insert()
	return row.name


def hand_to_worker() -> None:
	"""After the commit: ask a worker to deliver the owed e-mails now. The job drains every e-mail
	waiting, so while one is queued and not yet started no other is queued (a flag in Frappe's
	cache, for a minute at most: Frappe forks a process per job, which a burst of registrations
	would otherwise pay once per guest). When the queue's Redis cannot be reached the e-mails
	simply wait for ``send_pending_emails``; the guest's answer does not depend on it."""
	try:
		if frappe.cache.get_value(DELIVERY_QUEUED):
			return
		frappe.cache.set_value(DELIVERY_QUEUED, 1, expires_in_sec=60)
		frappe.enqueue("slup_crm.utils.mail.deliver_owed", queue="short")
	except Exception:
		frappe.logger("slup_crm").warning("Owed e-mails not handed to a worker", exc_info=True)
		with contextlib.suppress(Exception):
			frappe.cache.delete_value(DELIVERY_QUEUED)


def compose_now(compose: str, compose_kwargs: dict) -> None:
	values = frappe.get_attr(compose)(**compose_kwargs)
	if values:
		send(**values)


def compose_and_send(compose: str, description: str, compose_kwargs: dict, lang: str | None = None) -> None:
	"""The background job of earlier versions (jobs enqueued before an upgrade still run it)."""
	if lang:
		frappe.local.lang = lang
	compose_now(compose, compose_kwargs)


def deliver_owed(name: str | None = None) -> int:
	"""The background job of ``send_after_commit``: deliver the e-mails still to compose, oldest
	first, each claimed and queued, committed ``COMMIT_EVERY`` at a time, until a pass finds none it
	could take, at a lower processor priority than the site's requests (``yield_to_requests``)
	(``name``, the one e-mail jobs of earlier versions were for, is delivered by the same passes).
	Returns how many it delivered."""
	frappe.cache.delete_value(DELIVERY_QUEUED)  # e-mails owed from now on call for another job
	yield_to_requests()
	delivered = 0
	while True:
		names = frappe.get_all(
			PENDING_EMAIL,
			filters={"status": TO_COMPOSE, "attempts": ("<", MAX_ATTEMPTS)},
			pluck="name",
			order_by="creation asc",
			limit=BATCH,
		)
		done = 0
		for count, other in enumerate(names, start=1):
			done += deliver(other)
			if count % COMMIT_EVERY == 0:
				frappe.db.commit()  # the claims of these end as they are queued
		frappe.db.commit()
		delivered += done
		if not done:
			return delivered


def yield_to_requests() -> None:
	"""Run the rest of this background job at a lower processor priority than the site's requests
	(``DELIVERY_NICENESS`` more than Frappe's workers). Only in a job's own process: Frappe's worker
	forks one per job (RQ's work horse, which leads a session of its own), so the worker itself, a
	worker that runs jobs in its own process, and any web request that delivers keep theirs."""
	if not getattr(frappe.local, "job", None) or os.getsid(0) != os.getpid():
		return
	with contextlib.suppress(OSError):
		os.nice(DELIVERY_NICENESS)


def deliver(name: str) -> bool:
	"""Turn one Pending E-mail into Frappe's Email Queue, exactly once: claimed under a row lock that
	other runners skip, composed if it is still to compose, queued and deleted in this transaction.
	Without an outgoing account the composed e-mail stays, waiting for one. Returns True when the
	row was dealt with (queued, composed to wait, or nothing to send any more)."""
	row = claim(name)
	if not row:
		return False  # delivered already, or another runner holds it
	values = {
		"recipients": [r for r in (row.recipients or "").split("\n") if r.strip()],
		"subject": row.subject,
		"message": row.message,
		"reference_doctype": row.reference_doctype,
		"reference_name": row.reference_name,
		"attachments": json.loads(row.attachments) if row.attachments else None,
	}
	if row.status == TO_COMPOSE:
		values = compose_owed(row)
		if values is False:
			return False
		if values is None:  # the record is gone: nothing to send any more
			frappe.db.delete(PENDING_EMAIL, {"name": name})
			return True
	if values["recipients"] and not queue(**values):
		frappe.db.set_value(
			PENDING_EMAIL,
			name,
			{
				"status": WAITING_FOR_ACCOUNT,
				"recipients": "\n".join(values["recipients"]),
				"subject": values["subject"],
				"message": values["message"],
				"attachments": json.dumps(values["attachments"]) if values.get("attachments") else None,
				"compose_arguments": None,
			},
			update_modified=False,
		)
		return True
	frappe.db.delete(PENDING_EMAIL, {"name": name})
	return True


def claim(name: str) -> frappe._dict | None:
	"""The Pending E-mail, locked until this transaction ends; None when another runner holds it or
	it is gone."""
	return frappe.db.get_value(
		PENDING_EMAIL,
		name,
		[
			"name",
			"status",
			"recipients",
			"subject",
			"message",
			"attachments",
			"reference_doctype",
			"reference_name",
			"compose",
			"compose_arguments",
			"language",
			"attempts",
		],
		as_dict=True,
		for_update=True,
		skip_locked=True,
	)


def compose_owed(row) -> dict | None | bool:
	"""Compose an owed e-mail in the language of the request that owed it: ``send``'s arguments,
	None when there is nothing to send any more, False when composing failed (counted on the row,
	whose lock is kept; the next run tries again)."""
	lang = frappe.local.lang
	frappe.db.savepoint("compose_owed")
	try:
		frappe.local.lang = row.language or lang
		return frappe.get_attr(row.compose)(**json.loads(row.compose_arguments or "{}"))
	except Exception:
		frappe.db.rollback(save_point="compose_owed")
		attempts = (row.attempts or 0) + 1
		frappe.db.set_value(
			PENDING_EMAIL,
			row.name,
			{"attempts": attempts, "last_error": frappe.get_traceback()[-2000:]},
			update_modified=False,
		)
		if attempts >= MAX_ATTEMPTS:
			frappe.log_error(title=_("E-mail not sent: {0}").format(row.subject))
		return False
	finally:
		frappe.local.lang = lang


def send_pending_emails(doc=None, method=None) -> int:
	"""Deliver every Pending E-mail, oldest first: those to compose (up to ``MAX_ATTEMPTS`` tries)
	and, once an outgoing account exists, those waiting for one. Returns how many were dealt with.

	Runs every few minutes (the queue may have been down; an account may come from the site's
	config) and when an Email Account is saved (``doc_events``). Safe beside any other runner.
	"""
	names = frappe.get_all(
		PENDING_EMAIL,
		filters={"status": TO_COMPOSE, "attempts": ("<", MAX_ATTEMPTS)},
		pluck="name",
		order_by="creation asc",
	)
	if outgoing_account_ready():
		names += frappe.get_all(
			PENDING_EMAIL, filters={"status": WAITING_FOR_ACCOUNT}, pluck="name", order_by="creation asc"
		)
	return sum(deliver(name) for name in names)


def pending_email_count() -> int:
	"""E-mails that wait: for an outgoing account, or for a worker longer than a moment."""
	return frappe.db.count(PENDING_EMAIL, {"status": WAITING_FOR_ACCOUNT}) + frappe.db.count(
		PENDING_EMAIL,
		{"status": TO_COMPOSE, "creation": ("<", add_to_date(now_datetime(), minutes=-STUCK_MINUTES))},
	)


def background_queue_ready() -> bool:
	"""Whether background jobs run: the queue's Redis answers and at least one worker listens."""
	from frappe.utils.background_jobs import get_workers

	try:
		return bool(get_workers())
	except Exception:
		return False


@frappe.whitelist()
def get_email_setup_status() -> dict:
	"""For staff forms: whether e-mail can go out, whether background jobs run, and how many
	e-mails wait."""
	if not (frappe.has_permission("Trip", "write") or frappe.has_permission("Training", "write")):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	return {
		"ready": outgoing_account_ready(),
		"queue_ready": background_queue_ready(),
		"pending": pending_email_count(),
	}
