"""The public library of policies and the county's map: what they show, and what they never show."""

import frappe
from frappe.tests.utils import FrappeTestCase

from slup_crm.development import policy_library, policy_map
from tests.support.factories import (
	make_adopted_policy,
	make_exchange_member,
	make_municipality,
	make_policy_adoption,
	make_user,
	municipality,
)

NOTE_MARK = "Hemlig-anteckning-7731"


def code_of(organisation: str) -> str:
	return frappe.db.get_value("Organisation", organisation, "municipality_code")


def relative_luminance(colour: str) -> float:
	channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
	linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
	return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
	lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
	return (lighter + 0.05) / (darker + 0.05)


class TestPolicyLibrary(FrappeTestCase):
	def test_adopted_and_implementing_policies_are_shown_with_their_decision(self):
		adopted = make_adopted_policy(decision_date="2010-01-25", case_number="KS 2010/17")
		implementing = make_adopted_policy(stage="Implementing")
		drafted = make_adopted_policy(stage="Policy drafted")
		shown = {row.code: row for row in policy_library.public_policies()}
		row = shown[code_of(adopted.municipality)]
		self.assertEqual(row.decided_by, "Municipal council")
		self.assertEqual(str(row.decision_date), "2010-01-25")
		self.assertEqual(row.case_number, "KS 2010/17")
		self.assertEqual(row.document_url, "https://www.example.se/policy-socialt-foretagande")
		self.assertIn(code_of(implementing.municipality), shown)
		self.assertNotIn(code_of(drafted.municipality), shown)

	def test_nothing_else_of_the_record_is_shown(self):
		contact_municipality = make_municipality()
		adopted = make_adopted_policy(
			contact_municipality, notes=NOTE_MARK, next_step=NOTE_MARK, responsible="Administrator"
		)
		[row] = [r for r in policy_library.public_policies() if r.code == code_of(adopted.municipality)]
		self.assertEqual(
			set(row),
			{
				"code",
				"municipality_name",
				"decided_by",
				"decision_date",
				"year",
				"case_number",
				"policy_scope",
				"document_url",
				"route",
			},
		)
		page = policy_library.municipality_page(code_of(adopted.municipality))
		self.assertNotIn(NOTE_MARK, frappe.as_json(page))
		self.assertNotIn("Administrator", frappe.as_json(page))

	def test_the_attachment_only_when_a_manager_marked_it_public(self):
		adopted = make_adopted_policy(policy_url=None, policy_document="/private/files/policy-test.pdf")
		code = code_of(adopted.municipality)
		[row] = [r for r in policy_library.public_policies() if r.code == code]
		self.assertIsNone(row.document_url)
		adopted.policy_document_public = 1
		adopted.save()
		[row] = [r for r in policy_library.public_policies() if r.code == code]
		self.assertEqual(row.document_url, f"{policy_library.DOCUMENT_METHOD}?municipality={code}")

	def test_only_a_manager_may_publish_the_document(self):
		adopted = make_adopted_policy(policy_document="/private/files/policy-staff.pdf")
		staff = make_user("staff-publish-policy@example.se", "SLUP Staff").name
		manager = make_user("manager-publish-policy@example.se", "SLUP Manager").name

		def mark(user, public):
			with self.set_user(user):
				doc = frappe.get_doc("Policy Adoption", adopted.name)
				doc.policy_document_public = public
				doc.save()

		with self.assertRaisesRegex(frappe.PermissionError, "Only a manager"):
			mark(staff, 1)
		self.assertEqual(frappe.db.get_value("Policy Adoption", adopted.name, "policy_document_public"), 0)
		mark(manager, 1)
		self.assertEqual(frappe.db.get_value("Policy Adoption", adopted.name, "policy_document_public"), 1)
		mark(staff, 0)  # taking it back is anyone's
		self.assertEqual(frappe.db.get_value("Policy Adoption", adopted.name, "policy_document_public"), 0)

	def test_search_by_municipality_and_year(self):
		first = make_adopted_policy(decision_date="2009-11-02")
		second = make_adopted_policy(decision_date="2010-03-15")
		name = frappe.db.get_value("Organisation", first.municipality, "organisation_name")
		codes = {r.code for r in policy_library.public_policies(name, None)}
		self.assertEqual(codes, {code_of(first.municipality)})
		codes = {r.code for r in policy_library.public_policies("", 2010)}
		self.assertIn(code_of(second.municipality), codes)
		self.assertNotIn(code_of(first.municipality), codes)
		self.assertIn(2009, policy_library.decision_years())

	def test_hostile_search_is_told_and_finds_nothing(self):
		make_adopted_policy()
		for query, year in (
			("<script>alert(1)</script>", None),
			("x" * 101, None),
			("kommun\x00", None),
			(["a", "b"], None),
			(None, "20x0"),
			(None, "1800"),
			(None, ["2010"]),
		):
			search = policy_library.parse_search(query, year)
			self.assertTrue(search.error, (query, year))
			self.assertEqual((search.query, search.year), ("", None))
		# Wildcards are searched as characters.
		self.assertEqual(policy_library.public_policies("%", None), [])
		self.assertEqual(policy_library.public_policies("_", None), [])

	def test_municipality_page_shows_the_exchange_contact_only_if_they_agreed(self):
		adopted = make_adopted_policy()
		member = make_exchange_member(adopted.municipality)
		page = policy_library.municipality_page(code_of(adopted.municipality))
		self.assertTrue(page.in_exchange)
		self.assertIsNone(page.exchange_contact)
		member.show_contact_publicly = 1
		member.save()
		page = policy_library.municipality_page(code_of(adopted.municipality))
		self.assertEqual(page.exchange_contact.contact_email, member.contact_email)
		member.left_on = frappe.utils.getdate()
		member.save()
		page = policy_library.municipality_page(code_of(adopted.municipality))
		self.assertFalse(page.in_exchange)
		self.assertIsNone(page.exchange_contact)

	def test_a_page_for_municipalities_only_and_codes_only(self):
		for code in ("", "01", "abcd", "0163' OR 1=1", None, ["0163"], "9999"):
			self.assertIsNone(policy_library.municipality_page(code), code)
		page = policy_library.municipality_page("0163")
		self.assertEqual(page.code, "0163")


