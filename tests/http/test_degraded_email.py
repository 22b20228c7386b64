"""Degraded, not down: with the queue's Redis or every worker down, the public's flows still answer
correctly and every e-mail they owe is kept (a Pending E-mail) and sent once the queue is back;
and each e-mail owed is queued exactly once, whatever runs at the same time."""

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest

from slup_crm.utils.mail import PENDING_EMAIL, get_email_setup_status, send_pending_emails
from tests.http.test_meeting_report_page import requested
from tests.http.test_meeting_report_page import submit as submit_report
from tests.http.test_registration_web_form import CANCEL, client_address, form_data, fresh_read, submit
from tests.support.factories import TEST_OUTBOX, make_registration, pipeline_users
from tests.support.mail import cancel_token, wait_for_emails, wait_until_delivered
from tests.support.queue import queue_redis_down
from tests.support.site import call_in_new_process

BENCH = os.environ.get("FRAPPE_BENCH", "")
SITE = os.environ.get("SLUP_TEST_SITE", "")


def queued(name: str) -> int:
	"""E-mails queued for this registration (not for an earlier, deleted one of the same name)."""
	since = frappe.db.get_value("Activity Registration", name, "creation")
	return frappe.db.count("Email Queue", {"reference_name": name, "creation": (">=", since)})


def owed(names) -> list[frappe._dict]:
	return frappe.get_all(
		PENDING_EMAIL, {"reference_name": ("in", list(names))}, ["reference_name", "status", "subject"]
	)


def runner(method: str) -> subprocess.Popen:
	"""Another process on the site running ``method`` (a scheduled run, an administrator's save)."""
	return call_in_new_process(BENCH, SITE, method)


def finished(process: subprocess.Popen) -> None:
	out, _ = process.communicate(timeout=300)
	assert process.returncode == 0, out[-2000:]


@pytest.fixture
def newsletter_address():
	address = f"nere.{frappe.generate_hash(length=8)}@example.se"
	yield address
	frappe.db.rollback()
	for parent in frappe.get_all("Email Queue Recipient", {"recipient": address}, pluck="parent"):
		frappe.delete_doc("Email Queue", parent, force=True, ignore_permissions=True)
	frappe.db.delete("Personal Data Deletion Request", {"email": address})
	frappe.db.commit()


def test_with_the_queue_down_public_flows_answer_and_their_emails_go_out_once_it_is_back(
	server,
	trips,
	requested,  # noqa: F811 (the fixture imported above)
	newsletter_address,
):
	trip = trips(seats=1)
	holder = make_registration(trip).name
	frappe.db.commit()
	token = cancel_token(holder)
	staff, _ = pipeline_users()
	frappe.db.commit()
	with queue_redis_down(BENCH):
		registered = submit(server, form_data(trip))
		cancelled = server.session().post(
			server.url + CANCEL,
			data={"registration": holder, "token": token},
			headers={"X-Forwarded-For": client_address()},
			timeout=60,
		)
		report = submit_report(server, requested.token, "Vi har startat en second hand-butik.")
		subscribed = server.session().post(
			server.url + "/api/method/slup_crm.meetings.newsletter.subscribe",
			data={"email": newsletter_address},
			headers={"X-Forwarded-For": client_address()},
			timeout=60,
		)
		erasure = server.session().post(
			server.url + "/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={"web_form": "request-to-delete-data", "data": json.dumps({"email": newsletter_address})},
			headers={"X-Forwarded-For": client_address()},
			timeout=60,
		)
		answers = [registered, cancelled, report, subscribed, erasure]
		assert [r.status_code for r in answers] == [200] * 5, [r.text[:300] for r in answers]
		assert registered.json()["message"]["status"] == "Waitlisted"
		assert cancelled.json()["message"]["status"] == "Cancelled"

		fresh_read()
		newcomer = frappe.db.get_value("Activity Registration", {"trip": trip.name, "name": ("!=", holder)})
		assert frappe.db.get_value("Activity Registration", newcomer, "status") == "Confirmed"  # promoted
		# Each e-mail owed is kept: the newcomer's place on the list and promotion, the cancellation.
		assert sorted(r.reference_name for r in owed([holder, newcomer])) == sorted(
			[holder, newcomer, newcomer]
		)
		assert queued(newcomer) == 0 and queued(holder) == 1  # the confirmation before the queue went down
		# Frappe's own e-mails (newsletter confirmation, erasure verification) need no queue.
		assert frappe.db.count("Email Queue Recipient", {"recipient": newsletter_address}) == 2
		frappe.set_user(staff)
		try:
			assert get_email_setup_status()["queue_ready"] is False  # the Trip form warns staff
		finally:
			frappe.set_user("Administrator")

	server.ensure_worker()
	send_pending_emails()  # what the scheduled run does every few minutes once the queue is back
	frappe.db.commit()
	assert owed([holder, newcomer]) == []
	assert (queued(holder), queued(newcomer)) == (2, 2)
	fresh_read()
	assert frappe.db.get_value("Meeting Report", requested.report, "status") == "Received"


