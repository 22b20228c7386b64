"""The pre-meeting report link over HTTP, as a member without an account uses it (gunicorn)."""

import random

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime

from slup_crm.meetings.reports import hash_token
from tests.support.factories import make_contact, make_meeting, make_organisation

SUBMIT = "/api/method/slup_crm.meetings.reports.submit_report"


def client_address() -> str:
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


@pytest.fixture
def requested():
	"""A committed meeting whose report from one organisation was requested; the token of its link."""
	organisation = make_organisation(organisation_name="Skyddsvärnet " + frappe.generate_hash(length=5))
	contact = make_contact("Majlis", organisation=organisation.name)
	meeting = make_meeting(
		attendees=[{"contact": contact.name, "organisation": organisation.name}],
		report_deadline=add_to_date(now_datetime(), days=3),
	)
	token = frappe.generate_hash(length=32)
	report = frappe.get_doc(
		{
			"doctype": "Meeting Report",
			"meeting": meeting.name,
			"organisation": organisation.name,
			"token_hash": hash_token(token),
			"requested_on": now_datetime(),
		}
	).insert()
	frappe.db.commit()
	yield frappe._dict(token=token, report=report.name, organisation=organisation)
	frappe.db.rollback()
	frappe.db.delete("Meeting Report", report.name)
	frappe.delete_doc("Meeting", meeting.name, force=True, ignore_permissions=True)
	frappe.delete_doc("Contact", contact.name, force=True, ignore_permissions=True)
	frappe.delete_doc("Organisation", organisation.name, force=True, ignore_permissions=True)
	frappe.db.commit()


def submit(server, token, text, address=None):
	return server.session().post(
		server.url + SUBMIT,
		data={"token": token, "report": text},
		headers={"X-Forwarded-For": address or client_address()},
		timeout=60,
	)


def stored(name):
	frappe.db.rollback()  # read what the server committed
	return frappe.db.get_value("Meeting Report", name, ["status", "report"], as_dict=True)


def test_link_opens_the_form_and_changes_nothing(server, requested):
	r = server.session().get(f"{server.url}/meeting-report?token={requested.token}", timeout=60)
	assert r.status_code == 200
	assert requested.organisation.organisation_name in r.text
	assert "meeting-report-text" in r.text
	assert stored(requested.report).status == "Requested"


def test_guest_sends_the_report_once(server, requested):
	r = submit(server, requested.token, "Vi startar ett nytt kooperativ i Rågsved.")
	assert r.status_code == 200, r.text
	assert stored(requested.report) == {
		"status": "Received",
		"report": "Vi startar ett nytt kooperativ i Rågsved.",
	}
	again = submit(server, requested.token, "En andra version.")
	assert again.status_code == 417, again.text
	assert "already been received" in again.text
	assert stored(requested.report).report == "Vi startar ett nytt kooperativ i Rågsved."
	page = server.session().get(f"{server.url}/meeting-report?token={requested.token}", timeout=60)
	assert "already been received" in page.text and "meeting-report-text" not in page.text


def test_script_in_a_report_is_refused_and_nothing_is_saved(server, requested):
	r = submit(server, requested.token, "<script>alert('x')</script>")
	assert r.status_code == 417
	assert stored(requested.report) == {"status": "Requested", "report": None}


def test_guessed_link_shows_an_error_and_accepts_nothing(server, requested):
	guess = frappe.generate_hash(length=32)
	page = server.session().get(f"{server.url}/meeting-report?token={guess}", timeout=60)
	assert page.status_code == 200
	assert "not valid" in page.text and "meeting-report-text" not in page.text
	r = submit(server, guess, "Gissning")
	assert r.status_code == 404, r.text


def test_guessing_is_rate_limited(server, requested):
	address = client_address()
	codes = [submit(server, frappe.generate_hash(length=32), "x", address).status_code for _ in range(21)]
	assert codes[:20] == [404] * 20
	assert codes[20] == 429
	# the rate limit holds even for the right token from that address
	assert submit(server, requested.token, "Nu rätt", address).status_code == 429
