"""Public registration over HTTP, against gunicorn as production runs Frappe."""

import json
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest
from frappe.utils import add_days, today

from slup_crm.fees import ocr
from slup_crm.utils.tokens import hash_token
from tests.support.factories import ensure_outgoing_email_account, make_trip, registration_values
from tests.support.mail import cancel_token, queued_html, wait_for_emails

ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
CANCEL = "/api/method/slup_crm.activities.registration.cancel_by_token"


def client_address() -> str:
	"""A fresh client address: each simulated registrant comes from their own machine
	(Frappe's rate limit counts per first X-Forwarded-For address)."""
	return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def form_data(event, **overrides) -> dict:
	values = registration_values(event, **overrides)
	values.pop("doctype")
	return values


def submit(server, data, web_form="trip-registration", session=None, address=None):
	s = session or server.session()
	return s.post(
		server.url + ACCEPT,
		data={"web_form": web_form, "data": json.dumps(data)},
		headers={"X-Forwarded-For": address or client_address()},
		timeout=60,
	)


def fresh_read():
	"""End this process's transaction, so that it reads what the server committed."""
	frappe.db.commit()


def test_guest_registers_through_the_web_form(server, trips):
	trip = trips(seats=5)
	data = form_data(trip, email="guest.registrant@example.se")
	r = submit(server, data)
	assert r.status_code == 200, r.text
	assert r.json()["message"]["status"] == "Confirmed"
	fresh_read()
	registration = frappe.get_doc("Activity Registration", {"trip": trip.name})
	assert (registration.email, registration.status, registration.consent) == (data["email"], "Confirmed", 1)
	wait_for_emails(registration.name)  # the worker composes it after the request
	assert frappe.db.count("Email Queue", {"reference_name": registration.name}) == 1
	assert frappe.db.get_value("Trip", trip.name, "seats_taken") == 1


def test_fields_outside_the_web_form_are_ignored(server, trips):
	trip = trips(seats=0)
	r = submit(
		server,
		form_data(trip, status="Confirmed", arrival_no=-5, cancel_token="x" * 32, organisation="ORG-1"),
	)
	assert r.status_code == 200, r.text
	fresh_read()
	registration = frappe.get_doc("Activity Registration", {"trip": trip.name})
	assert registration.status == "Waitlisted"
	assert registration.arrival_no == 1
	assert registration.cancel_token != hash_token("x" * 32)
	assert registration.cancel_token == hash_token(cancel_token(registration.name))


def test_posting_a_name_cannot_edit_an_existing_registration(server, trips):
	trip = trips()
	assert submit(server, form_data(trip, email="first@example.se")).status_code == 200
	fresh_read()
	name = frappe.db.get_value("Activity Registration", {"trip": trip.name})
	r = submit(server, {**form_data(trip, email="attacker@example.se"), "name": name})
	assert r.status_code != 200
	fresh_read()
	assert frappe.db.get_value("Activity Registration", name, "email") == "first@example.se"


def test_hostile_input_is_refused_with_a_clear_message_and_nothing_is_saved(server, trips):
	trip = trips()
	cases = [
		(form_data(trip, first_name="<script>alert(1)</script>"), "cannot contain HTML"),
		(form_data(trip, comments="<img src=x onerror=alert(document.cookie)>"), "cannot contain HTML"),
		(form_data(trip, email="not-an-email"), "not a valid e-mail address"),
		(form_data(trip, phone="DROP TABLE"), "not a valid phone number"),
		(form_data(trip, comments="x" * 100_000), "too long"),
		(form_data(trip, consent=0), "consent"),
		(form_data(trip, last_name=""), "Last Name"),
	]
	for data, message in cases:
		r = submit(server, data)
		assert r.status_code == 417, (data, r.status_code, r.text[:300])
		assert message in r.json()["_server_messages"], r.text[:500]
	fresh_read()
	assert frappe.db.count("Activity Registration", {"trip": trip.name}) == 0


def test_malformed_request_is_refused_without_saving(server, trips):
	trip = trips()
	s = server.session()
	for body in ({"web_form": "trip-registration", "data": "{not json"}, {"web_form": "trip-registration"}):
		r = s.post(server.url + ACCEPT, data=body, headers={"X-Forwarded-For": client_address()}, timeout=30)
		assert r.status_code >= 400
	r = s.post(
		server.url + ACCEPT,
		data={
			"web_form": "trip-registration",
			"data": json.dumps(form_data(trip, comments="x" * (30 * 1024 * 1024))),
		},
		headers={"X-Forwarded-For": client_address()},
		timeout=60,
	)
	assert r.status_code == 413
	fresh_read()
	assert frappe.db.count("Activity Registration", {"trip": trip.name}) == 0


