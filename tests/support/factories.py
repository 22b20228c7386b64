"""Factories: each test builds what it reads. Defaults are valid; overrides make them invalid."""

import frappe
from frappe.utils import random_string

# Valid Swedish organisation numbers (checksums verified by python-stdnum).
VALID_ORGNRS = ["556036-0793", "802000-0017", "769600-1457", "556677-8899", "717900-4564", "802410-1233"]


def make_organisation(**overrides):
	values = {
		"doctype": "Organisation",
		"organisation_name": "Testföreningen " + random_string(6),
		"organisation_type": "Association",
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def municipality(code: str) -> str:
	return frappe.db.get_value("Organisation", {"municipality_code": code})


def make_contact(first_name="Anna", last_name=None, organisation=None, email=None):
	contact = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": first_name,
			"last_name": last_name or random_string(6),
		}
	)
	if email:
		contact.append("email_ids", {"email_id": email, "is_primary": 1})
	if organisation:
		contact.append("links", {"link_doctype": "Organisation", "link_name": organisation})
	return contact.insert()


def make_membership(organisation, **overrides):
	values = {"doctype": "Membership", "organisation": organisation, "year": frappe.utils.getdate().year}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def make_user(email, *roles):
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	user.add_roles(*roles)
	return user


def make_login_users(email_of, roles: dict, password: str) -> dict:
	"""Committed users who can log in over HTTP: ``{key: email}`` for ``{key: roles}``, where
	``email_of(key)`` names each; the key "website" is a Website User with no roles."""
	emails = {key: email_of(key) for key in roles}
	for key, user_roles in roles.items():
		user = make_user(emails[key], *user_roles)
		if key == "website":
			user.user_type = "Website User"
		user.new_password = password
		user.save(ignore_permissions=True)
	frappe.db.commit()
	return emails


