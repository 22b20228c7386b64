"""Workflow rules hold over the REST API, as they do in the form."""

import frappe
import pytest

from tests.support.factories import make_contact, make_policy_adoption, make_user

PASSWORD = "Pipeline-Test-8472"


@pytest.fixture(scope="module")
def users():
	emails = {"staff": "http-pipeline-staff@example.se", "manager": "http-pipeline-manager@example.se"}
	for key, role in (("staff", "SLUP Staff"), ("manager", "SLUP Manager")):
		user = make_user(emails[key], role)
		user.new_password = PASSWORD
		user.save(ignore_permissions=True)
	frappe.db.commit()
	return emails


@pytest.fixture
def drafted_policy():
	"""A committed policy adoption in the stage Policy drafted, with everything adoption needs."""
	doc = make_policy_adoption(
		decided_by="Municipal council", decision_date="2010-01-25", policy_url="https://x.se/p"
	)
	frappe.db.set_value("Policy Adoption", doc.name, "stage", "Policy drafted")
	frappe.db.commit()
	yield doc.name
	frappe.db.delete("Stage Change", {"reference_name": doc.name})
	frappe.db.delete("Policy Adoption", doc.name)
	frappe.db.delete("Organisation", doc.municipality)
	frappe.db.commit()


def put_stage(session, server, name, stage):
	return session.put(f"{server.url}/api/resource/Policy Adoption/{name}", json={"stage": stage}, timeout=30)


def test_staff_cannot_adopt_through_the_api(server, users, drafted_policy):
	s = server.login(users["staff"], PASSWORD)
	r = put_stage(s, server, drafted_policy, "Policy adopted")
	assert r.status_code >= 400, r.text
	assert "not allowed" in r.text
	frappe.db.rollback()
	assert frappe.db.get_value("Policy Adoption", drafted_policy, "stage") == "Policy drafted"


def test_staff_moves_back_through_the_api(server, users, drafted_policy):
	s = server.login(users["staff"], PASSWORD)
	r = put_stage(s, server, drafted_policy, "Information campaign")
	assert r.status_code == 200, r.text
	assert r.json()["data"]["stage"] == "Information campaign"


def test_manager_adopts_through_the_workflow_action_endpoint(server, users, drafted_policy):
	s = server.login(users["manager"], PASSWORD)
	doc = s.get(f"{server.url}/api/resource/Policy Adoption/{drafted_policy}", timeout=30).json()["data"]
	r = s.post(
		f"{server.url}/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": doc, "action": "Adopt Policy"},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	frappe.db.rollback()
	assert frappe.db.get_value("Policy Adoption", drafted_policy, "stage") == "Policy adopted"
	history = frappe.get_all(
		"Stage Change", {"reference_name": drafted_policy, "to_stage": "Policy adopted"}, pluck="changed_by"
	)
	assert history == [users["manager"]]


def test_staff_cannot_use_the_workflow_action_endpoint_to_adopt(server, users, drafted_policy):
	s = server.login(users["staff"], PASSWORD)
	doc = s.get(f"{server.url}/api/resource/Policy Adoption/{drafted_policy}", timeout=30).json()["data"]
	r = s.post(
		f"{server.url}/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": doc, "action": "Adopt Policy"},
		timeout=30,
	)
	assert r.status_code >= 400
	frappe.db.rollback()
	assert frappe.db.get_value("Policy Adoption", drafted_policy, "stage") == "Policy drafted"


@pytest.fixture
def contacts(drafted_policy):
	"""One contact of the policy's municipality and one of nobody's."""
	municipality = frappe.db.get_value("Policy Adoption", drafted_policy, "municipality")
	own = make_contact(first_name="Kommunens", organisation=municipality).name
	stranger = make_contact(first_name="Främlingen").name
	frappe.db.commit()
	yield {"own": own, "stranger": stranger}
	for name in (own, stranger):
		frappe.delete_doc("Contact", name, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()


def put_contact(session, server, name, contact):
	return session.put(
		f"{server.url}/api/resource/Policy Adoption/{name}", json={"contact_person": contact}, timeout=30
	)


def test_a_contact_person_from_outside_the_municipality_is_refused_through_the_api(
	server, users, drafted_policy, contacts
):
	s = server.login(users["manager"], PASSWORD)
	r = put_contact(s, server, drafted_policy, contacts["stranger"])
	assert r.status_code == 417, r.text
	assert "is not a contact of" in r.text
	frappe.db.rollback()
	assert not frappe.db.get_value("Policy Adoption", drafted_policy, "contact_person")


def test_the_municipalitys_own_contact_is_accepted_through_the_api(server, users, drafted_policy, contacts):
	s = server.login(users["staff"], PASSWORD)
	r = put_contact(s, server, drafted_policy, contacts["own"])
	assert r.status_code == 200, r.text
	assert r.json()["data"]["contact_person"] == contacts["own"]


def test_a_new_policy_cannot_start_at_a_later_stage_through_the_api(server, users):
	"""Only Data Import may bring a record in at its current stage; REST goes through the workflow."""
	municipality = frappe.db.get_value("Organisation", {"municipality_code": "0114"})
	assert not frappe.db.exists("Policy Adoption", {"municipality": municipality})
	s = server.login(users["manager"], PASSWORD)
	r = s.post(
		f"{server.url}/api/resource/Policy Adoption",
		json={
			"municipality": municipality,
			"stage": "Policy adopted",
			"decided_by": "Municipal council",
			"decision_date": "2009-05-11",
			"policy_url": "https://example.se/p",
		},
		timeout=30,
	)
	assert r.status_code >= 400, r.text
	assert "not allowed" in r.text
	frappe.db.rollback()
	assert not frappe.db.exists("Policy Adoption", {"municipality": municipality})
