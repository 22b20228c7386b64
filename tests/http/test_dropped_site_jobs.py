"""The test server's worker keeps working when the bench's queue holds a job of a site that is gone.

The bench-layer tests make and drop sites of their own on the bench the suite runs on; a job such a
site left behind made RQ's registry cleanup quit the worker, and every e-mail after it was never
composed (a CI run failed so). Dropping a test site now forgets its jobs, and the test server's
worker starts on a queue without jobs of missing sites (tests/support/jobs)."""

import os
import time

import frappe
from frappe.utils.background_jobs import truncate_failed_registry
from rq import Queue
from rq.job import Job

from tests.support.jobs import forget_jobs, queue_connection

BENCH = os.environ.get("FRAPPE_BENCH", "")
GONE = "slup-gone.localhost"


def leave_a_job_of_a_gone_site(queue_name: str) -> str:
	"""A job of a site the bench does not have, as a worker that died while running it leaves it:
	in the queue's started registry, expired, with Frappe's failure callback."""
	connection = queue_connection(BENCH)
	job = Job.create(
		"frappe.utils.background_jobs.execute_job",
		kwargs={
			"site": GONE,
			"method": "frappe.ping",
			"event": None,
			"job_name": "frappe.ping",
			"is_async": True,
			"kwargs": {},
			"user": "Administrator",
		},
		id=f"{GONE}::left-behind",
		connection=connection,
		on_failure=truncate_failed_registry,
		origin=queue_name,
	)
	job.save()
	queue = Queue(queue_name, connection=connection)
	connection.zadd(queue.started_job_registry.key, {job.id: 1})  # expired long ago
	connection.delete(queue.registry_cleaning_key)  # the next worker cleans the registries at once
	return job.id


def test_a_job_of_a_dropped_site_no_longer_stops_the_worker(server):
	queue_name = frappe.utils.background_jobs.generate_qname("short")
	server.stop_worker()
	job_id = leave_a_job_of_a_gone_site(queue_name)
	try:
		server.ensure_worker()  # forgets the jobs of missing sites, then the worker cleans its registries
		job = frappe.enqueue("frappe.ping", queue="short")
		deadline = time.monotonic() + 60
		while job.get_status(refresh=True) != "finished":
			assert server.worker.poll() is None, f"the worker quit; see {server.worker_log_path}"
			assert time.monotonic() < deadline, "the worker did not run a job of the test site"
			time.sleep(0.2)
		assert not queue_connection(BENCH).exists(f"rq:job:{job_id}")
	finally:
		forget_jobs(BENCH, {GONE})
		server.ensure_worker()


def test_forgetting_takes_only_the_jobs_of_missing_sites(server):
	queue_name = frappe.utils.background_jobs.generate_qname("short")
	connection = queue_connection(BENCH)
	started = Queue(queue_name, connection=connection).started_job_registry.key
	ours = f"{frappe.local.site}::still-ours"
	connection.zadd(started, {ours: time.time() + 3600})
	left = leave_a_job_of_a_gone_site(queue_name)
	try:
		assert forget_jobs(BENCH) >= 1
		members = {raw.decode() for raw in connection.zrange(started, 0, -1)}
		assert left not in members and ours in members
	finally:
		connection.zrem(started, ours)
		forget_jobs(BENCH, {GONE})
