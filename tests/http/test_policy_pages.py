"""The public library of policies as a guest sees it (gunicorn): /policies, a municipality's page
and the published document; nothing else of the CRM, and garbage gets a page, never a 5xx."""

import frappe
import pytest
from frappe.utils import random_string

from tests.support.factories import make_adopted_policy, make_contact, make_exchange_member, make_municipality

TAG = random_string(6).lower()
NOTE_MARK = f"Internanteckning{TAG}"
HIDDEN_EMAIL = f"dold-{TAG}@example.se"
SHOWN_EMAIL = f"synlig-{TAG}@example.se"
PDF = b"%PDF-1.4 policy " + TAG.encode()


@pytest.fixture(scope="module")
def library():
	"""Two committed municipalities outside the home county with adopted policies: one whose contact
	agreed to be shown and whose attachment is public, one with neither."""
	shown_municipality, hidden_municipality = make_municipality(), make_municipality()
	frappe.db.set_value("Organisation", shown_municipality, "organisation_name", f"Visakommun {TAG}")
	frappe.db.set_value("Organisation", hidden_municipality, "organisation_name", f"Doldakommun {TAG}")
	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"policy-{TAG}.pdf", "content": PDF, "is_private": 1}
	).insert(ignore_permissions=True)
	shown = make_adopted_policy(
		shown_municipality,
		decision_date="2009-06-15",
		case_number=f"KS 2009/{TAG}",
		policy_url=None,
		policy_document=file.file_url,
		policy_document_public=1,
		notes=NOTE_MARK,
	)
	hidden = make_adopted_policy(
		hidden_municipality,
		decision_date="2010-02-01",
		policy_document=file.file_url,
		notes=NOTE_MARK,
	)
	shown_contact = make_contact(organisation=shown_municipality, email=SHOWN_EMAIL).name
	hidden_contact = make_contact(organisation=hidden_municipality, email=HIDDEN_EMAIL).name
	members = [
		make_exchange_member(shown_municipality, contact=shown_contact, show_contact_publicly=1),
		make_exchange_member(hidden_municipality, contact=hidden_contact),
	]
	frappe.db.commit()
	codes = {
		"shown": frappe.db.get_value("Organisation", shown_municipality, "municipality_code"),
		"hidden": frappe.db.get_value("Organisation", hidden_municipality, "municipality_code"),
	}
	yield frappe._dict(codes=codes, shown=shown, hidden=hidden)
	for member in members:
		frappe.delete_doc("Policy Exchange Member", member.name, force=True, ignore_permissions=True)
	for doc in (shown, hidden):
		frappe.delete_doc("Policy Adoption", doc.name, force=True, ignore_permissions=True)
		# Its history too: Frappe gives the next record the freed name.
		frappe.db.delete("Stage Change", {"reference_doctype": "Policy Adoption", "reference_name": doc.name})
	frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
	for contact in (shown_contact, hidden_contact):
		frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
	for organisation in (shown_municipality, hidden_municipality):
		frappe.delete_doc("Organisation", organisation, force=True, ignore_permissions=True)
	frappe.db.commit()


def get(server, path, **params):
	return server.session().get(f"{server.url}{path}", params=params, timeout=60)


def test_the_library_shows_adopted_policies_with_their_decision_and_nothing_else(server, library):
	r = get(server, "/policies")
	assert r.status_code == 200
	assert f"Visakommun {TAG}" in r.text
	assert f"KS 2009/{TAG}" in r.text
	assert f"/policies/{library.codes['shown']}" in r.text
	assert f"municipality={library.codes['shown']}" in r.text  # the public attachment
	assert f"municipality={library.codes['hidden']}" not in r.text  # not marked public
	for secret in (NOTE_MARK, HIDDEN_EMAIL, SHOWN_EMAIL, "/private/files/"):
		assert secret not in r.text
	assert r.text.count('class="policy-tile"') == 26  # the county's map


def test_search_by_municipality_and_year(server, library):
	r = get(server, "/policies", q=f"Visakommun {TAG}")
	assert f"Visakommun {TAG}" in r.text and f"Doldakommun {TAG}" not in r.text
	r = get(server, "/policies", year="2010", q=TAG)
	assert f"Doldakommun {TAG}" in r.text and f"Visakommun {TAG}" not in r.text


def test_hostile_search_gets_a_page_with_a_message_and_is_not_reflected(server, library):
	for params in (
		{"q": "<script>alert(1)</script>"},
		{"q": "x" * 500},
		{"q": "\x00"},
		{"year": "1' OR '1'='1"},
		{"year": "99999"},
	):
		r = get(server, "/policies", **params)
		assert r.status_code == 200, params
		assert "policy-search-error" in r.text, params
		assert "<script>alert(1)" not in r.text
		assert f"Visakommun {TAG}" not in r.text.split("policy-map")[0], params
	for params in ({"q": ["a", "b"]}, {"year": ["2009", "x"]}):  # a repeated parameter: Frappe takes one
		assert get(server, "/policies", **params).status_code == 200
	r = get(server, "/policies", q="x" * 20000)  # past what the server takes at all
	assert r.status_code < 500 and "Traceback" not in r.text


def test_a_municipality_page_shows_its_policy_and_the_contact_who_agreed(server, library):
	r = get(server, f"/policies/{library.codes['shown']}")
	assert r.status_code == 200
	assert f"KS 2009/{TAG}" in r.text
	assert SHOWN_EMAIL in r.text
	assert NOTE_MARK not in r.text
	r = get(server, f"/policies/{library.codes['hidden']}")
	assert r.status_code == 200
	assert "in-exchange" in r.text
	assert HIDDEN_EMAIL not in r.text
	assert NOTE_MARK not in r.text


def test_a_page_only_for_a_municipality_code(server, library):
	for path in (
		"/policies/9999",
		"/policies/abcd",
		"/policies/0163%27%20OR%201=1",
		"/policies/municipality",
	):
		r = get(server, path)
		assert r.status_code == 404, path
		assert "Traceback" not in r.text


def test_the_document_only_when_published(server, library):
	method = "/api/method/slup_crm.development.policy_library.document"
	r = get(server, method, municipality=library.codes["shown"])
	assert r.status_code == 200
	assert r.content == PDF
	for code in (library.codes["hidden"], "9999", "x", ""):
		r = get(server, method, municipality=code)
		assert r.status_code == 404, code
		assert TAG.encode() not in r.content


def test_the_library_speaks_swedish(server, library):
	r = get(server, "/policies", _lang="sv")
	assert "Policyer för socialt företagande" in r.text
	r = get(server, f"/policies/{library.codes['shown']}", _lang="sv")
	assert "Antagen policy" in r.text
