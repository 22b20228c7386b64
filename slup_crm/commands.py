"""Bench commands of slup_crm (bench finds them in this module's ``commands`` list).

    bench --site SITE slup-load-demo [--force]

loads the demo of ``slup_crm.setup.demo`` (see its docstring for what it contains, when it is
refused and what ``--force`` does) and commits it.

    bench --site SITE slup-remove-demo [--yes]

removes what the demo made and nothing else (``slup_crm.setup.demo.removal``), after asking
unless ``--yes`` is given, and commits.
"""

import click
from frappe.commands import get_site, pass_context


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
	import frappe
	from frappe import _

	from slup_crm.setup.demo import DemoRefused, load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.local.lang = frappe.db.get_default("lang") or "en"
		try:
			counts = load(force=force)
		except DemoRefused as refusal:
			frappe.db.rollback()
			click.secho(str(refusal), fg="red", err=True)
			raise SystemExit(1)
		frappe.db.commit()
		click.secho(_("Demo loaded into {0}: {1} records.").format(site, sum(counts.values())), fg="green")
	finally:
		frappe.destroy()


@click.command("slup-remove-demo")
@click.option("--yes", is_flag=True, default=False, help="Do not ask before removing.")
@pass_context
def remove_demo(context, yes=False):
	"""Remove the demo from a site: every record it made, and nothing a user added."""
	import frappe
	from frappe import _

	from slup_crm.setup.demo import DemoRefused, remove

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.local.lang = frappe.db.get_default("lang") or "en"
		if not yes and not click.confirm(
			_("Remove every record of the demo from {0}? Records of the site's own stay.").format(site)
		):
			raise SystemExit(1)
		try:
			counts = remove()
		except DemoRefused as refusal:
			frappe.db.rollback()
			click.secho(str(refusal), fg="red", err=True)
			raise SystemExit(1)
		frappe.db.commit()
		click.secho(_("Demo removed from {0}: {1} records.").format(site, sum(counts.values())), fg="green")
	finally:
		frappe.destroy()


commands = [load_demo, remove_demo]
