"""Fee claims and payments carry who paid what: staff and managers read them, a website user and a
guest reach them through no read path (lists, records, form loads, link titles and search,
report view, counts, exports, print view, the Fees report and the Outstanding Fees card)."""

import json

import frappe
import pytest
from frappe.utils import getdate, random_string

from tests.support.factories import (
	ensure_outgoing_email_account,
	make_login_users,
	make_registration,
	make_trip,
)

PASSWORD = "Fee-Paths-6284"
TAG = random_string(8).lower()
PAYER_MARK = f"Betalare{TAG}"
REASON_MARK = f"Nedsatt{TAG}"
ROLES = {"staff": ("SLUP Staff",), "manager": ("SLUP Manager",), "website": ()}
DOCTYPES = ("Fee Claim", "Incoming Payment")
METHOD = "/api/method/"


@pytest.fixture(scope="module")
def users():
	emails = make_login_users(lambda key: f"fee-paths-{key}-{TAG}@example.se", ROLES, PASSWORD)
	yield emails
	for email in emails.values():
		frappe.delete_doc("User", email, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(scope="module")
def marked(users):
	ensure_outgoing_email_account()
	trip = make_trip(price=1000)
	registration = make_registration(trip, last_name=PAYER_MARK)
	claim = frappe.get_doc("Fee Claim", {"registration": registration.name})
	claim.amount, claim.amount_reason = 500, REASON_MARK
	claim.save()
	payment = frappe.get_doc(
		{
			"doctype": "Incoming Payment",
			"payment_date": getdate(),
			"amount": 100,
			"ocr_reference": claim.ocr_reference,
			"payer": PAYER_MARK,
			"bank_reference": "BG-" + TAG,
		}
	).insert()
	frappe.db.commit()
	yield frappe._dict({"Fee Claim": claim.name, "Incoming Payment": payment.name})
	frappe.db.rollback()
	frappe.db.delete("Incoming Payment", payment.name)
	frappe.db.delete("Version", {"docname": ("in", [claim.name, payment.name])})
	frappe.db.delete("Email Queue", {"reference_name": registration.name})
	frappe.delete_doc("Activity Registration", registration.name, force=True, ignore_permissions=True)
	frappe.delete_doc("Trip", trip.name, force=True, ignore_permissions=True)
	frappe.db.commit()


def paths(marked):
	for doctype in DOCTYPES:
		name = marked[doctype]
		yield "GET", f"/api/resource/{doctype}", {"fields": '["*"]', "limit_page_length": 500}
		yield "POST", METHOD + "frappe.client.get_list", {"doctype": doctype, "fields": '["*"]'}
		yield "POST", METHOD + "frappe.desk.reportview.get", {"doctype": doctype, "fields": '["*"]'}
		yield (
			"POST",
			METHOD + "frappe.desk.reportview.export_query",
			{"doctype": doctype, "file_format_type": "CSV", "fields": '["*"]', "title": doctype},
		)
		yield "POST", METHOD + "frappe.desk.search.search_link", {"doctype": doctype, "txt": TAG}
		yield "GET", f"/api/resource/{doctype}/{name}", {}
		yield "POST", METHOD + "frappe.desk.form.load.getdoc", {"doctype": doctype, "name": name}
		yield "POST", METHOD + "frappe.desk.search.get_link_title", {"doctype": doctype, "docname": name}
		yield (
			"POST",
			METHOD + "frappe.client.get_value",
			{"doctype": doctype, "filters": json.dumps({"name": name}), "fieldname": '["*"]'},
		)
		yield "GET", "/printview", {"doctype": doctype, "name": name}
	yield "POST", METHOD + "frappe.desk.query_report.run", {"report_name": "Fees", "filters": "{}"}
	yield (
		"POST",
		METHOD + "frappe.desk.doctype.number_card.number_card.get_result",
		{
			"doc": json.dumps(frappe.get_doc("Number Card", "Outstanding Fees").as_dict(), default=str),
			"filters": "[]",
		},
	)


def found(server, session, marked) -> list[str]:
	hits = []
	for method, path, params in paths(marked):
		if method == "GET":
			r = session.get(server.url + path, params=params, timeout=60)
		else:
			r = session.post(server.url + path, data=params, timeout=60)
		assert r.status_code < 500, (path, r.status_code, r.text[:300])
		text = r.content.decode("utf-8", "replace").lower()
		if PAYER_MARK.lower() in text or REASON_MARK.lower() in text:
			hits.append(f"{path} {params.get('doctype', '')}")
	return hits


@pytest.mark.parametrize("who", ["staff", "manager"])
def test_staff_and_managers_read_fees(server, users, marked, who):
	assert found(server, server.login(users[who], PASSWORD), marked)


@pytest.mark.parametrize("who", ["website", "guest"])
def test_website_users_and_guests_reach_no_fee_or_payment(server, users, marked, who):
	session = server.session() if who == "guest" else server.login(users[who], PASSWORD)
	assert found(server, session, marked) == []
