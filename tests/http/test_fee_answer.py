"""A guest who registers for a priced trip is told, on the form's answer and in the confirmation
e-mail, what to pay, to which bank giro, with which OCR reference and by when (slup_crm.fees)."""

import frappe
from frappe.utils import add_days, format_date, getdate, now_datetime

from slup_crm.fees import ocr
from tests.http.test_registration_web_form import form_data, fresh_read, submit
from tests.support.mail import queued_html, wait_for_emails

GIRO = "5050-1055"


def test_guest_is_told_amount_giro_reference_and_due_date(server, trips):
	frappe.db.set_single_value("SLUP Settings", "bank_giro", GIRO)
	frappe.db.commit()
	trip = trips(price=8900, seats=5, payment_days=10)
	started = now_datetime()
	r = submit(server, form_data(trip, email="guest.payer@example.se"))
	assert r.status_code == 200, r.text
	answer = r.json()["message"]
	assert answer["status"] == "Confirmed"
	payment = answer["__onload"]["payment"]
	fresh_read()
	registration = frappe.db.get_value("Activity Registration", {"trip": trip.name}, "name")
	claim = frappe.get_doc("Fee Claim", {"registration": registration})
	assert claim.amount == 8900
	assert ocr.is_valid(claim.ocr_reference)
	assert payment["ocr_reference"] == claim.ocr_reference
	assert payment["bank_giro"] == GIRO
	assert "8" in payment["amount"] and "900" in payment["amount"]
	assert payment["due_date"] == format_date(add_days(getdate(), 10))
	# A registration's name can be one a rolled-back test used before: wait for this one's e-mail.
	wait_for_emails(registration, filters={"creation": (">=", started)})
	html = queued_html(registration)[-1]
	assert claim.ocr_reference in html
	assert GIRO in html
	assert payment["amount"] in html


def test_the_same_address_again_is_answered_as_a_newcomer_with_payment(server, trips):
	trip = trips(price=450, seats=5)
	data = form_data(trip, email="guest.twice@example.se")
	first = submit(server, data).json()["message"]
	second = submit(server, data).json()["message"]
	assert second["status"] == first["status"] == "Confirmed"
	assert set(second["__onload"]["payment"]) == set(first["__onload"]["payment"])
	assert second["__onload"]["payment"]["amount"] == first["__onload"]["payment"]["amount"]
	assert ocr.is_valid(second["__onload"]["payment"]["ocr_reference"])


def test_waiting_list_and_free_trips_are_not_asked_to_pay(server, trips):
	full = trips(price=450, seats=0)
	answer = submit(server, form_data(full)).json()["message"]
	assert answer["status"] == "Waitlisted"
	assert answer["__onload"]["payment"] is None
	free = trips(price=0, seats=5)
	answer = submit(server, form_data(free)).json()["message"]
	assert answer["status"] == "Confirmed"
	assert answer["__onload"]["payment"] is None
