"""What the tests read from e-mails: the app stores only hashes of link tokens, so a test finds a
personal link where the registrant does, in the e-mail.

E-mails that a guest's request causes are composed by a background job after the request (the
test server runs a worker, ``tests/support/server.py``): the helpers here wait for them, a
bounded while, reading afresh what the worker committed."""

import email
import email.policy
import re
import time

import frappe

# How long a test waits for the worker's e-mail: the worker runs at a lower priority than the web
# server (Frappe's niceness), so on a busy machine it may take tens of seconds; a wait ends as soon
# as the e-mail is there.
WAIT_SECONDS = 90


def wait_for_emails(
	reference_names, doctype: str = "Email Queue", timeout: float = WAIT_SECONDS, filters=None
) -> None:
	"""Wait until every named record has at least one e-mail in ``doctype`` (Email Queue or
	Pending E-mail, with ``filters`` if given), or ``timeout`` seconds have passed (the caller's
	assertions then fail). Ends the transaction only while it waits: in an integration test (no web
	request) the e-mail is there at once and the test's rollback is left alone."""
	names = [reference_names] if isinstance(reference_names, str) else list(reference_names)
	deadline = time.monotonic() + timeout
	while True:
		found = set(
			frappe.get_all(
				doctype, filters={"reference_name": ("in", names), **(filters or {})}, pluck="reference_name"
			)
		)
		if found >= set(names) or time.monotonic() > deadline:
			return
		time.sleep(0.2)
		frappe.db.commit()  # a fresh transaction sees what the worker committed


def queued_html(reference_name: str, reference_doctype: str = "Activity Registration") -> list[str]:
	"""The HTML bodies of the e-mails queued for one record, oldest first (e-mails without an HTML
	part are left out)."""
	bodies = []
	for raw in frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": reference_doctype, "reference_name": reference_name},
		pluck="message",
		order_by="creation asc",
	):
		html = email.message_from_string(raw, policy=email.policy.default).get_body(preferencelist=("html",))
		if html is not None:
			bodies.append(html.get_content())
	return bodies


def cancel_token(registration: str, timeout: float = WAIT_SECONDS) -> str:
	"""The token of the registration's cancel link that works now (its hash is the stored one), from
	the e-mails queued for it (waiting for the e-mail). Other e-mails of the record, and e-mails
	left by an earlier record of the same name, are passed over."""
	from slup_crm.utils.tokens import hash_token

	deadline = time.monotonic() + timeout
	while True:
		stored = frappe.db.get_value("Activity Registration", registration, "cancel_token")
		for body in reversed(queued_html(registration)):
			for found in re.finditer(
				r"/activities/cancel\?registration=[^&\"]+&(?:amp;)?token=([0-9a-zA-Z]+)", body
			):
				if hash_token(found.group(1)) == stored:
					return found.group(1)
		if time.monotonic() > deadline:
			raise AssertionError(f"no working cancel link was e-mailed for {registration} within {timeout} s")
		time.sleep(0.2)
		frappe.db.commit()  # a fresh transaction sees what the worker committed


def wait_until_delivered(reference_names, timeout: float = WAIT_SECONDS) -> None:
	"""Wait until no e-mail owed to the named records is still to compose (the worker's job or the
	scheduled run delivered them)."""
	names = [reference_names] if isinstance(reference_names, str) else list(reference_names)
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		frappe.db.commit()  # a fresh transaction sees what the worker committed
		if not frappe.db.count("Pending E-mail", {"reference_name": ("in", names), "status": "To Compose"}):
			return
		time.sleep(0.2)


def save_outgoing_account() -> None:
	"""Switch the test site's outgoing account on and save it, as an administrator does in the desk
	(for ``bench execute``: its ``on_update`` delivers the kept e-mails). No SMTP check, as in tests."""
	from tests.support.factories import TEST_OUTBOX

	frappe.flags.in_test = True
	account = frappe.get_doc("Email Account", TEST_OUTBOX)
	account.enable_outgoing = 1
	account.default_outgoing = 1
	account.save(ignore_permissions=True)
