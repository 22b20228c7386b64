"""The bench's queue Redis stopped for a test and started again (the worker beside the test server
gives up when it loses the queue: ``Server.ensure_worker`` starts it again)."""

import os
import subprocess
import time
from contextlib import contextmanager


def queue_redis_port(bench: str) -> int:
	with open(os.path.join(bench, "config", "redis_queue.conf")) as conf:
		for line in conf:
			if line.split()[:1] == ["port"]:
				return int(line.split()[1])
	raise RuntimeError("no port in the bench's redis_queue.conf")


def redis_answers(port: int) -> bool:
	result = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True)
	return result.stdout.strip() == "PONG"


def start_queue_redis(bench: str) -> None:
	port = queue_redis_port(bench)
	if redis_answers(port):
		return
	subprocess.run(
		["redis-server", os.path.join(bench, "config", "redis_queue.conf"), "--daemonize", "yes"],
		cwd=bench,
		check=True,
		capture_output=True,
	)
	deadline = time.monotonic() + 20
	while not redis_answers(port):
		if time.monotonic() > deadline:
			raise RuntimeError(f"the queue Redis on port {port} did not start again")
		time.sleep(0.2)


@contextmanager
def queue_redis_down(bench: str):
	"""The queue Redis stopped (without saving: its jobs are lost, as in a crash) for the block;
	started again however the block ends."""
	port = queue_redis_port(bench)
	subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True)
	deadline = time.monotonic() + 20
	while redis_answers(port) and time.monotonic() < deadline:
		time.sleep(0.2)
	try:
		yield
	finally:
		start_queue_redis(bench)
