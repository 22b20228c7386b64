"""The one anonymiser: erasure, retention and the gateway's erasure and retention all go through here.

Driven by the declaration (``slup_crm.privacy.declaration``). Its rules:

- **One pseudonym per person.** Every e-mail field of a person gets ``pseudonym_for(address)``, a
  keyed hash of the address, whichever way in (retention, erasure, the gateway): a person
  anonymised by retention and erased later stays one person in the outreach counts.
- **The person's own rows** (found by the declaration's ``match``) are anonymised or deleted as
  declared; their Contacts are anonymised and renamed; the rows Frappe keeps about those records
  (versions, comments and the ``_comments`` cache, ToDos, notifications, files, e-mails, deleted
  copies, view, access and activity logs, the global search index) are deleted.
- **Mentions** elsewhere are cut only for what the association itself holds about the person (the
  full names and phones of their Contacts and gateway participants, never what a guest typed into
  a registration, and their address), as whole words, case-insensitive, in the free texts the
  declaration marks as mentions and in Frappe's texts (``FRAPPE_TEXTS``). The address becomes the
  pseudonym, names and phones ``REDACTED``.
- **A plan first.** ``erasure_plan`` lists every change (record, fields, mentions with their words
  and counts) before anything changes; the approver sees it and may keep a mention
  (``Change.key``); ``apply_plan`` then does exactly that plan.
- **A record of each run.** Every run writes an *Anonymisation Run* with the rows changed per
  doctype and no personal data.
"""

import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field

import frappe
from frappe.utils import now_datetime
from frappe.utils.password import get_encryption_key

