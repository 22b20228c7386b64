"""Erasure and retention of the gateway's participants, driven by the privacy declaration.

A participant is anonymised, never deleted: the declaration (``slup_crm.privacy.declaration``)
says which fields are erased (name, contact details, the next step) and which the funder's
figures keep (gender, age band, referrer, phase, status, outcome, marked ``keep``), so the figures
are the same before and after. The same step serves three ways in:

- a Personal Data Deletion Request for the participant's e-mail address (the privacy module's
  erasure finds the row by its ``email``, as declared);
- the coordinator's button on the form, for a person who asks without an address on record;
- the daily retention job (``slup_crm.privacy.retention.apply_retention``, which calls
  ``apply_retention`` here), a number of years after the project ended (SLUP Settings, *Anonymise
  Gateway Participants After (Years)*, 3 by default: the funder's audit period).

All three go through the one anonymiser (``slup_crm.privacy.anonymiser``): the same pseudonym per
person, Frappe's rows about the participant removed, each run recorded.
"""

import frappe
from frappe import _
from frappe.utils import add_years, getdate

from slup_crm.gateway.access import is_coordinator
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.privacy import anonymiser
from slup_crm.privacy.declaration import declared

PARTICIPANT = "Gateway Participant"


def retention_years() -> int:
	"""From SLUP Settings (3 by default)."""
	return get_settings().gateway_participant_years


def anonymise_participants(names: list[str], counts: dict | None = None) -> int:
	"""Erase the personal fields of these participants (those not anonymised yet). Returns how many;
	``counts`` gathers the rows changed per doctype."""
	entry = declared(PARTICIPANT)
	rows = frappe.get_all(
		PARTICIPANT,
		filters={"name": ("in", names), entry.stamp_field: ("is", "not set")},
		fields=["name", "email"],
	)
	changed = anonymiser.anonymise_rows(PARTICIPANT, rows) if rows else {}
	if counts is None:
		anonymiser.record_run(anonymiser.ERASURE, changed)
	else:
		anonymiser.add_counts(counts, changed)
	return len(rows)


@frappe.whitelist(methods=["POST"])
def erase_participant(participant: str) -> int:
	"""The coordinator erases a participant who asked for it: name and contact go, figures stay."""
	if not is_coordinator():
		frappe.throw(_("Only the project's coordinators erase participants."), frappe.PermissionError)
	frappe.has_permission(PARTICIPANT, "write", doc=participant, throw=True)
	return anonymise_participants([participant])


def apply_retention(today=None, counts: dict | None = None) -> int:
	"""The daily job's step: anonymise the participants of projects that ended the set years ago or
	more. Selects only rows not anonymised yet, so a second run changes nothing."""
	ended_before = add_years(getdate(today), -retention_years())
	participant = frappe.qb.DocType(PARTICIPANT)
	project = frappe.qb.DocType("Development Project")
	names = [
		name
		for (name,) in frappe.qb.from_(participant)
		.join(project)
		.on(participant.project == project.name)
		.select(participant.name)
		.where(project.end_date < ended_before)
		.where(participant.anonymised_on.isnull())
		.run()
	]
	return anonymise_participants(names, {} if counts is None else counts) if names else 0
