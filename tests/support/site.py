"""Connect the pytest process to the test site, as `bench run-tests` does."""

import os

import frappe


def connect(bench: str, site: str) -> None:
	sites_path = os.path.join(bench, "sites")
	os.chdir(sites_path)
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	frappe.clear_cache()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	# The app's before_tests hook (it completes the setup wizard), run as bench run-tests runs it.
	for method in frappe.get_hooks("before_tests", app_name="slup_crm"):
		frappe.get_attr(method)()
	frappe.set_user("Administrator")


def disconnect() -> None:
	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
	frappe.destroy()


def call_in_new_process(bench: str, site: str, method: str, **kwargs):
	"""Start ``method`` (a dotted path, the app's or the tests') with ``kwargs`` in a process of its
	own connected to the site, as ``bench execute`` does for the app's methods; returns the running
	process (its last line of output is the method's result as JSON, see ``result_of``)."""
	import json
	import subprocess

	repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
	return subprocess.Popen(
		[
			os.path.join(bench, "env", "bin", "python"),
			"-m",
			"tests.support.site",
			bench,
			site,
			method,
			json.dumps(kwargs),
		],
		cwd=repo,
		stdout=subprocess.PIPE,
		stderr=subprocess.STDOUT,
		text=True,
	)


def result_of(process, timeout: float = 900):
	"""Wait for a process of ``call_in_new_process``; its method's result (an AssertionError with the
	output when it failed)."""
	import json

	out, _ = process.communicate(timeout=timeout)
	if process.returncode != 0:
		raise AssertionError(f"{process.args[5]} failed:\n{out[-3000:]}")
	return json.loads(out.strip().splitlines()[-1])


def call(bench: str, site: str, method: str, kwargs: str = "{}") -> None:
	"""Run ``method`` on the site with the JSON ``kwargs``, commit, and print its result as JSON."""
	import importlib
	import json

	sites_path = os.path.join(bench, "sites")
	os.chdir(sites_path)
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	module, _, function = method.rpartition(".")
	result = getattr(importlib.import_module(module), function)(**json.loads(kwargs))
	frappe.db.commit()
	frappe.destroy()
	print(json.dumps(result, default=str, sort_keys=True))


if __name__ == "__main__":
	import sys

	# ``python -m`` put this checkout first on the path, ahead of the bench's app folder: the app is
	# the bench's (apps/slup_crm, which the upgrade test points at an earlier release), the checkout
	# only lends the tests.
	sys.path.append(sys.path.pop(0))
	call(*sys.argv[1:5])