def test_form_for_a_closed_or_unpublished_event_is_refused(server, trips):
	closed = trips(registration_deadline=add_days(today(), -1))
	draft = trips(published=0)
	r = submit(server, form_data(closed))
	assert r.status_code == 417 and "closed on" in r.text
	r = submit(server, form_data(draft))
	assert r.status_code == 417 and "not open for registration" in r.text
	s = server.session()
	r = s.get(
		f"{server.url}/trip-registration/new", params={"trip": closed.name}, allow_redirects=False, timeout=30
	)
	assert r.status_code in (301, 302) and r.headers["Location"].endswith(f"/activities/trip/{closed.name}")
	r = s.get(
		f"{server.url}/trip-registration/new", params={"trip": draft.name}, allow_redirects=False, timeout=30
	)
	assert r.status_code in (301, 302) and r.headers["Location"].endswith("/activities")
	fresh_read()
	assert frappe.db.count("Activity Registration", {"trip": ("in", [closed.name, draft.name])}) == 0


def test_web_form_page_shows_the_event_but_never_lists_other_events(server, trips):
	trip = trips(title="Studieresa till Emilia-Romagna")
	draft = trips(published=0, title="Hemlig utkastresa")
	r = server.session().get(f"{server.url}/trip-registration/new", params={"trip": trip.name}, timeout=30)
	assert r.status_code == 200, r.text[:500]
	assert "Studieresa till Emilia-Romagna" in r.text
	assert draft.name not in r.text and "Hemlig utkastresa" not in r.text


def test_public_list_and_event_page_show_only_published_events(server, trips):
	trip = trips(title="Tågresa till Göteborg", seats=7)
	draft = trips(published=0, title="Opublicerad resa")
	s = server.session()
	r = s.get(f"{server.url}/activities", timeout=30)
	assert r.status_code == 200
	assert "Tågresa till Göteborg" in r.text
	assert f"/activities/trip/{trip.name}" in r.text
	assert "Opublicerad resa" not in r.text
	r = s.get(f"{server.url}/activities/trip/{trip.name}", timeout=30)
	assert r.status_code == 200
	assert f"/trip-registration/new?trip={trip.name}" in r.text
	assert s.get(f"{server.url}/activities/trip/{draft.name}", timeout=30).status_code == 404


@pytest.mark.parametrize(
	"path", ["/api/resource/Activity Registration", "/api/resource/Trip", "/api/resource/Training"]
)
def test_guest_cannot_list_registrations_or_events(server, trips, path):
	trip = trips()
	assert submit(server, form_data(trip, email="private.person@example.se")).status_code == 200
	r = server.session().get(server.url + path, params={"fields": '["*"]'}, timeout=30)
	assert r.status_code == 403
	assert "private.person@example.se" not in r.text


def test_guest_cannot_read_a_registration(server, trips):
	trip = trips()
	assert submit(server, form_data(trip, email="hidden@example.se")).status_code == 200
	fresh_read()
	name = frappe.db.get_value("Activity Registration", {"trip": trip.name})
	s = server.session()
	r = s.get(f"{server.url}/api/resource/Activity Registration/{name}", timeout=30)
	assert r.status_code == 403 and "hidden@example.se" not in r.text
	r = s.get(
		f"{server.url}/api/method/frappe.client.get_list",
		params={"doctype": "Activity Registration", "fields": '["email"]'},
		timeout=30,
	)
	assert r.status_code == 403 and "hidden@example.se" not in r.text


