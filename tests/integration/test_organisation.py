import frappe
from frappe.tests.utils import FrappeTestCase

from tests.support.factories import VALID_ORGNRS, make_contact, make_organisation, municipality


class TestOrganisationNumber(FrappeTestCase):
	def test_organisation_number_is_stored_in_one_normal_form(self):
		for typed in ("5560360793", "165560360793", "16556036-0793"):
			org = make_organisation(organisation_number=typed)
			self.assertEqual(org.organisation_number, "556036-0793")
			self.assertEqual(
				frappe.db.get_value("Organisation", org.name, "organisation_number"), "556036-0793"
			)
			org.delete()

	def test_wrong_checksum_is_refused_and_nothing_saved(self):
		before = frappe.db.count("Organisation")
		with self.assertRaisesRegex(frappe.ValidationError, "not a valid Swedish organisation number"):
			make_organisation(organisation_number="556036-0794")
		self.assertEqual(frappe.db.count("Organisation"), before)

	def test_duplicate_organisation_number_is_refused_in_any_form(self):
		first = make_organisation(organisation_number=VALID_ORGNRS[1])
		with self.assertRaisesRegex(frappe.UniqueValidationError, "already registered for"):
			make_organisation(organisation_number=VALID_ORGNRS[1].replace("-", ""))
		self.assertEqual(frappe.db.count("Organisation", {"organisation_number": VALID_ORGNRS[1]}), 1)
		first.reload()
		first.save()  # saving the holder itself is not a duplicate

	def test_organisation_number_is_optional_and_many_may_lack_it(self):
		a = make_organisation(organisation_number="")
		b = make_organisation(organisation_number="  ")
		self.assertIsNone(a.organisation_number)
		self.assertIsNone(b.organisation_number)


