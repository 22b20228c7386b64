"""A development site gets users with a known password only when it holds nothing but the demo."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate
from frappe.utils.password import check_password

from slup_crm.insights.my_work import get_my_work
from slup_crm.setup import demo, dev
from tests.support.factories import make_organisation, make_policy_adoption, make_startup
from tests.support.gateway import make_participant


def dev_users() -> list[str]:
	return frappe.get_all("User", {"name": ("in", [user.email for user in dev.DEV_USERS])}, pluck="name")


class TestDevSetup(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()  # each test starts from the site as the class found it

	def test_a_site_with_data_of_its_own_is_refused_and_gets_no_user(self):
		make_organisation(organisation_name="Föreningen Verklig Data")
		organisations = demo.data_of_its_own()["Organisation"]
		with self.assertRaises(dev.NotADevSite) as refusal:
			dev.setup()
		self.assertIn(f"Organisation ({organisations})", str(refusal.exception))
		self.assertEqual(dev_users(), [])

	def test_a_dev_user_gets_back_its_roles_access_and_password(self):
		manager = next(user for user in dev.DEV_USERS if user.key == "manager")
		dev.make_dev_user(manager)
		user = frappe.get_doc("User", manager.email)
		user.remove_roles("SLUP Manager")
		frappe.db.set_value("User", manager.email, "enabled", 0)
		frappe.utils.password.update_password(manager.email, "someone-elses")
		dev.make_dev_user(manager)
		user.reload()
		self.assertTrue(user.enabled)
		self.assertEqual([row.role for row in user.roles], ["SLUP Manager"])
		self.assertEqual(check_password(manager.email, dev.DEV_PASSWORD), manager.email)

	def test_every_role_of_the_app_has_a_dev_user(self):
		from slup_crm.hooks import fixtures

		app_roles = next(entry for entry in fixtures if entry["dt"] == "Role")["filters"][0][2]
		self.assertEqual({role for user in dev.DEV_USERS for role in user.roles}, set(app_roles))

	def test_open_work_that_nobody_answers_for_is_given_to_the_dev_user_who_would_follow_it(self):
		email = {user.key: user.email for user in dev.DEV_USERS}
		for user in dev.DEV_USERS:
			dev.make_dev_user(user)
		nobodys = make_policy_adoption(next_step="Ring kommunen", next_step_due=add_days(getdate(), 3))
		someones = make_policy_adoption(responsible="Administrator")
		closed = make_startup()
		frappe.db.set_value("Social Enterprise Startup", closed.name, "stage", "Discontinued")
		participant = make_participant()
		self.assertGreaterEqual(dev.assign_demo_work(), 2)
		responsible = lambda doc: frappe.db.get_value(doc.doctype, doc.name, "responsible")  # noqa: E731
		self.assertEqual(responsible(nobodys), email["staff"])
		self.assertEqual(responsible(participant), email["coordinator"])
		self.assertEqual(responsible(someones), "Administrator")
		self.assertIsNone(responsible(closed))
		self.assertEqual(dev.assign_demo_work(), 0)
		frappe.set_user(email["staff"])
		try:
			steps = get_my_work(team=0)["people"][0]["next_steps"]
		finally:
			frappe.set_user("Administrator")
		self.assertIn(nobodys.name, [line["name"] for line in steps])
