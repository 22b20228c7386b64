"""A member of the public registers for a trip in a real browser, then cancels by the personal link."""

import os

import frappe

from tests.support.factories import ensure_outgoing_email_account, make_trip
from tests.support.mail import cancel_token

SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "docs", "screenshots")


def screenshot(page, name: str) -> None:
	"""Keep the README's pictures current: every run of this test makes them anew."""
	os.makedirs(SCREENSHOTS, exist_ok=True)
	page.screenshot(path=os.path.join(SCREENSHOTS, name), full_page=True)


def cancel_link_in_email(registration: str) -> str:
	"""The path of the cancel link in the newest e-mail of the registration that carries one (the
	server's worker composes it after the request; other e-mails of the record are passed over)."""
	return f"/activities/cancel?registration={registration}&token={cancel_token(registration)}"


def test_guest_registers_for_a_trip_and_cancels_by_the_personal_link(web_server, page):
	ensure_outgoing_email_account()
	trip = make_trip(title="Studieresa till San Patrignano", destination="Emilia-Romagna", seats=3)
	frappe.db.commit()
	try:
		page.goto(f"{web_server.site_url}/activities")
		row = page.locator(f'tr.activity-row[data-name="{trip.name}"]')
		assert "Studieresa till San Patrignano" in row.inner_text()
		screenshot(page, "public-trips.png")
		assert "3" in row.locator("td").nth(3).inner_text()

		row.get_by_role("link", name="Studieresa till San Patrignano").click()
		page.wait_for_url(f"**/activities/trip/{trip.name}")
		page.locator("a.register-button").click()
		page.wait_for_url(f"**/trip-registration/new?trip={trip.name}")
		assert "Studieresa till San Patrignano" in page.locator(".web-form-introduction").inner_text()

		page.fill('input[data-fieldname="first_name"]', "Majlis")
		page.fill('input[data-fieldname="last_name"]', "Karlsén")
		page.fill('input[data-fieldname="email"]', "majlis.browser@example.se")
		page.fill('input[data-fieldname="phone"]', "070-123 45 67")
		page.fill('input[data-fieldname="organisation_name"]', "Sensus")
		page.fill('textarea[data-fieldname="dietary_needs"]', "Vegetarisk")
		page.check('input[data-fieldname="consent"]')
		screenshot(page, "trip-registration-form.png")
		page.locator(".web-form-footer .submit-btn, .web-form-actions .submit-btn").first.click()

		success = page.locator(".success-message")
		success.wait_for(state="visible")
		assert "Your seat is confirmed" in success.inner_text()

		frappe.db.commit()  # read what the server committed
		registration = frappe.get_doc("Activity Registration", {"trip": trip.name})
		assert (registration.full_name, registration.status) == ("Majlis Karlsén", "Confirmed")
		# The answer says what to pay and with which OCR reference (slup_crm.fees).
		payment = page.locator("dl.fee-payment").inner_text()
		ocr_reference = frappe.db.get_value("Fee Claim", {"registration": registration.name}, "ocr_reference")
		assert "OCR reference" in payment and ocr_reference in payment and "450" in payment
		# The needs typed into the form are kept apart, for event organisers alone.
		assert frappe.db.get_value("Registration Needs", registration.name, "dietary_needs") == "Vegetarisk"

		page.goto(web_server.site_url + cancel_link_in_email(registration.name))
		assert "Studieresa till San Patrignano" in page.locator(".cancel-form").inner_text()
		page.locator(".cancel-button").click()
		page.locator(".cancel-done").wait_for(state="visible")

		frappe.db.commit()
		assert frappe.db.get_value("Activity Registration", registration.name, "status") == "Cancelled"
		assert frappe.db.get_value("Trip", trip.name, "seats_left") == 3
	finally:
		frappe.db.commit()
		for name in frappe.get_all("Activity Registration", {"trip": trip.name}, pluck="name"):
			frappe.db.delete("Email Queue", {"reference_name": name})
			frappe.delete_doc("Activity Registration", name, force=True, ignore_permissions=True)
		frappe.delete_doc("Trip", trip.name, force=True, ignore_permissions=True)
		frappe.db.commit()


def test_a_full_trip_tells_the_registrant_the_place_on_the_waiting_list(web_server, page):
	ensure_outgoing_email_account()
	trip = make_trip(title="Fullbokad resa till Trento", seats=1)
	frappe.get_doc(
		{
			"doctype": "Activity Registration",
			"trip": trip.name,
			"first_name": "Först",
			"last_name": "Plats",
			"email": f"forst.{frappe.generate_hash(length=6)}@example.se",
			"consent": 1,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	try:
		page.goto(f"{web_server.site_url}/trip-registration/new?trip={trip.name}")
		page.fill('input[data-fieldname="first_name"]', "Vera")
		page.fill('input[data-fieldname="last_name"]', "Väntan")
		page.fill('input[data-fieldname="email"]', f"vera.{frappe.generate_hash(length=6)}@example.se")
		page.check('input[data-fieldname="consent"]')
		page.locator(".web-form-footer .submit-btn, .web-form-actions .submit-btn").first.click()
		success = page.locator(".success-message")
		success.wait_for(state="visible")
		assert "waiting list as number 1" in success.inner_text()
		assert success.get_attribute("data-status") == "Waitlisted"
	finally:
		frappe.db.commit()
		for name in frappe.get_all("Activity Registration", {"trip": trip.name}, pluck="name"):
			frappe.db.delete("Email Queue", {"reference_name": name})
			frappe.delete_doc("Activity Registration", name, force=True, ignore_permissions=True)
		frappe.delete_doc("Trip", trip.name, force=True, ignore_permissions=True)
		frappe.db.commit()
