"""Who holds a seat, under mixed load on four workers: registrations, cancellations by link and by
staff, and deletions at once on one event answer without a 5xx, oversell nothing and keep the
order of arrival; a freed seat goes to the first on the waiting list, whatever freed it."""

import json
from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest
from frappe.utils import random_string

from tests.http.test_registration_web_form import CANCEL, client_address, form_data, fresh_read, submit
from tests.support.factories import make_registration, make_user
from tests.support.mail import cancel_token

PASSWORD = "Sv3nsk-Platser-" + random_string(8)
MANAGER = "http-seats-manager@example.se"


@pytest.fixture(scope="module")
def manager():
	"""A committed SLUP Manager the server can log in (kept on the test site, password renewed)."""
	user = make_user(MANAGER, "SLUP Manager", "SLUP Staff")
	user.new_password = PASSWORD
	user.save(ignore_permissions=True)
	frappe.db.commit()
	return MANAGER


def registered(trip, count: int) -> list[str]:
	"""``count`` committed registrations for ``trip`` (made here, their e-mails queued at once)."""
	names = [make_registration(trip).name for _ in range(count)]
	frappe.db.commit()
	return names


def cancel(server, name: str, token: str):
	return server.session().post(
		server.url + CANCEL,
		data={"registration": name, "token": token},
		headers={"X-Forwarded-For": client_address()},
		timeout=120,
	)


def active_in_arrival_order(trip_name: str) -> list[frappe._dict]:
	fresh_read()
	return frappe.get_all(
		"Activity Registration",
		{"trip": trip_name, "status": ("!=", "Cancelled")},
		["name", "status", "arrival_no"],
		order_by="arrival_no asc",
	)


def assert_seats_follow_arrival(trip_name: str, seats: int) -> None:
	"""Nothing oversold, the seats held by the first to arrive of those still registered, the
	stored counts true."""
	rows = active_in_arrival_order(trip_name)
	confirmed = min(seats, len(rows))
	assert [r.status for r in rows] == ["Confirmed"] * confirmed + ["Waitlisted"] * (len(rows) - confirmed)
	stored = frappe.db.get_value("Trip", trip_name, ["seats_taken", "waitlisted", "seats_left"], as_dict=True)
	assert (stored.seats_taken, stored.waitlisted, stored.seats_left) == (
		confirmed,
		len(rows) - confirmed,
		seats - confirmed,
	)


def test_cancellations_staff_changes_and_registrations_at_once_never_fail(busy_server, trips, manager):
	seats = 20
	trip = trips(seats=seats)
	holders = registered(trip, seats)
	registered(trip, 4)  # waiting, to be promoted as seats are freed
	by_link, by_staff = holders[2:], holders[:2]
	tokens = {name: cancel_token(name) for name in by_link}
	staff = busy_server.login(manager, PASSWORD)

	def staff_cancels(name):
		return staff.post(
			busy_server.url + "/api/method/frappe.client.set_value",
			data={
				"doctype": "Activity Registration",
				"name": name,
				"fieldname": "status",
				"value": "Cancelled",
			},
			timeout=120,
		)

	work = [lambda name=name: cancel(busy_server, name, tokens[name]) for name in by_link]
	work += [lambda name=name: staff_cancels(name) for name in by_staff]
	work += [lambda: submit(busy_server, form_data(trip)) for _ in range(40)]
	order = list(range(len(work)))
	order = order[::2] + order[1::2]  # cancellations and registrations interleaved
	with ThreadPoolExecutor(max_workers=len(work)) as pool:
		responses = list(pool.map(lambda i: work[i](), order))
	failed = [(r.status_code, r.text[:300]) for r in responses if r.status_code != 200]
	assert not failed, failed
	assert_seats_follow_arrival(trip.name, seats)
	assert len(active_in_arrival_order(trip.name)) == 4 + 40


def delete_registration(server, staff, name: str, way: str):
	"""Delete a registration as the desk (form or list) or a REST client does it."""
	if way == "frappe.client.delete":
		data = {"doctype": "Activity Registration", "name": name}
	elif way == "frappe.desk.reportview.delete_items":
		data = {"doctype": "Activity Registration", "items": json.dumps([name])}
	else:  # the REST API: /api/resource/<doctype>/<name> or /api/v2/document/<doctype>/<name>
		return staff.delete(f"{server.url}/api/{way}/Activity Registration/{name}", timeout=120)
	return staff.post(f"{server.url}/api/method/{way}", data=data, timeout=120)


DELETE_WAYS = ["frappe.client.delete", "frappe.desk.reportview.delete_items", "resource", "v2/document"]


@pytest.mark.parametrize("way", DELETE_WAYS)
def test_a_deleted_registration_gives_its_seat_to_the_first_waiting(server, trips, manager, way):
	trip = trips(seats=1)
	holder, first_waiting, second_waiting = registered(trip, 3)
	staff = server.login(manager, PASSWORD)
	r = delete_registration(server, staff, holder, way)
	assert r.status_code in (200, 202), r.text[:500]
	fresh_read()
	assert not frappe.db.exists("Activity Registration", holder)
	assert frappe.db.get_value("Activity Registration", first_waiting, "status") == "Confirmed"
	assert submit(server, form_data(trip)).json()["message"]["status"] == "Waitlisted"
	assert_seats_follow_arrival(trip.name, 1)
	assert frappe.db.get_value("Activity Registration", second_waiting, "status") == "Waitlisted"


def test_deletions_and_registrations_at_once_never_fail(busy_server, trips, manager):
	seats = 10
	trip = trips(seats=seats)
	holders = registered(trip, seats)
	staff = busy_server.login(manager, PASSWORD)

	# Each way of deleting at least once (the REST API's among them), beside 20 registrations.
	work = [
		lambda name=name, way=way: delete_registration(busy_server, staff, name, way)
		for name, way in zip(holders[:8], DELETE_WAYS * 2, strict=True)
	]
	work += [lambda: submit(busy_server, form_data(trip)) for _ in range(20)]
	with ThreadPoolExecutor(max_workers=len(work)) as pool:
		responses = list(pool.map(lambda job: job(), work))
	failed = [(r.status_code, r.text[:300]) for r in responses if r.status_code not in (200, 202)]
	assert not failed, failed
	assert_seats_follow_arrival(trip.name, seats)
	assert len(active_in_arrival_order(trip.name)) == 2 + 20
