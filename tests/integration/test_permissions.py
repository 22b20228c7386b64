import frappe
from frappe.tests.utils import FrappeTestCase

from tests.support.factories import make_address, make_contact, make_membership, make_organisation, make_user

STAFF = "slup-staff@example.se"
MANAGER = "slup-manager@example.se"
WEBSITE_USER = "public-person@example.se"


class TestRolesAndPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(STAFF, "SLUP Staff")
		make_user(MANAGER, "SLUP Manager")
		user = make_user(WEBSITE_USER)
		user.user_type = "Website User"
		user.save(ignore_permissions=True)

	def test_roles_exist(self):
		for role in ("SLUP Staff", "SLUP Manager"):
			self.assertTrue(frappe.db.exists("Role", role))

	def test_staff_creates_and_edits_organisations_but_cannot_delete(self):
		with self.set_user(STAFF):
			org = make_organisation()
			org.notes = "<p>Träffades på Försäkringskassan</p>"
			org.save()
			make_membership(org.name)
			self.assertTrue(frappe.has_permission("Contact", "create"))
			self.assertFalse(frappe.has_permission("Organisation", "delete", doc=org.name))
			with self.assertRaises(frappe.PermissionError):
				frappe.delete_doc("Organisation", org.name)
			self.assertFalse(frappe.has_permission("SLUP Settings", "write"))
			self.assertFalse(frappe.has_permission("Organisation", "report"))

	def test_manager_deletes_and_changes_settings(self):
		with self.set_user(MANAGER):
			org = make_organisation()
			self.assertTrue(frappe.has_permission("Organisation", "report"))
			frappe.delete_doc("Organisation", org.name)
			settings = frappe.get_doc("SLUP Settings")
			settings.annual_fee = 600
			settings.save()
		self.assertFalse(frappe.db.exists("Organisation", org.name))

	def test_guest_and_website_user_read_nothing(self):
		org = make_organisation()
		contact = make_contact(organisation=org.name)
		address = make_address(org.name)
		for user in ("Guest", WEBSITE_USER):
			with self.set_user(user):
				for doctype in ("Organisation", "Membership", "County", "SLUP Settings"):
					self.assertFalse(frappe.has_permission(doctype, "read"), f"{user} reads {doctype}")
				with self.assertRaises(frappe.PermissionError):
					frappe.get_list("Organisation")
				try:
					visible_contacts = frappe.get_list("Contact", pluck="name")
				except frappe.PermissionError:
					visible_contacts = []
				self.assertNotIn(contact.name, visible_contacts)
				self.assertFalse(frappe.has_permission("Contact", "read", doc=contact.name))
				self.assertFalse(frappe.has_permission("Address", "read", doc=address.name))
