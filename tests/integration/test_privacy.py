"""Data protection in the real site: download, erasure, retention, consent and least access.

Everything is driven by the one declaration (slup_crm/privacy/declaration.py); these tests go
through Frappe's own Personal Data Download and Deletion Requests, the daily job and the forms.
"""

import json

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as get_chart
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_years, getdate, now_datetime, random_string

from slup_crm.meetings.newsletter import get_newsletter_group
from slup_crm.meetings.outreach import get_reach
from slup_crm.privacy import declaration
from slup_crm.privacy.access import READ_METHOD
from slup_crm.privacy.consent import footer_links
from slup_crm.privacy.declaration import ORGANISER_ROLE
from slup_crm.privacy.download import personal_data
from slup_crm.privacy.retention import apply_retention, pseudonym_for
from tests.support.factories import (
	ensure_outgoing_email_account,
	make_contact,
	make_meeting,
	make_organisation,
	make_registration,
	make_trip,
	make_user,
)

TEXT_TYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor", "Code", "Link", "Dynamic Link")
REPORT_FILTERS = {"Outreach for Funders": {"from_date": "2000-01-01", "to_date": "2100-12-31"}}


# Figures -----------------------------------------------------------------------------------


def every_figure() -> dict:
	"""Every number card, chart and report of the app, and the outreach counts, as the desk shows them."""
	modules = frappe.get_module_list("slup_crm")
	figures = {}
	for name in frappe.get_all("Number Card", {"module": ("in", modules)}, pluck="name"):
		card = frappe.get_doc("Number Card", name)
		figures[f"card:{name}"] = (
			frappe.get_attr(card.method)()
			if card.type == "Custom"
			else get_result(card.as_dict(), card.filters_json)
		)
	for name in frappe.get_all("Dashboard Chart", {"module": ("in", modules)}, pluck="name"):
		chart = frappe.get_doc("Dashboard Chart", name)
		if chart.chart_type == "Custom":
			source = frappe.scrub(chart.source)
			module = frappe.db.get_value("Dashboard Chart Source", chart.source, "module")
			data = frappe.get_attr(
				f"slup_crm.{frappe.scrub(module)}.dashboard_chart_source.{source}.{source}.get"
			)(chart_name=name)
		else:
			data = get_chart(chart_name=name, refresh=1)
		figures[f"chart:{name}"] = data
	for name in frappe.get_all(
		"Report", {"module": ("in", modules), "report_type": "Script Report"}, pluck="name"
	):
		if name == "Record of Processing":
			continue
		result = run_report(name, filters=REPORT_FILTERS.get(name, {}))
		figures[f"report:{name}"] = result.get("result")
	figures["outreach"] = get_reach("2000-01-01", "2100-12-31")
	return json.loads(json.dumps(figures, default=str))


def tables_holding(*needles) -> list[str]:
	"""Every app table and text column that holds one of ``needles`` (case-insensitive)."""
	found = []
	for doctype in declaration.app_doctypes():
		meta = frappe.get_meta(doctype)
		if meta.issingle:
			continue
		for df in meta.fields:
			if df.fieldtype not in TEXT_TYPES or df.is_virtual:
				continue
			for needle in needles:
				if frappe.db.sql(
					f"select 1 from `tab{doctype}` where lower(`{df.fieldname}`) like %s limit 1",
					f"%{needle.lower()}%",
				):
					found.append(f"{doctype}.{df.fieldname} holds {needle}")
	return found


def site_tables_holding(*needles) -> list[str]:
	"""Every text column of every table of the site's database (Frappe's included) that holds one
	of ``needles`` (case-insensitive, as the site's collation compares)."""
	columns = frappe.db.sql(
		"""select table_name, column_name from information_schema.columns
		where table_schema = %s
		and data_type in ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext')""",
		frappe.conf.db_name,
	)
	by_table = {}
	for table, column in columns:
		by_table.setdefault(table, []).append(column)
	found = []
	for table, names in by_table.items():
		where = " or ".join(f"`{column}` like %(needle)s" for column in names)
		for needle in needles:
			if frappe.db.sql(f"select 1 from `{table}` where {where} limit 1", {"needle": f"%{needle}%"}):
				found += [
					f"{table}.{column} holds {needle}"
					for column in names
					if frappe.db.sql(
						f"select 1 from `{table}` where `{column}` like %s limit 1", f"%{needle}%"
					)
				]
	return found