class TestMunicipality(FrappeTestCase):
	def test_the_26_municipalities_of_stockholm_county_exist_once(self):
		rows = frappe.get_all(
			"Organisation",
			filters={"organisation_type": "Municipality", "county": "Stockholms län"},
			fields=["municipality_code", "organisation_name"],
		)
		codes = [r.municipality_code for r in rows]
		self.assertEqual(len(codes), 26)
		self.assertEqual(len(set(codes)), 26)
		names = {r.municipality_code: r.organisation_name for r in rows}
		self.assertEqual(names["0163"], "Sollentuna kommun")
		self.assertEqual(names["0117"], "Österåkers kommun")
		self.assertEqual(names["0180"], "Stockholms stad")

	def test_install_steps_run_again_create_no_duplicates(self):
		from slup_crm.setup import install

		install.after_sync()
		install.after_migrate()
		self.assertEqual(
			frappe.db.count(
				"Organisation", {"organisation_type": "Municipality", "municipality_code": ("like", "01%")}
			),
			26,
		)
		self.assertEqual(frappe.db.count("County"), 21)

	def test_municipality_without_code_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "four-digit municipality code"):
			make_organisation(organisation_name="Uppsala kommun", organisation_type="Municipality")

	def test_malformed_municipality_code_is_refused(self):
		for code in ("380", "03800", "03a0"):
			with self.assertRaisesRegex(frappe.ValidationError, "must be four digits"):
				make_organisation(
					organisation_name="Uppsala kommun",
					organisation_type="Municipality",
					municipality_code=code,
				)

	def test_duplicate_municipality_code_is_refused(self):
		with self.assertRaisesRegex(frappe.UniqueValidationError, "already used by"):
			make_organisation(
				organisation_name="Sollentuna igen",
				organisation_type="Municipality",
				municipality_code="0163",
			)

	def test_other_municipalities_and_counties_can_be_added(self):
		uppsala = make_organisation(
			organisation_name="Uppsala kommun", organisation_type="Municipality", municipality_code="0380"
		)
		self.assertEqual(uppsala.county, "Uppsala län")
		county = frappe.get_doc({"doctype": "County", "county_name": "Testlän", "county_code": "99"}).insert()
		other = make_organisation(
			organisation_name="Testkommun", organisation_type="Municipality", municipality_code="9901"
		)
		self.assertEqual(other.county, county.name)

	def test_municipality_code_must_match_county(self):
		with self.assertRaisesRegex(frappe.ValidationError, "belongs to"):
			make_organisation(
				organisation_name="Uppsala kommun",
				organisation_type="Municipality",
				municipality_code="0380",
				county="Stockholms län",
			)

	def test_only_municipalities_have_a_code(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Only a municipality"):
			make_organisation(municipality_code="0999")


class TestLocationAndLinks(FrappeTestCase):
	def test_located_in_must_be_a_municipality(self):
		coompanion = make_organisation(
			organisation_name="Coompanion Stockholms län", organisation_type="Cooperative"
		)
		org = make_organisation(located_in=municipality("0163"))
		self.assertEqual(org.located_in, municipality("0163"))
		with self.assertRaisesRegex(frappe.ValidationError, "is not a municipality"):
			make_organisation(located_in=coompanion.name)

	def test_parent_cannot_make_a_cycle(self):
		parent = make_organisation()
		child = make_organisation(parent_organisation=parent.name)
		parent.parent_organisation = child.name
		with self.assertRaisesRegex(frappe.ValidationError, "own parent"):
			parent.save()

	def test_linked_organisation_cannot_be_deleted(self):
		parent = make_organisation()
		make_organisation(parent_organisation=parent.name)
		with self.assertRaises(frappe.LinkExistsError):
			frappe.delete_doc("Organisation", parent.name)
		self.assertTrue(frappe.db.exists("Organisation", parent.name))

	def test_municipality_with_located_organisations_cannot_be_deleted(self):
		make_organisation(located_in=municipality("0191"))
		with self.assertRaises(frappe.LinkExistsError):
			frappe.delete_doc("Organisation", municipality("0191"))

	def test_organisation_with_a_contact_cannot_be_deleted(self):
		org = make_organisation()
		make_contact(organisation=org.name)
		with self.assertRaises(frappe.LinkExistsError):
			frappe.delete_doc("Organisation", org.name)

	def test_unlinked_organisation_can_be_deleted(self):
		org = make_organisation()
		frappe.delete_doc("Organisation", org.name)
		self.assertFalse(frappe.db.exists("Organisation", org.name))


class TestContactDetails(FrappeTestCase):
	def test_malformed_email_is_refused(self):
		for email in ("anna@", "anna at slup.se", "a@b@c.se", "anna@slup.se, bo@slup.se"):
			with self.assertRaises(frappe.ValidationError, msg=email):
				make_organisation(email=email)

	def test_malformed_phone_is_refused(self):
		for phone in ("123", "telefon", "08-123 45 67 89 00 11 22", "+46 abc"):
			with self.assertRaisesRegex(frappe.ValidationError, "not a valid phone number", msg=phone):
				make_organisation(phone=phone)

	def test_swedish_and_international_phones_are_accepted(self):
		for phone in ("08-123 456 78", "+46 8 123 456 78", "070-123 45 67", "+39 0541 123456"):
			self.assertEqual(make_organisation(phone=phone).phone, phone)

	def test_website_is_normalised_and_bad_urls_refused(self):
		self.assertEqual(make_organisation(website="www.coompanion.se").website, "https://www.coompanion.se")
		for url in ("javascript:alert(1)", "javascript://x.se/%0aalert(1)", "not a url", "ftp://x.se"):
			with self.assertRaisesRegex(frappe.ValidationError, "not a valid website", msg=url):
				make_organisation(website=url)

	def test_names_keep_unicode_and_are_trimmed(self):
		org = make_organisation(
			organisation_name="  Föreningen Ängsö – Ærø ñ 社会  ", email=" info@angso.se "
		)
		org.reload()
		self.assertEqual(org.organisation_name, "Föreningen Ängsö – Ærø ñ 社会")
		self.assertEqual(org.email, "info@angso.se")

	def test_script_in_name_is_not_stored_runnable(self):
		org = make_organisation(organisation_name="<script>alert(1)</script>Skoopi")
		org.reload()
		self.assertNotIn("<script>", org.organisation_name)


class TestRepresentatives(FrappeTestCase):
	def test_representative_contact_is_linked_to_the_organisation(self):
		contact = make_contact()
		org = make_organisation(
			representatives=[{"contact": contact.name, "capacity": "Politician", "since": "2010-02-01"}]
		)
		contact.reload()
		self.assertTrue(contact.has_link("Organisation", org.name))
		self.assertEqual(org.representatives[0].full_name, contact.full_name)

	def test_same_contact_twice_is_refused(self):
		contact = make_contact()
		rows = [
			{"contact": contact.name, "capacity": "Employee"},
			{"contact": contact.name, "capacity": "Politician"},
		]
		with self.assertRaisesRegex(frappe.ValidationError, "already listed"):
			make_organisation(representatives=rows)

	def test_capacity_is_required_and_restricted(self):
		contact = make_contact()
		with self.assertRaises(frappe.ValidationError):
			make_organisation(representatives=[{"contact": contact.name, "capacity": "Boss"}])