def make_address(organisation, **overrides):
	values = {
		"doctype": "Address",
		"address_title": "Kontoret",
		"address_type": "Office",
		"address_line1": "Klara Västra Kyrkogata 11",
		"city": "Stockholm",
		"pincode": "111 64",
		"country": frappe.db.get_value("Country", {"code": "se"}) or "Sweden",
		"links": [{"link_doctype": "Organisation", "link_name": organisation}],
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


STAFF_USER = "pipeline-staff@example.se"
MANAGER_USER = "pipeline-manager@example.se"


def pipeline_users():
	"""A SLUP Staff and a SLUP Manager user (created once on the test site)."""
	make_user(STAFF_USER, "SLUP Staff")
	make_user(MANAGER_USER, "SLUP Manager")
	return STAFF_USER, MANAGER_USER


def make_municipality(code=None, **overrides):
	"""A municipality outside Stockholm county with a fresh code (so it has no policy record)."""
	if code is None:
		used = set(
			frappe.get_all("Organisation", {"municipality_code": ("like", "25%")}, pluck="municipality_code")
		)
		code = next(c for c in (f"25{n:02d}" for n in range(100)) if c not in used)
	existing = frappe.db.get_value("Organisation", {"municipality_code": code})
	if existing:
		return existing
	return make_organisation(
		organisation_name=f"Testkommun {code}",
		organisation_type="Municipality",
		municipality_code=code,
		**overrides,
	).name


def make_policy_adoption(municipality=None, **overrides):
	values = {"doctype": "Policy Adoption", "municipality": municipality or make_municipality()}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def make_startup(**overrides):
	values = {
		"doctype": "Social Enterprise Startup",
		"enterprise_name": "Kooperativet " + random_string(6),
		"origin": "Spin-off of a municipal work centre",
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def apply_action(doc, action):
	"""Take a workflow action as the form's action buttons do."""
	from frappe.model.workflow import apply_workflow

	return apply_workflow(doc.as_dict(), action)


def make_trip(**overrides):
	"""A published bus trip a month ahead that takes registrations today (10 seats)."""
	today = frappe.utils.getdate()
	values = {
		"doctype": "Trip",
		"title": "Studieresa " + random_string(6),
		"kind": "Bus",
		"destination": "Göteborg",
		"start_date": frappe.utils.add_days(today, 30),
		"end_date": frappe.utils.add_days(today, 31),
		"price": 450,
		"seats": 10,
		"registration_deadline": frappe.utils.add_days(today, 20),
		"published": 1,
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def make_training(sessions=None, **overrides):
	"""A published training with four sessions, the first in a month (10 seats)."""
	today = frappe.utils.getdate()
	values = {
		"doctype": "Training",
		"title": "Utbildning " + random_string(6),
		"seats": 10,
		"registration_deadline": frappe.utils.add_days(today, 14),
		"published": 1,
		"sessions": [
			{"session_date": frappe.utils.add_days(today, 30 + 21 * i), "topic": f"Dag {i + 1}"}
			for i in range(4)
		]
		if sessions is None
		else sessions,
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def registration_values(event, **overrides):
	"""What a registrant types into the form for ``event`` (a Trip or Training document)."""
	values = {
		"doctype": "Activity Registration",
		frappe.scrub(event.doctype): event.name,
		"first_name": "Anna",
		"last_name": "Andersson",
		"email": f"anna.{random_string(8).lower()}@example.se",
		"phone": "08-123 456 78",
		"organisation_name": "Coompanion Stockholm",
		"consent": 1,
	}
	values.update(overrides)
	return values


def make_registration(event, **overrides):
	return frappe.get_doc(registration_values(event, **overrides)).insert(ignore_permissions=True)


TEST_OUTBOX = "SLUP Test Outbox"


def ensure_outgoing_email_account():
	"""A default outgoing e-mail account, which Frappe needs to queue e-mail (committed, kept on the
	test site; nothing sends it, since no scheduler or mail server runs in the tests)."""
	if not frappe.db.exists("Email Account", TEST_OUTBOX):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": TEST_OUTBOX,
				"email_id": "noreply@example.se",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
				"smtp_port": 2525,
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()


def make_meeting(**overrides):
	"""A development group meeting a month ahead, 14.00-16.30, with no attendees yet."""
	values = {
		"doctype": "Meeting",
		"group": "Development group",
		"meeting_date": frappe.utils.add_days(frappe.utils.getdate(), 30),
		"start_time": "14:00:00",
		"end_time": "16:30:00",
		"place": "Rågsveds Folkets hus",
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def make_outreach_activity(**overrides):
	"""An information meeting that reached 40 people in person."""
	values = {
		"doctype": "Outreach Activity",
		"title": "Informationsmöte " + random_string(6),
		"kind": "Information meeting",
		"activity_date": frappe.utils.getdate(),
		"people_in_person": 40,
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def make_development_project(**overrides):
	"""A European Social Fund project for 2010-2012 (stage Idea), owned by a new association."""
	values = {
		"doctype": "Development Project",
		"title": "Socialfondsprojekt " + random_string(6),
		"fund": "European Social Fund",
		"project_owner": make_organisation().name,
		"start_date": "2010-03-01",
		"end_date": "2012-12-31",
		"budget": 10_000_000,
		"own_financing": 500_000,
		"co_financing": 1_500_000,
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def make_exchange_member(organisation=None, contact=None, **overrides):
	"""A municipality in the policy exchange since 10 days ago, its contact with an e-mail address."""
	organisation = organisation or make_municipality()
	if contact is None:
		contact = make_contact(
			organisation=organisation, email=f"utbyte-{random_string(8).lower()}@example.se"
		).name
	values = {
		"doctype": "Policy Exchange Member",
		"organisation": organisation,
		"contact": contact,
		"joined_on": frappe.utils.add_days(frappe.utils.getdate(), -10),
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def make_adopted_policy(municipality=None, stage="Policy adopted", **overrides):
	"""A policy adoption with its decision, put in ``stage`` directly (the workflow is tested elsewhere)."""
	values = {
		"decided_by": "Municipal council",
		"decision_date": "2010-01-25",
		"case_number": "KS 2010/" + random_string(4),
		"policy_url": "https://www.example.se/policy-socialt-foretagande",
	}
	values.update(overrides)
	doc = make_policy_adoption(municipality, **values)
	frappe.db.set_value("Policy Adoption", doc.name, "stage", stage)
	return frappe.get_doc("Policy Adoption", doc.name)
