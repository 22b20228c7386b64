"""Bench commands of slup_crm (bench finds them in this module's ``commands`` list).

    bench --site SITE slup-load-demo [--force]

loads the demo of ``slup_crm.setup.demo`` (see its docstring for what it contains, when it is
refused and what ``--force`` does) and commits it.

    bench --site SITE slup-remove-demo [--yes]

removes what the demo made and nothing else (``slup_crm.setup.demo.removal``), after asking
unless ``--yes`` is given, and commits.
"""

import click
from frappe import _lt
from frappe.commands import get_site, pass_context


def run_on_site(context, step, done_message: str, question: str | None = None) -> None:
	"""Run a demo step (``step()`` returns counts per doctype) on the site, in the site's language:
	commit it, or roll back and exit 1 when the demo refuses it (or the user says no)."""
	import frappe

	from slup_crm.setup.demo import DemoRefused

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.local.lang = frappe.db.get_default("lang") or "en"
		if question and not click.confirm(str(question).format(site)):
			raise SystemExit(1)
		try:
			counts = step()
		except DemoRefused as refusal:
			frappe.db.rollback()
			click.secho(str(refusal), fg="red", err=True)
			raise SystemExit(1)
		frappe.db.commit()
		click.secho(str(done_message).format(site, sum(counts.values())), fg="green")
	finally:
		frappe.destroy()


@click.command("slup-load-demo")
@click.option(
	"--force",
	is_flag=True,
	default=False,
	help="Load the demo even though the site already holds data of its own (never twice).",
)
@pass_context
def load_demo(context, force=False):
	"""Load the demo of SLUP.SE's development group into a site, dated around today."""
	from slup_crm.setup.demo import load

	run_on_site(context, lambda: load(force=force), _lt("Demo loaded into {0}: {1} records."))


@click.command("slup-remove-demo")
@click.option("--yes", is_flag=True, default=False, help="Do not ask before removing.")
@pass_context
def remove_demo(context, yes=False):
	"""Remove the demo from a site: every record it made, and nothing a user added."""
	from slup_crm.setup.demo import remove

	run_on_site(
		context,
		remove,
		_lt("Demo removed from {0}: {1} records."),
		question=None
		if yes
		else _lt("Remove every record of the demo from {0}? Records of the site's own stay."),
	)


commands = [load_demo, remove_demo]
