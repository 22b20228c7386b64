"""What every part of the demo shares: the tag, the record of what it made, the story's clock.

The story happens "on its day": ``on_day`` sets ``frappe.flags.current_date``, which
``frappe.utils.now()`` honours for creation, modification, comments and versions, while the
rules still judge by the real today. Everything a part creates goes through ``Demo.insert`` (or
``Demo.record`` for what a controller created), so that it is tagged with ``DEMO_TAG`` at the end
and can be removed again.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import frappe
from frappe import _
from frappe.desk.doctype.tag.tag import DocTags
from frappe.utils import add_days, get_datetime, getdate, now

DEMO_TAG = "SLUP Demo"


class DemoRefused(frappe.ValidationError):
	pass


@dataclass
class Demo:
	"""What this load created (to tag it and clean its e-mail) and the names it gave things."""

	created: list[tuple[str, str]] = field(default_factory=list)
	organisations: dict[str, str] = field(default_factory=dict)
	contacts: dict[str, str] = field(default_factory=dict)

	def insert(self, values: dict):
		doc = frappe.get_doc(values).insert()
		self.created.append((doc.doctype, doc.name))
		return doc

	def record(self, doctype: str, name: str) -> None:
		"""Count a record that a controller created for the demo (e.g. a start-up's organisation)."""
		self.created.append((doctype, name))

	def summary(self) -> dict:
		counts = {}
		for doctype, _name in self.created:
			counts[doctype] = counts.get(doctype, 0) + 1
		return counts


def day(offset: int) -> date:
	"""The date ``offset`` days from today (negative: in the past)."""
	return add_days(getdate(), offset)


def this_year(offset: int) -> date:
	"""A past date, but not before the 1st of January of this year (figures "this year")."""
	return max(day(offset), getdate().replace(month=1, day=1))


@contextmanager
def on_day(when: date):
	"""Date what is written inside as happening on ``when`` (at the present time of day).

	``frappe.utils.now()``, which stamps creation, modification, comments and versions, honours
	``frappe.flags.current_date``; dates that rules compare with today are left alone.
	"""
	previous = frappe.flags.current_date
	frappe.flags.current_date = getdate(when)
	try:
		yield
	finally:
		frappe.flags.current_date = previous


@contextmanager
def as_administrator():
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(previous)


@contextmanager
def muted_emails():
	"""Queue e-mail without sending it and without needing an outgoing e-mail account."""
	previous = frappe.flags.mute_emails
	frappe.flags.mute_emails = True
	try:
		yield
	finally:
		frappe.flags.mute_emails = previous


OUTBOX = "SLUP Demo Outbox"


@contextmanager
def outbox():
	"""An outgoing e-mail account for the registration e-mails while the demo loads, when the site has none.

	The registration controller queues an e-mail for every registrant, and Frappe queues e-mail
	only through an outgoing account (its stand-in for muted e-mail has no sender in v15). The
	temporary account names a server that is never contacted; it is deleted before the demo
	finishes, after the e-mails queued through it (``discard_queued_emails``), so it is never
	committed. Frappe's per-process cache of the outgoing account is put back as it was.
	"""
	cached = getattr(frappe.local, "outgoing_email_account", None)
	frappe.local.outgoing_email_account = {}
	account = None
	if not (
		frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1})
		or frappe.conf.get("mail_server")
	):
		account = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": OUTBOX,
				"email_id": "slup-demo@example.se",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "smtp.example.se",
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)  # the demo's own, never committed
	try:
		yield
	finally:
		if account and frappe.db.exists("Email Account", account.name):
			frappe.delete_doc("Email Account", account.name, ignore_permissions=True)
		if cached is None:
			del frappe.local.outgoing_email_account
		else:
			frappe.local.outgoing_email_account = cached


def story_moment():
	return get_datetime(now())


def municipality(code: str) -> str:
	name = frappe.db.get_value("Organisation", {"municipality_code": code})
	if not name:
		frappe.throw(
			_("The municipality with the code {0} is missing. Run bench migrate to create it first.").format(
				code
			)
		)
	return name


def organisation(demo: Demo, key: str) -> str:
	"""An organisation by its key in ORGANISATIONS, or a municipality by its code."""
	return demo.organisations.get(key) or municipality(key)


def email_of(first_name: str, last_name: str) -> str:
	local = ".".join(filter(None, (first_name, last_name))).lower()
	for letter, plain in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), (" ", "-")):
		local = local.replace(letter, plain)
	return f"{local}@example.se"


def discard_queued_emails(demo: Demo) -> None:
	"""The registrants are invented: remove the e-mails queued for them so that none is ever sent."""
	by_doctype: dict[str, list[str]] = {}
	for doctype, name in demo.created:
		by_doctype.setdefault(doctype, []).append(name)
	for doctype, names in by_doctype.items():
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": doctype, "reference_name": ("in", names)},
			pluck="name",
		)
		for name in queued:
			frappe.delete_doc("Email Queue", name, ignore_permissions=True)  # mail the demo itself queued


def tag_records(demo: Demo) -> None:
	"""Tag everything the demo created with DEMO_TAG (how a later load knows the demo is there)."""
	for doctype, name in demo.created:
		DocTags(doctype).add(name, DEMO_TAG)