def test_cancel_link_over_http_needs_the_right_token(server, trips):
	trip = trips(seats=1)
	assert submit(server, form_data(trip)).status_code == 200
	assert submit(server, form_data(trip)).status_code == 200
	fresh_read()
	confirmed, waiting = frappe.get_all(
		"Activity Registration", {"trip": trip.name}, pluck="name", order_by="arrival_no asc"
	)
	s = server.session()
	wrong = s.post(
		server.url + CANCEL,
		data={
			"registration": confirmed,
			"token": cancel_token(waiting),
		},
		headers={"X-Forwarded-For": client_address()},
		timeout=30,
	)
	assert wrong.status_code == 404
	page = s.get(
		f"{server.url}/activities/cancel",
		params={
			"registration": confirmed,
			"token": cancel_token(confirmed),
		},
		timeout=30,
	)
	assert page.status_code == 200 and "cancel-button" in page.text
	fresh_read()
	assert (
		frappe.db.get_value("Activity Registration", confirmed, "status") == "Confirmed"
	)  # opening changes nothing
	r = s.post(
		server.url + CANCEL,
		data={
			"registration": confirmed,
			"token": cancel_token(confirmed),
		},
		headers={"X-Forwarded-For": client_address()},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	fresh_read()
	assert frappe.db.get_value("Activity Registration", confirmed, "status") == "Cancelled"
	assert frappe.db.get_value("Activity Registration", waiting, "status") == "Confirmed"


def test_guessing_cancel_tokens_is_rate_limited(server, trips):
	trip = trips()
	assert submit(server, form_data(trip)).status_code == 200
	fresh_read()
	name = frappe.db.get_value("Activity Registration", {"trip": trip.name})
	address = client_address()
	codes = [
		server.session()
		.post(
			server.url + CANCEL,
			data={"registration": name, "token": f"{i:032d}"},
			headers={"X-Forwarded-For": address},
			timeout=30,
		)
		.status_code
		for i in range(21)
	]
	assert codes[:20] == [404] * 20
	assert codes[20] == 429


def test_simultaneous_registrations_never_oversell(busy_server, trips):
	seats, people = 5, 24
	trip = trips(seats=seats)
	emails = [f"rusning{i:02d}.{frappe.generate_hash(length=6)}@example.se" for i in range(people)]

	def register(email):
		return submit(busy_server, form_data(trip, email=email))

	with ThreadPoolExecutor(max_workers=people) as pool:
		responses = list(pool.map(register, emails))
	assert [r.status_code for r in responses] == [200] * people, [
		r.text[:200] for r in responses if r.status_code != 200
	]
	answers = [r.json()["message"] for r in responses]
	assert sorted(a["__onload"]["waitlist_position"] for a in answers if a["status"] == "Waitlisted") == list(
		range(1, people - seats + 1)
	)  # each waitlisted registrant is told a different place
	fresh_read()
	rows = frappe.get_all(
		"Activity Registration",
		{"trip": trip.name},
		["name", "status", "arrival_no", "email"],
		order_by="arrival_no asc",
	)
	assert len(rows) == people  # none lost
	# The worker composes them after the requests, one by one and niced below the web server
	# (Frappe's ``set_niceness``): give it time for all of them.
	wait_for_emails([row.name for row in rows], timeout=120)
	for row in rows:  # every registrant's e-mail queued, once
		assert frappe.db.count("Email Queue", {"reference_name": row.name}) == 1, row
	assert sorted(r.email for r in rows) == sorted(emails)
	assert [r.arrival_no for r in rows] == list(range(1, people + 1))
	assert [r.status for r in rows] == ["Confirmed"] * seats + ["Waitlisted"] * (people - seats)
	trip_row = frappe.db.get_value(
		"Trip", trip.name, ["seats_taken", "seats_left", "waitlisted", "status"], as_dict=True
	)
	assert (trip_row.seats_taken, trip_row.seats_left, trip_row.waitlisted, trip_row.status) == (
		seats,
		0,
		people - seats,
		"Full",
	)


def test_simultaneous_registrations_with_one_email_make_one_registration(busy_server, trips):
	trip = trips(seats=5)
	data = form_data(trip, email="twice@example.se")
	with ThreadPoolExecutor(max_workers=6) as pool:
		responses = list(pool.map(lambda _: submit(busy_server, data), range(6)))
	# Every one is answered as a new registration would be; the address is told of the one it has.
	assert [r.status_code for r in responses] == [200] * 6, [r.text[:200] for r in responses]
	assert {r.json()["message"]["status"] for r in responses} == {"Confirmed"}
	fresh_read()
	assert frappe.db.count("Activity Registration", {"trip": trip.name}) == 1


# A guest learns nothing about others --------------------------------------------------------


def answer_without(text: str, response) -> tuple[int, str]:
	"""A response's status and body, with ``text`` (the address sent) and Frappe's error id masked."""
	body = response.text.replace(text, "<address>")
	return response.status_code, re.sub(r"__frappe_exc_id[^,}]*", "", body)


def test_a_registered_address_is_answered_as_a_new_one_and_e_mailed_its_registration(server, trips):
	trip = trips(seats=5)
	taken = form_data(trip, email="already.here@example.se")
	assert submit(server, taken).status_code == 200
	fresh_read()
	registration = frappe.get_value("Activity Registration", {"trip": trip.name}, "name")
	first_token = cancel_token(registration)

	again = submit(server, form_data(trip, email="already.here@example.se", first_name="Någon"))
	newcomer = submit(server, form_data(trip, email="brand.new@example.se"))
	assert again.status_code == newcomer.status_code == 200
	answer, new_answer = again.json()["message"], newcomer.json()["message"]
	payment, new_payment = answer["__onload"].pop("payment"), new_answer["__onload"].pop("payment")
	assert answer == {
		"doctype": "Activity Registration",
		"status": "Confirmed",
		"__onload": {"waitlist_position": None},
	}
	assert set(new_answer) == set(answer)
	# What to pay reads as a newcomer's: the same amount and due date, a reference like any other.
	assert {k: v for k, v in payment.items() if k != "ocr_reference"} == {
		k: v for k, v in new_payment.items() if k != "ocr_reference"
	}
	assert ocr.is_valid(payment["ocr_reference"]) and ocr.is_valid(new_payment["ocr_reference"])
	fresh_read()
	assert (
		frappe.db.count("Activity Registration", {"trip": trip.name, "email": "already.here@example.se"}) == 1
	)
	assert frappe.db.get_value("Activity Registration", registration, "first_name") != "Någon"
	# The address gets its registration again, with a fresh cancel link; the old link stops working.
	deadline = time.monotonic() + 30
	while (
		frappe.db.count("Email Queue", {"reference_name": registration}) < 2 and time.monotonic() < deadline
	):
		time.sleep(0.2)
		fresh_read()
	bodies = queued_html(registration)
	assert len(bodies) == 2 and "already registered" in bodies[-1], bodies
	new_token = cancel_token(registration)
	assert new_token != first_token
	old = server.session().post(
		server.url + CANCEL, data={"registration": registration, "token": first_token}
	)
	assert old.status_code == 404
	new = server.session().post(server.url + CANCEL, data={"registration": registration, "token": new_token})
	assert new.status_code == 200, new.text


def test_a_full_event_answers_a_registered_address_with_the_next_place_on_the_list(server, trips):
	trip = trips(seats=1)
	assert submit(server, form_data(trip, email="seat.holder@example.se")).status_code == 200
	assert submit(server, form_data(trip, email="first.waiting@example.se")).status_code == 200
	again = submit(server, form_data(trip, email="seat.holder@example.se"))
	assert again.json()["message"]["status"] == "Waitlisted"
	assert again.json()["message"]["__onload"] == {"waitlist_position": 2, "payment": None}
	fresh_read()
	assert frappe.db.count("Activity Registration", {"trip": trip.name}) == 2


def test_a_refusal_is_the_same_for_a_registered_and_an_unregistered_address(server, trips):
	trip = trips(seats=5)
	assert submit(server, form_data(trip, email="known.person@example.se")).status_code == 200
	known = submit(server, form_data(trip, email="known.person@example.se", first_name=""))
	unknown = submit(server, form_data(trip, email="unknown.person@example.se", first_name=""))
	assert known.status_code == 417, known.text
	assert answer_without("known.person@example.se", known) == answer_without(
		"unknown.person@example.se", unknown
	)


@pytest.mark.parametrize("state", ["draft", "cancelled"])
def test_a_refusal_does_not_name_an_event_the_public_cannot_see(server, trips, state):
	title = f"Hemlig resa {frappe.generate_hash(length=6)}"
	trip = trips(seats=5, title=title, published=0 if state == "draft" else 1)
	if state == "cancelled":
		frappe.db.set_value("Trip", trip.name, {"cancelled": 1, "status": "Cancelled"})
		frappe.db.commit()
	r = submit(server, form_data(trip))
	assert 400 <= r.status_code < 500, r.text
	assert title not in r.text
	fresh_read()
	assert not frappe.db.exists("Activity Registration", {"trip": trip.name})
