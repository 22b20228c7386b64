"""What a guest can do to the public endpoints, and what the site's setup must never cost them
(gunicorn, as production runs Frappe):

- a site without an outgoing e-mail account still takes registrations; the e-mails wait and go
  out when an account is saved;
- a personal link keeps working whatever happens to the site's encryption key;
- garbage, wrong types and oversized values get a 4xx with a clear message, never a 5xx, and no
  response ever carries a Python traceback.
"""

import json
import random

import frappe
import pytest
from cryptography.fernet import Fernet
from frappe.installer import update_site_config
from frappe.utils import add_to_date, now_datetime

from slup_crm.utils.mail import PENDING_EMAIL
from slup_crm.utils.tokens import new_token
from tests.support.factories import (
	TEST_OUTBOX,
	ensure_outgoing_email_account,
	make_contact,
	make_meeting,
	make_organisation,
	make_trip,
	registration_values,
)
from tests.support.mail import cancel_token, wait_for_emails

ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
CANCEL = "/api/method/slup_crm.activities.registration.cancel_by_token"
SUBMIT_REPORT = "/api/method/slup_crm.meetings.reports.submit_report"
SUBSCRIBE = "/api/method/slup_crm.meetings.newsletter.subscribe"
UNREADABLE = "The form was sent in a way we cannot read"


def client_address() -> str:
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def fresh_read():
	frappe.db.commit()


def post(server, path, **kwargs):
	return server.session().post(
		server.url + path, headers={"X-Forwarded-For": client_address()}, timeout=60, **kwargs
	)


def assert_refused_cleanly(r, *, message=None):
	"""A 4xx (or success) with no traceback; a refusal says why in Frappe's message list."""
	assert r.status_code < 500, (r.request.url, r.status_code, r.text[:800])
	assert "Traceback" not in r.text, r.text[:800]
	assert 'File "' not in r.text, r.text[:800]
	if message:
		assert message in r.text, r.text[:800]


def form_data(event, **overrides) -> dict:
	values = registration_values(event, **overrides)
	values.pop("doctype")
	return values


@pytest.fixture
def without_outgoing_account():
	"""The site as a fresh one is: no default outgoing e-mail account (put back afterwards)."""
	ensure_outgoing_email_account()
	frappe.db.set_value("Email Account", TEST_OUTBOX, {"enable_outgoing": 0, "default_outgoing": 0})
	frappe.db.commit()
	frappe.local.outgoing_email_account = {}
	yield
	fresh_read()
	account = frappe.get_doc("Email Account", TEST_OUTBOX)
	if not account.enable_outgoing:
		frappe.db.set_value("Email Account", TEST_OUTBOX, {"enable_outgoing": 1, "default_outgoing": 1})
	frappe.db.commit()


# E-mail setup -----------------------------------------------------------------------------


def test_without_an_outgoing_account_registrations_are_placed_and_their_emails_wait(
	server, trips, without_outgoing_account
):
	trip = trips(seats=1)
	first = post(server, ACCEPT, data={"web_form": "trip-registration", "data": json.dumps(form_data(trip))})
	second = post(server, ACCEPT, data={"web_form": "trip-registration", "data": json.dumps(form_data(trip))})
	assert (first.status_code, second.status_code) == (200, 200), (first.text[:500], second.text[:500])
	assert first.json()["message"]["status"] == "Confirmed"
	assert second.json()["message"]["status"] == "Waitlisted"
	assert second.json()["message"]["__onload"]["waitlist_position"] == 1
	fresh_read()
	names = frappe.get_all("Activity Registration", {"trip": trip.name}, pluck="name", order_by="arrival_no")
	assert len(names) == 2
	# the worker composes them after the requests, to wait for the account
	wait_for_emails(names, PENDING_EMAIL, filters={"status": "Waiting for Account"})
	assert frappe.db.count("Email Queue", {"reference_name": ("in", names)}) == 0
	assert frappe.db.count(PENDING_EMAIL, {"reference_name": ("in", names)}) == 2

	# An administrator sets up the account: the kept e-mails go into Frappe's queue at once.
	account = frappe.get_doc("Email Account", TEST_OUTBOX)
	account.enable_outgoing = 1
	account.default_outgoing = 1
	account.save(ignore_permissions=True)
	frappe.db.commit()
	assert frappe.db.count(PENDING_EMAIL, {"reference_name": ("in", names)}) == 0
	for name in names:
		assert frappe.db.count("Email Queue", {"reference_name": name}) == 1
	# ... and the link in the e-mail that waited works.
	r = post(server, CANCEL, data={"registration": names[0], "token": cancel_token(names[0])})
	assert r.status_code == 200, r.text[:500]
	fresh_read()
	assert frappe.db.get_value("Activity Registration", names[1], "status") == "Confirmed"


