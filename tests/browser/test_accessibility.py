"""Every public page of the app, opened as a guest in Chromium, passes axe-core's WCAG 2.0/2.1 A
and AA rules (tests/support/accessibility.py), in English and in Swedish where it is translated:
the activities and an event of each kind, both registration forms (also with their errors), the
cancel page by a personal link, the newsletter, the members' report page, the privacy notice and
the data request form, the library of policies with a municipality's page, and the calendar."""

import re

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime
from playwright.sync_api import expect

from slup_crm.utils.tokens import new_token
from tests.support.accessibility import assert_accessible
from tests.support.factories import (
	ensure_outgoing_email_account,
	make_adopted_policy,
	make_contact,
	make_meeting,
	make_municipality,
	make_organisation,
	make_registration,
	make_training,
	make_trip,
)

LANGUAGES = ["en", "sv"]
WRONG_TOKEN = "x" * 32  # well formed, matches nothing
SUBMIT = ".web-form-footer .submit-btn, .web-form-actions .submit-btn"


@pytest.fixture(scope="module")
def public_data():
	"""A trip and a training open for registration, a registration with a working cancel link, a
	requested members' report with its link, a municipality with an adopted policy (all committed,
	all deleted afterwards)."""
	ensure_outgoing_email_account()
	made = []  # (doctype, name), deleted in reverse order
	trip = make_trip(title="Tillgänglig studieresa " + frappe.generate_hash(length=5))
	made.append(("Trip", trip.name))
	training = make_training(title="Tillgänglig utbildning " + frappe.generate_hash(length=5))
	made.append(("Training", training.name))
	registration = make_registration(trip)
	made.append(("Activity Registration", registration.name))
	cancel_token = registration.flags.cancel_token  # the raw token of the link its e-mail carries

	organisation = make_organisation(
		organisation_name="Tillgänglighetsföreningen " + frappe.generate_hash(length=5)
	)
	made.append(("Organisation", organisation.name))
	contact = make_contact("Majlis", organisation=organisation.name)
	made.append(("Contact", contact.name))
	meeting = make_meeting(
		attendees=[{"contact": contact.name, "organisation": organisation.name}],
		report_deadline=add_to_date(now_datetime(), days=3),
	)
	made.append(("Meeting", meeting.name))
	report_token, report_hash = new_token()
	report = frappe.get_doc(
		{
			"doctype": "Meeting Report",
			"meeting": meeting.name,
			"organisation": organisation.name,
			"token_hash": report_hash,
			"requested_on": now_datetime(),
		}
	).insert()
	made.append(("Meeting Report", report.name))

	municipality = make_municipality()
	made.append(("Organisation", municipality))
	policy = make_adopted_policy(municipality)
	made.append(("Policy Adoption", policy.name))
	frappe.db.commit()
	yield frappe._dict(
		trip=trip.name,
		training=training.name,
		cancel=f"/activities/cancel?registration={registration.name}&token={cancel_token}",
		wrong_cancel=f"/activities/cancel?registration={registration.name}&token={WRONG_TOKEN}",
		report=f"/meeting-report?token={report_token}",
		municipality=frappe.db.get_value("Organisation", municipality, "municipality_code"),
	)
	frappe.db.rollback()
	# Every registration of the two events (the answers' tests register too), their e-mails and claims.
	for filters in ({"trip": trip.name}, {"training": training.name}):
		for name in frappe.get_all("Activity Registration", filters, pluck="name"):
			frappe.db.delete("Email Queue", {"reference_name": name})
			frappe.delete_doc("Activity Registration", name, force=True, ignore_permissions=True)
	for doctype, name in reversed(made):
		if doctype == "Meeting Report":
			frappe.db.delete(doctype, name)
		elif frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()


def with_lang(path: str, lang: str) -> str:
	if lang == "en":
		return path
	return f"{path}{'&' if '?' in path else '?'}_lang={lang}"


