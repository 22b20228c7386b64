"""The page an e-mailed report link opens (/meeting-report?token=...): no account needed.

Opening the link changes nothing; the report is sent with a button (a POST to
``slup_crm.meetings.reports.submit_report``), so a mail scanner that follows links sends nothing.
"""

import frappe
from frappe import _
from frappe.utils import format_datetime

from slup_crm.meetings.reports import (
	MAX_REPORT_LENGTH,
	invalid_link_message,
	report_for_token,
	submission_refusal,
)

no_cache = 1


def get_context(context):
	context.title = _("Report Before the Meeting")
	token = frappe.form_dict.get("token")
	try:
		report = report_for_token(token)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		context.error = invalid_link_message()
		return context
	context.report = {
		"organisation_name": report.organisation_name,
		"meeting_title": report.meeting_title,
		"meeting_date": frappe.utils.formatdate(report.meeting_date),
		"deadline": format_datetime(report.report_deadline, "yyyy-MM-dd HH:mm")
		if report.report_deadline
		else "",
	}
	context.token = token
	context.refusal = submission_refusal(report)
	context.max_length = MAX_REPORT_LENGTH
	return context
