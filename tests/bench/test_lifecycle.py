"""Install, migrate, uninstall and re-install on a fresh site, with bench's own commands."""

import json

import pytest

from tests.support.bench import DB_ROOT_PASSWORD, bench, drop_site

SITE = "slup-lifecycle.localhost"

SNAPSHOT_SQL = """
SELECT JSON_OBJECT(
 'municipalities', (SELECT JSON_ARRAYAGG(JSON_ARRAY(name, municipality_code, organisation_name, modified))
                    FROM tabOrganisation WHERE organisation_type = 'Municipality'),
 'counties', (SELECT JSON_ARRAYAGG(JSON_ARRAY(name, county_code, modified)) FROM tabCounty),
 'roles', (SELECT JSON_ARRAYAGG(JSON_ARRAY(name, modified)) FROM tabRole
           WHERE name LIKE 'SLUP %' OR name = 'Gateway Coordinator'),
 'perms', (SELECT JSON_ARRAYAGG(JSON_ARRAY(parent, role, `read`, `write`, `create`, `delete`, modified))
           FROM `tabCustom DocPerm` WHERE role LIKE 'SLUP %'),
 'workflows', (SELECT JSON_ARRAYAGG(JSON_ARRAY(name, is_active, workflow_state_field, modified)) FROM tabWorkflow
               WHERE document_type IN ('Policy Adoption', 'Social Enterprise Startup', 'Development Project',
                                      'Gateway Participant')),
 'transitions', (SELECT JSON_ARRAYAGG(JSON_ARRAY(parent, state, action, next_state, allowed))
                 FROM `tabWorkflow Transition` WHERE parent IN ('Policy Adoption', 'Social Enterprise Startup',
                                                                 'Development Project', 'Gateway Participant')),
 'kanban', (SELECT JSON_ARRAYAGG(JSON_ARRAY(name, reference_doctype, modified)) FROM `tabKanban Board`
            WHERE name LIKE '%Pipeline'),
 'workspace', (SELECT JSON_ARRAYAGG(JSON_ARRAY(name, public, modified)) FROM tabWorkspace WHERE name = 'SLUP CRM'),
 'cards', (SELECT JSON_ARRAYAGG(JSON_ARRAY(name, modified)) FROM `tabNumber Card`
           WHERE module IN ('Insights', 'Projects', 'Gateway')),
 'charts', (SELECT JSON_ARRAYAGG(JSON_ARRAY(name, modified)) FROM `tabDashboard Chart`
            WHERE module IN ('Insights', 'Projects', 'Gateway')),
 'dashboards', (SELECT JSON_ARRAYAGG(JSON_ARRAY(name, modified)) FROM tabDashboard WHERE module = 'Insights')
)
"""


ROLES = ["Gateway Coordinator", "SLUP Event Organiser", "SLUP Manager", "SLUP Staff"]
WORKFLOWS = ["Development Project", "Gateway Participant", "Policy Adoption", "Social Enterprise Startup"]


def query(sql: str) -> str:
	out = bench("--site", SITE, "mariadb", "--skip-column-names", "--batch", "-e", sql)
	return out.strip()


def snapshot() -> dict:
	data = json.loads(query(SNAPSHOT_SQL.replace("\n", " ")))
	return {key: sorted(value or []) for key, value in data.items()}


@pytest.fixture(scope="module")
def fresh_site():
	drop_site(SITE)
	bench("new-site", SITE, "--db-root-password", DB_ROOT_PASSWORD, "--admin-password", "admin")
	yield SITE
	drop_site(SITE)


def test_install_migrate_uninstall_reinstall(fresh_site):
	bench("--site", SITE, "install-app", "slup_crm")
	installed = snapshot()
	assert len(installed["municipalities"]) == 26
	assert len({row[1] for row in installed["municipalities"]}) == 26
	assert [row[0] for row in installed["roles"]] == ROLES
	assert len(installed["counties"]) == 21
	assert [row[0] for row in installed["workflows"]] == WORKFLOWS
	assert len(installed["transitions"]) == 96  # policies 33, start-ups 27, projects 26, gateway 10
	assert [row[0] for row in installed["kanban"]] == [
		"Development Project Pipeline",
		"Policy Adoption Pipeline",
		"Social Enterprise Startup Pipeline",
	]
	assert [row[0] for row in installed["workspace"]] == ["SLUP CRM"]
	assert len(installed["cards"]) == 11  # Insights 8, Projects 2, Gateway 1
	assert len(installed["charts"]) == 7  # Insights 5, Projects 1, Gateway 1
	assert [row[0] for row in installed["dashboards"]] == ["SLUP Manager Dashboard"]

	bench("--site", SITE, "migrate")
	bench("--site", SITE, "migrate")
	assert snapshot() == installed, "migrate changed the app's records"

	bench("--site", SITE, "uninstall-app", "slup_crm", "--yes", "--no-backup", "--force")
	assert "slup_crm" not in bench("--site", SITE, "list-apps")
	assert query("SHOW TABLES LIKE 'tabOrganisation'") == ""
	assert query("SELECT COUNT(*) FROM `tabCustom DocPerm` WHERE role LIKE 'SLUP %'") == "0"

	bench("--site", SITE, "install-app", "slup_crm")
	again = snapshot()
	assert len(again["municipalities"]) == 26
	assert [row[0] for row in again["roles"]] == ROLES
