"""The group's public calendar (/calendar): upcoming trips, trainings and public meetings, with the
iCalendar feed to subscribe to (slup_crm.activities.calendar)."""

from frappe import _
from frappe.utils import get_url

from slup_crm.activities import calendar

no_cache = 1


def get_context(context):
	context.title = _("Calendar")
	context.entries = calendar.upcoming()
	context.kind_labels = {"Trip": _("Study Trip"), "Training": _("Training"), "Meeting": _("Meeting")}
	context.feed_url = get_url("/api/method/slup_crm.activities.calendar.feed")
	context.webcal_url = "webcal://" + context.feed_url.split("://", 1)[1]
	return context
