"""Erasure of one person: every trace of an e-mail address in the app's doctypes, and nobody else's.

Driven by the declaration (``slup_crm.privacy.declaration``): a doctype's rows are found by the
address in its ``match.email`` field or through ``match.contact`` (a Contact that has the
address); each found row is anonymised (its personal fields erased, the row kept so that every
figure stays the same) or deleted, as declared. Every e-mail field of the person gets the same
made-up address (the deletion request's own name, as Frappe gives the Contact), so that a person
stays one person in the outreach counts. The person's full names are also cut out of the free
texts the declaration marks as mentions, and the version history of the rows is removed.

Frappe's Personal Data Deletion Request calls this first (``PersonalDataDeletionRequest`` below,
through ``override_doctype_class``), then does its own steps for Frappe's doctypes (Contact,
Communication, Email Group Member, ...). Frappe v15 assumes the address belongs to a User; here
an address without one is erased as well.
"""

import re

import frappe
from frappe.utils import now_datetime
from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
	PersonalDataDeletionRequest as FrappePersonalDataDeletionRequest,
)
from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
	get_pattern,
)

from slup_crm.privacy.declaration import (
	CLEAR,
	DELETE,
	LINKED,
	MENTIONS,
	NAME,
	PSEUDONYM,
	REDACT,
	REDACTED,
	Declared,
	app_declarations,
	declared,
)


def contacts_of(email: str) -> list[str]:
	"""Contacts that have the address (any of their e-mail rows)."""
	return frappe.get_all(
		"Contact Email",
		filters={"parenttype": "Contact", "email_id": email},
		pluck="parent",
		distinct=True,
	)


def matched_rows(entry: Declared, email: str, contacts: list[str]) -> list[frappe._dict]:
	"""The rows of one declared doctype that belong to the person."""
	fields = ["name", *(f.fieldname for f in entry.personal if f.erasure_action() != LINKED)]
	if frappe.get_meta(entry.doctype).istable:
		fields += ["parent", "parenttype"]
	rows = {}
	if entry.match.via:
		link_field, doctype = entry.match.via
		owners = [row.name for row in matched_rows(declared(doctype), email, contacts)]
		if owners:
			for row in frappe.get_all(entry.doctype, filters={link_field: ("in", owners)}, fields=fields):
				rows[row.name] = row
	if entry.match.email:
		for row in frappe.get_all(entry.doctype, filters={entry.match.email: email}, fields=fields):
			rows[row.name] = row
	if entry.match.contact and contacts:
		for row in frappe.get_all(
			entry.doctype, filters={entry.match.contact: ("in", contacts)}, fields=fields
		):
			rows[row.name] = row
	return list(rows.values())


def erased_values(entry: Declared, pseudonym: str) -> dict:
	"""What an anonymised row of ``entry`` holds in its personal fields."""
	values = {entry.stamp_field: now_datetime()} if entry.stamp_field else {}
	for field in entry.personal:
		action = field.erasure_action()
		if action == PSEUDONYM:
			values[field.fieldname] = pseudonym
		elif action == REDACT:
			values[field.fieldname] = REDACTED
		elif action == CLEAR:
			values[field.fieldname] = None
	return values


def erase_person(email: str, pseudonym: str) -> dict[str, int]:
	"""Erase ``email`` from every declared doctype of the app. Returns the rows erased per doctype.

	``pseudonym`` replaces the address in e-mail fields (one per person, so counts stay true).
	"""
	email = (email or "").strip()
	if not email:
		return {}
	contacts = contacts_of(email)
	names = person_names(email, contacts)
	erased = {}
	touched = set()
	# Every row is found before any is erased: some are found through others (``Match.via``).
	matches = [(entry, matched_rows(entry, email, contacts)) for entry in app_declarations()]
	for entry, rows in matches:
		if not rows:
			continue
		for row in rows:
			if entry.erasure == DELETE:
				frappe.db.delete(entry.doctype, {"name": row.name})
			else:
				frappe.db.set_value(
					entry.doctype, row.name, erased_values(entry, pseudonym), update_modified=False
				)
			touched.add((row.get("parenttype") or entry.doctype, row.get("parent") or row.name))
		erased[entry.doctype] = len(rows)
	erased.update(cut_out_mentions(names | {email}))
	remove_versions(touched)
	return erased


