"""The policy exchange: the municipalities and regions that exchange policies (minutes, item 4a).

An organisation takes part through one Policy Exchange Member record (joined on a date, with its
contact person; left on a date). From those records come, in one place:

- who takes part (``is_member``, ``members``), for the policy adoption form and the public pages;
- the exchange's e-mail group, Frappe's Email Group "Policy Exchange" (``sync_email_group``): the
  active members' contacts are on it, and nobody else;
- who is invited to a meeting of the group "Policy exchange" (``invitees``).
"""

import frappe
from frappe.utils import getdate

EMAIL_GROUP = "Policy Exchange"
MEETING_GROUP = "Policy exchange"
ACTIVE = "Active"
LEFT = "Left"
MEMBER_TYPES = ("Municipality", "Region")


def status_on(joined_on, left_on, day=None) -> str:
	"""Active from the day of joining until the day of leaving."""
	day = getdate(day)
	if left_on and getdate(left_on) <= day:
		return LEFT
	return ACTIVE


def is_member(organisation: str | None) -> bool:
	"""Whether the organisation takes part in the exchange now."""
	return bool(
		organisation
		and frappe.db.exists("Policy Exchange Member", {"organisation": organisation, "status": ACTIVE})
	)


def members(fields=("name", "organisation", "organisation_name", "contact")) -> list[frappe._dict]:
	"""The active members, by organisation name."""
	return frappe.get_all(
		"Policy Exchange Member",
		filters={"status": ACTIVE},
		fields=list(fields),
		order_by="organisation_name asc",
	)


def invitees() -> list[dict]:
	"""The attendee rows of a policy exchange meeting: each active member's contact person."""
	return [
		{"contact": row.contact, "organisation": row.organisation, "attendance": "Invited"}
		for row in members()
	]


def get_email_group() -> str:
	"""The exchange's Email Group, created on first use."""
	if not frappe.db.exists("Email Group", EMAIL_GROUP):
		# The system keeps its own list; staff need no right on Email Group for it.
		frappe.get_doc({"doctype": "Email Group", "title": EMAIL_GROUP}).insert(ignore_permissions=True)
	return EMAIL_GROUP


def sync_email_group() -> None:
	"""Put the active members' contacts on the Email Group and take everyone else off it.

	A member's contact who unsubscribed through a newsletter's link stays unsubscribed while the
	organisation remains a member; one who leaves the exchange leaves the list.
	"""
	group = get_email_group()
	wanted = set(
		frappe.get_all(
			"Policy Exchange Member",
			filters={"status": ACTIVE, "contact_email": ("is", "set")},
			pluck="contact_email",
		)
	)
	rows = frappe.get_all("Email Group Member", filters={"email_group": group}, fields=["name", "email"])
	present = {row.email for row in rows}
	# The list is the system's, kept through the members: staff need no right on Email Group Member.
	for email in sorted(wanted - present):
		frappe.get_doc({"doctype": "Email Group Member", "email_group": group, "email": email}).insert(
			ignore_permissions=True
		)
	for row in rows:
		if row.email not in wanted:
			frappe.delete_doc("Email Group Member", row.name, ignore_permissions=True, force=True)
	frappe.get_doc("Email Group", group).update_total_subscribers()


def refresh_statuses() -> None:
	"""Daily: a member whose leaving day has come is marked Left (and leaves the e-mail group)."""
	due = frappe.get_all(
		"Policy Exchange Member",
		filters={"status": ACTIVE, "left_on": ("<=", getdate())},
		pluck="name",
	)
	for name in due:
		frappe.db.set_value("Policy Exchange Member", name, "status", LEFT)
	if due:
		sync_email_group()


def membership_of(organisation: str | None) -> dict | None:
	"""The organisation's member record (name, status, dates), if it ever joined."""
	if not organisation:
		return None
	return frappe.db.get_value(
		"Policy Exchange Member",
		{"organisation": organisation},
		["name", "status", "joined_on", "left_on"],
		as_dict=True,
	)
