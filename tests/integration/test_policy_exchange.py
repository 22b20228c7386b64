"""The policy exchange: who takes part, its e-mail group and its meetings' invitees."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from slup_crm.development import policy_exchange
from tests.support.factories import (
	make_contact,
	make_exchange_member,
	make_meeting,
	make_municipality,
	make_organisation,
	make_policy_adoption,
)


def on_email_group(email: str) -> bool:
	return bool(
		frappe.db.exists(
			"Email Group Member",
			{"email_group": policy_exchange.EMAIL_GROUP, "email": email, "unsubscribed": 0},
		)
	)


class TestPolicyExchange(FrappeTestCase):
	def test_a_municipality_joins_and_its_contact_is_on_the_email_group(self):
		member = make_exchange_member()
		self.assertEqual(member.status, "Active")
		self.assertTrue(policy_exchange.is_member(member.organisation))
		self.assertTrue(on_email_group(member.contact_email))
		self.assertIn(member.organisation, [row.organisation for row in policy_exchange.members()])

	def test_a_region_may_join_but_an_association_may_not(self):
		region = make_organisation(organisation_type="Region").name
		self.assertEqual(make_exchange_member(region).status, "Active")
		association = make_organisation().name
		with self.assertRaisesRegex(frappe.ValidationError, "neither a municipality nor a region"):
			make_exchange_member(association)
		self.assertFalse(frappe.db.exists("Policy Exchange Member", {"organisation": association}))

	def test_leaving_takes_the_member_off_the_list_and_the_email_group(self):
		member = make_exchange_member()
		member.left_on = getdate()
		member.save()
		self.assertEqual(member.status, "Left")
		self.assertFalse(policy_exchange.is_member(member.organisation))
		self.assertFalse(on_email_group(member.contact_email))
		self.assertNotIn(member.organisation, [row.organisation for row in policy_exchange.members()])
		# Joining again: the leaving day is cleared.
		member.left_on = None
		member.save()
		self.assertTrue(on_email_group(member.contact_email))

	def test_a_leaving_day_ahead_keeps_the_member_until_the_daily_job_on_that_day(self):
		member = make_exchange_member()
		member.left_on = add_days(getdate(), 5)
		member.save()
		self.assertEqual(member.status, "Active")
		frappe.db.set_value("Policy Exchange Member", member.name, "left_on", add_days(getdate(), -1))
		policy_exchange.refresh_statuses()
		self.assertEqual(frappe.db.get_value("Policy Exchange Member", member.name, "status"), "Left")
		self.assertFalse(on_email_group(member.contact_email))

	def test_a_replaced_contact_leaves_the_email_group(self):
		member = make_exchange_member()
		old_email = member.contact_email
		new_contact = make_contact(organisation=member.organisation, email="ny-kontakt-pex@example.se")
		member.contact = new_contact.name
		member.save()
		self.assertFalse(on_email_group(old_email))
		self.assertTrue(on_email_group("ny-kontakt-pex@example.se"))

	def test_deleting_a_member_takes_its_contact_off_the_email_group(self):
		member = make_exchange_member()
		member.delete()
		self.assertFalse(on_email_group(member.contact_email))

	def test_the_contact_must_be_the_organisations_and_have_an_email(self):
		municipality = make_municipality()
		stranger = make_contact(email="frammande-pex@example.se").name
		with self.assertRaisesRegex(frappe.ValidationError, "is not a contact of"):
			make_exchange_member(municipality, contact=stranger)
		no_email = make_contact(organisation=municipality).name
		with self.assertRaisesRegex(frappe.ValidationError, "has no e-mail address"):
			make_exchange_member(municipality, contact=no_email)

	def test_dates_in_order_and_not_ahead(self):
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be in the future"):
			make_exchange_member(joined_on=add_days(getdate(), 1))
		with self.assertRaisesRegex(frappe.ValidationError, "before it joined"):
			make_exchange_member(left_on=add_days(getdate(), -20))

	def test_one_member_record_per_organisation(self):
		member = make_exchange_member()
		with self.assertRaises(frappe.DuplicateEntryError):
			make_exchange_member(member.organisation)

	def test_a_policy_exchange_meeting_invites_the_active_members(self):
		active = make_exchange_member()
		gone = make_exchange_member()
		gone.left_on = getdate()
		gone.save()
		meeting = make_meeting(group="Policy exchange")
		contacts = {row.contact for row in meeting.attendees}
		self.assertIn(active.contact, contacts)
		self.assertNotIn(gone.contact, contacts)
		self.assertEqual(
			{row.organisation for row in meeting.attendees if row.contact == active.contact},
			{active.organisation},
		)
		# Other groups' meetings invite nobody of their own accord.
		self.assertEqual(make_meeting().attendees, [])

	def test_the_policy_adoption_form_says_whether_the_municipality_takes_part(self):
		member = make_exchange_member()
		adoption = make_policy_adoption(member.organisation)
		adoption.run_method("onload")
		self.assertEqual(adoption.get_onload().policy_exchange_member.status, "Active")
		outsider = make_policy_adoption()
		outsider.run_method("onload")
		self.assertIsNone(outsider.get_onload().get("policy_exchange_member"))


class TestPolicyExchangePatch(FrappeTestCase):
	"""Sites of earlier versions kept the check "Joins the Policy Exchange" on the policy adoption."""

	def test_each_checked_adoption_with_a_contact_becomes_a_member_once(self):
		from slup_crm.patches import policy_exchange_members

		table = "`tabPolicy Adoption`"
		# A site upgraded from a version with the check box keeps its column (migrate drops none).
		had_column = frappe.db.has_column("Policy Adoption", "join_policy_exchange")
		if not had_column:
			frappe.db.sql_ddl(
				f"ALTER TABLE {table} ADD COLUMN join_policy_exchange int(1) NOT NULL DEFAULT 0"
			)
			frappe.cache.hdel("table_columns", "tabPolicy Adoption")
		made = []
		try:
			municipality = make_municipality()
			contact = make_contact(organisation=municipality, email="patch-pex@example.se").name
			with_contact = make_policy_adoption(municipality, contact_person=contact)
			without = make_policy_adoption(make_municipality())
			made = [with_contact, without]
			adoption = frappe.qb.DocType("Policy Adoption")
			frappe.qb.update(adoption).set(adoption.join_policy_exchange, 1).where(
				adoption.name.isin([with_contact.name, without.name])
			).run()
			policy_exchange_members.execute()
			policy_exchange_members.execute()
			self.assertEqual(
				frappe.get_all(
					"Policy Exchange Member", filters={"organisation": municipality}, pluck="contact"
				),
				[contact],
			)
			self.assertFalse(
				frappe.db.exists("Policy Exchange Member", {"organisation": without.municipality})
			)
		finally:
			# The column's DDL commits: what the test made is removed by hand.
			for doc in made:
				frappe.db.delete("Policy Exchange Member", {"organisation": doc.municipality})
				frappe.db.delete("Stage Change", {"reference_name": doc.name})
				frappe.db.delete("Policy Adoption", {"name": doc.name})
			if made:
				frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
			for doc in made:
				frappe.delete_doc("Organisation", doc.municipality, force=True, ignore_permissions=True)
			if not had_column:
				frappe.db.sql_ddl(f"ALTER TABLE {table} DROP COLUMN join_policy_exchange")
				frappe.cache.hdel("table_columns", "tabPolicy Adoption")
			policy_exchange.sync_email_group()
			frappe.db.commit()
		self.assertEqual(frappe.db.has_column("Policy Adoption", "join_policy_exchange"), had_column)
