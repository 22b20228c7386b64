"""The public page of one trip or training (/activities/trip/<name>, /activities/training/<name>)."""

import frappe
from frappe import _
from frappe.utils.html_utils import sanitize_html

from slup_crm.activities.calendar import event_link
from slup_crm.activities.registration import get_public_event

no_cache = 1
EVENT_TYPES = {"trip": "Trip", "training": "Training"}


def get_context(context):
	event_doctype = EVENT_TYPES.get(frappe.form_dict.get("event_type"))
	event = get_public_event(event_doctype, frappe.form_dict.get("name")) if event_doctype else None
	if not event:
		raise frappe.PageDoesNotExistError
	context.event = event
	context.calendar_link = event_link(event_doctype, event.name)
	context.title = event.title
	context.body_html = sanitize_html(event.get("programme") or event.get("description") or "")
	# The project is a link: the public sees its title, not its name.
	context.project_title = (
		frappe.db.get_value("Development Project", event.project, "title") if event.get("project") else None
	)
	if event_doctype == "Trip":
		context.visits = frappe.get_all(
			"Trip Visit",
			filters={"parent": event.name, "parenttype": "Trip"},
			fields=["organisation", "place", "visit_date", "visit_time"],
			order_by="idx asc",
		)
		for visit in context.visits:
			visit.label = visit.place or frappe.db.get_value(
				"Organisation", visit.organisation, "organisation_name"
			)
	else:
		context.sessions = frappe.get_all(
			"Training Session",
			filters={"parent": event.name, "parenttype": "Training"},
			fields=["session_date", "start_time", "end_time", "place", "topic"],
			order_by="idx asc",
		)
	context.parents = [{"route": "/activities", "label": _("Study Trips and Trainings")}]
	return context