def test_cancel_link_still_works_after_the_site_encryption_key_changed(server, trips):
	trip = trips()
	r = post(server, ACCEPT, data={"web_form": "trip-registration", "data": json.dumps(form_data(trip))})
	assert r.status_code == 200, r.text[:500]
	fresh_read()
	name = frappe.db.get_value("Activity Registration", {"trip": trip.name})
	token = cancel_token(name)
	# What a process that read the config before the key existed does: a second key overwrites it.
	original = frappe.get_site_config().get("encryption_key")
	update_site_config("encryption_key", Fernet.generate_key().decode())
	try:
		page = server.session().get(
			f"{server.url}/activities/cancel", params={"registration": name, "token": token}, timeout=30
		)
		assert page.status_code == 200 and "cancel-button" in page.text, page.text[:500]
		r = post(server, CANCEL, data={"registration": name, "token": token})
		assert r.status_code == 200, r.text[:500]
	finally:
		update_site_config("encryption_key", original or "None")  # "None" removes the key
	fresh_read()
	assert frappe.db.get_value("Activity Registration", name, "status") == "Cancelled"


def test_error_responses_carry_no_traceback_for_anyone():
	assert not frappe.db.get_single_value("System Settings", "allow_error_traceback")


# Hostile input ----------------------------------------------------------------------------


def test_web_form_data_that_is_not_a_json_object_gets_a_clear_4xx(server, trips):
	trip = trips()
	for data in ("{not json", "[1, 2, 3]", "42", "null", '"just a string"', "", "x" * 300_000):
		r = post(server, ACCEPT, data={"web_form": "trip-registration", "data": data})
		assert r.status_code == 417, (data[:30], r.status_code, r.text[:300])
		assert_refused_cleanly(r, message=UNREADABLE)
	r = post(server, ACCEPT, data={"web_form": "trip-registration"})
	assert_refused_cleanly(r, message=UNREADABLE)
	assert r.status_code == 417
	for web_form in ("no-such-form", "x" * 5000):
		r = post(server, ACCEPT, data={"web_form": web_form, "data": json.dumps(form_data(trip))})
		assert r.status_code == 404
		assert_refused_cleanly(r, message="The form could not be found")
	r = post(server, ACCEPT, json={"web_form": ["trip-registration"], "data": form_data(trip)})
	assert r.status_code == 404
	assert_refused_cleanly(r)
	fresh_read()
	assert frappe.db.count("Activity Registration", {"trip": trip.name}) == 0


def test_web_form_rate_limit_still_counts_per_client_address_and_form(server, trips):
	trip = trips()
	address = client_address()
	data = {"web_form": "trip-registration", "data": json.dumps(form_data(trip, consent=0))}
	codes = [
		server.session()
		.post(server.url + ACCEPT, data=data, headers={"X-Forwarded-For": address}, timeout=60)
		.status_code
		for _ in range(11)
	]
	assert codes == [417] * 10 + [429], codes


def test_web_form_posted_as_a_json_body_is_accepted(server, trips):
	trip = trips()
	r = post(server, ACCEPT, json={"web_form": "trip-registration", "data": form_data(trip)})
	assert r.status_code == 200, r.text[:500]
	assert r.json()["message"]["status"] == "Confirmed"


