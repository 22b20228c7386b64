"""Background jobs of sites that are gone, taken out of the bench's queue.

Frappe names a job ``site::id``, and every site of a bench shares its queue. A job still queued, or
kept in one of RQ's registries, after the tests dropped its site makes every worker that meets it
quit: RQ's registry cleanup calls Frappe's failure callback, which reads the site's config and
raises for a site that is gone. The tests that make and drop sites of their own therefore forget the
jobs of a site when they drop it, and the test server's worker starts on a queue without any such.
"""

import json
import os

import redis
from rq import Queue

REGISTRIES = (
	"started_job_registry",
	"failed_job_registry",
	"finished_job_registry",
	"deferred_job_registry",
	"scheduled_job_registry",
	"canceled_job_registry",
)


def queue_connection(bench: str) -> redis.Redis:
	with open(os.path.join(bench, "sites", "common_site_config.json")) as f:
		url = json.load(f).get("redis_queue") or "redis://127.0.0.1:11000"
	return redis.Redis.from_url(url)


def site_of(job_id: str) -> str | None:
	site, separator, _ = job_id.partition("::")
	return site if separator else None


def forget_jobs(bench: str, sites: set[str] | None = None) -> int:
	"""Takes every job of ``sites`` (without them: of every site the bench no longer has) out of the
	bench's queues and their registries, and deletes it; the number of jobs taken out.

	The registries are read as the sorted sets they are: RQ's own reading of them runs the cleanup
	that quits on such a job."""

	def gone(job_id: str) -> bool:
		site = site_of(job_id)
		if site is None:
			return False
		if sites is not None:
			return site in sites
		return not os.path.isdir(os.path.join(bench, "sites", site))

	connection = queue_connection(bench)
	forgotten = set()
	for queue in Queue.all(connection=connection):
		for raw in connection.lrange(queue.key, 0, -1):
			job_id = raw.decode()
			if gone(job_id):
				connection.lrem(queue.key, 0, raw)
				forgotten.add(job_id)
		for registry in REGISTRIES:
			key = getattr(queue, registry).key
			for raw in connection.zrange(key, 0, -1):
				job_id = raw.decode()
				if gone(job_id):
					connection.zrem(key, raw)
					forgotten.add(job_id)
	for job_id in forgotten:
		connection.delete(f"rq:job:{job_id}", f"rq:results:{job_id}", f"rq:job:{job_id}:dependents")
	return len(forgotten)
