"""Nothing is lost across a backup and a restore into a new site, with bench's own commands: the
same records, attachments and figures, and personal links issued before the backup still work."""

import glob
import os

import pytest

from tests.support.bench import bench as bench_command
from tests.support.bench import drop_site
from tests.support.server import Server
from tests.support.site import call_in_new_process, result_of

BENCH = os.environ.get("FRAPPE_BENCH", "")
SITE = "slup-backup.localhost"
RESTORED = "slup-restored.localhost"
DB_ROOT_PASSWORD = os.environ.get("SLUP_DB_ROOT_PASSWORD", "root")


def bench(*args: str) -> str:
	return bench_command(*args, timeout=1200)


def on(site: str, method: str):
	return result_of(call_in_new_process(BENCH, site, method))


@pytest.fixture(scope="module")
def sites():
	for site in (SITE, RESTORED):
		drop_site(site)
	yield
	for site in (SITE, RESTORED):
		drop_site(site)


def newest(pattern: str) -> str:
	"""The site's newest backup file matching ``pattern`` ("*-files.tar" is not "*-private-files.tar")."""
	paths = glob.glob(os.path.join(BENCH, "sites", SITE, "private", "backups", pattern))
	if pattern == "*-files.tar":
		paths = [path for path in paths if not path.endswith("-private-files.tar")]
	return max(paths, key=os.path.getmtime)


def test_a_backup_restored_into_a_new_site_holds_the_same_and_old_links_work(sites):
	bench("new-site", SITE, "--db-root-password", DB_ROOT_PASSWORD, "--admin-password", "admin")
	bench("--site", SITE, "install-app", "slup_crm")
	bench("--site", SITE, "slup-load-demo")
	link = on(SITE, "tests.support.snapshot.issue_link_and_attach")
	before = on(SITE, "tests.support.snapshot.site")
	assert len(before["records"]["Activity Registration"]) > 1 and len(before["attachments"]) == 2
	assert all(row["sha256"] for row in before["attachments"])

	bench("--site", SITE, "backup", "--with-files")
	bench("new-site", RESTORED, "--db-root-password", DB_ROOT_PASSWORD, "--admin-password", "admin")
	bench(
		"--site",
		RESTORED,
		"--force",
		"restore",
		newest("*-database.sql.gz"),
		"--with-public-files",
		newest("*-files.tar"),
		"--with-private-files",
		newest("*-private-files.tar"),
		"--db-root-password",
		DB_ROOT_PASSWORD,
	)
	bench("--site", RESTORED, "migrate")
	after = on(RESTORED, "tests.support.snapshot.site")
	assert after["records"] == before["records"]
	assert after["attachments"] == before["attachments"]
	assert after["figures"] == before["figures"]

	# The cancel link e-mailed before the backup works on the restored site (only its hash is stored,
	# and the restored site has an encryption key of its own).
	server = Server(BENCH, RESTORED, workers=1).start()
	try:
		session = server.session()
		page = session.get(
			f"{server.url}/activities/cancel",
			params={"registration": link["registration"], "token": link["token"]},
			timeout=60,
		)
		assert page.status_code == 200 and "cancel-button" in page.text, page.text[:500]
		r = session.post(
			server.url + "/api/method/slup_crm.activities.registration.cancel_by_token",
			data=link,
			headers={"X-Forwarded-For": "10.9.8.7"},
			timeout=60,
		)
		assert r.status_code == 200 and r.json()["message"]["status"] == "Cancelled", r.text[:500]
	finally:
		server.stop()