def test_web_form_values_of_the_wrong_type_get_a_clear_4xx(server, trips):
	trip = trips()
	cases = [
		form_data(trip, first_name=12345),
		form_data(trip, first_name=["Anna"]),
		form_data(trip, email={"address": "anna@example.se"}),
		form_data(trip, consent="yes please"),
		form_data(trip, consent=[1]),
		form_data(trip, trip=[trip.name]),
		form_data(trip, trip={"name": trip.name}),
		form_data(trip, trip="TRIP-NOPE-" + "9" * 200),
		form_data(trip, phone=4670123456),
		form_data(trip, comments=True),
		form_data(trip, last_name="x" * 100_000),
		{"completely": "different", "fields": 1},
	]
	for data in cases:
		r = post(server, ACCEPT, data={"web_form": "trip-registration", "data": json.dumps(data)})
		assert 400 <= r.status_code < 500, (data, r.status_code, r.text[:300])
		assert_refused_cleanly(r)
		assert "_server_messages" in r.json(), r.text[:300]
	fresh_read()
	assert frappe.db.count("Activity Registration", {"trip": trip.name}) == 0


def test_cancel_endpoint_and_page_refuse_anything_but_a_right_link_with_a_4xx(server, trips):
	trip = trips()
	assert (
		post(
			server, ACCEPT, data={"web_form": "trip-registration", "data": json.dumps(form_data(trip))}
		).status_code
		== 200
	)
	fresh_read()
	name = frappe.db.get_value("Activity Registration", {"trip": trip.name})
	for body in (
		{},
		{"registration": name},
		{"token": "a" * 32},
		{"registration": name, "token": "a" * 100_000},
		{"registration": "x" * 10_000, "token": "a" * 32},
		{"registration": "' OR 1=1 --", "token": "' OR 1=1 --"},
		{"registration": name, "token": "å" * 32},
	):
		r = post(server, CANCEL, data=body)
		assert 400 <= r.status_code < 500, (body, r.status_code, r.text[:300])
		assert_refused_cleanly(r)
	for body in ({"registration": [name], "token": ["a" * 32]}, {"registration": {"a": 1}, "token": 5}):
		r = post(server, CANCEL, json=body)
		assert 400 <= r.status_code < 500, (body, r.status_code, r.text[:300])
		assert_refused_cleanly(r)
	for params in (
		{},
		{"registration": name},
		{"registration": name, "token": "a" * 2000},
		{"registration": [name, name], "token": ["a", "b"]},
		{"registration": "<script>", "token": "%00"},
	):
		r = server.session().get(f"{server.url}/activities/cancel", params=params, timeout=30)
		assert r.status_code == 200, (params, r.status_code)
		assert_refused_cleanly(r, message="This cancel link is not valid")
	fresh_read()
	assert frappe.db.get_value("Activity Registration", name, "status") == "Confirmed"


def test_public_event_pages_and_forms_refuse_garbage_with_a_4xx_or_a_redirect(server, trips):
	trip = trips()
	s = server.session()
	for path in (
		"/activities/trip/TRIP-NOPE",
		"/activities/expedition/" + trip.name,
		"/activities/trip/" + "x" * 3000,
		"/activities/trip/%00%ff",
	):
		r = s.get(server.url + path, timeout=30, allow_redirects=False)
		assert r.status_code in (301, 302, 404), (path, r.status_code)
		assert_refused_cleanly(r)
	for path in ("/trip-registration/list", "/trip-registration/REG-00001", "/trip-registration/%00"):
		r = s.get(server.url + path, timeout=30, allow_redirects=False)
		assert r.status_code in (200, 301, 302, 403, 404), (path, r.status_code)
		assert_refused_cleanly(r)
	for params in ({"trip": "TRIP-NOPE"}, {"trip": [trip.name, "x"]}, {"trip": "x" * 3000}, {}):
		r = s.get(f"{server.url}/trip-registration/new", params=params, timeout=30, allow_redirects=False)
		assert r.status_code in (200, 301, 302), (params, r.status_code)
		assert_refused_cleanly(r)


