"""Newsletter subscription from the public pages, with Frappe's confirmed opt-in (gunicorn)."""

import email
import email.policy
import html
import random
import re
from urllib.parse import urlsplit

import frappe
import pytest

from slup_crm.meetings.newsletter import NEWSLETTER_GROUP, get_newsletter_group
from tests.support.factories import ensure_outgoing_email_account

SUBSCRIBE = "/api/method/slup_crm.meetings.newsletter.subscribe"


def client_address() -> str:
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


@pytest.fixture
def address():
	ensure_outgoing_email_account()
	get_newsletter_group()
	frappe.db.commit()
	email_address = f"prenumerant.{frappe.generate_hash(length=8)}@example.se"
	yield email_address
	frappe.db.rollback()
	queue = frappe.get_all("Email Queue Recipient", {"recipient": email_address}, pluck="parent")
	for name in queue:
		frappe.delete_doc("Email Queue", name, force=True, ignore_permissions=True)
	frappe.db.delete("Email Group Member", {"email": email_address})
	frappe.db.commit()


def subscribe(server, email_address, ip=None):
	return server.session().post(
		server.url + SUBSCRIBE,
		data={"email": email_address},
		headers={"X-Forwarded-For": ip or client_address()},
		timeout=60,
	)


def confirmation_link(email_address) -> str:
	frappe.db.rollback()
	[parent] = frappe.get_all("Email Queue Recipient", {"recipient": email_address}, pluck="parent")
	raw = frappe.db.get_value("Email Queue", parent, "message")
	body = email.message_from_string(raw, policy=email.policy.default).get_body(("html",)).get_content()
	return html.unescape(re.search(r'href="([^"]*confirm_subscription[^"]*)"', body).group(1))


def is_member(email_address) -> bool:
	frappe.db.rollback()
	return bool(
		frappe.db.exists(
			"Email Group Member", {"email_group": NEWSLETTER_GROUP, "email": email_address, "unsubscribed": 0}
		)
	)


def test_public_page_has_the_subscription_form(server):
	r = server.session().get(server.url + "/newsletter", headers={"Accept": "text/html"}, timeout=60)
	assert r.status_code == 200
	assert "newsletter-email" in r.text


def test_subscriber_is_added_only_after_opening_the_signed_link(server, address):
	r = subscribe(server, address)
	assert r.status_code == 200, r.text
	assert not is_member(address)
	link = urlsplit(confirmation_link(address))
	# A link whose address was changed does not carry Frappe's signature: nobody is added.
	tampered = link.query.replace("prenumerant.", "annan.")
	server.session().get(f"{server.url}{link.path}?{tampered}", timeout=60)
	assert not is_member(address)
	assert not is_member(address.replace("prenumerant.", "annan."))
	r = server.session().get(f"{server.url}{link.path}?{link.query}", timeout=60)
	assert r.status_code == 200, r.text
	assert is_member(address)


def test_invalid_address_is_refused(server, address):
	r = subscribe(server, "<img src=x onerror=alert(1)>@example.se")
	assert r.status_code == 417
	assert "valid e-mail address" in r.text


def test_subscription_requests_are_rate_limited(server, address):
	ip = client_address()
	codes = [subscribe(server, address, ip).status_code for _ in range(6)]
	assert codes[:5] == [200] * 5
	assert codes[5] == 429


def test_an_address_already_subscribed_gets_the_same_answer_and_an_e_mail(server, address):
	frappe.get_doc(
		{"doctype": "Email Group Member", "email_group": get_newsletter_group(), "email": address}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	stranger = f"ny.{frappe.generate_hash(length=8)}@example.se"
	try:
		known, unknown = subscribe(server, address), subscribe(server, stranger)
		assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
		frappe.db.rollback()
		[parent] = frappe.get_all("Email Queue Recipient", {"recipient": address}, pluck="parent")
		assert "already receive" in frappe.db.get_value("Email Queue", parent, "message")
	finally:
		frappe.db.rollback()
		for name in frappe.get_all("Email Queue Recipient", {"recipient": stranger}, pluck="parent"):
			frappe.delete_doc("Email Queue", name, force=True, ignore_permissions=True)
		frappe.db.commit()