def past_trip(days_ago=10, **overrides):
	"""A trip that people registered for and that ended ``days_ago`` days ago."""
	trip = make_trip(**overrides)
	return trip, lambda: move_event(trip, days_ago)


def move_event(event, days_ago):
	end = add_days(getdate(), -days_ago)
	frappe.db.set_value(
		event.doctype,
		event.name,
		{"start_date": add_days(end, -1), "end_date": end, "registration_deadline": None},
	)


def attended(registration):
	frappe.db.set_value("Activity Registration", registration.name, "status", "Attended")


class PersonInTheApp:
	"""One person everywhere in the app: registrations, a contact who represents an organisation,
	meeting attendance, a member report, the newsletter and a mention in a meeting's minutes."""

	def __init__(self, email_user=None):
		tag = random_string(6).lower()
		self.first, self.last = "Eva", f"Raderasson{tag}"
		self.email = f"eva.{tag}@example.se"
		self.organisation = make_organisation(organisation_type="Social Enterprise")
		self.contact = make_contact(
			self.first, self.last, organisation=self.organisation.name, email=self.email
		)
		organisation = frappe.get_doc("Organisation", self.organisation.name)
		organisation.append("representatives", {"contact": self.contact.name, "capacity": "Employee"})
		organisation.save()
		trip, ended = past_trip()
		self.trip = trip
		self.registration = make_registration(
			trip,
			first_name=self.first,
			last_name=self.last,
			email=self.email,
			organisation=self.organisation.name,
			dietary_needs="Vegetarisk",
			comments=f"Jag heter {self.first} {self.last}",
		)
		self.other = make_registration(
			trip, first_name="Olle", last_name=f"Kvar{tag}", email=f"olle.{tag}@example.se"
		)
		ended()
		attended(self.registration)
		attended(self.other)
		self.meeting = make_meeting(
			attendees=[{"contact": self.contact.name, "organisation": self.organisation.name}],
			meeting_date=add_days(getdate(), -5),
		)
		frappe.db.set_value("Meeting Attendee", {"parent": self.meeting.name}, "attendance", "Present")
		frappe.db.set_value(
			"Meeting", self.meeting.name, "minutes", f"<p>{self.first} {self.last} berättade om resan.</p>"
		)
		self.report = frappe.get_doc(
			{
				"doctype": "Meeting Report",
				"meeting": self.meeting.name,
				"organisation": self.organisation.name,
				"contact": self.contact.name,
				"email": self.email,
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{"doctype": "Email Group Member", "email_group": get_newsletter_group(), "email": self.email}
		).insert(ignore_permissions=True)


class TestDownloadRequest(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def test_download_returns_every_record_of_the_address(self):
		person = PersonInTheApp()
		make_user(person.email)
		data = personal_data(person.email)
		self.assertEqual([r["name"] for r in data["Activity Registration"]], [person.registration.name])
		self.assertEqual(len(data["Meeting Attendee"]), 1)
		self.assertEqual(data["Organisation Representative"][0]["contact"], person.contact.name)
		self.assertEqual([r["name"] for r in data["Meeting Report"]], [person.report.name])
		self.assertEqual(len(data["Email Group Member"]), 1)
		self.assertIn("Contact", data)
		# Nobody else's rows; no secrets of personal links.
		self.assertNotIn(person.other.name, json.dumps(data))
		self.assertNotIn("cancel_token", data["Activity Registration"][0])

	def test_system_manager_downloads_for_an_address_without_a_user_others_cannot(self):
		from slup_crm.privacy.download import personal_data_of

		person = PersonInTheApp()
		data = personal_data_of(person.email)
		self.assertEqual(data["Activity Registration"][0]["name"], person.registration.name)
		frappe.set_user(make_user("privacy-manager@example.se", "SLUP Manager").name)
		try:
			self.assertRaises(frappe.PermissionError, personal_data_of, person.email)
		finally:
			frappe.set_user("Administrator")

	def test_frappe_download_request_delivers_the_app_rows(self):
		person = PersonInTheApp()
		make_user(person.email)
		request = frappe.get_doc({"doctype": "Personal Data Download Request", "user": person.email}).insert(
			ignore_permissions=True
		)
		content = frappe.get_doc(
			"File", {"attached_to_doctype": request.doctype, "attached_to_name": request.name}
		).get_content()
		data = json.loads(content)
		self.assertEqual(data["Activity Registration"][0]["name"], person.registration.name)
		self.assertIn("Organisation Representative", data)


class TestErasure(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def erase(self, email):
		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": email}).insert(
			ignore_permissions=True
		)
		request.db_set("status", "Pending Approval")
		request.reload()
		request.trigger_data_deletion()
		return request.reload()

	def test_erasing_an_address_without_a_user_removes_every_trace_and_keeps_every_figure(self):
		person = PersonInTheApp()
		self.assertFalse(frappe.db.exists("User", person.email))
		before = every_figure()
		self.assertTrue(tables_holding(person.email, person.last))

		request = self.erase(person.email)

		self.assertEqual(request.status, "Deleted")
		self.assertEqual(tables_holding(person.email, person.last), [])
		self.assertEqual(every_figure(), before)
		# The rows the figures count are kept, anonymised; the representation is gone.
		registration = frappe.db.get_value(
			"Activity Registration",
			person.registration.name,
			["email", "first_name", "comments", "status", "organisation", "anonymised_on"],
			as_dict=True,
		)
		self.assertEqual(registration.email, pseudonym_for(person.email))
		self.assertEqual(request.email, pseudonym_for(person.email))  # the request keeps no address
		self.assertEqual(registration.first_name, declaration.REDACTED)
		self.assertFalse(frappe.db.exists("Registration Needs", {"registration": person.registration.name}))
		self.assertIsNone(registration.comments)
		self.assertEqual(registration.status, "Attended")
		self.assertEqual(registration.organisation, person.organisation.name)
		self.assertTrue(registration.anonymised_on)
		self.assertFalse(
			frappe.db.exists("Organisation Representative", {"parent": person.organisation.name})
		)
		self.assertFalse(frappe.db.exists("Contact Email", {"email_id": person.email}))
		self.assertFalse(
			frappe.db.exists(
				"Version", {"ref_doctype": "Activity Registration", "docname": person.registration.name}
			)
		)

	def test_frappe_alone_cannot_erase_an_address_without_a_user(self):
		"""Why the app overrides the request: Frappe v15's own controller stops at the missing User."""
		from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
			PersonalDataDeletionRequest as FrappeRequest,
		)

		person = PersonInTheApp()
		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": person.email}).insert(
			ignore_permissions=True
		)
		self.assertRaises(frappe.DoesNotExistError, FrappeRequest.disable_user, request)
		request.disable_user()  # the app's: nothing to disable, no error

	def test_nobody_elses_data_is_touched(self):
		person = PersonInTheApp()
		other = frappe.db.get_value(
			"Activity Registration", person.other.name, ["email", "last_name", "phone"]
		)
		self.erase(person.email)
		self.assertEqual(
			frappe.db.get_value("Activity Registration", person.other.name, ["email", "last_name", "phone"]),
			other,
		)

	def test_erasing_an_address_with_a_user_still_works(self):
		person = PersonInTheApp()
		make_user(person.email)
		before = every_figure()
		request = self.erase(person.email)
		self.assertEqual(request.status, "Deleted")
		self.assertFalse(frappe.db.exists("User", person.email))
		self.assertEqual(tables_holding(person.email, person.last), [])
		self.assertEqual(every_figure(), before)