@pytest.fixture
def report_link():
	"""A committed meeting whose report from one organisation was requested; the link's token."""
	organisation = make_organisation(organisation_name="Robusta " + frappe.generate_hash(length=5))
	contact = make_contact("Majlis", organisation=organisation.name)
	meeting = make_meeting(
		attendees=[{"contact": contact.name, "organisation": organisation.name}],
		report_deadline=add_to_date(now_datetime(), days=3),
	)
	token, token_hash = new_token()
	report = frappe.get_doc(
		{
			"doctype": "Meeting Report",
			"meeting": meeting.name,
			"organisation": organisation.name,
			"token_hash": token_hash,
			"requested_on": now_datetime(),
		}
	).insert()
	frappe.db.commit()
	yield frappe._dict(token=token, report=report.name)
	frappe.db.rollback()
	frappe.db.delete("Meeting Report", report.name)
	frappe.delete_doc("Meeting", meeting.name, force=True, ignore_permissions=True)
	frappe.delete_doc("Contact", contact.name, force=True, ignore_permissions=True)
	frappe.delete_doc("Organisation", organisation.name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_members_report_page_and_endpoint_refuse_garbage_with_a_4xx(server, report_link):
	for body in (
		{},
		{"token": report_link.token},
		{"token": report_link.token, "report": "x" * 100_000},
		{"token": report_link.token, "report": "<script>alert(1)</script>"},
		{"token": "a" * 100_000, "report": "Hej"},
		{"token": "' OR 1=1 --", "report": "Hej"},
	):
		r = post(server, SUBMIT_REPORT, data=body)
		assert 400 <= r.status_code < 500, (str(body)[:80], r.status_code, r.text[:300])
		assert_refused_cleanly(r)
	for body in (
		{"token": [report_link.token], "report": "Hej"},
		{"token": report_link.token, "report": {"a": 1}},
	):
		r = post(server, SUBMIT_REPORT, json=body)
		assert 400 <= r.status_code < 500, (body, r.status_code, r.text[:300])
		assert_refused_cleanly(r)
	for params in ({}, {"token": "a" * 2000}, {"token": ["b", report_link.token]}, {"token": "%00<b>"}):
		r = server.session().get(f"{server.url}/meeting-report", params=params, timeout=30)
		assert r.status_code == 200, (params, r.status_code)
		assert_refused_cleanly(r, message="This report link is not valid")
	frappe.db.rollback()
	assert frappe.db.get_value("Meeting Report", report_link.report, "status") == "Requested"


def test_newsletter_subscription_refuses_garbage_with_a_4xx(server):
	for body in (
		{},
		{"email": ""},
		{"email": "x" * 100_000},
		{"email": "a@b.se, c@d.se"},
		{"email": "<b>@x.se"},
	):
		r = post(server, SUBSCRIBE, data=body)
		assert 400 <= r.status_code < 500, (str(body)[:80], r.status_code, r.text[:300])
		assert_refused_cleanly(r)
	for body in ({"email": ["a@example.se"]}, {"email": {"a": 1}}, {"email": 42}):
		r = post(server, SUBSCRIBE, json=body)
		assert 400 <= r.status_code < 500, (body, r.status_code, r.text[:300])
		assert_refused_cleanly(r)
	confirm = "/api/method/frappe.email.doctype.newsletter.newsletter.confirm_subscription"
	for params in ({}, {"email": "a@example.se"}, {"email": "a@example.se", "_signature": "forged"}):
		r = server.session().get(server.url + confirm, params=params, timeout=30)
		assert_refused_cleanly(r)
	r = server.session().get(f"{server.url}/newsletter", params={"email": ["x", "y"]}, timeout=30)
	assert r.status_code == 200
	assert_refused_cleanly(r)
