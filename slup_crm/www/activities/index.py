"""The public list of trips and trainings that take registrations."""

import frappe
from frappe import _

from slup_crm.activities.event import get_public_events

no_cache = 1


def get_context(context):
	context.title = _("Study Trips and Trainings")
	context.events = get_public_events()
	context.kind_labels = {"Trip": _("Study Trip"), "Training": _("Training")}
	return context