class TestRetention(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def registration(self, trip, **values):
		return make_registration(trip, dietary_needs="Glutenfri", accessibility_needs="Rullstol", **values)

	def fields(self, registration):
		"""The registration's fields and its needs (kept apart, in Registration Needs)."""
		values = frappe.db.get_value(
			"Activity Registration",
			registration.name,
			["email", "first_name", "status", "organisation"],
			as_dict=True,
		)
		needs = frappe.db.get_value(
			"Registration Needs",
			{"registration": registration.name},
			["dietary_needs", "accessibility_needs"],
			as_dict=True,
		)
		return values.update(needs or {"dietary_needs": None, "accessibility_needs": None})

	def test_special_category_cleared_after_the_set_days_and_twice_is_the_same(self):
		trip = make_trip()
		registration = self.registration(trip)
		move_event(trip, 29)
		apply_retention()
		self.assertEqual(self.fields(registration).dietary_needs, "Glutenfri")  # not yet
		move_event(trip, 31)
		first = apply_retention()
		after_first = self.fields(registration)
		second = apply_retention()
		self.assertGreaterEqual(first["special_category"], 1)
		self.assertEqual(second["special_category"], 0)
		self.assertIsNone(after_first.dietary_needs)
		self.assertIsNone(after_first.accessibility_needs)
		self.assertEqual(after_first.first_name, "Anna")  # the rest stays for 3 years
		self.assertEqual(self.fields(registration), after_first)

	def test_registrants_anonymised_after_the_set_years_keeping_the_figures(self):
		trip, other_trip = make_trip(), make_trip()
		organisation = make_organisation()
		email = f"gammal.{random_string(6).lower()}@example.se"
		one = self.registration(trip, email=email, organisation=organisation.name)
		two = self.registration(other_trip, email=email)
		move_event(trip, 3 * 366)
		move_event(other_trip, 3 * 366 + 10)
		attended(one)
		before = every_figure()
		apply_retention()
		after = self.fields(one)
		self.assertEqual(after.email, pseudonym_for(email))
		self.assertEqual(self.fields(two).email, pseudonym_for(email))  # still one person in the counts
		self.assertEqual(after.first_name, declaration.REDACTED)
		self.assertEqual((after.status, after.organisation), ("Attended", organisation.name))
		self.assertEqual(every_figure(), before)
		self.assertEqual(apply_retention()["registrants"], 0)
		self.assertEqual(self.fields(one), after)
		self.assertEqual(tables_holding(email), [])

	def test_a_registrants_fee_claim_and_its_payments_go_with_the_registration_keeping_the_amounts(self):
		trip = make_trip(price=1000)
		payer = f"Betalare{random_string(6)}"
		registration = self.registration(trip)
		claim = frappe.get_doc("Fee Claim", {"registration": registration.name})
		claim.amount, claim.amount_reason = 600, f"Nedsatt för {payer}"
		claim.save()
		payment = frappe.get_doc(
			{
				"doctype": "Incoming Payment",
				"payment_date": getdate(),
				"amount": 600,
				"ocr_reference": claim.ocr_reference,
				"payer": payer,
				"notes": f"Inbetalt av {payer}",
			}
		).insert()
		move_event(trip, 3 * 366)
		apply_retention()
		claim_after = frappe.db.get_value(
			"Fee Claim", claim.name, ["description", "amount_reason", "amount", "paid_amount"], as_dict=True
		)
		payment_after = frappe.db.get_value(
			"Incoming Payment", payment.name, ["payer", "notes", "amount", "claim"], as_dict=True
		)
		self.assertNotIn("Anna", claim_after.description or "")
		self.assertNotIn(payer, claim_after.amount_reason or "")
		self.assertNotIn(payer, (payment_after.payer or "") + (payment_after.notes or ""))
		self.assertEqual((claim_after.amount, claim_after.paid_amount), (600, 600))
		self.assertEqual((payment_after.amount, payment_after.claim), (600, claim.name))
		self.assertEqual(tables_holding(payer), [])
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": "Fee Claim", "docname": claim.name}))

	def test_cancelled_registrations_anonymised_sooner(self):
		trip = make_trip()
		registration = self.registration(trip)
		registration.status = "Cancelled"
		registration.save(ignore_permissions=True)
		apply_retention()
		self.assertEqual(self.fields(registration).first_name, "Anna")
		frappe.db.set_value(
			"Activity Registration", registration.name, "cancelled_on", add_days(now_datetime(), -91)
		)
		self.assertEqual(apply_retention()["cancelled"], 1)
		self.assertEqual(self.fields(registration).first_name, declaration.REDACTED)

	def test_legal_hold_is_respected(self):
		trip = make_trip()
		registration = self.registration(trip)
		frappe.db.set_value("Trip", trip.name, "legal_hold", 1)
		move_event(trip, 5 * 366)
		before = self.fields(registration)
		apply_retention()
		self.assertEqual(self.fields(registration), before)
		frappe.db.set_value("Trip", trip.name, "legal_hold", 0)
		apply_retention()
		self.assertEqual(self.fields(registration).first_name, declaration.REDACTED)

	def test_periods_come_from_slup_settings(self):
		trip = make_trip()
		registration = self.registration(trip)
		move_event(trip, 10)
		apply_retention()
		self.assertEqual(self.fields(registration).dietary_needs, "Glutenfri")
		frappe.db.set_single_value("SLUP Settings", "special_category_days", 5)
		try:
			apply_retention()
		finally:
			frappe.db.set_single_value("SLUP Settings", "special_category_days", 30)
		self.assertIsNone(self.fields(registration).dietary_needs)

	def test_newsletter_opt_outs_removed_after_the_set_days(self):
		email = f"slutade.{random_string(6).lower()}@example.se"
		member = frappe.get_doc(
			{
				"doctype": "Email Group Member",
				"email_group": get_newsletter_group(),
				"email": email,
				"unsubscribed": 1,
			}
		).insert(ignore_permissions=True)
		apply_retention()
		self.assertTrue(frappe.db.exists("Email Group Member", member.name))
		frappe.db.set_value(
			"Email Group Member",
			member.name,
			"modified",
			add_days(now_datetime(), -31),
			update_modified=False,
		)
		apply_retention()
		self.assertFalse(frappe.db.exists("Email Group Member", member.name))


class TestConsent(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def new_version(self, text):
		current = frappe.get_last_doc("Privacy Notice", order_by="version desc")
		copy = frappe.copy_doc(current)
		copy.notice_en = f"<p>{text}</p>"
		copy.notice_sv = f"<p>{text} (sv)</p>"
		return copy.insert()

	def test_registration_records_the_version_agreed_and_keeps_it(self):
		trip = make_trip()
		first = make_registration(trip)
		self.assertTrue(first.privacy_notice)
		self.assertTrue(first.consent_given_on)
		newer = self.new_version("We now also keep your phone number.")
		self.assertEqual(
			newer.version, frappe.db.get_value("Privacy Notice", first.privacy_notice, "version") + 1
		)
		second = make_registration(trip)
		self.assertEqual(second.privacy_notice, newer.name)
		self.assertNotEqual(
			frappe.db.get_value("Activity Registration", first.name, "privacy_notice"), newer.name
		)

	def test_a_published_version_cannot_change(self):
		notice = frappe.get_last_doc("Privacy Notice", order_by="version desc")
		notice.notice_en = "<p>Changed quietly</p>"
		self.assertRaises(frappe.ValidationError, notice.save)

	def test_newsletter_subscription_records_the_version_and_time(self):
		member = frappe.get_doc(
			{
				"doctype": "Email Group Member",
				"email_group": get_newsletter_group(),
				"email": f"ny.{random_string(6).lower()}@example.se",
			}
		).insert(ignore_permissions=True)
		current = frappe.get_last_doc("Privacy Notice", order_by="version desc")
		self.assertEqual(member.privacy_notice, current.name)
		self.assertTrue(member.consent_given_on)

	def test_public_pages_link_to_the_notice_and_the_erasure_request(self):
		urls = {item["url"] for item in footer_links(frappe._dict())["footer_items"]}
		self.assertEqual(urls, {"/privacy", "/request-for-account-deletion"})
		from frappe.website.serve import get_response_content

		frappe.set_user("Guest")
		try:
			html = get_response_content("activities")
			page = get_response_content("privacy")
		finally:
			frappe.set_user("Administrator")
		self.assertIn('href="/request-for-account-deletion"', html)
		self.assertIn("privacy-text", page)


class TestLeastAccess(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()
		cls.staff = make_user("privacy-staff@example.se", "SLUP Staff").name
		cls.organiser = make_user("privacy-organiser@example.se", "SLUP Staff", ORGANISER_ROLE).name
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_staff_do_not_read_special_category_fields_organisers_do(self):
		trip = make_trip()
		registration = make_registration(trip, dietary_needs="Halal")
		frappe.set_user(self.staff)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("Registration Needs", fields=["registration", "dietary_needs"])
		self.assertFalse(frappe.has_permission("Registration Needs", "read", registration.name))
		doc = frappe.get_doc("Activity Registration", registration.name)
		self.assertIsNone(doc.get("dietary_needs"))
		frappe.set_user(self.organiser)
		rows = frappe.get_list(
			"Registration Needs", filters={"registration": registration.name}, fields=["dietary_needs"]
		)
		self.assertEqual(rows[0].dietary_needs, "Halal")

	def test_an_organiser_opening_the_form_is_logged(self):
		from frappe.desk.form.load import getdoc

		registration = make_registration(make_trip(), accessibility_needs="Hörselslinga")
		logs = frappe.db.count("Access Log", {"reference_document": registration.name, "method": READ_METHOD})
		frappe.set_user(self.staff)
		with self.assertRaises(frappe.PermissionError):
			getdoc("Registration Needs", registration.name)
		self.assertEqual(
			frappe.db.count("Access Log", {"reference_document": registration.name, "method": READ_METHOD}),
			logs,
		)
		frappe.set_user(self.organiser)
		getdoc("Registration Needs", registration.name)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.count("Access Log", {"reference_document": registration.name, "method": READ_METHOD}),
			logs + 1,
		)

	def test_an_organiser_reading_through_the_api_is_logged(self):
		from frappe.client import get

		registration = make_registration(make_trip(), dietary_needs="Glutenfri")

		def logged(name):
			return frappe.db.count("Access Log", {"reference_document": name, "method": READ_METHOD})

		before = logged(registration.name)
		frappe.set_user(self.staff)
		with self.assertRaises(frappe.PermissionError):
			get("Registration Needs", registration.name)
		self.assertEqual(logged(registration.name), before)
		frappe.set_user(self.organiser)
		self.assertEqual(get("Registration Needs", registration.name)["dietary_needs"], "Glutenfri")
		frappe.set_user("Administrator")
		self.assertEqual(logged(registration.name), before + 1)

	def test_a_registration_without_needs_has_no_needs_row(self):
		plain = make_registration(make_trip())
		self.assertFalse(frappe.db.exists("Registration Needs", {"registration": plain.name}))

	def test_participant_list_shows_needs_to_organisers_only(self):
		trip = make_trip()
		make_registration(trip, dietary_needs="Laktosfri")
		frappe.set_user(self.staff)
		html = frappe.get_print("Trip", trip.name, print_format="Trip Participant List")
		self.assertNotIn("Laktosfri", html)
		frappe.set_user(self.organiser)
		html = frappe.get_print("Trip", trip.name, print_format="Trip Participant List")
		self.assertIn("Laktosfri", html)

	def test_guests_read_nothing(self):
		registration = make_registration(make_trip(), dietary_needs="Vegansk")
		frappe.set_user("Guest")
		self.assertFalse(frappe.has_permission("Activity Registration", "read", registration.name))
		self.assertFalse(frappe.has_permission("Privacy Notice", "read"))


def erase_by_request(email):
	"""Erase an address through Frappe's Personal Data Deletion Request, as the approver does."""
	request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": email}).insert(
		ignore_permissions=True
	)
	request.db_set("status", "Pending Approval")
	request.reload()
	request.trigger_data_deletion()
	return request.reload()


class PersonWithEveryTrace:
	"""One person with every kind of trace Frappe and the app keep (issue 19)."""

	def __init__(self):
		tag = random_string(6).lower()
		self.first, self.last = "Eva", f"Spårsson{tag}"
		self.full = f"{self.first} {self.last}"
		self.email = f"eva.spar.{tag}@example.se"
		self.phone = "070-" + "".join(str(ord(c) % 10) for c in random_string(7))
		self.organisation = make_organisation(organisation_type="Social Enterprise")
		trip, ended = past_trip()
		self.registration = make_registration(
			trip,
			first_name=self.first,
			last_name=self.last,
			email=self.email,
			phone=self.phone,
			dietary_needs="Vegetarisk",
			comments=f"Jag heter {self.full}",
		)
		gone = make_registration(make_trip(), first_name=self.first, last_name=self.last, email=self.email)
		frappe.delete_doc("Activity Registration", gone.name, ignore_permissions=True, force=True)
		ended()
		attended(self.registration)
		frappe.get_doc(
			{"doctype": "Email Group Member", "email_group": get_newsletter_group(), "email": self.email}
		).insert(ignore_permissions=True)
		contact = make_contact(self.first, self.last, organisation=self.organisation.name, email=self.email)
		contact.append("phone_nos", {"phone": self.phone, "is_primary_phone": 1})
		contact.save()
		self.contact = contact.name
		organisation = frappe.get_doc("Organisation", self.organisation.name)
		organisation.append("representatives", {"contact": contact.name, "capacity": "Employee"})
		organisation.save()
		registration = frappe.get_doc("Activity Registration", self.registration.name)
		registration.add_comment("Comment", f"{self.full} ringer från {self.phone}")
		meeting = make_meeting(meeting_date=add_days(getdate(), -5))
		frappe.db.set_value("Meeting", meeting.name, "minutes", f"<p>{self.full} berättade om resan.</p>")
		self.meeting = meeting.name
		frappe.sendmail(
			recipients=[self.email],
			subject="Din anmälan",
			message=f"Hej {self.full}",
			reference_doctype="Activity Registration",
			reference_name=self.registration.name,
		)
		frappe.sendmail(recipients=[self.email, "annan@example.se"], subject="Nyhetsbrev", message="Hej")
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": f"Skicka protokollet till {self.full}",
				"allocated_to": "Administrator",
			}
		).insert(ignore_permissions=True)
		frappe.log_error(
			title=f"Utskick till {self.email} misslyckades", message=f"{self.full} <{self.email}>"
		)
		frappe.get_doc(
			{
				"doctype": "Pending E-mail",
				"recipients": f"annan@example.se\n{self.email}",
				"subject": "Protokoll",
				"message": f"Hej alla, även {self.full}",
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"intyg-{self.last}.txt",
				"attached_to_doctype": "Activity Registration",
				"attached_to_name": self.registration.name,
				"content": f"Intyg för {self.full}",
			}
		).insert(ignore_permissions=True)

	def needles(self):
		return (self.email, self.last, self.phone)


