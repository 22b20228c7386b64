import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from tests.support.factories import ensure_outgoing_email_account, make_registration, make_training


def in_days(n):
	return add_days(today(), n)


class TestTraining(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()

	def test_dates_come_from_the_sessions_in_order(self):
		training = make_training(
			sessions=[
				{"session_date": in_days(60), "topic": "Dag 3"},
				{"session_date": in_days(30), "topic": "Dag 1"},
				{"session_date": in_days(45), "topic": "Dag 2"},
			]
		)
		self.assertEqual(getdate(training.start_date), getdate(in_days(30)))
		self.assertEqual(getdate(training.end_date), getdate(in_days(60)))
		self.assertEqual([s.topic for s in training.sessions], ["Dag 1", "Dag 2", "Dag 3"])
		self.assertEqual(training.status, "Open")

	def test_training_without_sessions_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_training(sessions=[])

	def test_session_ending_before_it_starts_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "must end after it starts"):
			make_training(
				sessions=[{"session_date": in_days(30), "start_time": "13:00:00", "end_time": "09:00:00"}]
			)

	def test_deadline_after_the_first_session_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "deadline cannot be after the start date"):
			make_training(registration_deadline=in_days(31))

	def test_completion_share_must_be_a_share(self):
		with self.assertRaisesRegex(frappe.ValidationError, "share of sessions to complete"):
			make_training(completion_share=0)
		with self.assertRaisesRegex(frappe.ValidationError, "share of sessions to complete"):
			make_training(completion_share=120)

	def test_confirmed_participant_gets_one_attendance_row_per_session(self):
		training = make_training()
		registration = make_registration(training)
		self.assertEqual(len(registration.attendance), 4)
		self.assertEqual([row.topic for row in registration.attendance], ["Dag 1", "Dag 2", "Dag 3", "Dag 4"])
		waitlisted = make_registration(make_training(seats=0))
		self.assertEqual(waitlisted.status, "Waitlisted")
		self.assertEqual(waitlisted.attendance, [])

	def test_participant_who_attended_the_configured_share_has_completed(self):
		training = make_training(completion_share=75)
		registration = make_registration(training)
		with self.freeze_time(in_days(100)):
			for row in registration.attendance[:2]:
				row.attended = 1
			registration.status = "Attended"
			registration.save()
			self.assertEqual((registration.sessions_attended, registration.completed), (2, 0))
			registration.reload()
			registration.attendance[2].attended = 1
			registration.save()
		self.assertEqual((registration.sessions_attended, registration.completed), (3, 1))

	def test_new_session_is_added_to_each_participants_attendance(self):
		training = make_training(completion_share=100)
		registration = make_registration(training)
		for row in registration.attendance:
			row.attended = 1
		registration.save()
		self.assertEqual(registration.completed, 1)
		training.reload()
		training.append("sessions", {"session_date": in_days(120), "topic": "Uppföljning"})
		training.save()
		registration.reload()
		self.assertEqual(len(registration.attendance), 5)
		self.assertEqual((registration.sessions_attended, registration.completed), (4, 0))