def test_with_no_worker_owed_emails_wait_and_each_goes_out_once(server, trips):
	trip = trips(seats=3)
	server.stop_worker()
	try:
		with ThreadPoolExecutor(max_workers=6) as pool:
			responses = list(pool.map(lambda _: submit(server, form_data(trip)), range(6)))
		assert [r.status_code for r in responses] == [200] * 6
		fresh_read()
		names = frappe.get_all("Activity Registration", {"trip": trip.name}, pluck="name")
		assert {r.reference_name for r in owed(names) if r.status == "To Compose"} == set(names)
		# The worker comes back (its jobs are waiting in the queue) while two scheduled runs and an
		# Email Account save deliver the same rows.
		runners = [runner("slup_crm.utils.mail.send_pending_emails") for _ in range(2)]
		runners.append(runner("tests.support.mail.save_outgoing_account"))
		server.ensure_worker()
		for process in runners:
			finished(process)
	finally:
		server.ensure_worker()
	wait_until_delivered(names, timeout=60)
	assert owed(names) == []
	assert [queued(name) for name in names] == [1] * 6


def test_kept_emails_are_queued_once_when_an_account_is_saved_during_the_scheduled_run(server, trips):
	trip = trips(seats=2)
	frappe.db.set_value("Email Account", TEST_OUTBOX, {"enable_outgoing": 0, "default_outgoing": 0})
	frappe.db.commit()
	try:
		with ThreadPoolExecutor(max_workers=8) as pool:
			responses = list(pool.map(lambda _: submit(server, form_data(trip)), range(8)))
		assert [r.status_code for r in responses] == [200] * 8
		fresh_read()
		names = frappe.get_all("Activity Registration", {"trip": trip.name}, pluck="name")
		wait_for_emails(names, PENDING_EMAIL, timeout=60, filters={"status": "Waiting for Account"})
		assert len(owed(names)) == 8
		runners = [runner("tests.support.mail.save_outgoing_account")]
		runners += [runner("slup_crm.utils.mail.send_pending_emails") for _ in range(3)]
		for process in runners:
			finished(process)
	finally:
		frappe.db.rollback()
		frappe.db.set_value("Email Account", TEST_OUTBOX, {"enable_outgoing": 1, "default_outgoing": 1})
		frappe.db.commit()
	send_pending_emails()  # the next scheduled run, for any a runner read before the account existed
	frappe.db.commit()
	assert owed(names) == []
	assert [queued(name) for name in names] == [1] * 8


def test_the_daily_fee_reminder_run_while_the_queue_is_down_queues_each_reminder_once(server, trips):
	"""The scheduler's run of the reminders, in a process of its own with the queue's Redis down:
	each reminder is in Frappe's outbox once (an e-mail needs no queue to be queued), a second run
	sends none."""
	trip = trips(price=450, payment_days=3)
	registration = make_registration(trip)
	claim = frappe.db.get_value("Fee Claim", {"registration": registration.name})
	days = frappe.db.get_single_value("SLUP Settings", "fee_reminder_days")
	frappe.db.set_single_value("SLUP Settings", "fee_reminder_days", 5)
	frappe.db.commit()
	try:
		with queue_redis_down(BENCH):
			for _run in range(2):
				finished(runner("slup_crm.fees.reminders.send_fee_reminders"))
		fresh_read()
		assert (
			frappe.db.count("Email Queue", {"reference_doctype": "Fee Claim", "reference_name": claim}) == 1
		)
		assert frappe.db.get_value("Fee Claim", claim, "reminder_sent_on")
	finally:
		server.ensure_worker()
		frappe.db.set_single_value("SLUP Settings", "fee_reminder_days", days)
		frappe.db.delete("Email Queue", {"reference_name": claim})
		frappe.db.commit()
