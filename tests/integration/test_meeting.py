import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from slup_crm.meetings.doctype.meeting.meeting import create_next_meeting
from slup_crm.meetings.minutes import email_minutes
from tests.support.factories import (
	ensure_outgoing_email_account,
	make_contact,
	make_meeting,
	make_organisation,
	make_user,
	pipeline_users,
)

SECRETARY_USER = "meeting-responsible@example.se"


def contact_with_user(email=SECRETARY_USER):
	make_user(email, "SLUP Staff")
	contact = make_contact("Britt", email=email)
	contact.db_set("user", email)
	return contact


def todos(meeting, **filters):
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": "Meeting", "reference_name": meeting, **filters},
		fields=["name", "allocated_to", "status", "description", "date"],
	)


def queued_for(doctype, name):
	queue = frappe.get_all(
		"Email Queue", filters={"reference_doctype": doctype, "reference_name": name}, pluck="name"
	)
	recipients = frappe.get_all(
		"Email Queue Recipient", filters={"parent": ("in", queue or [""])}, pluck="recipient"
	)
	return queue, sorted(recipients)


class TestMeeting(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		ensure_outgoing_email_account()
		super().setUpClass()
		cls.staff, cls.manager = pipeline_users()

	def test_title_defaults_to_group_and_date(self):
		meeting = make_meeting(meeting_date="2010-04-07")
		self.assertEqual(meeting.title, "Development group 2010-04-07")

	def test_meeting_must_end_after_it_starts(self):
		with self.assertRaisesRegex(frappe.ValidationError, "end after it starts"):
			make_meeting(start_time="16:30:00", end_time="14:00:00")

	def test_report_deadline_after_meeting_start_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "before the meeting starts"):
			make_meeting(meeting_date="2030-04-07", report_deadline="2030-04-07 15:00:00")

	def test_attendance_is_recorded_with_represented_organisation(self):
		sensus = make_organisation(organisation_name="Sensus " + frappe.generate_hash(length=5))
		present = make_contact("Majlis", organisation=sensus.name)
		excused = make_contact("Lisbeth")
		meeting = make_meeting(
			attendees=[
				{"contact": present.name, "attendance": "Present"},
				{"contact": excused.name, "attendance": "Excused"},
			]
		)
		rows = {row.contact: row for row in meeting.attendees}
		self.assertEqual(rows[present.name].organisation, sensus.name)  # the contact's only organisation
		self.assertEqual(rows[present.name].attendance, "Present")
		self.assertEqual(rows[excused.name].attendance, "Excused")
		self.assertIsNone(rows[excused.name].organisation)

	def test_same_contact_twice_on_the_attendee_list_is_refused(self):
		contact = make_contact("Jan")
		with self.assertRaisesRegex(frappe.ValidationError, "twice"):
			make_meeting(attendees=[{"contact": contact.name}, {"contact": contact.name}])

	def test_action_item_for_user_becomes_todo(self):
		responsible = contact_with_user()
		meeting = make_meeting(
			action_items=[
				{
					"description": "Skicka ut namnlistan",
					"responsible": responsible.name,
					"due_date": "2030-02-10",
				}
			]
		)
		item = meeting.action_items[0]
		self.assertEqual(item.responsible_user, SECRETARY_USER)
		[todo] = todos(meeting.name)
		self.assertEqual(item.todo, todo.name)
		self.assertEqual(
			(todo.allocated_to, todo.status, str(todo.date)), (SECRETARY_USER, "Open", "2030-02-10")
		)
		self.assertIn("Skicka ut namnlistan", todo.description)

	def test_action_item_for_person_without_account_is_tracked_on_the_meeting(self):
		no_account = make_contact("Ricardo")
		meeting = make_meeting(
			action_items=[{"description": "Bjud in kommunerna", "responsible": no_account.name}]
		)
		self.assertEqual(todos(meeting.name), [])
		self.assertFalse(meeting.action_items[0].todo)
		self.assertEqual(meeting.action_items[0].status, "Open")

	def test_action_item_needs_someone_responsible(self):
		with self.assertRaisesRegex(frappe.ValidationError, "responsible"):
			make_meeting(action_items=[{"description": "Ingen ansvarig"}])

	def test_done_item_closes_its_todo_and_closed_todo_marks_item_done(self):
		responsible = contact_with_user()
		meeting = make_meeting(
			action_items=[
				{"description": "Första", "responsible": responsible.name},
				{"description": "Andra", "responsible": responsible.name},
			]
		)
		first, second = meeting.action_items
		first.status = "Done"
		meeting.save()
		self.assertEqual(frappe.db.get_value("ToDo", first.todo, "status"), "Closed")
		todo = frappe.get_doc("ToDo", second.todo)
		todo.status = "Closed"
		todo.save()
		self.assertEqual(frappe.db.get_value("Meeting Action Item", second.name, "status"), "Done")

	def test_reassigned_item_withdraws_the_old_todo(self):
		first = contact_with_user("meeting-first@example.se")
		second = contact_with_user("meeting-second@example.se")
		meeting = make_meeting(action_items=[{"description": "Boka lokal", "responsible": first.name}])
		old_todo = meeting.action_items[0].todo
		meeting.action_items[0].responsible = second.name
		meeting.action_items[0].responsible_user = None
		meeting.save()
		self.assertEqual(frappe.db.get_value("ToDo", old_todo, "status"), "Cancelled")
		[open_todo] = todos(meeting.name, status="Open")
		self.assertEqual(open_todo.allocated_to, "meeting-second@example.se")

	def test_removed_item_withdraws_its_todo(self):
		responsible = contact_with_user()
		meeting = make_meeting(action_items=[{"description": "Strykes", "responsible": responsible.name}])
		todo = meeting.action_items[0].todo
		meeting.action_items = []
		meeting.save()
		self.assertEqual(frappe.db.get_value("ToDo", todo, "status"), "Cancelled")

	def test_next_meeting_carries_open_items_over_with_their_todos(self):
		responsible = contact_with_user()
		no_account = make_contact("Lisbeth")
		member = make_contact("Jan")
		meeting = make_meeting(
			meeting_date="2030-04-07",
			attendees=[{"contact": member.name, "attendance": "Present"}],
			action_items=[
				{"description": "Öppen med ToDo", "responsible": responsible.name},
				{"description": "Öppen utan konto", "responsible": no_account.name},
				{"description": "Klar", "responsible": no_account.name, "status": "Done"},
			],
		)
		todo = meeting.action_items[0].todo
		with self.set_user(self.staff):
			name = create_next_meeting(meeting.name, "2030-09-28")
		following = frappe.get_doc("Meeting", name)
		self.assertEqual(
			(str(following.meeting_date), following.previous_meeting), ("2030-09-28", meeting.name)
		)
		self.assertEqual(
			(following.group, following.place, str(following.start_time)),
			(meeting.group, meeting.place, "14:00:00"),
		)
		self.assertEqual([(r.contact, r.attendance) for r in following.attendees], [(member.name, "Invited")])
		self.assertEqual(
			[i.description for i in following.action_items], ["Öppen med ToDo", "Öppen utan konto"]
		)
		self.assertEqual({i.carried_from for i in following.action_items}, {meeting.name})
		# The same ToDo follows the item to the new meeting: no duplicate for the responsible user.
		self.assertEqual(following.action_items[0].todo, todo)
		self.assertEqual(frappe.db.get_value("ToDo", todo, ["reference_name", "status"]), (name, "Open"))
		self.assertEqual(todos(meeting.name), [])
		meeting.reload()
		self.assertEqual([i.status for i in meeting.action_items], ["Carried Over", "Carried Over", "Done"])

	def test_item_whose_todo_was_closed_is_not_carried_over(self):
		responsible = contact_with_user()
		meeting = make_meeting(action_items=[{"description": "Gjord", "responsible": responsible.name}])
		frappe.db.set_value("ToDo", meeting.action_items[0].todo, "status", "Closed")
		following = frappe.get_doc("Meeting", create_next_meeting(meeting.name))
		self.assertEqual(following.action_items, [])

	def test_next_meeting_defaults_to_three_months_later_and_is_created_once(self):
		meeting = make_meeting(meeting_date="2030-04-07")
		following = frappe.get_doc("Meeting", create_next_meeting(meeting.name))
		self.assertEqual(getdate(following.meeting_date), getdate("2030-07-07"))
		with self.assertRaisesRegex(frappe.DuplicateEntryError, "already been created"):
			create_next_meeting(meeting.name)

	def test_next_meeting_must_come_after_the_last_one(self):
		meeting = make_meeting(meeting_date="2030-04-07")
		with self.assertRaisesRegex(frappe.ValidationError, "must be after"):
			create_next_meeting(meeting.name, "2030-04-07")
		self.assertFalse(frappe.db.exists("Meeting", {"previous_meeting": meeting.name}))

	def test_next_meeting_needs_permission(self):
		meeting = make_meeting()
		make_user("meeting-nobody@example.se")
		with self.set_user("meeting-nobody@example.se"):
			with self.assertRaises(frappe.PermissionError):
				create_next_meeting(meeting.name, str(add_days(meeting.meeting_date, 60)))
		self.assertFalse(frappe.db.exists("Meeting", {"previous_meeting": meeting.name}))

	def test_minutes_are_emailed_to_everyone_on_the_attendee_list(self):
		present = make_contact("Birgitta", email="birgitta.minutes@example.se")
		excused = make_contact("Majlis", email="majlis.minutes@example.se")
		no_email = make_contact("Utan")
		meeting = make_meeting(
			minutes="<p>Mötet enades om följande mål.</p>",
			attendees=[
				{"contact": present.name, "attendance": "Present"},
				{"contact": excused.name, "attendance": "Excused"},
				{"contact": no_email.name, "attendance": "Present"},
			],
			decisions=[{"decision": "Arbetsgruppen föreslår fyra möten."}],
		)
		with self.set_user(self.staff):
			self.assertEqual(email_minutes(meeting.name), 2)
		queue, recipients = queued_for("Meeting", meeting.name)
		self.assertEqual(len(queue), 1)
		self.assertEqual(recipients, ["birgitta.minutes@example.se", "majlis.minutes@example.se"])
		message = frappe.db.get_value("Email Queue", queue[0], "message")
		self.assertIn("Arbetsgruppen f", message)
		self.assertTrue(frappe.db.get_value("Meeting", meeting.name, "minutes_sent_on"))

	def test_minutes_without_text_are_not_sent(self):
		contact = make_contact("Birgitta", email="birgitta.empty@example.se")
		meeting = make_meeting(minutes="<p> </p>", attendees=[{"contact": contact.name}])
		with self.assertRaisesRegex(frappe.ValidationError, "Write the minutes"):
			email_minutes(meeting.name)
		self.assertEqual(queued_for("Meeting", meeting.name)[0], [])

	def test_minutes_print_format_shows_attendance_decisions_and_action_items(self):
		self.assertEqual(frappe.db.get_value("Print Format", "Meeting Minutes", "standard"), "Yes")
		present = make_contact("Birgitta", last_name="Israelsson")
		excused = make_contact("Lisbeth", last_name="Livsval")
		meeting = make_meeting(
			minutes="<p>Rapport till Tillväxtverket.</p>",
			attendees=[
				{"contact": present.name, "attendance": "Present"},
				{"contact": excused.name, "attendance": "Excused"},
			],
			decisions=[{"decision": "Nästa möte 7 april <b>14.00</b>"}],
			action_items=[
				{"description": "Skicka ut namnlistan", "responsible": present.name, "due_date": "2030-02-10"}
			],
		)
		html = frappe.get_print("Meeting", meeting.name, print_format="Meeting Minutes")
		self.assertIn("Birgitta Israelsson", html)
		self.assertIn("Lisbeth Livsval", html)
		self.assertIn("Rapport till Tillväxtverket.", html)
		self.assertIn("Skicka ut namnlistan", html)
		self.assertIn("Nästa möte 7 april &lt;b&gt;14.00&lt;/b&gt;", html)  # plain text is escaped