class TestErasureReachesEveryTable(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def test_no_table_of_the_site_holds_the_person_after_an_erasure_and_figures_stay(self):
		person = PersonWithEveryTrace()
		self.assertTrue(frappe.db.get_value("Activity Registration", person.registration.name, "_comments"))
		self.assertTrue(frappe.db.exists("Deleted Document", {"data": ("like", f"%{person.email}%")}))
		before = every_figure()
		held = site_tables_holding(*person.needles())
		for trace in (
			"tabEmail Queue Recipient",
			"tabContact Phone",
			"tabError Log",
			"tabPending E-mail",
			"tabFile",
		):
			self.assertTrue([t for t in held if t.startswith(f"{trace}.")], trace)

		request = erase_by_request(person.email)

		self.assertEqual(request.status, "Deleted")
		self.assertEqual(site_tables_holding(*person.needles()), [])
		self.assertEqual(every_figure(), before)
		self.assertEqual(request.email, pseudonym_for(person.email))
		# The other recipient of the pending e-mail still gets it; the run is recorded, without the person.
		self.assertTrue(frappe.db.exists("Pending E-mail", {"recipients": "annan@example.se"}))
		run = frappe.get_last_doc("Anonymisation Run", filters={"reference_name": request.name})
		self.assertEqual(run.run_type, "Erasure")
		self.assertGreaterEqual(json.loads(run.counts)["Activity Registration"], 1)


class TestErasureIsExact(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def setUp(self):
		tag = random_string(6).lower()
		self.trip = make_trip()
		self.minutes = "<p>Vi talade om socialt företagande. Ann Berg och Johann Bergström deltog.</p>"
		self.meeting = make_meeting(meeting_date=add_days(getdate(), -5))
		frappe.db.set_value("Meeting", self.meeting.name, "minutes", self.minutes)
		self.namesake = make_contact("Johann", "Bergström", email=f"johann.{tag}@example.se")
		self.other_comment = self.namesake.add_comment(
			"Comment", "Johann Bergström ringde om socialt företagande"
		)
		self.ann = f"ann.{tag}@example.se"
		make_contact("Ann", "Berg", email=self.ann)
		make_registration(self.trip, first_name="Ann", last_name="Berg", email=self.ann)
		self.guest = f"gast.{tag}@example.se"
		make_registration(self.trip, first_name="socialt företagande", last_name="Gäst", email=self.guest)

	def current_minutes(self):
		return frappe.db.get_value("Meeting", self.meeting.name, "minutes")

	def test_only_names_the_association_holds_are_cut_as_whole_words(self):
		erase_by_request(self.guest)
		self.assertEqual(self.current_minutes(), self.minutes)
		erase_by_request(self.ann)
		self.assertEqual(
			self.current_minutes(),
			"<p>Vi talade om socialt företagande. REDACTED och Johann Bergström deltog.</p>",
		)
		self.assertEqual(
			frappe.db.get_value("Contact", self.namesake.name, ["first_name", "last_name"]),
			("Johann", "Bergström"),
		)
		# Frappe's own step no longer rewrites other people's comments.
		self.assertEqual(
			frappe.db.get_value("Comment", self.other_comment.name, "content"),
			"Johann Bergström ringde om socialt företagande",
		)

	def test_the_approver_sees_the_plan_and_may_keep_a_mention(self):
		from slup_crm.privacy.erasure import erasure_preview, keep_mentions

		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": self.ann}).insert(
			ignore_permissions=True
		)
		plan = erasure_preview(request.name)["changes"]
		minutes = [c for c in plan if c["doctype"] == "Meeting" and c["name"] == self.meeting.name]
		self.assertEqual([(m["word"], m["count"]) for m in minutes[0]["mentions"]], [("Ann Berg", 1)])
		self.assertIn("Activity Registration", {c["doctype"] for c in plan})
		self.assertNotIn(self.namesake.name, {c["name"] for c in plan})
		keep_mentions(request.name, [minutes[0]["mentions"][0]["key"]])
		request.reload()
		request.db_set("status", "Pending Approval")
		request.reload()
		request.trigger_data_deletion()
		self.assertEqual(self.current_minutes(), self.minutes)
		self.assertFalse(frappe.db.exists("Activity Registration", {"email": self.ann}))

	def test_only_a_system_manager_previews(self):
		from slup_crm.privacy.erasure import erasure_preview

		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": self.ann}).insert(
			ignore_permissions=True
		)
		frappe.set_user(make_user("preview-manager@example.se", "SLUP Manager").name)
		try:
			self.assertRaises(frappe.PermissionError, erasure_preview, request.name)
		finally:
			frappe.set_user("Administrator")