def person_names(email: str, contacts: list[str]) -> set[str]:
	"""The person's full names as the app holds them (two words or more, so that a lone first
	name common to many is never cut out of anyone else's text)."""
	names = set()
	for entry in app_declarations():
		name_fields = [f.fieldname for f in entry.personal if f.kind == NAME]
		if not name_fields or not entry.match.email:
			continue
		for row in frappe.get_all(entry.doctype, filters={entry.match.email: email}, fields=name_fields):
			names.update(v for v in row.values() if v)
	for contact in contacts:
		first, last = frappe.db.get_value("Contact", contact, ["first_name", "last_name"]) or (None, None)
		names.add(" ".join(filter(None, (first, last))))
	return {n.strip() for n in names if n and len(n.strip().split()) >= 2 and n.strip() != REDACTED}


def cut_out_mentions(words: set[str]) -> dict[str, int]:
	"""Replace the person's names and address in the free texts declared as mentions."""
	changed = {}
	words = sorted((w for w in words if w), key=len, reverse=True)
	if not words:
		return changed
	pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
	for entry in app_declarations():
		for field in entry.personal:
			if field.erasure_action() != MENTIONS:
				continue
			rows = frappe.get_all(
				entry.doctype,
				or_filters=[[field.fieldname, "like", f"%{w}%"] for w in words],
				fields=["name", field.fieldname],
				as_list=True,
			)
			for name, text in rows:
				new = pattern.sub(REDACTED, text or "")
				if new != text:
					frappe.db.set_value(entry.doctype, name, field.fieldname, new, update_modified=False)
					changed[f"{entry.doctype}.{field.fieldname}"] = (
						changed.get(f"{entry.doctype}.{field.fieldname}", 0) + 1
					)
	return changed


def remove_versions(documents: set[tuple[str, str]]) -> None:
	"""The version history of an erased row still holds the old values."""
	for doctype, name in documents:
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})


class PersonalDataDeletionRequest(FrappePersonalDataDeletionRequest):
	"""Frappe's deletion request, for addresses with or without a User.

	The app's own erasure runs first; Frappe's steps follow (its user_data_fields, Contact and
	the rest). Without a User, Frappe's disabling and renaming of the User are skipped.
	"""

	def has_user(self) -> bool:
		return bool(frappe.db.exists("User", self.email))

	def disable_user(self):
		if self.has_user():
			super().disable_user()

	def _anonymize_data(self, email=None, anon=None, set_data=True, commit=False):
		email = email or self.email
		anon = anon or self.name
		self.person_full_names = person_names(email, contacts_of(email))
		erased = erase_person(email, anon)
		if erased:
			self.add_comment("Comment", ", ".join(f"{doctype}: {count}" for doctype, count in erased.items()))
		if self.has_user():
			return super()._anonymize_data(email, anon, set_data, commit)
		return self.anonymize_without_user(email, anon, commit)

	def __set_anonymization_data(self, email, anon):
		"""Frappe's step (same mangled name, so Frappe's own method calls this one), with a name
		that is not part of the address.

		Frappe cuts the User's full name out of texts before it puts the made-up address in place
		of the real one. Without a User that "name" is the address itself, and a User made
		without a last name is often called like the address (``eva.berg`` of ``eva.berg@...``):
		then Frappe's made-up address would never replace it and the person would no longer be
		one person in the outreach counts.
		"""
		FrappePersonalDataDeletionRequest._PersonalDataDeletionRequest__set_anonymization_data(
			self, email, anon
		)
		if not self.full_name or self.full_name.lower() in email.lower():
			names = getattr(self, "person_full_names", None) or person_names(email, contacts_of(email))
			self.full_name = sorted(names)[0] if names else anon
			self.full_name_regex = get_pattern(self.full_name)

	def anonymize_without_user(self, email, anon, commit=False):
		"""Frappe's ``_anonymize_data`` for an address that has no User (it ends by renaming one)."""
		self.__set_anonymization_data(email, anon)
		self.add_deletion_steps()
		for doctype in self.full_match_privacy_docs:
			self.redact_full_match_data(doctype, email)
			self.set_step_status(doctype["doctype"])
		for doctype in self.partial_privacy_docs:
			self.redact_partial_match_data(doctype)
			self.set_step_status(doctype["doctype"])
		self.db_set("status", "Deleted")
		if commit:
			frappe.db.commit()  # as Frappe's own method does when asked (background job)
