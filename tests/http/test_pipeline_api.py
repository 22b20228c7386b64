"""Workflow rules hold over the REST API, as they do in the form."""

import frappe
import pytest

from tests.support.factories import make_policy_adoption, make_user

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
