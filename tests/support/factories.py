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
