"""A real Frappe web server (gunicorn, as production runs it) for the test site, with a real
background worker next to it (the public's e-mails are composed in background jobs)."""

import os
import socket
import subprocess
import time
from contextlib import closing

import requests


def free_port() -> int:
	with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class Server:
	def __init__(self, bench: str, site: str, workers: int = 2):
		self.bench, self.site, self.workers = bench, site, workers
		self.port = free_port()
		self.url = f"http://127.0.0.1:{self.port}"
		self.process = None
		self.worker = None
		self.log_path = os.path.join(bench, "logs", "slup-test-server.log")
		self.worker_log_path = os.path.join(bench, "logs", "slup-test-worker.log")

	def start(self) -> "Server":
		self.start_worker()
		log = open(self.log_path, "ab")
		self.process = subprocess.Popen(
			[
				os.path.join(self.bench, "env", "bin", "gunicorn"),
				"--bind",
				f"127.0.0.1:{self.port}",
				"--workers",
				str(self.workers),
				"--timeout",
				"120",
				"frappe.app:application",
			],
			cwd=os.path.join(self.bench, "sites"),
			stdout=log,
			stderr=log,
		)
		deadline = time.monotonic() + 60
		while time.monotonic() < deadline:
			if self.process.poll() is not None:
				raise RuntimeError(f"the test server exited; see {self.log_path}")
			if self.worker.poll() is not None:
				raise RuntimeError(f"the test worker exited; see {self.worker_log_path}")
			try:
				if self.session().get(self.url + "/api/method/ping", timeout=15).ok:
					return self
			except requests.RequestException:
				pass
			time.sleep(0.3)
		raise RuntimeError(f"the test server did not answer; see {self.log_path}")

	def start_worker(self) -> None:
		"""``bench worker`` for every queue, as ``bench start`` and supervisor run it in production, on a
		queue without jobs of sites the bench no longer has (they make a worker quit: tests/support/jobs)."""
		from tests.support.jobs import forget_jobs

		forget_jobs(self.bench)
		log = open(self.worker_log_path, "ab")
		self.worker = subprocess.Popen(
			[
				os.path.join(self.bench, "env", "bin", "python"),
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"worker",
				"--queue",
				"short,default,long",
			],
			cwd=os.path.join(self.bench, "sites"),
			stdout=log,
			stderr=log,
		)

	def stop_worker(self) -> None:
		if self.worker and self.worker.poll() is None:
			self.worker.terminate()
			self.worker.wait(timeout=30)

	def ensure_worker(self) -> None:
		"""A worker again after one was stopped, or after it gave up on a lost queue."""
		if self.worker is None or self.worker.poll() is not None:
			self.start_worker()

	def stop(self) -> None:
		for process in (self.process, self.worker):
			if process and process.poll() is None:
				process.terminate()
				try:
					process.wait(timeout=20)
				except subprocess.TimeoutExpired:
					process.kill()
					process.wait()

	def session(self) -> requests.Session:
		"""A client session for the test site (Frappe picks the site from the Host header)."""
		s = requests.Session()
		s.headers["Host"] = self.site
		s.headers["Accept"] = "application/json"
		return s

	def login(self, user: str, password: str) -> requests.Session:
		s = self.session()
		r = s.post(self.url + "/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
		r.raise_for_status()
		return s