def open_page(page, web_server, path: str, lang: str):
	response = page.goto(web_server.site_url + with_lang(path, lang))
	assert response and response.status == 200, (path, response and response.status)
	page.wait_for_load_state("networkidle")
	# The page is in the language asked for, and says so (axe checks that the attribute is valid).
	expect(page.locator("html")).to_have_attribute("lang", re.compile(rf"^{lang}(-|$)"))
	return page


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
	"path",
	[
		"/activities",
		"/newsletter",
		"/privacy",
		"/policies",
		"/calendar",
	],
)
def test_a_public_page_is_accessible(web_server, page, public_data, path, lang):
	open_page(page, web_server, path, lang)
	assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_event_pages_are_accessible(web_server, page, public_data, lang):
	for path in (f"/activities/trip/{public_data.trip}", f"/activities/training/{public_data.training}"):
		open_page(page, web_server, path, lang)
		expect(page.locator("a.register-button")).to_be_visible()
		assert_accessible(page, path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_municipalitys_policy_page_is_accessible(web_server, page, public_data, lang):
	open_page(page, web_server, f"/policies/{public_data.municipality}", lang)
	expect(page.locator(".policy-details")).to_be_visible()
	assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("form", ["trip", "training"])
def test_a_registration_form_is_accessible_also_with_its_errors(web_server, page, public_data, form, lang):
	open_page(page, web_server, f"/{form}-registration/new?{form}={public_data[form]}", lang)
	expect(page.locator('input[data-fieldname="first_name"]')).to_be_visible()
	assert_accessible(page, f"the {form} registration form")
	# An address that is not one and nothing else: the form says what is missing and wrong.
	page.fill('input[data-fieldname="email"]', "inte-en-adress")
	page.locator(SUBMIT).first.click()
	dialog = page.locator(".modal.show, .modal.in").first
	expect(dialog).to_be_visible()
	# It names the missing fields by their labels, which the app's website.js tied to the inputs.
	label = page.locator('label[for="slup-field-first_name"]').inner_text().strip()
	assert label, "the first name's label is not tied to its input"
	expect(dialog).to_contain_text(label)
	page.wait_for_timeout(500)  # the dialog's fade-in is over
	assert_accessible(page, f"the {form} registration form after a failed submit")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_registrations_answer_with_what_to_pay_is_accessible(web_server, page, public_data, lang):
	"""The page a registrant sees once the form is sent: the seat, and what to pay (the trip has a
	price: the amount, the bank giro, the OCR reference and the due date, slup_crm.fees)."""
	open_page(page, web_server, f"/trip-registration/new?trip={public_data.trip}", lang)
	page.fill('input[data-fieldname="first_name"]', "Majlis")
	page.fill('input[data-fieldname="last_name"]', "Karlsén")
	page.fill('input[data-fieldname="email"]', f"answer.{lang}.{frappe.generate_hash(length=6)}@example.se")
	page.check('input[data-fieldname="consent"]')
	page.locator(SUBMIT).first.click()
	expect(page.locator(".success-message")).to_be_visible()
	expect(page.locator("dl.fee-payment")).to_be_visible()
	assert_accessible(page, "the registration's answer")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cancel_page_is_accessible_by_a_valid_and_a_wrong_link(web_server, page, public_data, lang):
	open_page(page, web_server, public_data.cancel, lang)
	expect(page.locator(".cancel-button")).to_be_visible()
	assert_accessible(page, "the cancel page")
	open_page(page, web_server, public_data.wrong_cancel, lang)
	expect(page.locator(".cancel-button")).to_have_count(0)
	assert_accessible(page, "the cancel page of a wrong link")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_members_report_page_is_accessible_by_a_valid_and_a_wrong_link(
	web_server, page, public_data, lang
):
	open_page(page, web_server, public_data.report, lang)
	expect(page.locator(".meeting-report-text, textarea").first).to_be_visible()
	assert_accessible(page, "the members' report page")
	open_page(page, web_server, f"/meeting-report?token={WRONG_TOKEN}", lang)
	expect(page.locator("textarea")).to_have_count(0)
	assert_accessible(page, "the members' report page of a wrong link")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_data_request_form_is_accessible(web_server, page, public_data, lang):
	# Frappe's web form (the footer links /request-for-account-deletion, which Frappe redirects to
	# .../new without the query string, so ?_lang would be lost on the way).
	open_page(page, web_server, "/request-for-account-deletion/new", lang)
	expect(page.locator('input[data-fieldname="email"]')).to_be_visible()
	assert_accessible(page, "the data request form")


def test_the_check_fails_with_the_rule_and_the_element(page):
	"""The check itself: an unlabelled input and grey-on-white text are reported, each by its rule
	and the element's selector."""
	page.set_content(
		'<html lang="en"><head><title>T</title></head><body><main><h1>T</h1>'
		'<input id="nameless" type="text"><p style="color:#bbb">faint</p></main></body></html>'
	)
	with pytest.raises(AssertionError) as failure:
		assert_accessible(page, "a page made to fail")
	message = str(failure.value)
	assert "label (critical)" in message and "#nameless" in message, message
	assert "color-contrast (serious)" in message, message
