import email
import email.policy
import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from slup_crm.meetings.reports import hash_token, request_reports, submit_report
from tests.support.factories import (
	ensure_outgoing_email_account,
	make_contact,
	make_meeting,
	make_organisation,
	pipeline_users,
)

LINK = re.compile(r"/meeting-report\?token=([0-9a-zA-Z]+)")


def meeting_with_members(*names, deadline_in_days=5):
	"""A meeting a month ahead whose attendee list holds one member contact per organisation."""
	attendees, organisations = [], []
	for name in names:
		organisation = make_organisation(organisation_name=f"{name} {frappe.generate_hash(length=5)}")
		contact = make_contact(
			name,
			organisation=organisation.name,
			email=f"{name.lower()}.{frappe.generate_hash(length=6)}@example.se",
		)
		attendees.append({"contact": contact.name, "organisation": organisation.name})
		organisations.append(organisation.name)
	meeting = make_meeting(
		attendees=attendees, report_deadline=add_to_date(now_datetime(), days=deadline_in_days)
	)
	return meeting, organisations


def links_sent(report_name):
	"""The tokens in the e-mails queued for one Meeting Report, oldest first."""
	messages = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Meeting Report", "reference_name": report_name},
		pluck="message",
		order_by="creation asc",
	)
	tokens = []
	for raw in messages:
		html = email.message_from_string(raw, policy=email.policy.default).get_body(("html",)).get_content()
		tokens.append(LINK.search(html).group(1))
	return tokens


def report_of(meeting, organisation):
	return frappe.get_doc("Meeting Report", {"meeting": meeting, "organisation": organisation})


class TestMeetingReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()
		cls.staff, _manager = pipeline_users()

	def request(self, meeting):
		with self.set_user(self.staff):
			return request_reports(meeting.name)

	def test_each_organisation_gets_its_own_link_and_only_a_hash_is_stored(self):
		meeting, (sensus, abf) = meeting_with_members("Sensus", "ABF")
		self.assertEqual(self.request(meeting), 2)
		first, second = report_of(meeting.name, sensus), report_of(meeting.name, abf)
		[first_token], [second_token] = links_sent(first.name), links_sent(second.name)
		self.assertEqual(len(first_token), 32)
		self.assertNotEqual(first_token, second_token)
		self.assertEqual(first.token_hash, hash_token(first_token))
		self.assertNotIn(first_token, frappe.as_json(first.as_dict()))
		self.assertEqual(first.status, "Requested")

	def test_report_sent_through_the_link_is_recorded_for_that_organisation_only(self):
		meeting, (sensus, abf) = meeting_with_members("Sensus", "ABF")
		self.request(meeting)
		[token] = links_sent(report_of(meeting.name, sensus).name)
		with self.set_user("Guest"):
			result = submit_report(token, "  Vi driver tre utbildningar i vår.  ")
		self.assertEqual(result["status"], "Received")
		received = report_of(meeting.name, sensus)
		self.assertEqual(
			(received.status, received.report), ("Received", "Vi driver tre utbildningar i vår.")
		)
		self.assertTrue(received.received_on)
		untouched = report_of(meeting.name, abf)
		self.assertEqual((untouched.status, untouched.report), ("Requested", None))

	def test_link_works_once(self):
		meeting, (sensus,) = meeting_with_members("Sensus")
		self.request(meeting)
		[token] = links_sent(report_of(meeting.name, sensus).name)
		submit_report(token, "Första versionen.")
		with self.assertRaisesRegex(frappe.ValidationError, "already been received"):
			submit_report(token, "Andra versionen.")
		self.assertEqual(report_of(meeting.name, sensus).report, "Första versionen.")

	def test_received_report_is_not_requested_again(self):
		meeting, (sensus, abf) = meeting_with_members("Sensus", "ABF")
		self.request(meeting)
		[token] = links_sent(report_of(meeting.name, sensus).name)
		submit_report(token, "Klart.")
		self.assertEqual(self.request(meeting), 1)
		self.assertEqual(len(links_sent(report_of(meeting.name, sensus).name)), 1)

	def test_new_request_replaces_the_old_link(self):
		meeting, (sensus,) = meeting_with_members("Sensus")
		self.request(meeting)
		self.request(meeting)
		old, new = links_sent(report_of(meeting.name, sensus).name)
		with self.assertRaisesRegex(frappe.DoesNotExistError, "not valid"):
			submit_report(old, "Med den gamla länken.")
		submit_report(new, "Med den nya länken.")

	def test_link_expires_at_the_report_deadline(self):
		meeting, (sensus,) = meeting_with_members("Sensus", deadline_in_days=2)
		self.request(meeting)
		[token] = links_sent(report_of(meeting.name, sensus).name)
		with self.freeze_time(add_to_date(meeting.report_deadline, minutes=1)):
			with self.assertRaisesRegex(frappe.ValidationError, "deadline for reports"):
				submit_report(token, "För sent.")
		self.assertEqual(report_of(meeting.name, sensus).status, "Requested")
		with self.freeze_time(add_to_date(meeting.report_deadline, minutes=-1)):
			submit_report(token, "Precis i tid.")

	def test_guessed_or_malformed_links_are_refused_alike(self):
		meeting, (sensus,) = meeting_with_members("Sensus")
		self.request(meeting)
		[token] = links_sent(report_of(meeting.name, sensus).name)
		guesses = [
			frappe.generate_hash(length=32),
			token[:-1] + ("a" if token[-1] != "a" else "b"),
			token[:31],
			token.upper() if token.upper() != token else token.lower(),
			"",
			None,
			["list"],
			hash_token(token),  # the stored hash is no key either
			"' OR 1=1 -- " + "x" * 20,
		]
		for guess in guesses:
			with self.assertRaisesRegex(frappe.DoesNotExistError, "not valid", msg=repr(guess)):
				submit_report(guess, "Gissat.")
		self.assertEqual(report_of(meeting.name, sensus).status, "Requested")

	def test_markup_and_overlong_reports_are_refused_and_nothing_is_saved(self):
		meeting, (sensus,) = meeting_with_members("Sensus")
		self.request(meeting)
		[token] = links_sent(report_of(meeting.name, sensus).name)
		for text, message in [
			("<script>alert(1)</script>", "HTML"),
			("Hej <img src=x onerror=alert(1)>", "HTML"),
			("x" * 3001, "too long"),
			("   ", "write your report"),
			("null\x00byte", "not allowed"),
		]:
			with self.assertRaisesRegex(frappe.ValidationError, message):
				submit_report(token, text)
		report = report_of(meeting.name, sensus)
		self.assertEqual((report.status, report.report), ("Requested", None))
		submit_report(token, "Ett vanligt svar: 3 < 5 och A&O.")  # ordinary text with < and & is fine

	def test_requests_need_a_deadline_ahead(self):
		meeting, _organisations = meeting_with_members("Sensus")
		meeting.db_set("report_deadline", None)
		with self.assertRaisesRegex(frappe.ValidationError, "report deadline"):
			self.request(meeting)
		meeting.db_set("report_deadline", add_to_date(now_datetime(), hours=-1))
		with self.assertRaisesRegex(frappe.ValidationError, "has passed"):
			self.request(meeting)

	def test_one_report_per_organisation_and_meeting(self):
		meeting, (sensus,) = meeting_with_members("Sensus")
		frappe.get_doc(
			{"doctype": "Meeting Report", "meeting": meeting.name, "organisation": sensus}
		).insert()
		with self.assertRaises(frappe.UniqueValidationError):
			frappe.get_doc(
				{"doctype": "Meeting Report", "meeting": meeting.name, "organisation": sensus}
			).insert()

	def test_guest_cannot_request_reports(self):
		meeting, _organisations = meeting_with_members("Sensus")
		with self.set_user("Guest"):
			with self.assertRaises(frappe.PermissionError):
				request_reports(meeting.name)
