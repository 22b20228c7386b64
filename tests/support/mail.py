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

WAIT_SECONDS = 20


def wait_for_emails(reference_names, doctype: str = "Email Queue", timeout: float = WAIT_SECONDS) -> None:
	"""Wait until every named record has at least one e-mail in ``doctype`` (Email Queue or
	Pending E-mail), or ``timeout`` seconds have passed (the caller's assertions then fail).
	Ends the transaction only while it waits: in an integration test (no web request) the e-mail
	is there at once and the test's rollback is left alone."""
	names = [reference_names] if isinstance(reference_names, str) else list(reference_names)
	deadline = time.monotonic() + timeout
	while True:
		found = set(
			frappe.get_all(doctype, filters={"reference_name": ("in", names)}, pluck="reference_name")
		)
		if found >= set(names) or time.monotonic() > deadline:
			return
		time.sleep(0.2)
		frappe.db.commit()  # a fresh transaction sees what the worker committed


def queued_html(reference_name: str) -> list[str]:
	"""The HTML bodies of the e-mails queued for one record, oldest first."""
	bodies = []
	for raw in frappe.get_all(
		"Email Queue",
		filters={"reference_name": reference_name},
		pluck="message",
		order_by="creation asc",
	):
		mail = email.message_from_string(raw, policy=email.policy.default)
		bodies.append(mail.get_body(preferencelist=("html",)).get_content())
	return bodies


def cancel_token(registration: str, timeout: float = WAIT_SECONDS) -> str:
	"""The token of the newest cancel link e-mailed for a registration (waiting for the e-mail)."""
	deadline = time.monotonic() + timeout
	while True:
		for body in reversed(queued_html(registration)):
			found = re.search(r"/activities/cancel\?registration=[^&\"]+&(?:amp;)?token=([0-9a-zA-Z]+)", body)
			if found:
				return found.group(1)
		if time.monotonic() > deadline:
			raise AssertionError(f"no cancel link was e-mailed for {registration} within {timeout} s")
		time.sleep(0.2)
		frappe.db.commit()  # a fresh transaction sees what the worker committed
