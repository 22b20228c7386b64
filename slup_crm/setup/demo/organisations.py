"""The organisations named in the minutes and their people, representatives in the development group."""

import frappe

from slup_crm.setup.demo.base import Demo, day, email_of, municipality, on_day, organisation


def make(demo: Demo) -> None:
	make_organisations(demo)
	make_people(demo)


# key: (name, type, municipality code it is located in, key of its parent organisation)
ORGANISATIONS = {
	"slup": ("Föreningen SLUP.SE", "Association", "0180", None),
	"coompanion": ("Coompanion Stockholms län", "Cooperative", "0180", None),
	"fk": ("Försäkringskassan", "Government Agency", "0180", None),
	"af": ("Arbetsförmedlingen", "Government Agency", "0180", None),
	"tvv": ("Tillväxtverket", "Government Agency", "0180", None),
	"sensus": ("Sensus studieförbund", "Study Association", "0180", None),
	"abf": ("ABF Stockholm", "Study Association", "0180", None),
	"sfhsk": ("Storstockholms folkhögskola", "Folk High School", "0180", None),
	"skyddsvarnet": ("Skyddsvärnet", "Association", "0180", None),
	"skoopi": ("Skoopi", "Association", None, None),
	"abc": ("ABC-kooperativen", "Consortium", "0180", None),
	"fbf": ("Folkbildningsförbundet Stockholms län", "Association", "0180", None),
	"blaband": ("Spånga Blå Band", "Association", "0180", None),
	"blavagen": ("Blå Vägen", "Social Enterprise", "0180", "blaband"),
	"livsval": ("Livsval", "Social Enterprise", "0126", None),
}

NOTES = {
	"slup": "Paraplyorganisation för den sociala ekonomin i Stockholms län. Tog initiativ till "
	"Utvecklingsgruppen för socialt företagande. Årsavgift 500 kr.",
	"skoopi": "Intresseorganisation för sociala arbetskooperativ. Arrangör av slutkonferensen "
	"tillsammans med Tillväxtverket.",
	"abc": "Konsortium av sociala företag, bildat för att stärka de sociala arbetskooperativen.",
	"skyddsvarnet": "Projektägare för det nya socialfondsprojektet om socialt företagande.",
	"tvv": "Finansiär av informationssatsningen om socialt företagande.",
}

# key: (first name, last name, designation, [(organisation or municipality code, capacity)])
PEOPLE = {
	"jan": (
		"Jan",
		"Forslund",
		"Verksamhetsledare, Coompanion Stockholms län; styrelseledamot SLUP.SE",
		[("coompanion", "Employee"), ("slup", "Elected representative")],
	),
	"birgitta": ("Birgitta", "Israelsson", "Rådgivare", [("coompanion", "Employee")]),
	"majlis": ("Majlis", "Karlsén", "Projektledare", [("sensus", "Employee")]),
	"ricardo": (
		"Ricardo-Osvaldo",
		"Alvarado",
		"Verksamhetsledare",
		[("blaband", "Employee"), ("blavagen", "Employee")],
	),
	"britt": ("Britt", "Lindmark", "Verksamhetsutvecklare", [("fbf", "Employee")]),
	"lisbeth": ("Lisbeth", "", "Verksamhetsledare", [("livsval", "Employee")]),
	# Invented officers of the cooperating municipalities and agencies.
	"karin": ("Karin", "Ekström", "Näringslivsutvecklare", [("0163", "Employee")]),
	"mats": ("Mats", "Holm", "Arbetsförmedlare, TreFas", [("af", "Employee")]),
	"helena": ("Helena", "Strand", "Samverkansansvarig", [("fk", "Employee")]),
	"maria": ("Maria", "Sjöberg", "Kommunsekreterare", [("0191", "Employee")]),
	"lena": ("Lena", "Wikström", "Arbetsmarknadschef", [("0120", "Employee")]),
	"peter": ("Peter", "Nyberg", "Kommunalråd", [("0136", "Politician")]),
	"anders": ("Anders", "Berg", "Utvecklingsstrateg", [("0180", "Employee")]),
	"sofia": ("Sofia", "Lind", "Arbetsmarknadsstrateg", [("0127", "Employee")]),
}


def make_organisations(demo: Demo) -> None:
	with on_day(day(-400)):
		for key, (name, organisation_type, located_in, parent) in ORGANISATIONS.items():
			existing = frappe.db.get_value("Organisation", {"organisation_name": name})
			if existing:
				demo.organisations[key] = existing
				continue
			demo.organisations[key] = demo.insert(
				{
					"doctype": "Organisation",
					"organisation_name": name,
					"organisation_type": organisation_type,
					"located_in": municipality(located_in) if located_in else None,
					"parent_organisation": demo.organisations.get(parent),
					"email": f"{key}@example.se",
					"notes": NOTES.get(key),
				}
			).name


def make_people(demo: Demo) -> None:
	"""Contacts of the people in the minutes, representatives of their organisations."""
	with on_day(day(-400)):
		for key, (first_name, last_name, designation, roles) in PEOPLE.items():
			email = email_of(first_name, last_name)
			existing = frappe.db.get_value("Contact", {"email_id": email})
			if existing:
				demo.contacts[key] = existing
				continue
			contact = {
				"doctype": "Contact",
				"first_name": first_name,
				"last_name": last_name,
				"designation": designation,
				"email_ids": [{"email_id": email, "is_primary": 1}],
				"links": [
					{"link_doctype": "Organisation", "link_name": organisation(demo, org)}
					for org, _c in roles
				],
			}
			demo.contacts[key] = demo.insert(contact).name
		for key, (_f, _l, _d, roles) in PEOPLE.items():
			for org, capacity in roles:
				add_representative(demo, organisation(demo, org), demo.contacts[key], capacity)


def add_representative(demo: Demo, org_name: str, contact: str, capacity: str) -> None:
	org = frappe.get_doc("Organisation", org_name)
	if any(row.contact == contact for row in org.representatives):
		return
	org.append("representatives", {"contact": contact, "capacity": capacity, "since": day(-75)})
	org.save()


def release(records: list[tuple[str, str]]) -> None:
	"""Take the demo's people off the organisations that are not the demo's (see ``removal``).

	``make_people`` adds them as representatives of the installed municipalities and, on a forced
	load, of a site's own organisation of the same name; only those rows go (a representative
	that a user added to such an organisation stays, and then the removal is refused).
	"""
	ours = set(records)
	for contact in (name for doctype, name in records if doctype == "Contact"):
		email = frappe.db.get_value("Contact", contact, "email_id")
		for first_name, last_name, _designation, roles in PEOPLE.values():
			if email_of(first_name, last_name) != email:
				continue
			for key, capacity in roles:
				org_name = existing_organisation(key)
				if org_name and ("Organisation", org_name) not in ours:
					remove_representative(org_name, contact, capacity)


def existing_organisation(key: str) -> str | None:
	"""The organisation of a key in ORGANISATIONS, or the municipality of a code, if it exists."""
	if key in ORGANISATIONS:
		return frappe.db.get_value("Organisation", {"organisation_name": ORGANISATIONS[key][0]})
	return frappe.db.get_value("Organisation", {"municipality_code": key})


def remove_representative(org_name: str, contact: str, capacity: str) -> None:
	org = frappe.get_doc("Organisation", org_name)
	rows = [row for row in org.representatives if row.contact == contact and row.capacity == capacity]
	if rows:
		for row in rows:
			org.remove(row)
		org.save()
