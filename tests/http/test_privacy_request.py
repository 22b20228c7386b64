"""The public request to erase one's data, for a registrant who has no account (gunicorn).

Frappe v15's own flow: the person asks on /request-for-account-deletion, confirms by the signed
link e-mailed to them, a System Manager approves; approving an address without a User failed
with "User ... not found" before the app's override.
"""

import email
import email.policy
import html
import json
import random
import re
import time
from urllib.parse import urlsplit

import frappe
import pytest
from frappe.utils import random_string
from frappe.utils.background_jobs import get_queue

from slup_crm.privacy.anonymiser import pseudonym_for
from tests.support.factories import ensure_outgoing_email_account, make_registration, make_trip, make_user

ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
RUN_DOC_METHOD = "/api/method/run_doc_method"
PASSWORD = "Privacy-Test-5931"
REQUEST = "Personal Data Deletion Request"


def client_address() -> str:
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def run_queued_erasure(name: str) -> None:
	"""The erasure runs in Frappe's background queue ("long"). The test server's worker may be
	busy with other jobs of the bench: take this request's job off the queue and run it here, as
	the worker would; if the worker has taken it already, wait for it (bounded)."""
	frappe.db.commit()
	queue = get_queue("long")
	for job in queue.get_jobs():
		args = job.kwargs or {}
		if args.get("site") == frappe.local.site and (args.get("kwargs") or {}).get("name") == name:
			if queue.remove(job):  # removed by this process: no worker will run it
				frappe.get_doc(REQUEST, name)._anonymize_data()
				frappe.db.commit()
				return
	deadline = time.monotonic() + 60
	while frappe.db.get_value(REQUEST, name, "status") != "Deleted" and time.monotonic() < deadline:
		time.sleep(0.5)
		frappe.db.commit()  # a fresh transaction sees what the worker committed


def verification_link(address: str) -> str:
	frappe.db.commit()
	parents = frappe.get_all("Email Queue Recipient", {"recipient": address}, pluck="parent")
	for raw in frappe.get_all("Email Queue", {"name": ("in", parents)}, pluck="message"):
		body = email.message_from_string(raw, policy=email.policy.default).get_body(("html",)).get_content()
		found = re.search(r'href="([^"]*confirm_deletion[^"]*)"', body)
		if found:
			return html.unescape(found.group(1))
	raise AssertionError(f"no verification link was e-mailed to {address}")


@pytest.fixture
def registrant():
	"""A committed registration of someone without an account; everything removed afterwards."""
	ensure_outgoing_email_account()
	address = f"utan.konto.{random_string(8).lower()}@example.se"
	trip = make_trip()
	registration = make_registration(trip, email=address, last_name=f"Kontolös{random_string(5)}")
	manager = make_user("privacy-system-manager@example.se", "System Manager")
	manager.new_password = PASSWORD
	manager.save(ignore_permissions=True)
	frappe.db.commit()
	yield frappe._dict(address=address, registration=registration, trip=trip, manager=manager.name)
	frappe.db.rollback()
	for name in frappe.get_all(REQUEST, {"email": address}, pluck="name"):
		frappe.delete_doc(REQUEST, name, force=True, ignore_permissions=True)
	frappe.db.delete("Activity Registration", {"name": registration.name})
	frappe.delete_doc("Trip", trip.name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_a_person_without_an_account_asks_confirms_and_is_erased(server, registrant):
	assert not frappe.db.exists("User", registrant.address)

	# The public page the app's pages link to, as a guest.
	page = server.session().get(server.url + "/request-for-account-deletion", timeout=60)
	assert page.status_code == 200
	footer = server.session().get(server.url + "/activities", timeout=60)
	assert 'href="/request-for-account-deletion"' in footer.text

	# 1. The request, through Frappe's public web form.
	response = server.session().post(
		server.url + ACCEPT,
		data={"web_form": "request-to-delete-data", "data": json.dumps({"email": registrant.address})},
		headers={"X-Forwarded-For": client_address()},
		timeout=60,
	)
	assert response.status_code == 200, response.text
	frappe.db.commit()
	[name] = frappe.get_all(REQUEST, {"email": registrant.address}, pluck="name")

	# 2. The person opens the signed link e-mailed to them.
	link = urlsplit(verification_link(registrant.address))
	confirmed = server.session().get(f"{server.url}{link.path}?{link.query}", timeout=60)
	assert confirmed.status_code == 200
	frappe.db.commit()
	assert frappe.db.get_value(REQUEST, name, "status") == "Pending Approval"

	# 3. A System Manager approves over the REST API: no "User ... not found" any more.
	manager = server.login(registrant.manager, PASSWORD)
	approved = manager.post(
		server.url + RUN_DOC_METHOD,
		data={"dt": REQUEST, "dn": name, "method": "trigger_data_deletion"},
		timeout=120,
	)
	assert approved.status_code == 200, approved.text

	run_queued_erasure(name)

	assert frappe.db.get_value(REQUEST, name, "status") == "Deleted"
	stored = frappe.db.get_value(
		"Activity Registration", registrant.registration.name, ["email", "last_name", "status"], as_dict=True
	)
	# One pseudonym per person, the one retention gives too; the request keeps it, not the address.
	assert stored.email == pseudonym_for(registrant.address)
	assert frappe.db.get_value(REQUEST, name, "email") == pseudonym_for(registrant.address)
	assert stored.last_name == "REDACTED"
	assert stored.status == registrant.registration.status
	assert not frappe.db.exists("Activity Registration", {"email": registrant.address})


def test_guest_registration_keeps_its_special_category_needs_and_consent_version(server):
	"""Dietary needs go to Registration Needs, which the public cannot read, yet the public form
	stores them there; the registration records the notice version."""
	from tests.support.factories import registration_values

	ensure_outgoing_email_account()
	trip = make_trip()
	frappe.db.commit()
	values = registration_values(trip, dietary_needs="Vegetarisk")
	values.pop("doctype")
	try:
		response = server.session().post(
			server.url + ACCEPT,
			data={"web_form": "trip-registration", "data": json.dumps(values)},
			headers={"X-Forwarded-For": client_address()},
			timeout=60,
		)
		assert response.status_code == 200, response.text
		frappe.db.commit()
		stored = frappe.db.get_value(
			"Activity Registration", {"email": values["email"]}, ["name", "privacy_notice"], as_dict=True
		)
		assert frappe.db.get_value("Registration Needs", stored.name, "dietary_needs") == "Vegetarisk"
		assert stored.privacy_notice == frappe.get_last_doc("Privacy Notice", order_by="version desc").name
	finally:
		frappe.db.rollback()
		for name in frappe.get_all("Activity Registration", {"trip": trip.name}, pluck="name"):
			frappe.db.delete("Registration Needs", {"registration": name})
		frappe.db.delete("Activity Registration", {"trip": trip.name})
		frappe.delete_doc("Trip", trip.name, force=True, ignore_permissions=True)
		frappe.db.commit()
