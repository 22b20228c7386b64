"""Retention: the daily job that erases what the app no longer needs (SLUP Settings, Data Protection).

- dietary and accessibility needs (special category, GDPR art. 9, kept in Registration Needs)
  are deleted a set number of days after the trip or training ended (default 30);
- registrants are anonymised a set number of years after the event ended (default 3): the row
  keeps the event, status, arrival, attendance and organisation, which the figures count, and
  its e-mail field gets a made-up address that is the same for every row of one address (a
  keyed hash), so that distinct people stay distinct;
- cancelled registrations are anonymised sooner, a set number of days after the cancellation
  (default 90);
- newsletter opt-outs (rows Frappe keeps, marked unsubscribed) are removed after a set number of
  days (default 30). Sign-ups never confirmed are not stored: Frappe adds an address only when
  its confirmation link is opened, and clears the confirmation e-mail from its outbox itself;
- what hangs on an anonymised registrant goes with them: their fee claim's description and
  reasons, and the payer and notes of its payments (the amounts stay for the bookkeeping);
- a trip or training on legal hold is left as it is;
- the gateway's participants are anonymised a set number of years after their project ended
  (``slup_crm.gateway.privacy``);
- Frappe's copies of the app's people go too: e-mails about the app's records are deleted from
  Frappe's Email Queue, and deleted records of the app from Deleted Document, a set number of days
  after they were sent or deleted (default 30 each).

All of it is one daily job (``apply_retention``) that anonymises through the one anonymiser
(``slup_crm.privacy.anonymiser``: the same pseudonym per person as an erasure) and records what it
changed in an *Anonymisation Run*.

Every step selects only rows that still hold what it erases, so running the job twice changes
nothing the second time.
"""

import frappe
from frappe.query_builder.functions import Coalesce
from frappe.utils import add_days, add_years, getdate, now_datetime

from slup_crm.activities.event import EVENT_DOCTYPES
from slup_crm.activities.registration import NEEDS
from slup_crm.meetings.newsletter import NEWSLETTER_GROUP
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.privacy import anonymiser
from slup_crm.privacy.anonymiser import pseudonym_for
from slup_crm.privacy.declaration import declared, personal_declarations

__all__ = ["pseudonym_for", "apply_retention"]

REGISTRATION = "Activity Registration"


def apply_retention() -> dict[str, int]:
	"""The daily job. Returns how many rows each step changed; the run is recorded with the rows
	changed per doctype."""
	from slup_crm.gateway.privacy import apply_retention as apply_gateway_retention

	today, now, settings = getdate(), now_datetime(), get_settings()
	counts: dict[str, int] = {}
	steps = {
		"special_category": clear_special_category(add_days(today, -settings.special_category_days)),
		"registrants": anonymise_registrations(
			counts, ended_before=add_years(today, -settings.registrant_years)
		),
		"cancelled": anonymise_registrations(
			counts, cancelled_before=add_days(now, -settings.cancelled_registration_days)
		),
		"newsletter_opt_outs": remove_newsletter_opt_outs(add_days(now, -settings.unsubscribed_days)),
		"gateway_participants": apply_gateway_retention(today, counts),
		"email_queue": remove_sent_emails(add_days(now, -settings.email_queue_days)),
		"deleted_documents": remove_deleted_documents(add_days(now, -settings.deleted_document_days)),
	}
	counts = anonymiser.add_counts(
		counts,
		{
			NEEDS: steps["special_category"],
			"Email Group Member": steps["newsletter_opt_outs"],
			"Email Queue": steps["email_queue"],
			"Deleted Document": steps["deleted_documents"],
		},
	)
	anonymiser.record_run(anonymiser.RETENTION, {k: v for k, v in counts.items() if v})
	return steps


def clear_special_category(ended_before) -> int:
	"""Delete the needs (Registration Needs) of registrations for events that ended before
	``ended_before``, unless the event is on legal hold."""
	needs = frappe.qb.DocType(NEEDS)
	names = []
	for doctype in EVENT_DOCTYPES:
		registration, event = frappe.qb.DocType(REGISTRATION), frappe.qb.DocType(doctype)
		names += (
			frappe.qb.from_(needs)
			.join(registration)
			.on(needs.registration == registration.name)
			.join(event)
			.on(registration[frappe.scrub(doctype)] == event.name)
			.select(needs.name)
			.where(event.legal_hold == 0)
			.where(Coalesce(event.end_date, event.start_date) < ended_before)
			.run(pluck=True)
		)
	if names:
		frappe.db.delete(NEEDS, {"name": ("in", names)})
	return len(names)


def anonymise_registrations(counts: dict, ended_before=None, cancelled_before=None) -> int:
	"""Anonymise registrations of events that ended before ``ended_before``, or cancelled before
	``cancelled_before``; never twice, never on legal hold."""
	entry = declared(REGISTRATION)
	rows = []
	for doctype in EVENT_DOCTYPES:
		registration, event = frappe.qb.DocType(REGISTRATION), frappe.qb.DocType(doctype)
		query = (
			frappe.qb.from_(registration)
			.join(event)
			.on(registration[frappe.scrub(doctype)] == event.name)
			.select(registration.name, registration.email)
			.where(event.legal_hold == 0)
			.where(registration[entry.stamp_field].isnull())
		)
		if ended_before:
			query = query.where(Coalesce(event.end_date, event.start_date) < ended_before)
		if cancelled_before:
			query = query.where(registration.status == "Cancelled").where(
				registration.cancelled_on < cancelled_before
			)
		rows += query.run(as_dict=True)
	anonymiser.add_counts(counts, anonymiser.anonymise_rows(REGISTRATION, rows))
	return len(rows)


def remove_newsletter_opt_outs(left_before) -> int:
	names = frappe.get_all(
		"Email Group Member",
		filters={"email_group": NEWSLETTER_GROUP, "unsubscribed": 1, "modified": ("<", left_before)},
		pluck="name",
	)
	for name in names:
		frappe.delete_doc("Email Group Member", name, ignore_permissions=True, force=True)
	return len(names)


def app_doctypes_with_people() -> list[str]:
	return [entry.doctype for entry in personal_declarations()]


def remove_sent_emails(sent_before) -> int:
	"""Frappe's outbox keeps every e-mail whole (address, name, personal links): those about the
	app's records go once they are older than the set days and no longer waiting to be sent."""
	names = frappe.get_all(
		"Email Queue",
		filters={
			"reference_doctype": ("in", app_doctypes_with_people()),
			"status": ("not in", ("Not Sent", "Sending")),
			"modified": ("<", sent_before),
		},
		pluck="name",
	)
	for name in names:
		anonymiser.delete_row("Email Queue", name)
	return len(names)


def remove_deleted_documents(deleted_before) -> int:
	"""Frappe's copies of the app's deleted records that hold people, after the set days."""
	names = frappe.get_all(
		"Deleted Document",
		filters={"deleted_doctype": ("in", app_doctypes_with_people()), "creation": ("<", deleted_before)},
		pluck="name",
	)
	if names:
		frappe.db.delete("Deleted Document", {"name": ("in", names)})
	return len(names)
