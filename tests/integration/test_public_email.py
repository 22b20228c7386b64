"""E-mails the public's actions cause, on a site without an outgoing e-mail account (as every new
site is): nothing is refused, the e-mails wait as Pending E-mails and go into Frappe's queue as
soon as an account is saved; staff are warned before they publish an event."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import set_encrypted_password

from slup_crm.meetings.newsletter import subscribe
from slup_crm.meetings.reports import request_reports
from slup_crm.patches import hash_cancel_tokens
from slup_crm.utils.mail import PENDING_EMAIL, get_email_setup_status
from slup_crm.utils.tokens import hash_token
from tests.integration.test_meeting_report import meeting_with_members
from tests.support.factories import (
	TEST_OUTBOX,
	ensure_outgoing_email_account,
	make_registration,
	make_trip,
	pipeline_users,
)


def pending(reference_name=None, recipient=None):
	filters = {"reference_name": reference_name} if reference_name else {}
	if recipient:
		filters["recipients"] = ("like", f"%{recipient}%")
	return frappe.get_all(PENDING_EMAIL, filters=filters, fields=["subject", "message", "recipients"])


def queued(reference_name):
	return frappe.db.count("Email Queue", {"reference_name": reference_name})


class TestPublicEmailWithoutAccount(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()
		cls.staff, cls.manager = pipeline_users()

	def setUp(self):
		# As a fresh site: no outgoing account (rolled back with the class).
		frappe.db.set_value("Email Account", TEST_OUTBOX, {"enable_outgoing": 0, "default_outgoing": 0})
		frappe.local.outgoing_email_account = {}

	def tearDown(self):
		frappe.local.outgoing_email_account = {}

	def set_up_outgoing_account(self):
		account = frappe.get_doc("Email Account", TEST_OUTBOX)
		account.enable_outgoing = 1
		account.default_outgoing = 1
		account.save(ignore_permissions=True)

	def test_frappe_itself_refuses_and_queues_nothing_without_an_outgoing_account(self):
		"""Why the app keeps e-mails itself: Frappe builds the message, sender included, when it
		queues it, and raises instead of queueing for later."""
		before = frappe.db.count("Email Queue")
		with self.assertRaises(frappe.OutgoingEmailError):
			frappe.sendmail(recipients=["någon@example.se"], subject="Test", message="<p>Hej</p>")
		self.assertEqual(frappe.db.count("Email Queue"), before)

	def test_registration_is_placed_and_its_email_waits_until_an_account_is_saved(self):
		trip = make_trip(seats=1, title="Resa utan e-post")
		confirmed, waiting = make_registration(trip), make_registration(trip)
		self.assertEqual((confirmed.status, waiting.status), ("Confirmed", "Waitlisted"))
		self.assertEqual(queued(confirmed.name), 0)
		[mail] = pending(confirmed.name)
		self.assertEqual(mail.subject, "Your registration for Resa utan e-post is confirmed")
		self.assertEqual(mail.recipients, confirmed.email)
		self.assertIn(f"registration={confirmed.name}&amp;token=", mail.message)
		self.assertIn("waiting list as number 1", pending(waiting.name)[0].message)

		self.set_up_outgoing_account()
		self.assertEqual(pending(confirmed.name) + pending(waiting.name), [])
		self.assertEqual((queued(confirmed.name), queued(waiting.name)), (1, 1))

	def test_promotion_from_the_waiting_list_waits_for_an_account_too(self):
		trip = make_trip(seats=1)
		confirmed, waiting = make_registration(trip), make_registration(trip)
		confirmed.status = "Cancelled"
		confirmed.save()
		self.assertEqual(frappe.db.get_value("Activity Registration", waiting.name, "status"), "Confirmed")
		subjects = [mail.subject for mail in pending(waiting.name)]
		self.assertEqual(len(subjects), 2)
		self.assertIn("A seat is free for you", subjects[1])

	def test_newsletter_confirmation_waits_for_an_account(self):
		address = f"vantar.{frappe.generate_hash(length=6)}@example.se"
		with self.set_user("Guest"):
			result = subscribe(address)
		self.assertIn("confirm", result["message"])
		[mail] = pending(recipient=address)
		self.assertIn("confirm_subscription", mail.message)
		self.assertIn("_signature=", mail.message)
		self.set_up_outgoing_account()
		self.assertEqual(pending(recipient=address), [])
		self.assertEqual(frappe.db.count("Email Queue Recipient", {"recipient": address}), 1)

	def test_members_report_links_wait_for_an_account(self):
		meeting, (organisation,) = meeting_with_members("Skoopi")
		with self.set_user(self.staff):
			self.assertEqual(request_reports(meeting.name), 1)
		report = frappe.db.get_value(
			"Meeting Report", {"meeting": meeting.name, "organisation": organisation}
		)
		[mail] = pending(report)
		self.assertIn("/meeting-report?token=", mail.message)
		self.assertEqual(queued(report), 0)

	def test_publishing_an_event_without_an_account_warns_staff(self):
		trip = make_trip(published=0)
		frappe.clear_messages()
		trip.published = 1
		trip.save()
		self.assertIn("No outgoing e-mail account is set up", str(frappe.message_log))
		self.assertEqual(trip.status, "Open")  # a warning, not a refusal

	def test_staff_forms_learn_the_email_setup(self):
		make_registration(make_trip())
		with self.set_user(self.staff):
			status = get_email_setup_status()
		self.assertFalse(status["ready"])
		self.assertGreaterEqual(status["pending"], 1)
		with self.set_user("Guest"), self.assertRaises(frappe.PermissionError):
			get_email_setup_status()


class TestCancelTokenPatch(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()

	def test_encrypted_tokens_of_old_registrations_become_hashes(self):
		registration = make_registration(make_trip())
		token = "a1b2c3d4" * 4
		# How registrations were stored before: a Password field, encrypted in __Auth.
		frappe.db.set_value("Activity Registration", registration.name, "cancel_token", "*" * 32)
		set_encrypted_password("Activity Registration", registration.name, token, "cancel_token")
		hash_cancel_tokens.execute()
		self.assertEqual(
			frappe.db.get_value("Activity Registration", registration.name, "cancel_token"), hash_token(token)
		)
		self.assertFalse(
			frappe.db.sql("select name from `__Auth` where doctype = 'Activity Registration'"),
			"no encrypted copy is left",
		)


class TestDeliveryPriority(FrappeTestCase):
	"""The delivery job yields the processor to the site's requests, in its own process only."""

	def niceness_after_yielding(self, as_job: bool, own_session: bool) -> int:
		"""Run ``yield_to_requests`` in a forked process (as RQ's work horse is, or as a process
		that runs jobs itself) and return how much nicer the process became."""
		import os

		from slup_crm.utils.mail import yield_to_requests

		read, write = os.pipe()
		pid = os.fork()
		if pid == 0:  # the child: report and leave without running anything of the parent's
			code = 0
			try:
				os.close(read)
				if own_session:
					os.setsid()
				frappe.local.job = frappe._dict(site=frappe.local.site) if as_job else None
				before = os.nice(0)
				yield_to_requests()
				os.write(write, str(os.nice(0) - before).encode())
			except BaseException:
				code = 1
			finally:
				os._exit(code)
		os.close(write)
		with os.fdopen(read) as answer:
			change = answer.read()
		_, status = os.waitpid(pid, 0)
		self.assertEqual(os.waitstatus_to_exitcode(status), 0)
		return int(change)

	def test_a_job_in_its_own_process_runs_nicer(self):
		from slup_crm.utils.mail import DELIVERY_NICENESS

		self.assertEqual(self.niceness_after_yielding(as_job=True, own_session=True), DELIVERY_NICENESS)

	def test_a_process_that_runs_jobs_itself_keeps_its_priority(self):
		self.assertEqual(self.niceness_after_yielding(as_job=True, own_session=False), 0)

	def test_outside_a_job_the_priority_is_kept(self):
		self.assertEqual(self.niceness_after_yielding(as_job=False, own_session=True), 0)
