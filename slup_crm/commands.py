"""Bench commands of slup_crm (bench finds them in this module's ``commands`` list).

    bench --site SITE slup-load-demo [--force]

loads the demo of ``slup_crm.setup.demo`` (see its docstring for what it contains, when it is
refused and what ``--force`` does) and commits it.

    bench --site SITE slup-remove-demo [--yes]

removes what the demo made and nothing else (``slup_crm.setup.demo.removal``), after asking
unless ``--yes`` is given, and commits.

    bench --site SITE slup-dev-setup

makes the site a development site (``slup_crm.setup.dev``: the setup wizard completed for Sweden,
the demo, a user for each role with a known password, printed), commits, and does nothing twice.
``scripts/dev-site`` runs it.
"""

from contextlib import contextmanager

import click
from frappe import _, _lt
from frappe.commands import get_site, pass_context


def run_on_site(context, step, done_message: str, question: str | None = None) -> None:
	"""Run a demo step (``step()`` returns counts per doctype) on the site, in the site's language:
	commit it, or roll back and exit 1 when the demo refuses it (or the user says no)."""
	import frappe

	from slup_crm.setup.demo import DemoRefused

	with on_site(context, refused=DemoRefused) as site:
		if question and not click.confirm(str(question).format(site)):
			raise SystemExit(1)
		counts = step()
		frappe.db.commit()
		click.secho(str(done_message).format(site, sum(counts.values())), fg="green")


@contextmanager
def on_site(context, refused: type[Exception]):
	"""Connected to the command's site, in the site's language; yields the site's name. When the
	step inside raises ``refused``, roll back, say why and exit 1."""
	import frappe

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.local.lang = frappe.db.get_default("lang") or "en"
		yield site
	except refused as refusal:
		frappe.db.rollback()
		click.secho(str(refusal), fg="red", err=True)
		raise SystemExit(1)
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


@click.command("slup-dev-setup")
@pass_context
def dev_setup(context):
	"""Make a site a development site: setup wizard for Sweden, the demo, a user per role (dev only)."""
	import frappe

	from slup_crm.setup import dev

	with on_site(context, refused=dev.NotADevSite) as site:
		done = dev.setup()
		frappe.db.commit()
		if done.wizard_completed:
			click.echo(_("Setup wizard completed for Sweden in Swedish (SEK, Europe/Stockholm)."))
		if done.demo_records:
			click.echo(_("Demo loaded into {0}: {1} records.").format(site, done.demo_records))
		click.echo(_("Development users (known password, development only):"))
		for user in dev.DEV_USERS:
			click.echo(f"  {user.key:<13} {user.email:<28} {dev.DEV_PASSWORD:<10} {', '.join(user.roles)}")


commands = [load_demo, remove_demo, dev_setup]
