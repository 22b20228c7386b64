"""What the tests read from e-mails: the app stores only hashes of link tokens, so a test finds a
personal link where the registrant does, in the e-mail."""

import email
import email.policy
import re

import frappe


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


def cancel_token(registration: str) -> str:
	"""The token of the newest cancel link e-mailed for a registration."""
	for body in reversed(queued_html(registration)):
		found = re.search(r"/activities/cancel\?registration=[^&\"]+&(?:amp;)?token=([0-9a-zA-Z]+)", body)
		if found:
			return found.group(1)
	raise AssertionError(f"no cancel link was e-mailed for {registration}")
