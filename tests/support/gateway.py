"""Factories of the gateway (ESF): a project, participants, placements and host compensations."""

import frappe
from frappe.utils import random_string

from tests.support.factories import make_organisation, make_user

COORDINATOR = "gateway-coordinator@example.se"
STAFF = "gateway-staff@example.se"
MANAGER = "gateway-manager@example.se"


def gateway_users():
	"""A coordinator (who is also staff), a staff member and a manager (created once on the site)."""
	make_user(COORDINATOR, "Gateway Coordinator", "SLUP Staff")
	make_user(STAFF, "SLUP Staff")
	make_user(MANAGER, "SLUP Manager")
	return COORDINATOR, STAFF, MANAGER


def make_project(**overrides):
	values = {
		"doctype": "Development Project",
		"title": "Sluss till socialt företagande " + random_string(6),
		"fund": "European Social Fund",
		"start_date": "2026-01-01",
		"end_date": "2027-12-31",
	}
	values.update(overrides)
	return frappe.get_doc(values).insert(ignore_permissions=True)


def make_participant(project=None, **overrides):
	values = {
		"doctype": "Gateway Participant",
		"first_name": "Testa",
		"last_name": "Deltagare " + random_string(6),
		"project": project or make_project().name,
		"referrer": "Public Employment Service",
		"referred_on": "2026-01-15",
		"gender": "Woman",
		"age_band": "25–34",
		"labour_market_status": "Long-term unemployed",
		"programme_phase": "Job and Development Guarantee, phase 2",
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def make_host(**overrides):
	values = {
		"organisation_name": "Värdföretaget " + random_string(6),
		"organisation_type": "Social Enterprise",
	}
	values.update(overrides)
	return make_organisation(**values)


def make_placement(participant, host=None, attendance=None, **overrides):
	"""A placement from 1 February 2026, without an end, at a social enterprise."""
	values = {
		"doctype": "Placement",
		"participant": participant,
		"host_type": "Organisation",
		"host": host or make_host().name,
		"start_date": "2026-02-01",
		"attendance": [{"month": month, "days_attended": days} for month, days in (attendance or {}).items()],
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def mark_paid(host, month, host_type="Organisation"):
	return frappe.get_doc(
		{"doctype": "Host Compensation", "host_type": host_type, "host": host, "month": month}
	).submit()


def make_ended_participant(project, outcome, ended_on, **overrides):
	"""A participant who already went the whole way (test data: the path's rules are tested elsewhere)."""
	doc = make_participant(project, **overrides)
	frappe.db.set_value(
		"Gateway Participant", doc.name, {"stage": "Ended", "outcome": outcome, "ended_on": ended_on}
	)
	return doc.reload()
