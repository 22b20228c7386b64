"""The organiser sees who has paid: the participant list's Paid column and the trip form's indicator."""

from urllib.parse import urlencode

import frappe
from frappe.utils import getdate, random_string

from tests.browser.conftest import desk_login
from tests.support.factories import ensure_outgoing_email_account, make_registration, make_trip, make_user

STAFF = "browser-fees-staff@example.se"
PASSWORD = "Browser-Fees-4417"


def test_participant_list_and_trip_form_show_who_paid(web_server, page):
	ensure_outgoing_email_account()
	user = make_user(STAFF, "SLUP Staff")
	user.new_password = PASSWORD
	user.save(ignore_permissions=True)
	trip = make_trip(title="Studieresa till Bologna " + random_string(4), price=8900, seats=5)
	paid = make_registration(trip, first_name="Britt", last_name="Betald")
	unpaid = make_registration(trip, first_name="Olle", last_name="Obetald")
	claim = frappe.get_doc("Fee Claim", {"registration": paid.name})
	payment = frappe.get_doc(
		{
			"doctype": "Incoming Payment",
			"payment_date": getdate(),
			"amount": 8900,
			"ocr_reference": claim.ocr_reference,
			"bank_reference": "BG-" + random_string(10),
		}
	).insert()
	frappe.db.commit()
	try:
		desk_login(page, web_server, STAFF, PASSWORD)
		params = urlencode({"doctype": "Trip", "name": trip.name, "format": "Trip Participant List"})
		page.goto(f"{web_server.site_url}/printview?{params}")
		table = page.locator("table.participant-list")
		table.wait_for()
		headers = table.locator("thead th").all_inner_texts()
		assert "Paid" in [h.strip() for h in headers]
		rows = {
			row.locator("td").nth(1).inner_text().strip(): row.locator("td.fee-status").inner_text().strip()
			for row in table.locator("tbody tr").all()
		}
		assert rows == {"Britt Betald": "Paid", "Olle Obetald": "Unpaid"}

		page.goto(f"{web_server.site_url}/app/trip/{trip.name}")
		indicator = page.locator(".form-dashboard .indicator-column .indicator", has_text="Paid: 1 of 2")
		indicator.wait_for()
		assert "8,900" in indicator.inner_text() or "8 900" in indicator.inner_text()
	finally:
		frappe.db.rollback()
		frappe.db.delete("Incoming Payment", payment.name)
		for registration in (paid, unpaid):
			frappe.db.delete("Email Queue", {"reference_name": registration.name})
			frappe.delete_doc("Activity Registration", registration.name, force=True, ignore_permissions=True)
		frappe.delete_doc("Trip", trip.name, force=True, ignore_permissions=True)
		frappe.db.commit()
