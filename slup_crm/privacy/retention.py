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
- a trip or training on legal hold is left as it is.

Every step selects only rows that still hold what it erases, so running the job twice changes
nothing the second time.
"""

import hashlib
import hmac

import frappe
from frappe.query_builder.functions import Coalesce
from frappe.utils import add_days, add_years, getdate, now_datetime
from frappe.utils.password import get_encryption_key

from slup_crm.activities.event import EVENT_DOCTYPES
from slup_crm.activities.registration import NEEDS, remove_needs
from slup_crm.meetings.newsletter import NEWSLETTER_GROUP
from slup_crm.privacy.declaration import declared
from slup_crm.privacy.erasure import erased_values, remove_versions

REGISTRATION = "Activity Registration"
DEFAULTS = {
	"special_category_days": 30,
	"registrant_years": 3,
	"cancelled_registration_days": 90,
	"unsubscribed_days": 30,
	"gateway_participant_years": 3,  # applied by slup_crm.gateway.privacy
	# Not a period: the smallest count the gateway's figures show (slup_crm.gateway.figures).
	"gateway_min_cell_size": 5,
}


def setting(fieldname: str) -> int:
	"""A retention period from SLUP Settings (its default while the site has none stored)."""
	value = stored_setting(fieldname)
	return DEFAULTS[fieldname] if value in (None, "") else int(value)


def stored_setting(fieldname: str) -> str | None:
	"""A value of SLUP Settings as stored, None when never set (Frappe would turn it into 0, which
	would erase at once)."""
	singles = frappe.qb.DocType("Singles")
	rows = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where((singles.doctype == "SLUP Settings") & (singles.field == fieldname))
		.run()
	)
	return rows[0][0] if rows else None


def pseudonym_for(email: str) -> str:
	"""A made-up address, the same for every row of one address, that does not reveal it."""
	key = get_encryption_key().encode()
	digest = hmac.new(key, (email or "").strip().lower().encode(), hashlib.sha256).hexdigest()
	return f"anonymised-{digest[:24]}@invalid"


def apply_retention() -> dict[str, int]:
	"""The daily job. Returns how many rows each step changed."""
	today = getdate()
	return {
		"special_category": clear_special_category(add_days(today, -setting("special_category_days"))),
		"registrants": anonymise_registrations(ended_before=add_years(today, -setting("registrant_years"))),
		"cancelled": anonymise_registrations(
			cancelled_before=add_days(now_datetime(), -setting("cancelled_registration_days"))
		),
		"newsletter_opt_outs": remove_newsletter_opt_outs(
			add_days(now_datetime(), -setting("unsubscribed_days"))
		),
	}


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


def anonymise_registrations(ended_before=None, cancelled_before=None) -> int:
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
	for row in rows:
		frappe.db.set_value(
			REGISTRATION, row.name, erased_values(entry, pseudonym_for(row.email)), update_modified=False
		)
		remove_needs(row.name)
	remove_versions({(REGISTRATION, row.name) for row in rows})
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
