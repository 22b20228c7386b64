"""Bench commands for the bench-layer tests, run in the bench's folder as a user runs them."""

import os
import subprocess

BENCH = os.environ.get("FRAPPE_BENCH", "")
DB_ROOT_PASSWORD = os.environ.get("SLUP_DB_ROOT_PASSWORD", "root")


def bench(*args: str, timeout: int = 900) -> str:
	"""``bench ARGS`` in the bench; fails the test with its output unless it succeeds; its stdout."""
	result = subprocess.run(["bench", *args], cwd=BENCH, capture_output=True, text=True, timeout=timeout)
	assert (
		result.returncode == 0
	), f"bench {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
	return result.stdout


def drop_site(site: str) -> None:
	"""Drops a site of the tests' own, and the jobs it left in the bench's queue (tests/support/jobs)."""
	from tests.support.jobs import forget_jobs

	if os.path.exists(os.path.join(BENCH, "sites", site)):
		bench("drop-site", site, "--force", "--no-backup", "--db-root-password", DB_ROOT_PASSWORD)
	forget_jobs(BENCH, {site})
