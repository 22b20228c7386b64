import email
import email.policy
import html
import re

import frappe
from frappe.tests.utils import FrappeTestCase

from slup_crm.meetings.newsletter import (
	NEWSLETTER_GROUP,
	get_newsletter_group,
	is_subscribed,
	opt_in_contact,
	opt_out_contact,
	subscribe,
)
from tests.support.factories import ensure_outgoing_email_account, make_contact, pipeline_users


def confirmation_mails(email):
	"""Frappe's confirmation e-mails queued for one address."""
	queue = frappe.get_all("Email Queue Recipient", filters={"recipient": email}, pluck="parent")
	return frappe.get_all(
		"Email Queue",
		filters={"name": ("in", queue or [""])},
		fields=["name", "message"],
		order_by="creation asc",
	)


def confirm_link(mail) -> str:
	"""The signed confirmation link in one of Frappe's confirmation e-mails."""
	body = (
		email.message_from_string(mail.message, policy=email.policy.default).get_body(("html",)).get_content()
	)
	return html.unescape(re.search(r'href="([^"]*confirm_subscription[^"]*)"', body).group(1))


def members(email):
	return frappe.get_all(
		"Email Group Member",
		filters={"email_group": NEWSLETTER_GROUP, "email": email},
		fields=["name", "unsubscribed"],
	)


class TestNewsletter(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()
		cls.staff, _manager = pipeline_users()

	def test_newsletter_list_is_a_frappe_email_group(self):
		self.assertEqual(get_newsletter_group(), NEWSLETTER_GROUP)
		self.assertTrue(frappe.db.exists("Email Group", NEWSLETTER_GROUP))

	def test_public_subscription_waits_for_confirmation(self):
		with self.set_user("Guest"):
			result = subscribe("  ny.prenumerant@example.se ")
		self.assertIn("confirm", result["message"])
		self.assertEqual(members("ny.prenumerant@example.se"), [])  # nothing before the link is opened
		[mail] = confirmation_mails("ny.prenumerant@example.se")
		link = confirm_link(mail)
		self.assertIn("/api/method/frappe.email.doctype.newsletter.newsletter.confirm_subscription?", link)
		self.assertIn("_signature=", link)

	def test_invalid_or_hostile_addresses_are_refused(self):
		for address in [
			"",
			"   ",
			"inte-en-adress",
			"a@b.se, c@d.se",
			"<script>@x.se",
			"x" * 140 + "@example.se",
			None,
		]:
			with self.assertRaises(frappe.ValidationError, msg=repr(address)):
				subscribe(address)
		self.assertEqual(frappe.get_all("Email Group Member", {"email": ("like", "%script%")}), [])

	def test_subscribed_address_gets_the_same_answer_and_a_mail_saying_so(self):
		contact = make_contact("Karin", email="karin.news@example.se")
		opt_in_contact(contact.name)
		answer = subscribe("karin.news@example.se")
		self.assertEqual(answer, subscribe("helt.ny@example.se"))
		[mail] = confirmation_mails("karin.news@example.se")
		self.assertIn("You already receive the newsletter", mail.message)
		self.assertNotIn("confirm_subscription", mail.message)

	def test_staff_opt_contact_in_and_out(self):
		contact = make_contact("Olle", email="olle.news@example.se")
		with self.set_user(self.staff):
			opt_in_contact(contact.name)
			self.assertTrue(is_subscribed("olle.news@example.se"))
			opt_out_contact(contact.name)
		self.assertFalse(is_subscribed("olle.news@example.se"))
		self.assertEqual(
			[m.unsubscribed for m in members("olle.news@example.se")], [1]
		)  # the opt-out is kept
		with self.set_user(self.staff):
			opt_in_contact(contact.name)
		self.assertEqual([m.unsubscribed for m in members("olle.news@example.se")], [0])

	def test_opted_out_contact_is_not_a_newsletter_recipient(self):
		stays, leaves = (
			make_contact("Stina", email="stina.news@example.se"),
			make_contact("Lars", email="lars.news@example.se"),
		)
		opt_in_contact(stays.name)
		opt_in_contact(leaves.name)
		opt_out_contact(leaves.name)
		newsletter = frappe.get_doc(
			{
				"doctype": "Newsletter",
				"subject": "Nyhetsbrev",
				"sender_email": "noreply@example.se",
				"content_type": "Rich Text",
				"message": "<p>Hej</p>",
				"email_group": [{"email_group": NEWSLETTER_GROUP}],
			}
		).insert()
		recipients = newsletter.get_recipients()
		self.assertIn("stina.news@example.se", recipients)
		self.assertNotIn("lars.news@example.se", recipients)

	def test_contact_without_email_cannot_be_opted_in(self):
		with self.assertRaisesRegex(frappe.ValidationError, "no e-mail address"):
			opt_in_contact(make_contact("Utan").name)

	def test_opting_in_needs_write_permission_on_the_contact(self):
		contact = make_contact("Eva", email="eva.news@example.se")
		with self.set_user("Guest"):
			with self.assertRaises(frappe.PermissionError):
				opt_in_contact(contact.name)
		self.assertEqual(members("eva.news@example.se"), [])

	def test_opted_out_address_can_subscribe_again_with_confirmation(self):
		contact = make_contact("Per", email="per.news@example.se")
		opt_in_contact(contact.name)
		opt_out_contact(contact.name)
		subscribe("per.news@example.se")
		self.assertEqual(len(confirmation_mails("per.news@example.se")), 1)
		self.assertFalse(is_subscribed("per.news@example.se"))  # still nothing until confirmed
