"""Members' pre-meeting reports: a few lines per organisation, sent in through an e-mailed link.

Before a meeting the secretary sends every organisation on the attendee list a personal link
(``request_reports``). The link opens ``/meeting-report`` without an account; the member
writes a few lines and sends them (``submit_report``). The rules:

- the token is random and only its SHA-256 hash is stored, so neither a guess nor a read of the
  database gives a working link (``slup_crm.utils.tokens``, shared with the cancel links);
- a token belongs to one ``Meeting Report``, that is one organisation and one meeting;
- it works once: a report that was received cannot be changed through the link again (a
  second submission is refused; staff can still correct the report in the desk);
- it expires at the meeting's report deadline;
- asking again before the report arrived issues a new link and the old one stops working.
"""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import format_datetime, get_datetime, get_url, now_datetime

from slup_crm.utils import mail, tokens
from slup_crm.utils.tokens import hash_token
from slup_crm.utils.validation import check_plain_text

RECEIVED = "Received"
MAX_REPORT_LENGTH = 3000


def report_url(token: str) -> str:
	return get_url(f"/meeting-report?token={token}")


# Asking for reports --------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def request_reports(meeting: str) -> int:
	"""E-mail each organisation on the meeting's attendee list a link to send in its report.

	One request per organisation, to its first attendee with an e-mail address. Organisations
	whose report arrived are skipped. Returns the number of e-mails queued.
	"""
	frappe.has_permission("Meeting", "email", meeting, throw=True)
	frappe.has_permission("Meeting Report", "create", throw=True)
	doc = frappe.get_doc("Meeting", meeting)
	check_deadline_ahead(doc)
	sent = 0
	for organisation, attendee in recipients_by_organisation(doc).items():
		report = get_or_make_report(doc.name, organisation)
		if report.status == RECEIVED:
			continue
		token, token_hash = tokens.new_token()
		report.update(
			{
				"contact": attendee.contact,
				"email": attendee.email,
				"token_hash": token_hash,
				"requested_on": now_datetime(),
			}
		)
		report.save()
		send_request_email(doc, report, token)
		sent += 1
	if not sent:
		frappe.throw(_("Nobody to ask: no organisation on the attendee list waits for a report request."))
	return sent


def check_deadline_ahead(meeting) -> None:
	if not meeting.report_deadline:
		frappe.throw(_("Set the report deadline of {0} first.").format(meeting.title), frappe.MandatoryError)
	if get_datetime(meeting.report_deadline) <= now_datetime():
		frappe.throw(_("The report deadline of {0} has passed.").format(meeting.title))


def recipients_by_organisation(meeting) -> dict:
	"""The first attendee with an e-mail address of every organisation on the attendee list."""
	recipients = {}
	for row in meeting.attendees:
		if row.organisation and row.email and row.organisation not in recipients:
			recipients[row.organisation] = row
	return recipients


def get_or_make_report(meeting: str, organisation: str):
	name = frappe.db.get_value("Meeting Report", {"meeting": meeting, "organisation": organisation})
	if name:
		return frappe.get_doc("Meeting Report", name)
	return frappe.get_doc({"doctype": "Meeting Report", "meeting": meeting, "organisation": organisation})


def send_request_email(meeting, report, token: str) -> None:
	"""The link goes out now, or as soon as an outgoing account exists (``slup_crm.utils.mail``)."""
	mail.send(
		recipients=[report.email],
		subject=_("Your report before {0}").format(meeting.title),
		message=frappe.render_template(
			"slup_crm/templates/meetings/report_request.html",
			{
				"meeting": meeting,
				"organisation_name": report.organisation_name,
				"deadline": format_datetime(meeting.report_deadline, "yyyy-MM-dd HH:mm"),
				"url": report_url(token),
			},
		),
		reference_doctype=report.doctype,
		reference_name=report.name,
	)


# Sending a report through the link -----------------------------------------------------


def report_for_token(token, for_update: bool = False) -> frappe._dict:
	"""The report request a link belongs to, or a not-found error (the same for every wrong link)."""
	if not tokens.is_well_formed(token):
		frappe.throw(invalid_link_message(), frappe.DoesNotExistError)
	report = frappe.db.get_value(
		"Meeting Report",
		{"token_hash": hash_token(token)},
		["name", "meeting", "organisation", "organisation_name", "status", "report"],
		as_dict=True,
		for_update=for_update,
	)
	if not report:
		frappe.throw(invalid_link_message(), frappe.DoesNotExistError)
	report.meeting_title, report.meeting_date, report.report_deadline = frappe.db.get_value(
		"Meeting", report.meeting, ["title", "meeting_date", "report_deadline"]
	)
	return report


def invalid_link_message() -> str:
	return _("This report link is not valid. Please use the link in your e-mail.")


def submission_refusal(report) -> str | None:
	"""Why the link no longer takes a report, as a message for the member; None when it does."""
	if report.status == RECEIVED:
		return _("The report of {0} for {1} has already been received. Thank you!").format(
			report.organisation_name, report.meeting_title
		)
	if not report.report_deadline or get_datetime(report.report_deadline) <= now_datetime():
		return _("The deadline for reports to {0} has passed.").format(report.meeting_title)
	return None


def clean_report_text(text) -> str:
	"""The report without the white space around it, as plain text as the public's input is
	(``check_plain_text``), or a translated error."""
	if isinstance(text, str):
		text = text.strip()
		if not text:
			frappe.throw(_("Please write your report."), frappe.MandatoryError)
	check_plain_text(text, MAX_REPORT_LENGTH, _("The report"))
	return text


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=20, seconds=60 * 60)
def submit_report(token: str | None = None, report: str | None = None) -> dict:
	"""Send in an organisation's report through its personal link, without an account.

	The token is the permission: it is checked first, under a row lock, so two submissions
	through the same link cannot both succeed.
	"""
	found = report_for_token(token, for_update=True)
	refusal = submission_refusal(found)
	if refusal:
		frappe.throw(refusal, title=_("Report Not Accepted"))
	text = clean_report_text(report)
	doc = frappe.get_doc("Meeting Report", found.name)
	doc.report = text
	doc.status = RECEIVED
	doc.received_on = now_datetime()
	# The member proved who they are with the token; they have no user to hold permissions.
	doc.save(ignore_permissions=True)
	return {"status": doc.status, "meeting_title": found.meeting_title}
