"""Who may read what, declared once (``slup_crm.privacy.declaration``: ``readers``, ``CARRIERS``) and
true of the site: the role permissions say what the declaration says, no field of the app needs a
permission level to be hidden, and the rows Frappe keeps about a record (versions, comments,
ToDos, logs, stage changes) follow the record's readers. The HTTP layer
(``tests/http/test_read_paths.py``) tries every read path against the server."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from slup_crm.privacy import declaration
from slup_crm.privacy.audit import HIDDEN
from slup_crm.privacy.carriers import unreadable_doctypes
from tests.support.factories import make_user
from tests.support.gateway import COORDINATOR, gateway_users, make_participant, make_project

STAFF = "matrix-staff@example.se"
SYSTEM_MANAGER = "matrix-system-manager@example.se"


def role_readers(doctype: str) -> set[str]:
	"""The roles that read ``doctype`` at level 0 by its role permissions (DocPerm and Custom DocPerm)."""
	perms = frappe.get_meta(doctype).permissions
	return {p.role for p in perms if p.read and not p.permlevel}


def undeclared(doctypes) -> list[str]:
	return [d for d in doctypes if not declaration.declared(d)]


class TestAccessMatrix(FrappeTestCase):
	def test_every_doctype_of_the_app_declares_its_readers(self):
		self.assertEqual(undeclared(declaration.app_doctypes()), [])
		for doctype in declaration.app_doctypes():
			with self.subTest(doctype=doctype):
				self.assertTrue(declaration.readers_of(doctype), doctype)

	def test_an_undeclared_doctype_is_caught(self):
		self.assertEqual(undeclared(["Trip", "Home Visit"]), ["Home Visit"])

	def test_role_permissions_say_what_the_declaration_says(self):
		wrong = {}
		for doctype in declaration.app_doctypes():
			if frappe.get_meta(doctype).istable:
				continue
			declared, actual = set(declaration.readers_of(doctype)), role_readers(doctype)
			if declared != actual:
				wrong[doctype] = {"declared": sorted(declared), "role permissions": sorted(actual)}
		self.assertEqual(wrong, {})

	def test_no_field_of_the_app_is_hidden_by_a_permission_level(self):
		"""Frappe v15 checks levels on the fields a query returns, not on its filters: data that only
		some may read lives in a doctype of its own, where role permissions alone guard it."""
		levelled = [
			f"{doctype}.{df.fieldname}"
			for doctype in declaration.app_doctypes()
			for df in frappe.get_meta(doctype).fields
			if df.permlevel
		]
		self.assertEqual(levelled, [])

	def test_special_category_lives_in_doctypes_read_by_one_role(self):
		for entry in declaration.DECLARATION:
			if entry.special_fields and entry.doctype != "Gateway Participant":
				self.assertEqual(len(declaration.readers_of(entry.doctype)), 1, entry.doctype)
		self.assertEqual(declaration.readers_of("Registration Needs"), (declaration.ORGANISER_ROLE,))

	def test_every_carrier_has_its_reference_fields_and_hooks(self):
		hooks_read = frappe.get_hooks("has_permission")
		hooks_list = frappe.get_hooks("permission_query_conditions")
		for entry in declaration.CARRIERS:
			with self.subTest(carrier=entry.doctype):
				meta = frappe.get_meta(entry.doctype)
				self.assertTrue(meta.has_field(entry.reference_doctype))
				self.assertTrue(meta.has_field(entry.reference_name))
				self.assertIn("slup_crm.privacy.carriers.has_permission", hooks_read.get(entry.doctype, []))
				self.assertIn(
					"slup_crm.privacy.carriers.permission_query_conditions", hooks_list.get(entry.doctype, [])
				)


class TestCarriers(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		gateway_users()
		make_user(STAFF, "SLUP Staff")
		make_user(SYSTEM_MANAGER, "System Manager")
		cls.participant = make_participant(make_project().name)

	def test_who_may_not_read_a_doctype(self):
		self.assertIn("Gateway Participant", unreadable_doctypes(STAFF))
		self.assertIn("Registration Needs", unreadable_doctypes(STAFF))
		self.assertNotIn("Trip", unreadable_doctypes(STAFF))
		self.assertNotIn("Gateway Participant", unreadable_doctypes(COORDINATOR))
		self.assertIn("Gateway Participant", unreadable_doctypes(SYSTEM_MANAGER))
		self.assertEqual(unreadable_doctypes("Administrator"), ())

	def test_a_participants_stage_changes_are_for_coordinators(self):
		rows = {"reference_doctype": "Gateway Participant", "reference_name": self.participant.name}
		self.assertTrue(frappe.db.exists("Stage Change", rows))
		with self.set_user(STAFF):
			self.assertEqual(frappe.get_list("Stage Change", filters=rows), [])
			self.assertTrue(frappe.get_list("Stage Change", limit=1) is not None)
			change = frappe.get_doc("Stage Change", frappe.db.get_value("Stage Change", rows))
			self.assertFalse(change.has_permission("read"))
		with self.set_user(COORDINATOR):
			self.assertTrue(frappe.get_list("Stage Change", filters=rows))

	def test_system_managers_audit_who_read_a_participant(self):
		"""The View Log names the participant by ID and the reader: the auditor reads it."""
		frappe.get_doc(
			{
				"doctype": "View Log",
				"viewed_by": COORDINATOR,
				"reference_doctype": "Gateway Participant",
				"reference_name": self.participant.name,
			}
		).insert(ignore_permissions=True)
		rows = {"reference_doctype": "Gateway Participant", "reference_name": self.participant.name}
		with self.set_user(SYSTEM_MANAGER):
			self.assertTrue(frappe.get_list("View Log", filters=rows))
		with self.set_user(STAFF):
			self.assertFalse(frappe.has_permission("View Log", "read"))

	def test_a_participants_comments_are_for_coordinators_not_system_managers(self):
		comment = self.participant.add_comment("Comment", "Ringde i dag")
		with self.set_user(SYSTEM_MANAGER):
			self.assertEqual(frappe.get_list("Comment", filters={"name": comment.name}), [])
			self.assertFalse(frappe.get_doc("Comment", comment.name).has_permission("read"))
		with self.set_user("Administrator"):
			self.assertTrue(frappe.get_list("Comment", filters={"name": comment.name}))


class TestParticipantAudit(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		gateway_users()

	def test_a_change_says_who_which_field_and_when_without_the_values(self):
		participant = make_participant(make_project().name, phone="070-111 22 33")
		with self.set_user(COORDINATOR):
			participant.reload()
			participant.phone = "070-999 88 77"
			participant.next_step = "Ring om praktikplats"
			participant.save(ignore_version=False)  # Frappe keeps no versions in tests unless asked
		version = frappe.get_last_doc(
			"Version", filters={"ref_doctype": "Gateway Participant", "docname": participant.name}
		)
		self.assertEqual(version.owner, COORDINATOR)
		changed = {field: (old, new) for field, old, new in json.loads(version.data)["changed"]}
		self.assertEqual(changed["phone"], (HIDDEN, HIDDEN))
		self.assertEqual(changed["next_step"], (HIDDEN, HIDDEN))
		self.assertNotIn("070", version.data)
		self.assertNotIn("praktikplats", version.data)

	def test_other_doctypes_keep_their_values(self):
		from tests.support.factories import make_organisation

		organisation = make_organisation()
		organisation.reload()
		organisation.notes = "Ny anteckning"
		organisation.save(ignore_version=False)
		version = frappe.get_last_doc(
			"Version", filters={"ref_doctype": "Organisation", "docname": organisation.name}
		)
		self.assertIn("Ny anteckning", version.data)


class TestNeedsPatch(FrappeTestCase):
	def test_versions_of_registrations_lose_the_needs_they_carried(self):
		from slup_crm.patches.keep_needs_apart import remove_needs_from_versions

		def version(changed):
			doc = frappe.get_doc(
				{
					"doctype": "Version",
					"ref_doctype": "Activity Registration",
					"docname": "REG-TEST-PATCH",
					"data": json.dumps({"changed": changed, "added": [], "removed": [], "row_changed": []}),
				}
			)
			doc.db_insert()
			return doc

		only_needs = version([["dietary_needs", "", "Glutenfri"]])
		mixed = version([["accessibility_needs", "", "Rullstol"], ["phone", "070", "071"]])
		remove_needs_from_versions()
		self.assertFalse(frappe.db.exists("Version", only_needs.name))
		data = frappe.db.get_value("Version", mixed.name, "data")
		self.assertNotIn("Rullstol", data)
		self.assertIn("071", data)


class TestPseudonymPatch(FrappeTestCase):
	def test_an_old_pseudonym_gets_the_new_ending_once(self):
		from slup_crm.patches.one_pseudonym_form import execute
		from slup_crm.privacy.anonymiser import pseudonym_for
		from tests.support.factories import make_registration, make_trip

		registration = make_registration(make_trip())
		new = pseudonym_for("gammal.person@example.se")
		old = new.replace("@anonymised.invalid", "@invalid")
		frappe.db.set_value("Activity Registration", registration.name, "email", old)
		execute()
		execute()
		self.assertEqual(frappe.db.get_value("Activity Registration", registration.name, "email"), new)
