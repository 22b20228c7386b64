"""How many people and organisations the group reached: one read-only function, ``get_reach``.

Sources, each counted by itself and never entered twice:

- ``Outreach Activity`` records (information meetings, conferences, study visits, mail-outs,
  newsletters, other): their organisations reached and their head counts, in person and by
  e-mail (anonymous numbers, added as they are);
- trips and trainings (``Activity Registration``): everyone who attended, that is a trip
  registration marked Attended, a training registration marked Attended or with at least one
  session attended;
- meetings (``Meeting``, not cancelled): every attendee marked Present.

A person from the last two sources is identified by their contact when known (a meeting
attendee's contact, or the contact whose e-mail address a registrant used), else by the
lower-cased e-mail address; so someone who went on a trip, a training and two meetings is one
person reached. Organisations are distinct by record. An organisation's municipality is the
organisation itself when it is a municipality, else the municipality it is located in. Given a
development project, only the activities done in it are counted.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

OUTREACH_KINDS = ("Information meeting", "Conference", "Study visit", "Mail-out", "Newsletter", "Other")
EVENT_KINDS = ("Trip", "Training", "Meeting")
KINDS = EVENT_KINDS + OUTREACH_KINDS
MUNICIPALITY = "Municipality"


@frappe.read_only()
def get_reach(from_date, to_date, project: str | None = None) -> dict:
	"""People and organisations reached by activities dated from ``from_date`` to ``to_date`` (inclusive),
	of one development project when ``project`` is given.

	Dates: an outreach activity's date, a trip's or training's start date, a meeting's date.
	Returns (every number an int; the shape is stable, kinds with nothing are listed with zeros)::

	    {
	        "from_date": date,
	        "to_date": date,
	        "totals": {
	            "activities": ...,  # outreach activities + trips/trainings/meetings with attendees
	            "people_identified": ...,  # distinct people from registrations and attendance
	            "people_counted_in_person": ...,  # sum of outreach activities' in-person head counts
	            "people_in_person": ...,  # the two above added
	            "people_by_email": ...,  # sum of outreach activities' e-mail counts
	            "organisations": ...,  # distinct organisations reached
	            "municipalities": ...,  # distinct municipalities reached (held there, or
	            # an organisation reached is or lies in it)
	        },
	        "by_kind": {
	            kind: {
	                "label",
	                "activities",
	                "people_identified",
	                "people_counted_in_person",
	                "people_in_person",
	                "people_by_email",
	                "organisations",
	            }
	        },
	        "by_municipality": {
	            municipality: {
	                "municipality_name",
	                "activities",
	                "people_identified",
	                "people_counted_in_person",
	                "organisations",
	            }
	        },
	        "by_organisation_type": {organisation_type: {"label", "organisations", "people_identified"}},
	    }

	Kinds are Trip, Training, Meeting and the outreach kinds. Within a row people are distinct,
	but one person in two kinds (or two municipalities) appears in both rows, so rows may add up
	to more than the totals; so may head counts of an activity held in several municipalities,
	which count under each. ``activities`` per municipality counts outreach activities held there.
	"""
	from_date, to_date = getdate(from_date), getdate(to_date)
	if from_date > to_date:
		frappe.throw(_("The start of the period must not be after its end."))
	reach = Reach()
	add_outreach_activities(reach, from_date, to_date, project)
	add_event_attendance(reach, from_date, to_date, project)
	add_meeting_attendance(reach, from_date, to_date, project)
	return reach.result(from_date, to_date)


class Reach:
	"""Collects who was reached where; ``result`` counts them."""

	def __init__(self):
		self.activities = set()  # (kind, name)
		self.people = set()
		self.organisations = set()
		self.municipalities = set()
		self.headcounts = defaultdict(lambda: {"in_person": 0, "by_email": 0})  # by kind
		self.kind_activities = defaultdict(set)
		self.kind_people = defaultdict(set)
		self.kind_organisations = defaultdict(set)
		self.municipality_activities = defaultdict(set)
		self.municipality_headcounts = defaultdict(int)
		self.municipality_people = defaultdict(set)
		self.municipality_organisations = defaultdict(set)
		self.type_organisations = defaultdict(set)
		self.type_people = defaultdict(set)
		self.attendances = []  # (kind, activity, person key, e-mail, organisation)

	def add_activity(self, kind: str, name: str) -> None:
		self.activities.add((kind, name))
		self.kind_activities[kind].add(name)

	def add_organisation(self, kind: str, organisation: str | None) -> None:
		if organisation:
			self.organisations.add(organisation)
			self.kind_organisations[kind].add(organisation)

	def add_person(self, kind: str, activity: str, contact: str | None, email: str | None, organisation):
		self.add_activity(kind, activity)
		self.attendances.append((kind, contact, (email or "").strip().lower(), organisation))
		self.add_organisation(kind, organisation)

	def result(self, from_date, to_date) -> dict:
		organisations = organisation_details(self.organisations)
		self.identify_people()
		for organisation in self.organisations:
			details = organisations.get(organisation)
			if not details:
				continue
			self.type_organisations[details.organisation_type].add(organisation)
			if details.municipality:
				self.municipalities.add(details.municipality)
				self.municipality_organisations[details.municipality].add(organisation)
		for person, organisation in self.person_organisations:
			details = organisations.get(organisation)
			if details:
				self.type_people[details.organisation_type].add(person)
				if details.municipality:
					self.municipality_people[details.municipality].add(person)
		return {
			"from_date": from_date,
			"to_date": to_date,
			"totals": self.totals(),
			"by_kind": {kind: self.kind_row(kind) for kind in KINDS},
			"by_municipality": self.municipality_rows(),
			"by_organisation_type": {
				organisation_type: {
					"label": _(organisation_type),
					"organisations": len(self.type_organisations[organisation_type]),
					"people_identified": len(self.type_people[organisation_type]),
				}
				for organisation_type in sorted(set(self.type_organisations) | set(self.type_people))
			},
		}

	def identify_people(self) -> None:
		"""One key per person: their contact when known, else their lower-cased e-mail address."""
		contacts = contacts_by_email(
			{email for _kind, contact, email, _org in self.attendances if not contact}
		)
		self.person_organisations = []
		for kind, contact, email, organisation in self.attendances:
			contact = contact or contacts.get(email)
			person = f"contact:{contact}" if contact else f"email:{email}"
			self.people.add(person)
			self.kind_people[kind].add(person)
			if organisation:
				self.person_organisations.append((person, organisation))

	def totals(self) -> dict:
		counted = sum(h["in_person"] for h in self.headcounts.values())
		return {
			"activities": len(self.activities),
			"people_identified": len(self.people),
			"people_counted_in_person": counted,
			"people_in_person": len(self.people) + counted,
			"people_by_email": sum(h["by_email"] for h in self.headcounts.values()),
			"organisations": len(self.organisations),
			"municipalities": len(self.municipalities),
		}

	def kind_row(self, kind: str) -> dict:
		counted = self.headcounts[kind]["in_person"] if kind in self.headcounts else 0
		identified = len(self.kind_people[kind])
		return {
			"label": _(kind),
			"activities": len(self.kind_activities[kind]),
			"people_identified": identified,
			"people_counted_in_person": counted,
			"people_in_person": identified + counted,
			"people_by_email": self.headcounts[kind]["by_email"] if kind in self.headcounts else 0,
			"organisations": len(self.kind_organisations[kind]),
		}

	def municipality_rows(self) -> dict:
		names = dict(
			frappe.get_all(
				"Organisation",
				filters={"name": ("in", list(self.municipalities) or [""])},
				fields=["name", "organisation_name"],
				as_list=True,
			)
		)
		return {
			municipality: {
				"municipality_name": names.get(municipality, municipality),
				"activities": len(self.municipality_activities[municipality]),
				"people_identified": len(self.municipality_people[municipality]),
				"people_counted_in_person": self.municipality_headcounts[municipality],
				"organisations": len(self.municipality_organisations[municipality]),
			}
			for municipality in sorted(self.municipalities, key=lambda m: names.get(m, m))
		}


def add_outreach_activities(reach: Reach, from_date, to_date, project: str | None = None) -> None:
	activity = frappe.qb.DocType("Outreach Activity")
	query = (
		frappe.qb.from_(activity)
		.select(activity.name, activity.kind, activity.people_in_person, activity.people_by_email)
		.where(activity.activity_date.between(from_date, to_date))
	)
	if project:
		query = query.where(activity.project == project)
	rows = query.run(as_dict=True)
	if not rows:
		return
	kinds = {row.name: row.kind for row in rows}
	for row in rows:
		reach.add_activity(row.kind, row.name)
		reach.headcounts[row.kind]["in_person"] += row.people_in_person or 0
		reach.headcounts[row.kind]["by_email"] += row.people_by_email or 0
	for child, field in (
		("Outreach Organisation", "organisation"),
		("Outreach Municipality", "municipality"),
	):
		table = frappe.qb.DocType(child)
		links = (
			frappe.qb.from_(table)
			.select(table.parent, table[field])
			.where((table.parenttype == "Outreach Activity") & table.parent.isin(list(kinds)))
			.run()
		)
		for parent, value in links:
			if field == "organisation":
				reach.add_organisation(kinds[parent], value)
			else:
				reach.municipalities.add(value)
				reach.municipality_activities[value].add(parent)
				headcount = next(r.people_in_person for r in rows if r.name == parent) or 0
				reach.municipality_headcounts[value] += headcount


def add_event_attendance(reach: Reach, from_date, to_date, project: str | None = None) -> None:
	"""Everyone who attended a trip or a training that started in the period."""
	registration = frappe.qb.DocType("Activity Registration")
	for kind, field in (("Trip", "trip"), ("Training", "training")):
		event = frappe.qb.DocType(kind)
		attended = registration.status == "Attended"
		if kind == "Training":
			attended = attended | (registration.sessions_attended > 0)
		query = (
			frappe.qb.from_(registration)
			.join(event)
			.on(registration[field] == event.name)
			.select(event.name.as_("activity"), registration.email, registration.organisation)
			.where(event.start_date.between(from_date, to_date))
			.where(attended)
		)
		if project:
			query = query.where(event.project == project)
		rows = query.run(as_dict=True)
		for row in rows:
			reach.add_person(kind, row.activity, None, row.email, row.organisation)


def add_meeting_attendance(reach: Reach, from_date, to_date, project: str | None = None) -> None:
	"""Everyone marked present at a meeting (not cancelled) held in the period."""
	meeting = frappe.qb.DocType("Meeting")
	attendee = frappe.qb.DocType("Meeting Attendee")
	query = (
		frappe.qb.from_(attendee)
		.join(meeting)
		.on((attendee.parent == meeting.name) & (attendee.parenttype == "Meeting"))
		.select(meeting.name.as_("activity"), attendee.contact, attendee.email, attendee.organisation)
		.where(meeting.meeting_date.between(from_date, to_date))
		.where(meeting.status != "Cancelled")
		.where(attendee.attendance == "Present")
	)
	if project:
		query = query.where(meeting.project == project)
	rows = query.run(as_dict=True)
	for row in rows:
		reach.add_person("Meeting", row.activity, row.contact, row.email, row.organisation)


def contacts_by_email(emails: set[str]) -> dict[str, str]:
	"""The contact of each lower-cased e-mail address that belongs to one (the first by name if several)."""
	emails = {e for e in emails if e}
	if not emails:
		return {}
	contact_email = frappe.qb.DocType("Contact Email")
	rows = (
		frappe.qb.from_(contact_email)
		.select(contact_email.email_id, contact_email.parent)
		.where((contact_email.parenttype == "Contact") & contact_email.email_id.isin(list(emails)))
		.orderby(contact_email.parent)
		.run()
	)
	found = {}
	for email, contact in rows:
		found.setdefault((email or "").lower(), contact)
	return found


def organisation_details(names) -> dict:
	"""Type and municipality of each organisation."""
	if not names:
		return {}
	rows = frappe.get_all(
		"Organisation",
		filters={"name": ("in", list(names))},
		fields=["name", "organisation_type", "located_in"],
	)
	for row in rows:
		row.municipality = row.name if row.organisation_type == MUNICIPALITY else row.located_in
	return {row.name: row for row in rows}
