"""Erasure of one person through Frappe's Personal Data Deletion Request, exactly and completely.

The work is the one anonymiser's (``slup_crm.privacy.anonymiser``). This module is Frappe's
request around it (``PersonalDataDeletionRequest``, through ``override_doctype_class``):

- before approving, the System Manager sees the plan (``erasure_preview``: which records, which
  fields, which mentions with their words and counts) on the request's form and may keep a
  mention (``keep_mentions``, stored in the request's ``kept_mentions`` until the erasure);
- the erasure does that plan, then Frappe's own steps for what the app does not know (a User,
  Frappe's user_data_fields), except Frappe's site-wide replacement of the name in every Comment,
  Version, Access Log and Activity Log (it would rewrite other people's comments and logs: the
  anonymiser has cut the person's mentions there as whole words);
- the person is told by e-mail, sent at once and not kept in the outbox; the request keeps the
  pseudonym (a keyed hash of the address) instead of the address, and the counts per doctype
  (in a comment and in the run's *Anonymisation Run*).

Frappe v15 assumes the address belongs to a User; here an address without one is erased as well.
"""

import json

import frappe
from frappe import _
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
	PersonalDataDeletionRequest as FrappePersonalDataDeletionRequest,
)
from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
	get_pattern,
)

from slup_crm.privacy import anonymiser
from slup_crm.privacy.anonymiser import contacts_of, find_person, matched_rows, pseudonym_for
from slup_crm.utils.access import check_role

__all__ = ["PersonalDataDeletionRequest", "contacts_of", "matched_rows"]

REQUEST = "Personal Data Deletion Request"
SYSTEM_MANAGER = "System Manager"
KEPT_FIELD = "kept_mentions"
REQUEST_FIELDS = {
	REQUEST: [
		{
			"fieldname": KEPT_FIELD,
			"fieldtype": "Code",
			"options": "JSON",
			"label": "Mentions Kept",
			"description": "Mentions the approver chose to keep (from Preview Erasure); cleared by the erasure.",
			"insert_after": "status",
			"read_only": 1,
			"hidden": 1,
		}
	]
}


def setup() -> None:
	"""Install and migrate: the request's field for the mentions the approver keeps."""
	create_custom_fields(REQUEST_FIELDS, update=True)


def only_system_manager() -> None:
	check_role((SYSTEM_MANAGER,), _("Only a System Manager can erase a person's data."))


def open_request(request: str):
	only_system_manager()
	doc = frappe.get_doc(REQUEST, request)
	if doc.status == "Deleted":
		frappe.throw(_("This person's data has already been erased."))
	return doc


@frappe.whitelist()
def erasure_preview(request: str) -> dict:
	"""System Manager: what the erasure of the request's address will change, before it does."""
	doc = open_request(request)
	return {
		"changes": [change.as_dict() for change in anonymiser.erasure_plan(doc.email)],
		"kept": sorted(doc.kept()),
	}


@frappe.whitelist(methods=["POST"])
def keep_mentions(request: str, keys: list[str] | str) -> list[str]:
	"""System Manager: the mentions (keys of the preview) the erasure leaves where they are."""
	doc = open_request(request)
	keys = json.loads(keys) if isinstance(keys, str) else keys
	planned = {m["key"] for c in erasure_preview(request)["changes"] for m in c["mentions"]}
	kept = sorted(set(keys) & planned)
	doc.db_set(KEPT_FIELD, json.dumps(kept) if kept else None)
	return kept


class PersonalDataDeletionRequest(FrappePersonalDataDeletionRequest):
	"""Frappe's deletion request, for addresses with or without a User, through the anonymiser."""

	def has_user(self) -> bool:
		return bool(frappe.db.exists("User", self.email))

	def disable_user(self):
		if self.has_user():
			super().disable_user()

	def kept(self) -> set[str]:
		return set(json.loads(self.get(KEPT_FIELD) or "[]"))

	@frappe.whitelist()
	def trigger_data_deletion(self):
		"""Frappe's, except that the person is told by the erasure job itself, once it is done."""
		self.validate_data_anonymization()
		self.disable_user()
		self.anonymize_data()

	def _anonymize_data(self, email=None, anon=None, set_data=True, commit=False):
		email = email or self.email
		anon = pseudonym_for(email)
		self.held_names = find_person(email).names
		counts = anonymiser.erase(email, kept=self.kept(), reference=self)
		if self.has_user():
			# Frappe renames the User to the request's own name, unique per request: a User erased
			# before under the person's pseudonym would collide with a second erasure of the address.
			super()._anonymize_data(email, self.name, set_data, commit)
		else:
			self.anonymize_without_user(email, anon)
		self.notify_erased_person(email)
		# What Frappe's steps and the notice left behind (a rename comment, the sent notice).
		person = find_person(email)
		anonymiser.apply_plan(
			anonymiser.email_changes(person) + anonymiser.mention_changes({email: anon}), person
		)
		self.db_set({"email": anon, KEPT_FIELD: None, "status": "Deleted"})
		if counts:
			self.add_comment(
				"Comment",
				_("Erased: {0}").format(
					", ".join(f"{doctype}: {n}" for doctype, n in sorted(counts.items()))
				),
			)
		if commit:
			frappe.db.commit()  # as Frappe's own method does when asked (background job)

	def notify_erased_person(self, email: str) -> None:
		"""Frappe's notice that the data is deleted, sent now (no copy waits in the outbox)."""
		try:
			frappe.sendmail(
				recipients=email,
				subject=_("Your account has been deleted"),
				template="account_deletion_notification",
				args={"email": email, "host_name": frappe.utils.get_url()},
				header=[_("Your account has been deleted"), "green"],
				# Sent at once (sending commits, as Frappe's outbox does); tests queue it instead, as
				# every test e-mail, and the sweep after it removes it either way.
				now=not frappe.flags.in_test,
			)
		except Exception:
			# A mail server that refuses must not stop the erasure (the sweep removes what is left).
			frappe.clear_last_message()

	def redact_partial_match_data(self, doctype):
		"""Frappe's step, except its site-wide replacement of the name (``strict``: every Comment,
		Version, Access Log and Activity Log of the site, whoever wrote them, and not as a whole
		word). The anonymiser has cut the person's mentions there already."""
		if doctype.get("strict"):
			return
		super().redact_partial_match_data(doctype)

	def __set_anonymization_data(self, email, anon):
		"""Frappe's step (same mangled name, so Frappe's own method calls this one), with a name the
		association holds for the person: without a User, Frappe's "name" is the address itself."""
		FrappePersonalDataDeletionRequest._PersonalDataDeletionRequest__set_anonymization_data(
			self, email, anon
		)
		if not self.full_name or self.full_name.lower() in email.lower():
			names = getattr(self, "held_names", None)
			self.full_name = sorted(names)[0] if names else anon
			self.full_name_regex = get_pattern(self.full_name)

	def anonymize_without_user(self, email, anon):
		"""Frappe's ``_anonymize_data`` for an address that has no User (it ends by renaming one)."""
		self.__set_anonymization_data(email, anon)
		self.add_deletion_steps()
		for doctype in self.full_match_privacy_docs:
			self.redact_full_match_data(doctype, email)
			self.set_step_status(doctype["doctype"])
		for doctype in self.partial_privacy_docs:
			self.redact_partial_match_data(doctype)
			self.set_step_status(doctype["doctype"])
