"""scripts/dev-site brings up a serving CRM on an existing bench, and a second run reuses it.

The script runs as a newcomer runs it, on a throwaway site of the test bench and a free port:
the desk answers at the printed address, every printed login logs in, the demo is there, the
site is set up for Sweden in Swedish, a worker and the scheduler run; a second run prints the
same address and keeps the same processes; ``--stop`` stops them. The site is dropped afterwards.
"""

import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from frappe.utils.background_jobs import get_workers

from tests.support.bench import BENCH, bench, drop_site
from tests.support.server import free_port

SITE = "slup-devtest.localhost"
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "dev-site"
ROLES_OF = {
	"staff": "SLUP Staff",
	"manager": "SLUP Manager",
	"organiser": "SLUP Staff, SLUP Event Organiser",
	"coordinator": "SLUP Staff, Gateway Coordinator",
}


@dataclass
class Run:
	seconds: float
	stdout: str
	address: str
	logins: dict  # key -> (user, password, roles)
	states: dict  # web, worker, scheduler -> started, reused
	pids: dict  # web, worker, scheduler -> pid


def dev_site(*args: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		[str(SCRIPT), "--site", SITE, "--bench", BENCH, *args],
		capture_output=True,
		text=True,
		timeout=1800,
	)


def run_dev_site(port: int) -> Run:
	began = time.monotonic()
	result = dev_site("--port", str(port))
	seconds = time.monotonic() - began
	assert result.returncode == 0, f"dev-site failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
	return parse(result.stdout, seconds)


def parse(stdout: str, seconds: float) -> Run:
	def field(name: str) -> str:
		match = re.search(rf"^{name}:\s+(.*)$", stdout, re.MULTILINE)
		assert match, f"dev-site printed no {name}:\n{stdout}"
		return match.group(1)

	logins = {
		key: (user, password, roles.strip())
		for key, user, password, roles in re.findall(
			r"^  (\w+)\s+(\S+)\s+(\S+)\s+(.+)$", stdout, re.MULTILINE
		)
	}
	processes = {}
	for key in ("web", "worker", "scheduler"):
		process = re.match(r"(\w+) \(pid (\d+)\)", field(key.capitalize()))
		assert process, f"dev-site printed no state and pid of the {key}:\n{stdout}"
		processes[key] = process.group(1), int(process.group(2))
	return Run(
		seconds=seconds,
		stdout=stdout,
		address=field("Address").split()[0],
		logins=logins,
		states={key: state for key, (state, _pid) in processes.items()},
		pids={key: pid for key, (_state, pid) in processes.items()},
	)


def command_line(pid: int) -> str:
	try:
		return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
	except FileNotFoundError:
		return ""


class Client:
	"""The printed address, reached on the loopback (the test machine need not resolve *.localhost)."""

	def __init__(self, address: str):
		url = urlsplit(address)
		self.base = f"http://127.0.0.1:{url.port}"
		self.session = requests.Session()
		self.session.headers["Host"] = url.netloc

	def get(self, path: str, **kwargs) -> requests.Response:
		return self.session.get(self.base + path, timeout=60, **kwargs)

	def login(self, user: str, password: str) -> "Client":
		r = self.session.post(
			self.base + "/api/method/login", data={"usr": user, "pwd": password}, timeout=60
		)
		assert r.status_code == 200, f"{user} could not log in: {r.status_code} {r.text[:500]}"
		return self

	def message(self, path: str, **params):
		r = self.get(path, params=params, headers={"Accept": "application/json"})
		assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:500]}"
		return r.json()["message"]


@pytest.fixture(scope="module")
def port():
	return free_port()


@pytest.fixture(scope="module")
def first_run(port):
	dev_site("--stop")
	drop_site(SITE)
	yield run_dev_site(port)
	dev_site("--stop")
	drop_site(SITE)


