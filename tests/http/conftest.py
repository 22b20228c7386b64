import os

import frappe
import pytest

from slup_crm.utils.mail import PENDING_EMAIL
from tests.support.factories import ensure_outgoing_email_account, make_trip
from tests.support.mail import wait_until_delivered
from tests.support.server import Server


@pytest.fixture(scope="session")
def server():
	srv = Server(os.environ["FRAPPE_BENCH"], os.environ["SLUP_TEST_SITE"]).start()
	yield srv
	srv.stop()


@pytest.fixture(scope="module")
def busy_server():
	"""Four workers, so that simultaneous requests really run in parallel."""
	srv = Server(os.environ["FRAPPE_BENCH"], os.environ["SLUP_TEST_SITE"], workers=4).start()
	yield srv
	srv.stop()


@pytest.fixture
def trips():
	"""Committed trips for the server to see; deleted with their registrations and e-mails afterwards."""
	ensure_outgoing_email_account()
	made = []

	def make(**overrides):
		trip = make_trip(**overrides)
		frappe.db.commit()
		made.append(trip.name)
		return trip

	yield make
	frappe.db.commit()  # end this process's transaction, so that it reads what the server committed
	for name in made:
		registrations = frappe.get_all("Activity Registration", {"trip": name}, pluck="name")
		wait_until_delivered(registrations)  # not while the worker composes their e-mails
		for registration in registrations:
			frappe.db.delete("Email Queue", {"reference_name": registration})
			frappe.db.delete(PENDING_EMAIL, {"reference_name": registration})
			frappe.delete_doc("Activity Registration", registration, force=True, ignore_permissions=True)
		frappe.db.delete("Email Queue", {"reference_name": name})
		frappe.delete_doc("Trip", name, force=True, ignore_permissions=True)
	frappe.db.commit()
