"""The CRM is closed to the public: checked over HTTP against a running server."""

import frappe
import pytest
from frappe.utils import random_string

from tests.support.factories import make_user

PASSWORD = "Sv3nsk-Test-" + random_string(8)
CRM_DOCTYPES = (
	"Organisation",
	"Membership",
	"County",
	"SLUP Settings",
	"Policy Adoption",
	"Policy Exchange Member",
)


@pytest.fixture(scope="module")
def users():
	"""Committed users the server can log in (kept on the dedicated test site, password renewed)."""
	emails = {"website": "http-public@example.se", "staff": "http-staff@example.se"}
	website = make_user(emails["website"])
	website.user_type = "Website User"
	website.new_password = PASSWORD
	website.save(ignore_permissions=True)
	staff = make_user(emails["staff"], "SLUP Staff")
	staff.new_password = PASSWORD
	staff.save(ignore_permissions=True)
	frappe.db.commit()
	return emails


def a_municipality():
	return frappe.db.get_value("Organisation", {"municipality_code": "0163"})


@pytest.mark.parametrize("doctype", CRM_DOCTYPES)
def test_guest_cannot_list_crm_records(server, doctype):
	r = server.session().get(f"{server.url}/api/resource/{doctype}", timeout=30)
	assert r.status_code == 403, r.text
	assert "Sollentuna" not in r.text


def test_guest_cannot_read_or_create_an_organisation(server):
	s = server.session()
	r = s.get(f"{server.url}/api/resource/Organisation/{a_municipality()}", timeout=30)
	assert r.status_code == 403
	assert "Sollentuna" not in r.text
	r = s.post(
		f"{server.url}/api/resource/Organisation",
		json={"organisation_name": "Intrång AB", "organisation_type": "Company"},
		timeout=30,
	)
	assert r.status_code == 403
	assert not frappe.db.exists("Organisation", {"organisation_name": "Intrång AB"})


def test_guest_cannot_read_through_generic_methods(server):
	s = server.session()
	r = s.get(
		f"{server.url}/api/method/frappe.client.get_list",
		params={"doctype": "Organisation", "fields": '["organisation_name"]'},
		timeout=30,
	)
	assert r.status_code == 403
	r = s.get(
		f"{server.url}/api/method/frappe.client.get_count", params={"doctype": "Organisation"}, timeout=30
	)
	assert r.status_code == 403


def test_guest_is_sent_to_login_from_the_desk(server):
	r = server.session().get(f"{server.url}/app/organisation", timeout=30)
	assert "/login" in r.url
	assert "Sollentuna" not in r.text


@pytest.mark.parametrize("doctype", CRM_DOCTYPES)
def test_website_user_cannot_list_crm_records(server, users, doctype):
	s = server.login(users["website"], PASSWORD)
	r = s.get(f"{server.url}/api/resource/{doctype}", timeout=30)
	assert r.status_code == 403, r.text


def test_website_user_reads_no_organisation_and_no_desk(server, users):
	s = server.login(users["website"], PASSWORD)
	r = s.get(f"{server.url}/api/resource/Organisation/{a_municipality()}", timeout=30)
	assert r.status_code == 403
	r = s.get(f"{server.url}/app/organisation", timeout=30, allow_redirects=False)
	assert "Sollentuna" not in r.text


def test_staff_lists_organisations(server, users):
	s = server.login(users["staff"], PASSWORD)
	r = s.get(
		f"{server.url}/api/resource/Organisation",
		params={"filters": '[["organisation_type", "=", "Municipality"]]', "limit_page_length": 100},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	assert len(r.json()["data"]) >= 26


def test_website_user_learns_nothing_of_the_policy_exchange_through_side_doors(server, users):
	"""Link titles, link search and getdoc give a website user nothing of a member of the exchange
	(its contact is a person); staff read it."""
	from tests.support.factories import make_exchange_member

	member = make_exchange_member()
	frappe.db.commit()
	try:
		s = server.login(users["website"], PASSWORD)
		r = s.get(
			f"{server.url}/api/method/frappe.desk.search.get_link_title",
			params={"doctype": "Policy Exchange Member", "docname": member.name},
			timeout=30,
		)
		assert member.organisation_name not in r.text
		r = s.get(
			f"{server.url}/api/method/frappe.desk.search.search_link",
			params={"doctype": "Policy Exchange Member", "txt": member.organisation_name[:8]},
			timeout=30,
		)
		assert member.organisation_name not in r.text and member.contact_email not in r.text
		r = s.get(
			f"{server.url}/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Policy Exchange Member", "name": member.name},
			timeout=30,
		)
		assert r.status_code == 403 and member.contact_email not in r.text
		staff = server.login(users["staff"], PASSWORD)
		r = staff.get(
			f"{server.url}/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Policy Exchange Member", "name": member.name},
			timeout=30,
		)
		assert r.status_code == 200 and member.contact_email in r.text
	finally:
		frappe.delete_doc("Policy Exchange Member", member.name, force=True, ignore_permissions=True)
		frappe.delete_doc("Contact", member.contact, force=True, ignore_permissions=True)
		frappe.delete_doc("Organisation", member.organisation, force=True, ignore_permissions=True)
		frappe.db.commit()
