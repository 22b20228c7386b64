"""Bench commands of slup_crm (bench finds them in this module's ``commands`` list).

    bench --site SITE slup-load-demo [--force]

loads the demo of ``slup_crm.setup.demo`` (see its docstring for what it contains, when it is
refused and what ``--force`` does) and commits it.
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


commands = [load_demo]