from slup_crm.privacy.declaration import (
	CARRIERS,
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

RUN_DOCTYPE = "Anonymisation Run"
ERASURE = "Erasure"
RETENTION = "Retention"

# Frappe's rows about a record (``declaration.CARRIERS``) that go with the person's own records.
OWN_CARRIERS = tuple(
	(entry.doctype, entry.reference_doctype, entry.reference_name)
	for entry in CARRIERS
	if entry.erased_with_record
)
# Frappe's free texts that can name anyone: mentions of the person are cut there.
FRAPPE_TEXTS = {
	"Comment": ("content",),
	"ToDo": ("description",),
	"Error Log": ("method", "error"),
	"Communication": ("subject", "content"),
	"Notification Log": ("subject", "email_content"),
	"Activity Log": ("subject", "content"),
	"Version": ("data",),
	"Email Queue": ("message",),
	"Deleted Document": ("data",),
	"Access Log": ("filters",),
	"Pending E-mail": ("subject", "message"),
}


def pseudonym_for(email: str) -> str:
	"""The made-up address of a person: the same for every row of one address, and it does not reveal
	the address (a keyed hash; it is also the proof a deletion request keeps)."""
	key = get_encryption_key().encode()
	digest = hmac.new(key, (email or "").strip().lower().encode(), hashlib.sha256).hexdigest()
	return f"anonymised-{digest[:24]}@anonymised.invalid"


# Finding a person ------------------------------------------------------------------------


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
		for row in frappe.get_all(
			entry.doctype, filters={entry.match.email: ("like", f"%{email}%")}, fields=fields
		):
			if email.lower() in recipient_list(row.get(entry.match.email)):
				rows[row.name] = row
	if entry.match.contact and contacts:
		for row in frappe.get_all(
			entry.doctype, filters={entry.match.contact: ("in", contacts)}, fields=fields
		):
			rows[row.name] = row
	return list(rows.values())


def recipient_list(value: str | None) -> list[str]:
	"""An e-mail field as a list of addresses (Pending E-mail keeps several, one a line or by commas)."""
	return [part.strip().lower() for part in re.split(r"[\n,;]", value or "") if part.strip()]


@dataclass
class Person:
	"""What the association itself holds to recognise a person by: the address, and the full names
	and phones of their Contacts and gateway participants (never what a guest typed)."""

	email: str
	contacts: list[str]
	names: set[str]
	phones: set[str]

	@property
	def pseudonym(self) -> str:
		return pseudonym_for(self.email)

	def words(self) -> dict[str, str]:
		"""Each word to cut out of others' texts, with what it becomes."""
		words = {name: REDACTED for name in self.names} | {phone: REDACTED for phone in self.phones}
		if self.email:
			words[self.email] = self.pseudonym
		return words


def find_person(email: str) -> Person:
	email = (email or "").strip()
	contacts = contacts_of(email)
	names, phones = set(), set()
	for contact in contacts:
		row = frappe.db.get_value("Contact", contact, ["first_name", "last_name"], as_dict=True)
		names.add(" ".join(filter(None, (row.first_name, row.last_name))))
		phones.update(frappe.get_all("Contact Phone", {"parent": contact}, pluck="phone"))
	# The association's copies of a Contact's name (attendance, representation), kept when the
	# Contact itself was renamed after a User.
	for entry in app_declarations():
		name_fields = [f.fieldname for f in entry.personal if f.kind == NAME]
		if contacts and entry.match.contact and name_fields:
			rows = frappe.get_all(
				entry.doctype, {entry.match.contact: ("in", contacts)}, name_fields, as_list=True
			)
			names.update(value for row in rows for value in row)
	for row in frappe.get_all(
		"Gateway Participant", {"email": email}, ["first_name", "last_name", "full_name", "phone"]
	):
		names.update((" ".join(filter(None, (row.first_name, row.last_name))), row.full_name))
		phones.add(row.phone)
	if frappe.db.exists("User", email):
		names.add(frappe.db.get_value("User", email, "full_name"))
	return Person(
		email=email,
		contacts=contacts,
		# Full names only (two words or more): a lone first name common to many is never cut.
		names={n.strip() for n in names if n and len(n.split()) >= 2 and REDACTED not in n},
		phones={p.strip() for p in phones if p and len(re.sub(r"\D", "", p)) >= 6},
	)


# The plan --------------------------------------------------------------------------------


@dataclass
class Change:
	"""One change of an anonymisation: a row anonymised or deleted, or mentions cut from a field."""

	doctype: str
	name: str
	action: str  # "anonymise", "delete", "contact", "recipients", "mentions"
	fields: tuple[str, ...] = ()
	values: dict = field(default_factory=dict)
	words: dict[str, int] = field(default_factory=dict)  # mentions: word -> occurrences

	def key(self, word: str) -> str:
		"""How the approver names one mention to keep."""
		return "|".join((self.doctype, self.name, self.fields[0] if self.fields else "", word))

	def as_dict(self) -> dict:
		return {
			"doctype": self.doctype,
			"name": self.name,
			"action": self.action,
			"fields": list(self.fields),
			"mentions": [{"word": w, "count": n, "key": self.key(w)} for w, n in sorted(self.words.items())],
		}


def erasure_plan(email: str) -> list[Change]:
	"""Everything an erasure of ``email`` changes, before anything changes."""
	person = find_person(email)
	if not person.email:
		return []
	changes = own_row_changes(person)
	changes += [Change("Contact", name, "contact") for name in person.contacts]
	records = own_records(changes)
	changes += carrier_changes(records)
	changes += email_changes(person)
	gone = {(c.doctype, c.name) for c in changes if c.action == "delete"}
	changes += [c for c in mention_changes(person.words()) if (c.doctype, c.name) not in gone]
	return unique(changes)


def unique(changes: list[Change]) -> list[Change]:
	"""One change per row and field (a queued e-mail can be found both ways)."""
	seen, result = set(), []
	for change in changes:
		key = (
			change.doctype,
			change.name,
			change.action,
			change.fields if change.action == "mentions" else (),
		)
		if key not in seen:
			seen.add(key)
			result.append(change)
	return result


def own_row_changes(person: Person) -> list[Change]:
	"""The person's rows in the app's doctypes and the newsletter (found before any is changed)."""
	changes = []
	for entry in (*app_declarations(), declared("Email Group Member")):
		for row in matched_rows(entry, person.email, person.contacts):
			changes.append(row_change(entry, row, person))
	return changes


def row_change(entry: Declared, row: frappe._dict, person: Person) -> Change:
	name = row.name
	fields = tuple(f.fieldname for f in entry.personal if f.erasure_action() not in (LINKED, "keep"))
	if entry.match.email and len(recipient_list(row.get(entry.match.email))) > 1:
		others = [r for r in recipient_list(row.get(entry.match.email)) if r != person.email.lower()]
		return Change(
			entry.doctype, name, "recipients", (entry.match.email,), {entry.match.email: "\n".join(others)}
		)
	parent = {"parent": row.get("parent"), "parenttype": row.get("parenttype")} if row.get("parent") else {}
	if entry.erasure == DELETE:
		return Change(entry.doctype, name, "delete", fields, parent)
	return Change(entry.doctype, name, "anonymise", fields, erased_values(entry, person.pseudonym) | parent)


def erased_values(entry: Declared, pseudonym: str, whole_row: bool = False) -> dict:
	"""What an anonymised row of ``entry`` holds in its personal fields. An erasure cuts the person's
	name out of free texts (``mention_changes``); with ``whole_row`` (retention: the row and the rows
	that hang on it are about one person, whose name the job does not know) they are cleared."""
	values = {entry.stamp_field: now_datetime()} if entry.stamp_field else {}
	for personal in entry.personal:
		action = personal.erasure_action()
		if action == PSEUDONYM:
			values[personal.fieldname] = pseudonym
		elif action == REDACT:
			values[personal.fieldname] = REDACTED
		elif action == CLEAR or (action == MENTIONS and whole_row):
			values[personal.fieldname] = None
	return values


def own_records(changes: list[Change]) -> set[tuple[str, str]]:
	"""The whole records (a child row's parent) the person's rows are."""
	records = set()
	for change in changes:
		if change.action not in ("anonymise", "delete", "contact"):
			continue
		if change.values.get("parent"):
			records.add((change.values["parenttype"], change.values["parent"]))
		elif not frappe.get_meta(change.doctype).istable:
			records.add((change.doctype, change.name))
	return records


def carrier_changes(records: set[tuple[str, str]]) -> list[Change]:
	"""Frappe's rows about the person's records: deleted with the person."""
	changes = []
	for doctype, reference_doctype, reference_name in OWN_CARRIERS:
		for ref_doctype, ref_name in records:
			for name in frappe.get_all(
				doctype, {reference_doctype: ref_doctype, reference_name: ref_name}, pluck="name"
			):
				changes.append(Change(doctype, name, "delete"))
	return changes


def email_changes(person: Person) -> list[Change]:
	"""E-mails to the person, or that carry the address (such as the request's own notices)."""
	queue = set(frappe.get_all("Email Queue Recipient", {"recipient": person.email}, pluck="parent"))
	queue.update(frappe.get_all("Email Queue", {"message": ("like", f"%{person.email}%")}, pluck="name"))
	deleted = frappe.get_all("Deleted Document", {"data": ("like", f"%{person.email}%")}, pluck="name")
	return [Change("Email Queue", name, "delete") for name in sorted(queue)] + [
		Change("Deleted Document", name, "delete") for name in deleted
	]


def mention_fields() -> dict[str, tuple[str, ...]]:
	"""Every free text that may name someone: the declaration's mentions and Frappe's texts."""
	fields = {doctype: tuple(names) for doctype, names in FRAPPE_TEXTS.items()}
	for entry in app_declarations():
		mentions = tuple(f.fieldname for f in entry.personal if f.erasure_action() == MENTIONS)
		if mentions:
			fields[entry.doctype] = tuple(dict.fromkeys(fields.get(entry.doctype, ()) + mentions))
	return fields


def word_pattern(word: str) -> re.Pattern:
	"""A word as a whole word, case-insensitive: "Ann Berg" is not in "Johann Bergström"."""
	return re.compile(rf"(?<![\w@.+-]){re.escape(word)}(?![\w@-]|\.\w)", re.IGNORECASE)


def mention_changes(words: dict[str, str]) -> list[Change]:
	changes = []
	if not words:
		return changes
	for doctype, fields in mention_fields().items():
		for fieldname in fields:
			rows = frappe.get_all(
				doctype,
				or_filters=[[fieldname, "like", f"%{w}%"] for w in words],
				fields=["name", fieldname],
				as_list=True,
			)
			for name, text in rows:
				found = {w: len(word_pattern(w).findall(text or "")) for w in words}
				found = {w: n for w, n in found.items() if n}
				if found:
					changes.append(Change(doctype, name, "mentions", (fieldname,), words=found))
	return changes


# Doing it --------------------------------------------------------------------------------


def apply_plan(changes: list[Change], person: Person, kept: set[str] = frozenset()) -> dict[str, int]:
	"""Do the changes of a plan, leaving the mentions whose key is in ``kept``. Rows per doctype."""
	counts: dict[str, int] = {}
	replacements = person.words()
	comments = set()
	for change in changes:
		if change.doctype == "Comment":
			comments.add(comment_reference(change.name))
		if change.action == "mentions":
			cut = {w: replacements[w] for w in change.words if change.key(w) not in kept}
			if not cut or not cut_mentions(change, cut):
				continue
		elif change.action == "contact":
			anonymise_contact(change.name, person)
		elif change.action == "delete":
			delete_row(change.doctype, change.name)
		else:
			values = {k: v for k, v in change.values.items() if k not in ("parent", "parenttype")}
			frappe.db.set_value(change.doctype, change.name, values, update_modified=False)
		counts[change.doctype] = counts.get(change.doctype, 0) + 1
	refresh_comment_caches(comments)
	clear_global_search(own_records(changes), replacements)
	return counts


def cut_mentions(change: Change, replacements: dict[str, str]) -> bool:
	fieldname = change.fields[0]
	text = frappe.db.get_value(change.doctype, change.name, fieldname) or ""
	new = text
	for word in sorted(replacements, key=len, reverse=True):
		new = word_pattern(word).sub(replacements[word], new)
	if new != text:
		frappe.db.set_value(change.doctype, change.name, fieldname, new, update_modified=False)
	return new != text


def delete_row(doctype: str, name: str) -> None:
	"""Delete without a copy in Deleted Document (and a File with its file)."""
	if doctype == "File":
		file = frappe.db.get_value("File", name, ["attached_to_doctype", "attached_to_name"], as_dict=True)
		frappe.delete_doc("File", name, ignore_permissions=True, force=True, delete_permanently=True)
		# Frappe notes the removal, with the file's name, on the record it was attached to.
		frappe.db.delete(
			"Comment",
			{
				"comment_type": "Attachment Removed",
				"reference_doctype": file.attached_to_doctype,
				"reference_name": file.attached_to_name,
			},
		)
		return
	if doctype == "Email Queue":
		frappe.db.delete("Email Queue Recipient", {"parent": name})
	frappe.db.delete(doctype, {"name": name})


def anonymise_contact(contact: str, person: Person) -> None:
	"""The person's Contact: names REDACTED, phones gone, the address and its name the pseudonym."""
	frappe.db.delete("Contact Phone", {"parent": contact, "parenttype": "Contact"})
	frappe.db.set_value(
		"Contact Email",
		{"parent": contact, "parenttype": "Contact"},
		"email_id",
		person.pseudonym,
		update_modified=False,
	)
	values = {f: REDACTED for f in ("first_name", "last_name", "full_name")}
	values |= {"middle_name": None, "phone": None, "mobile_no": None, "email_id": person.pseudonym}
	frappe.db.set_value("Contact", contact, values, update_modified=False)
	new_name = (
		person.pseudonym
		if contact == person.contacts[0]
		else f"{person.pseudonym}-{person.contacts.index(contact)}"
	)
	if not frappe.db.exists("Contact", new_name):
		frappe.rename_doc("Contact", contact, new_name, force=True, show_alert=False)
		# The rename leaves a comment with the old name, and Frappe's versions of the contact.
		for doctype, reference_doctype, reference_name in OWN_CARRIERS:
			for name in frappe.get_all(
				doctype, {reference_doctype: "Contact", reference_name: new_name}, pluck="name"
			):
				delete_row(doctype, name)
		frappe.db.set_value("Contact", new_name, "_comments", None, update_modified=False)


def comment_reference(comment: str) -> tuple[str, str] | None:
	row = frappe.db.get_value("Comment", comment, ["reference_doctype", "reference_name"])
	return tuple(row) if row and all(row) else None


def refresh_comment_caches(references: set) -> None:
	"""Frappe keeps a copy of a record's comments in its ``_comments`` column: rebuild it."""
	for reference in filter(None, references):
		doctype, name = reference
		if not frappe.db.exists(doctype, name) or not frappe.db.has_column(doctype, "_comments"):
			continue
		rows = frappe.get_all(
			"Comment",
			{"reference_doctype": doctype, "reference_name": name, "comment_type": "Comment"},
			["name", "content", "owner"],
			order_by="creation",
		)
		cache = [{"comment": (r.content or "")[:100], "by": r.owner, "name": r.name} for r in rows]
		frappe.db.set_value(doctype, name, "_comments", json.dumps(cache), update_modified=False)


def clear_global_search(records: set[tuple[str, str]], words: dict[str, str]) -> None:
	"""The global search index holds copies of the person's records and of texts naming them."""
	for doctype, name in records:
		frappe.db.delete("__global_search", {"doctype": doctype, "name": name})
	for word in words:
		frappe.db.delete("__global_search", {"content": ("like", f"%{word}%")})


def record_run(run_type: str, counts: dict[str, int], reference=None) -> str | None:
	"""The Anonymisation Run of one run: rows changed per doctype, no personal data."""
	if not counts:
		return None
	run = frappe.get_doc(
		{
			"doctype": RUN_DOCTYPE,
			"run_type": run_type,
			"reference_doctype": reference.doctype if reference else None,
			"reference_name": reference.name if reference else None,
			"rows_changed": sum(counts.values()),
			"counts": json.dumps(counts, indent=1, sort_keys=True),
		}
	).insert(ignore_permissions=True)  # the system records its own work
	return run.name


def erase(email: str, kept: set[str] = frozenset(), reference=None) -> dict[str, int]:
	"""Erase a person everywhere: the plan, done, and its run recorded."""
	person = find_person(email)
	if not person.email:
		return {}
	counts = apply_plan(erasure_plan(email), person, kept)
	record_run(ERASURE, counts, reference)
	return counts


# Retention -------------------------------------------------------------------------------


def anonymise_rows(doctype: str, rows: list[frappe._dict]) -> dict[str, int]:
	"""Anonymise these rows of ``doctype`` (each with its ``email``) as the declaration says, with the
	person's one pseudonym and their free texts cleared; the rows that hang on them (``Match.via``,
	transitively) and Frappe's rows about all of them go too. Returns the rows changed per doctype
	(not recorded: the caller records its run)."""
	entry = declared(doctype)
	changes = [
		Change(
			doctype,
			row.name,
			"anonymise",
			values=erased_values(entry, pseudonym_for(row.email or row.name), whole_row=True),
		)
		for row in rows
	]
	dependents = dependent_changes(doctype, [row.name for row in rows])
	changes += dependents
	records = {(doctype, row.name) for row in rows} | {(c.doctype, c.name) for c in dependents}
	changes += carrier_changes(records)
	return apply_plan(changes, Person("", [], set(), set())) if changes else {}


def dependent_changes(doctype: str, names: list[str], seen: frozenset = frozenset()) -> list[Change]:
	"""The rows that hang on these rows (``Match.via``), and the rows that hang on those in turn (a
	registration's fee claim, the claim's payments), as the declaration erases each."""
	if not names or doctype in seen:
		return []
	changes = []
	for dependent in app_declarations():
		via = dependent.match.via
		if not via or via[1] != doctype:
			continue
		action = "delete" if dependent.erasure == DELETE else "anonymise"
		found = frappe.get_all(dependent.doctype, {via[0]: ("in", names)}, pluck="name")
		values = erased_values(dependent, "", whole_row=True)
		changes += [Change(dependent.doctype, name, action, values=values) for name in found]
		changes += dependent_changes(dependent.doctype, found, seen | {doctype})
	return changes


def add_counts(total: dict[str, int], counts: dict[str, int]) -> dict[str, int]:
	for doctype, count in counts.items():
		total[doctype] = total.get(doctype, 0) + count
	return total