class TestPolicyMap(FrappeTestCase):
	def test_stockholm_county_has_its_26_tiles_each_in_a_cell_of_its_own(self):
		data = policy_map.map_data()
		self.assertTrue(data.has_layout)
		self.assertEqual(len(data.tiles), 26)
		self.assertEqual(len({(t.x, t.y) for t in data.tiles}), 26)
		self.assertEqual({t.code for t in data.tiles}, set(policy_map.TILE_LAYOUTS["01"]))

	def test_each_tile_has_its_stage_and_colour_and_a_municipality_without_record_is_not_contacted(self):
		for code, stage in (("0114", "Policy adopted"), ("0115", "Implementing"), ("0117", "Declined")):
			existing = frappe.db.get_value("Policy Adoption", {"municipality": municipality(code)})
			doc = (
				frappe.get_doc("Policy Adoption", existing)
				if existing
				else make_policy_adoption(municipality(code))
			)
			frappe.db.set_value("Policy Adoption", doc.name, "stage", stage)
		frappe.db.delete("Policy Adoption", {"municipality": municipality("0192")})
		tiles = {t.code: t for t in policy_map.map_data().tiles}
		for code, stage in (
			("0114", "Policy adopted"),
			("0115", "Implementing"),
			("0117", "Declined"),
			("0192", "Not contacted"),
		):
			self.assertEqual(tiles[code].stage, stage)
			self.assertEqual(tiles[code].fill, policy_map.STAGE_COLOURS[stage][0])
		legend = {entry.stage: entry.count for entry in policy_map.map_data().legend}
		self.assertEqual(sum(legend.values()), 26)
		self.assertGreaterEqual(legend["Declined"], 1)

	def test_tiles_link_to_the_desk_or_the_public_page(self):
		desk = {t.code: t.link for t in policy_map.map_data().tiles}
		public = {t.code: t.link for t in policy_map.map_data(public=True).tiles}
		self.assertEqual(desk["0163"], f"/app/organisation/{municipality('0163')}")
		self.assertEqual(public["0163"], "/policies/0163")

	def test_a_county_without_a_layout_is_a_plain_list(self):
		county = frappe.db.get_value("Organisation", make_municipality(), "county")
		self.assertNotEqual(county, policy_map.get_settings().home_county)
		data = policy_map.map_data(county=county)
		self.assertFalse(data.has_layout)
		self.assertGreaterEqual(len(data.tiles), 1)
		html = frappe.render_template("slup_crm/templates/includes/policy_map.html", {"map": data})
		self.assertIn("policy-map-list", html)
		self.assertNotIn("<svg", html)

	def test_every_colour_carries_its_text_at_aa_contrast(self):
		for stage, (fill, text) in policy_map.STAGE_COLOURS.items():
			self.assertGreaterEqual(contrast(fill, text), 4.5, stage)
		self.assertEqual(set(policy_map.STAGE_COLOURS), set(policy_map.POLICY_ADOPTION.stage_names))

	def test_names_are_escaped_in_the_svg(self):
		data = policy_map.map_data()
		data.tiles[0].short_name = "<script>x</script>"
		html = frappe.render_template("slup_crm/templates/includes/policy_map.html", {"map": data})
		self.assertNotIn("<script>x", html)
