"""Development projects over HTTP: closed to guests and website users; the funder's decision is a manager's."""

import frappe
import pytest

from tests.support.factories import make_development_project, make_user

PASSWORD = "Projects-Test-6391"
TITLE = "Hemligt socialfondsprojekt"


@pytest.fixture(scope="module")
def users():
	emails = {
		"staff": "http-projects-staff@example.se",
		"manager": "http-projects-manager@example.se",
		"website": "http-projects-public@example.se",
	}
	for key, role in (("staff", "SLUP Staff"), ("manager", "SLUP Manager"), ("website", None)):
		user = make_user(emails[key], *([role] if role else []))
		if not role:
			user.user_type = "Website User"
		user.new_password = PASSWORD
		user.save(ignore_permissions=True)
	frappe.db.commit()
	return emails


@pytest.fixture
def applied_project():
	"""A committed project in the stage Applied, with a report owed to the funder."""
	doc = make_development_project(title=TITLE, reports=[{"due_date": "2010-09-30"}])
	frappe.db.set_value("Development Project", doc.name, "stage", "Applied")
	frappe.db.commit()
	yield doc.name
	frappe.db.delete("Stage Change", {"reference_name": doc.name})
	frappe.db.delete("Development Project Partner", {"parent": doc.name})
	frappe.db.delete("Funder Report", {"parent": doc.name})
	frappe.db.delete("Development Project", doc.name)
	frappe.db.delete("Organisation", doc.project_owner)
	frappe.db.commit()


def stage_of(name):
	frappe.db.rollback()
	return frappe.db.get_value("Development Project", name, "stage")


def test_guest_reads_nothing_of_projects(server, applied_project):
	s = server.session()
	for url, params in (
		("/api/resource/Development Project", {"fields": '["title"]'}),
		(f"/api/resource/Development Project/{applied_project}", None),
		("/api/method/frappe.client.get_list", {"doctype": "Development Project", "fields": '["title"]'}),
		("/api/method/frappe.client.get_count", {"doctype": "Development Project"}),
		(
			"/api/method/frappe.client.get_list",
			{"doctype": "Funder Report", "parent": "Development Project", "fields": '["due_date"]'},
		),
		("/api/method/slup_crm.projects.dashboard.reports_due_soon", None),
		(
			"/api/method/frappe.desk.query_report.run",
			{
				"report_name": "Outreach for Funders",
				"filters": f'{{"from_date": "2010-01-01", "to_date": "2010-12-31", "project": "{applied_project}"}}',
			},
		),
	):
		r = s.get(f"{server.url}{url}", params=params, timeout=30)
		assert r.status_code == 403, (url, r.status_code, r.text[:300])
		assert TITLE not in r.text, url
		assert "Traceback" not in r.text, url
	r = s.get(f"{server.url}/app/development-project/{applied_project}", timeout=30)
	assert "/login" in r.url
	assert TITLE not in r.text


def test_website_user_reads_nothing_of_projects(server, users, applied_project):
	s = server.login(users["website"], PASSWORD)
	for url in ("/api/resource/Development Project", f"/api/resource/Development Project/{applied_project}"):
		r = s.get(f"{server.url}{url}", timeout=30)
		assert r.status_code == 403, (url, r.text[:300])
		assert TITLE not in r.text


def test_guest_cannot_create_a_project(server):
	r = server.session().post(
		f"{server.url}/api/resource/Development Project",
		json={"title": "Intrångsprojektet", "fund": "Other"},
		timeout=30,
	)
	assert r.status_code == 403
	frappe.db.rollback()
	assert not frappe.db.exists("Development Project", {"title": "Intrångsprojektet"})


def test_staff_cannot_grant_through_the_api(server, users, applied_project):
	s = server.login(users["staff"], PASSWORD)
	for stage in ("Granted", "Rejected"):
		r = s.put(
			f"{server.url}/api/resource/Development Project/{applied_project}",
			json={"stage": stage},
			timeout=30,
		)
		assert r.status_code >= 400, r.text
		assert "not allowed" in r.text
	assert stage_of(applied_project) == "Applied"


def test_staff_cannot_use_the_workflow_action_endpoint_to_grant(server, users, applied_project):
	s = server.login(users["staff"], PASSWORD)
	doc = s.get(f"{server.url}/api/resource/Development Project/{applied_project}", timeout=30).json()["data"]
	r = s.post(
		f"{server.url}/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": doc, "action": "Grant"},
		timeout=30,
	)
	assert r.status_code >= 400
	assert stage_of(applied_project) == "Applied"


def test_manager_grants_through_the_workflow_action_endpoint(server, users, applied_project):
	s = server.login(users["manager"], PASSWORD)
	doc = s.get(f"{server.url}/api/resource/Development Project/{applied_project}", timeout=30).json()["data"]
	r = s.post(
		f"{server.url}/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": doc, "action": "Grant"},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	assert stage_of(applied_project) == "Granted"
	history = frappe.get_all(
		"Stage Change", {"reference_name": applied_project, "to_stage": "Granted"}, pluck="changed_by"
	)
	assert history == [users["manager"]]


def test_staff_moves_an_application_back_through_the_api(server, users, applied_project):
	s = server.login(users["staff"], PASSWORD)
	r = s.put(
		f"{server.url}/api/resource/Development Project/{applied_project}",
		json={"stage": "Application being written"},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	assert stage_of(applied_project) == "Application being written"


def test_the_public_training_page_names_its_project_by_title_only(server):
	from tests.support.factories import make_training

	project = make_development_project(title="Kompetent Social ekonomi (webbtest)")
	training = make_training(project=project.name)
	frappe.db.commit()
	try:
		r = server.session().get(f"{server.url}/activities/training/{training.name}", timeout=30)
		assert r.status_code == 200, r.text[:300]
		assert "Kompetent Social ekonomi (webbtest)" in r.text
		assert project.name not in r.text
	finally:
		frappe.db.delete("Training Session", {"parent": training.name})
		frappe.db.delete("Training", training.name)
		frappe.db.delete("Stage Change", {"reference_name": project.name})
		frappe.db.delete("Development Project Partner", {"parent": project.name})
		frappe.db.delete("Development Project", project.name)
		frappe.db.delete("Organisation", project.project_owner)
		frappe.db.commit()