class TestOnePseudonym(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def test_retention_then_erasure_leaves_one_pseudonym(self):
		email = f"tva.{random_string(6).lower()}@example.se"
		old_trip, new_trip = make_trip(), make_trip()
		old = make_registration(old_trip, email=email)
		new = make_registration(new_trip, email=email)
		move_event(old_trip, 3 * 366 + 5)
		apply_retention()
		self.assertEqual(
			frappe.db.get_value("Activity Registration", old.name, "email"), pseudonym_for(email)
		)
		self.assertEqual(frappe.db.get_value("Activity Registration", new.name, "email"), email)
		self.assertTrue(frappe.db.exists("Anonymisation Run", {"run_type": "Retention"}))

		erase_by_request(email)

		emails = {
			frappe.db.get_value("Activity Registration", name, "email") for name in (old.name, new.name)
		}
		self.assertEqual(emails, {pseudonym_for(email)})


class TestRetentionOfFrappesCopies(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()

	def test_sent_emails_and_deleted_registrations_go_after_the_set_days(self):
		registration = make_registration(make_trip())
		frappe.sendmail(
			recipients=[registration.email],
			subject="Bekräftelse",
			message="Hej",
			reference_doctype="Activity Registration",
			reference_name=registration.name,
		)
		queued = frappe.get_last_doc("Email Queue", filters={"reference_name": registration.name})
		queued.db_set("status", "Sent")
		gone = make_registration(make_trip())
		frappe.delete_doc("Activity Registration", gone.name, ignore_permissions=True, force=True)
		deleted = frappe.db.get_value("Deleted Document", {"deleted_name": gone.name})
		apply_retention()
		self.assertTrue(frappe.db.exists("Email Queue", queued.name))
		self.assertTrue(frappe.db.exists("Deleted Document", deleted))
		long_ago = add_days(now_datetime(), -31)
		frappe.db.set_value("Email Queue", queued.name, "modified", long_ago, update_modified=False)
		frappe.db.set_value("Deleted Document", deleted, "creation", long_ago, update_modified=False)
		steps = apply_retention()
		self.assertFalse(frappe.db.exists("Email Queue", queued.name))
		self.assertFalse(frappe.db.exists("Email Queue Recipient", {"parent": queued.name}))
		self.assertFalse(frappe.db.exists("Deleted Document", deleted))
		self.assertEqual((steps["email_queue"], steps["deleted_documents"]), (1, 1))
