"""What a site holds of the app, to compare two sites (a backup and its restore) or one site before
and after an upgrade: every row of the app's tables, the attachments with a hash of their
content, and every figure the managers read (number cards and the app's reports).

Run in a process connected to the site (``tests.support.site.call_in_new_process``); every
function returns plain JSON values."""

import hashlib
import os

import frappe


def app_doctypes() -> list[str]:
	"""The app's doctypes that have a table of their own."""
	modules = frappe.get_all("Module Def", {"app_name": "slup_crm"}, pluck="name")
	return frappe.get_all(
		"DocType", {"module": ("in", modules), "issingle": 0, "is_virtual": 0}, pluck="name", order_by="name"
	)


def records(doctypes: list[str] | None = None) -> dict[str, list[dict]]:
	"""Every row of every app table (all columns), by name."""
	return {
		doctype: frappe.db.sql(f"select * from `tab{doctype}` order by name", as_dict=True)
		for doctype in doctypes or app_doctypes()
	}


def attachments() -> list[dict]:
	"""Every file attached to a record, with the SHA-256 of its content on disk (None when missing)."""
	rows = frappe.get_all(
		"File",
		{"is_folder": 0, "attached_to_doctype": ("is", "set")},
		["file_name", "file_url", "is_private", "attached_to_doctype", "attached_to_name"],
		order_by="file_url, attached_to_name",
	)
	for row in rows:
		path = frappe.get_site_path(row.file_url.lstrip("/")) if row.file_url.startswith("/private") else None
		path = path or frappe.get_site_path("public", row.file_url.lstrip("/"))
		row["sha256"] = hashlib.sha256(open(path, "rb").read()).hexdigest() if os.path.exists(path) else None
	return rows


def figures() -> dict:
	"""Every number card's value and every report of the app's result, as the desk computes them."""
	from frappe.desk.doctype.number_card.number_card import get_result
	from frappe.desk.query_report import run

	values = {}
	for name in frappe.get_all("Number Card", {"module": ("in", app_modules())}, pluck="name"):
		card = frappe.get_doc("Number Card", name)
		if card.type == "Custom":
			values[f"card: {name}"] = frappe.get_attr(card.method)()
		else:
			values[f"card: {name}"] = get_result(card.as_dict(), card.filters_json)
	for name in frappe.get_all(
		"Report", {"module": ("in", app_modules()), "is_standard": "Yes"}, pluck="name"
	):
		if name == "Record of Processing":
			continue  # the declaration, not a figure
		try:
			values[f"report: {name}"] = run(name, filters={}, ignore_prepared_report=True).get("result")
		except Exception as e:  # a report that needs filters: the same answer on both sides
			frappe.clear_messages()
			values[f"report: {name}"] = {"refused": type(e).__name__}
	return values


def app_modules() -> list[str]:
	return frappe.get_all("Module Def", {"app_name": "slup_crm"}, pluck="name")


def site() -> dict:
	"""Records, attachments and figures of the site."""
	return {"records": records(), "attachments": attachments(), "figures": figures()}


def issue_link_and_attach() -> dict:
	"""On a site with the demo: a guest's registration for the open trip, with the token of the cancel
	link e-mailed to them, and a private and a public file attached to the trip."""
	from tests.support.factories import ensure_outgoing_email_account, make_registration
	from tests.support.mail import cancel_token

	frappe.flags.in_test = True  # the test account's SMTP server is not checked
	ensure_outgoing_email_account()
	trip = frappe.get_doc("Trip", {"status": "Open"})
	registration = make_registration(trip, email="fore.backup@example.se")
	for is_private, name in ((1, "deltagarlista.txt"), (0, "program.txt")):
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": name,
				"content": f"{name} för {trip.title}".encode(),
				"is_private": is_private,
				"attached_to_doctype": "Trip",
				"attached_to_name": trip.name,
			}
		).insert(ignore_permissions=True)
	return {"registration": registration.name, "token": cancel_token(registration.name)}


def seed_first_release() -> int:
	"""Records of the kinds the app's first release keeps (organisations, a contact, memberships),
	made with that release's code. Returns how many."""
	year = frappe.utils.getdate().year
	made = 0
	for i, status in enumerate(("Paid", "Unpaid", "Waived")):
		organisation = frappe.get_doc(
			{
				"doctype": "Organisation",
				"organisation_name": f"Uppgraderingsföreningen {i}",
				"organisation_type": "Association",
			}
		).insert()
		membership = {
			"doctype": "Membership",
			"organisation": organisation.name,
			"year": year,
			"status": status,
		}
		if status == "Paid":
			membership["paid_date"] = frappe.utils.getdate()
		frappe.get_doc(membership).insert()
		made += 2
	contact = frappe.get_doc({"doctype": "Contact", "first_name": "Majlis", "last_name": "Uppgradering"})
	contact.append("links", {"link_doctype": "Organisation", "link_name": organisation.name})
	contact.insert()
	return made + 1


def patch_log() -> dict[str, int]:
	"""How often each patch of the app ran (Patch Log)."""
	counts = {}
	for patch in frappe.get_all("Patch Log", pluck="patch"):
		counts[patch] = counts.get(patch, 0) + 1
	return counts