def test_the_desk_answers_at_the_printed_address(first_run, port):
	assert first_run.states["web"] == "started"
	assert first_run.address == f"http://{SITE}:{port}"
	client = Client(first_run.address)
	login_page = client.get("/login")
	assert login_page.status_code == 200
	assert "login" in login_page.text.lower()
	user, password, _roles = first_run.logins["manager"]
	client.login(user, password)
	assert client.message("/api/method/frappe.auth.get_logged_user") == user
	desk = client.get("/app/slup-crm")
	assert desk.status_code == 200
	assert "frappe.boot" in desk.text
	# The desk's scripts come from the same address (bench serve serves /assets).
	script = re.search(r'src="(/assets/frappe/dist/js/[^"]+\.js)"', desk.text)
	assert script, "the desk page names no script of Frappe's"
	assert client.get(script.group(1)).status_code == 200


def test_every_printed_login_logs_in_with_its_roles(first_run):
	assert {key: roles for key, (_u, _p, roles) in first_run.logins.items() if key in ROLES_OF} == ROLES_OF
	for key, (user, password, _roles) in first_run.logins.items():
		client = Client(first_run.address).login(user, password)
		assert client.message("/api/method/frappe.auth.get_logged_user") == user, key


def test_the_demo_is_there(first_run):
	user, password, _roles = first_run.logins["manager"]
	client = Client(first_run.address).login(user, password)
	tagged = json.dumps([["_user_tags", "like", "%SLUP Demo%"]])
	assert client.message("/api/method/frappe.client.get_count", doctype="Organisation", filters=tagged) >= 10
	assert (
		client.message("/api/method/frappe.client.get_count", doctype="Policy Adoption", filters=tagged) >= 9
	)
	coompanion = json.dumps([["organisation_name", "=", "Coompanion Stockholms län"]])
	assert (
		client.message("/api/method/frappe.client.get_count", doctype="Organisation", filters=coompanion) == 1
	)


def test_the_setup_wizard_is_completed_for_sweden_in_swedish(first_run):
	user, password, _roles = first_run.logins["administrator"]
	client = Client(first_run.address).login(user, password)
	r = client.get("/api/resource/System Settings/System Settings", headers={"Accept": "application/json"})
	assert r.status_code == 200, r.text[:500]
	settings = r.json()["data"]
	assert settings["setup_complete"] == 1
	assert (settings["language"], settings["country"], settings["time_zone"]) == (
		"sv",
		"Sweden",
		"Europe/Stockholm",
	)
	assert settings["enable_scheduler"] == 1
	currency = bench("--site", SITE, "execute", "frappe.db.get_default", "--args", "['currency']")
	assert json.loads(currency.strip().splitlines()[-1]) == "SEK"


def test_a_worker_and_the_scheduler_run(first_run):
	assert "frappe worker" in command_line(first_run.pids["worker"])
	assert "frappe schedule" in command_line(first_run.pids["scheduler"])
	assert f"--site {SITE} serve" in command_line(first_run.pids["web"])
	deadline = time.monotonic() + 30
	while first_run.pids["worker"] not in {worker.pid for worker in get_workers()}:
		assert time.monotonic() < deadline, "the worker did not register with the bench's queue"
		time.sleep(1)


def test_a_second_run_reuses_what_runs(first_run, port):
	second = run_dev_site(port)
	assert second.states == {"web": "reused", "worker": "reused", "scheduler": "reused"}
	assert second.address == first_run.address
	assert second.pids == first_run.pids
	assert second.logins == first_run.logins
	assert second.seconds < 60, f"the second run took {second.seconds:.0f} s"
	assert second.seconds < first_run.seconds / 3
	print(f"dev-site: first run {first_run.seconds:.0f} s, second run {second.seconds:.0f} s")


def test_stop_stops_what_it_started(first_run):
	"""The web server stops; the worker and the scheduler too, unless they were there before the
	first run (another site of the bench served by dev-site, which keeps them)."""
	result = dev_site("--stop")
	assert result.returncode == 0, result.stderr
	started = [pid for key, pid in first_run.pids.items() if first_run.states[key] == "started"]
	assert first_run.pids["web"] in started
	deadline = time.monotonic() + 15
	while any(command_line(pid) for pid in started):
		assert time.monotonic() < deadline, "dev-site --stop left processes running"
		time.sleep(0.5)
	with pytest.raises(requests.ConnectionError):
		Client(first_run.address).get("/login")
