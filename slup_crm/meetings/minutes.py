"""Minutes of a meeting: e-mailed to everyone on the attendee list, printed with "Meeting Minutes".

The e-mail and the print format render one template, ``templates/meetings/minutes.html``,
so what the members read and what is printed are the same.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime, strip_html

MINUTES_TEMPLATE = "slup_crm/templates/meetings/minutes.html"


def render_minutes(meeting) -> str:
	return frappe.render_template(MINUTES_TEMPLATE, {"doc": meeting})


def minutes_recipients(meeting) -> list[str]:
	"""Every attendee with an e-mail address, present, excused or absent (once each)."""
	recipients, seen = [], set()
	for row in meeting.attendees:
		email = (row.email or "").strip()
		if email and email.lower() not in seen:
			seen.add(email.lower())
			recipients.append(email)
	return recipients


@frappe.whitelist(methods=["POST"])
def email_minutes(meeting: str) -> int:
	"""Queue the minutes to everyone on the attendee list (each gets their own e-mail).

	Returns the number of recipients.
	"""
	frappe.has_permission("Meeting", "email", meeting, throw=True)
	doc = frappe.get_doc("Meeting", meeting)
	if not strip_html(doc.minutes or "").strip():
		frappe.throw(_("Write the minutes of {0} before sending them.").format(doc.title))
	recipients = minutes_recipients(doc)
	if not recipients:
		frappe.throw(_("Nobody on the attendee list of {0} has an e-mail address.").format(doc.title))
	frappe.sendmail(
		recipients=recipients,
		subject=_("Minutes: {0}").format(doc.title),
		message=render_minutes(doc),
		reference_doctype=doc.doctype,
		reference_name=doc.name,
	)
	doc.db_set("minutes_sent_on", now_datetime())
	return len(recipients)
