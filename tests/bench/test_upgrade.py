"""Upgrades keep data: a site made with an earlier release of the app (its code taken from this
checkout's history into a temporary folder, never committed) is migrated to the current code;
every record and figure is the same and every patch ran once.

The releases: the first commit where the app installs (the repository has no tags), with records
of the kinds it keeps, and the first with a demo, with the demo loaded.
"""

import os
import shutil
import subprocess
import tempfile

import pytest

from tests.support.bench import bench as bench_command
from tests.support.bench import drop_site
from tests.support.site import call_in_new_process, result_of

BENCH = os.environ.get("FRAPPE_BENCH", "")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SITE = "slup-upgrade.localhost"
DB_ROOT_PASSWORD = os.environ.get("SLUP_DB_ROOT_PASSWORD", "root")
APP_LINK = os.path.join(BENCH, "apps", "slup_crm")
FIRST_RELEASE = "a339536"  # feat: installable slup_crm app with organisations, memberships, roles
FIRST_DEMO = "aaeffc1"  # feat(demo): load the story of the minutes into a site
# Columns a patch is there to change: an encrypted cancel token becomes its hash
# (slup_crm.patches.hash_cancel_tokens, tested on its own in tests/integration/test_public_email.py);
# a training gets the project it is done in (slup_crm.projects.patches.link_training_projects).
CHANGED_BY_PATCHES = {"Activity Registration": {"cancel_token"}, "Training": {"project"}}


def bench(*args: str) -> str:
	return bench_command(*args, timeout=1800)


def on(method: str):
	return result_of(call_in_new_process(BENCH, SITE, method))


def point_app_at(path: str) -> None:
	"""The bench's app folder is a link (scripts/run-tests makes it): point it elsewhere."""
	assert os.path.islink(APP_LINK), "scripts/run-tests links the bench's app folder to the checkout"
	os.unlink(APP_LINK)
	os.symlink(path, APP_LINK)
	if os.path.exists(os.path.join(BENCH, "sites", SITE)):
		bench("--site", SITE, "clear-cache")  # Frappe caches the app's modules and hooks in Redis


def patches_of_this_version() -> list[str]:
	with open(os.path.join(REPO, "slup_crm", "patches.txt")) as f:
		return [line.strip() for line in f if line.strip() and not line.startswith(("#", "["))]


def same_on_old_columns(before: dict, after: dict) -> dict:
	"""For each table of the old release, the rows whose old columns differ after the upgrade."""
	changed = {}
	for doctype, rows in before.items():
		now = {row["name"]: row for row in after.get(doctype, [])}
		skip = CHANGED_BY_PATCHES.get(doctype, set())
		for row in rows:
			new = now.get(row["name"])
			diff = {
				k: (v, new.get(k) if new else None)
				for k, v in row.items()
				if k not in skip and (not new or new.get(k) != v)
			}
			if diff:
				changed.setdefault(doctype, []).append(diff)
	return changed


def same_figures(before: dict, after: dict) -> dict:
	"""The figures of the old release that the current code gives otherwise: {figure: (old, new)}.
	Each version computes its own (the snapshot runs the bench's app); a report's rows are compared
	on the columns both versions have (a later version may add or rename a column)."""

	def common(old, new):
		if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
			return [
				({k: v for k, v in o.items() if k in n}, {k: v for k, v in n.items() if k in o})
				if isinstance(o, dict) and isinstance(n, dict)
				else (o, n)
				for o, n in zip(old, new, strict=True)
			]
		return [(old, new)]

	return {
		name: (old, after.get(name))
		for name, old in before.items()
		if any(o != n for o, n in common(old, after.get(name)))
	}


@pytest.fixture
def release(request):
	"""The release's code in a temporary folder, the bench pointed at it; afterwards the bench
	points at this checkout again and the site is dropped."""
	folder = tempfile.mkdtemp(prefix="slup-release-")
	archive = subprocess.run(["git", "-C", REPO, "archive", request.param], capture_output=True, check=True)
	subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
	drop_site(SITE)
	point_app_at(folder)
	try:
		yield request.param
	finally:
		point_app_at(REPO)
		drop_site(SITE)
		shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("release", [FIRST_RELEASE, FIRST_DEMO], indirect=True)
def test_an_earlier_release_migrated_to_this_one_keeps_every_record_and_figure(release):
	bench("new-site", SITE, "--db-root-password", DB_ROOT_PASSWORD, "--admin-password", "admin")
	bench("--site", SITE, "install-app", "slup_crm")
	if release == FIRST_DEMO:
		bench("--site", SITE, "slup-load-demo")
	else:
		assert on("tests.support.snapshot.seed_first_release") == 7
	before = on("tests.support.snapshot.site")
	assert sum(len(rows) for rows in before["records"].values()) > 40

	point_app_at(REPO)
	bench("--site", SITE, "migrate")
	after = on("tests.support.snapshot.site")
	assert same_on_old_columns(before["records"], after["records"]) == {}
	assert after["attachments"] == before["attachments"]
	assert same_figures(before["figures"], after["figures"]) == {}

	ran = on("tests.support.snapshot.patch_log")
	assert {patch: ran.get(patch, 0) for patch in patches_of_this_version()} == dict.fromkeys(
		patches_of_this_version(), 1
	)
	bench("--site", SITE, "migrate")
	assert on("tests.support.snapshot.patch_log") == ran
