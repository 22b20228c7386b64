"""A realistic data set at a chosen scale, for benchmarks (and a feel for years of data).

    bench --site SITE execute slup_crm.benchmarks.generate.run --kwargs "{'scale': 1}"
    bench --site SITE execute slup_crm.benchmarks.generate.clear

Scale 1 makes 290 municipalities in all (the 26 of Stockholm county plus 264 more), 5,000
organisations, 20,000 contacts, 2,000 start-ups with stage histories, 290 policy adoptions,
1,000 trips and trainings, about 240,000 registrations and 10 years of memberships. Rows are written
with `frappe.db.bulk_insert` (no controllers), named with the prefix GEN- so that `clear`
removes exactly them. Seat counts of events are counted as the controllers count them, and their
statuses come from the controllers' own rule (``slup_crm.activities.event.derive_status``).
Refuses to run twice on the same site, and never runs on a site without developer data allowed
(`allow_tests` or `developer_mode`), so that it cannot pollute a production register.

Neither function commits: `bench execute` commits when the function returns (and rolls back if it
fails), so a failed run leaves nothing half-written. Registrations are streamed to the database
in chunks rather than held in memory, so scale 10 (2.4 million rows) runs in bounded memory.
"""

import random
import time
from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.utils import add_days, getdate, now_datetime

from slup_crm.activities.event import derive_status
from slup_crm.development.stages import ADOPTED_STAGES, POLICY_ADOPTION, SOCIAL_ENTERPRISE_STARTUP
from slup_crm.pipelines.days import days_in_stage

PREFIX = "GEN-"
POLICY_STAGES = POLICY_ADOPTION.stage_names
STARTUP_STAGES = SOCIAL_ENTERPRISE_STARTUP.stage_names
TYPES = [
	"Association",
	"Social Enterprise",
	"Cooperative",
	"Company",
	"Government Agency",
	"Study Association",
	"Folk High School",
	"Region",
	"Consortium",
	"Other",
]
ORIGINS = [
	"New start",
	"Spin-off of a municipal work centre",
	"Spin-off of a project",
	"Conversion of an association",
]
FIRST = [
	"Anna",
	"Erik",
	"Maria",
	"Lars",
	"Karin",
	"Johan",
	"Sara",
	"Ali",
	"Fatima",
	"Björn",
	"Åsa",
	"Örjan",
	"Li",
]
LAST = [
	"Andersson",
	"Johansson",
	"Karlsson",
	"Nilsson",
	"Eriksson",
	"Larsson",
	"Olsson",
	"Persson",
	"Ek",
	"Öberg",
]
WORDS = [
	"Återbruk",
	"Café",
	"Trädgård",
	"Snickeri",
	"Tvätteri",
	"Catering",
	"Cykelverkstad",
	"Second hand",
	"Städ",
]
GEN_DOCTYPES = [
	"Activity Registration",
	"Trip",
	"Training",
	"Stage Change",
	"Social Enterprise Startup",
	"Policy Adoption",
	"Membership",
	"Contact",
	"Organisation",
]


def run(scale: float = 1.0, seed: int = 1) -> dict:
	"""Generate the data set; prints and returns how many rows of each kind it wrote."""
	guard()
	if frappe.db.exists("Organisation", {"name": ("like", PREFIX + "%")}):
		frappe.throw(
			_("This site already holds generated data; run slup_crm.benchmarks.generate.clear first.")
		)
	rng = random.Random(seed)
	started = time.monotonic()
	counts = {}
	now = now_datetime()
	municipalities = make_municipalities(rng, now, counts)
	organisations = make_organisations(rng, scale, municipalities, now, counts)
	make_contacts(rng, scale, organisations, now, counts)
	make_memberships(rng, organisations, now, counts)
	make_policy_adoptions(rng, municipalities, now, counts)
	make_startups(rng, scale, municipalities, now, counts)
	make_events_and_registrations(rng, scale, organisations, now, counts)
	counts["seconds"] = round(time.monotonic() - started, 1)
	print(counts)
	return counts


def clear() -> None:
	"""Remove every generated row (names starting with GEN-); `bench execute` commits."""
	guard()
	# Memberships are named after their year and organisation (MEM-2026-GEN-ORG-000001).
	frappe.db.delete("Membership", {"organisation": ("like", PREFIX + "%")})
	for doctype in GEN_DOCTYPES:
		frappe.db.delete(doctype, {"name": ("like", PREFIX + "%")})
	for child in ("Contact Email", "Dynamic Link"):
		frappe.db.delete(child, {"parent": ("like", PREFIX + "%")})


def guard() -> None:
	if not (frappe.conf.allow_tests or frappe.conf.developer_mode):
		frappe.throw(
			_("Generated data only goes into test or development sites (allow_tests or developer_mode).")
		)


def std(name, created):
	return [name, created, created, "Administrator", "Administrator", 0, 0]


STD = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx"]


def contact_row(name, contact, parentfield, created):
	"""The first columns of a contact's child row (``STD`` and its parent)."""
	return [name, created, created, "Administrator", "Administrator", 0, 1, contact, "Contact", parentfield]


def past(rng, now, days):
	return now - timedelta(days=rng.uniform(0, days), seconds=rng.randint(0, 86399))


def make_municipalities(rng, now, counts):
	"""Stockholm county's 26 (already installed) plus generated ones, 290 in all."""
	existing = frappe.get_all(
		"Organisation", {"organisation_type": "Municipality"}, ["name", "municipality_code"]
	)
	used = {row.municipality_code for row in existing}
	counties = frappe.get_all(
		"County", {"county_code": ("!=", "01")}, ["name", "county_code"], order_by="county_code"
	)
	rows, names = [], [row.name for row in existing]
	n = 0
	while len(names) < 290:
		county = counties[n % len(counties)]
		code = f"{county.county_code}{(n // len(counties)) + 60:02d}"
		n += 1
		if code in used:
			continue
		name = f"{PREFIX}MUN-{code}"
		rows.append([*std(name, past(rng, now, 3650)), f"Kommun {code}", "Municipality", code, county.name])
		names.append(name)
	frappe.db.bulk_insert(
		"Organisation", [*STD, "organisation_name", "organisation_type", "municipality_code", "county"], rows
	)
	counts["municipalities"] = len(names)
	return names


def make_organisations(rng, scale, municipalities, now, counts):
	total = int(5000 * scale)
	rows, names = [], []
	for i in range(total):
		name = f"{PREFIX}ORG-{i:06d}"
		kind = rng.choice(TYPES)
		rows.append(
			[
				*std(name, past(rng, now, 3650)),
				f"{rng.choice(WORDS)} {kind} {i}",
				kind,
				rng.choice(municipalities),
				rng.random() < 0.2,
			]
		)
		names.append(name)
	frappe.db.bulk_insert(
		"Organisation", [*STD, "organisation_name", "organisation_type", "located_in", "is_member"], rows
	)
	counts["organisations"] = total
	return names


def make_contacts(rng, scale, organisations, now, counts):
	total = int(20000 * scale)
	contacts, emails, links = [], [], []
	for i in range(total):
		name = f"{PREFIX}CON-{i:06d}"
		first, last = rng.choice(FIRST), rng.choice(LAST)
		email = f"{first.lower()}.{last.lower()}.{i}@example.se"
		contacts.append([*std(name, past(rng, now, 3650)), first, last, f"{first} {last}", email, "Passive"])
		emails.append([*contact_row(f"{PREFIX}CEM-{i:06d}", name, "email_ids", now), email, 1])
		links.append(
			[
				*contact_row(f"{PREFIX}DLN-{i:06d}", name, "links", now),
				"Organisation",
				rng.choice(organisations),
			]
		)
	frappe.db.bulk_insert(
		"Contact", [*STD, "first_name", "last_name", "full_name", "email_id", "status"], contacts
	)
	child = [*STD, "parent", "parenttype", "parentfield"]
	frappe.db.bulk_insert("Contact Email", [*child, "email_id", "is_primary"], emails)
	frappe.db.bulk_insert("Dynamic Link", [*child, "link_doctype", "link_name"], links)
	counts["contacts"] = total


def make_memberships(rng, organisations, now, counts):
	rows = []
	for year in range(now.year - 9, now.year + 1):
		for organisation in rng.sample(organisations, k=min(len(organisations), 300)):
			status = rng.choices(["Paid", "Unpaid", "Waived"], [7, 2, 1])[0]
			paid = datetime(year, rng.randint(1, 6), rng.randint(1, 28)).date() if status == "Paid" else None
			rows.append(
				[
					*std(f"MEM-{year}-{organisation}", past(rng, now, 30)),
					organisation,
					year,
					status,
					500 if status != "Waived" else 0,
					"SEK",
					paid,
				]
			)
	frappe.db.bulk_insert(
		"Membership", [*STD, "organisation", "year", "status", "fee", "currency", "paid_date"], rows
	)
	counts["memberships"] = len(rows)


def stage_history(rng, doctype, name, stages, final_index, start, end, rows):
	"""Stage Change rows walking from the first stage to stages[final_index]; returns stage_since."""
	path = list(range(final_index + 1)) if final_index < len(stages) else [0]
	span = max((end - start).total_seconds(), 1)
	moments = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in path[1:])
	previous, since = None, start
	for i, (index, moment) in enumerate(zip(path, [start, *moments], strict=False)):
		days = days_in_stage(since, moment, precision=2) if previous is not None else 0
		rows.append(
			[
				*std(f"{PREFIX}STC-{name}-{i}", moment),
				doctype,
				name,
				previous,
				stages[index],
				moment,
				"Administrator",
				days,
			]
		)
		previous, since = stages[index], moment
	return since


def make_policy_adoptions(rng, municipalities, now, counts):
	rows, history = [], []
	for i, municipality in enumerate(municipalities):
		if frappe.db.exists("Policy Adoption", {"municipality": municipality}):
			continue
		stage_index = rng.randint(0, len(POLICY_STAGES) - 1)
		name = f"{PREFIX}POL-{i:04d}"
		start = past(rng, now, 3650)
		since = stage_history(rng, "Policy Adoption", name, POLICY_STAGES, stage_index, start, now, history)
		adopted = POLICY_STAGES[stage_index] in ADOPTED_STAGES
		rows.append(
			[
				*std(name, start),
				municipality,
				frappe.db.get_value("Organisation", municipality, "organisation_name"),
				POLICY_STAGES[stage_index],
				since,
				"Municipal council" if adopted else None,
				since.date() if adopted else None,
				"https://www.example.se/policy.pdf" if adopted else None,
				"Administrator",
				add_days(getdate(), rng.randint(-30, 60)),
			]
		)
	frappe.db.bulk_insert(
		"Policy Adoption",
		[
			*STD,
			"municipality",
			"municipality_name",
			"stage",
			"stage_since",
			"decided_by",
			"decision_date",
			"policy_url",
			"responsible",
			"next_step_due",
		],
		rows,
	)
	bulk_stage_changes(history)
	counts["policy_adoptions"] = len(rows)


def bulk_stage_changes(rows):
	frappe.db.bulk_insert(
		"Stage Change",
		[
			*STD,
			"reference_doctype",
			"reference_name",
			"from_stage",
			"to_stage",
			"changed_on",
			"changed_by",
			"days_in_previous_stage",
		],
		rows,
	)


def make_startups(rng, scale, municipalities, now, counts):
	total = int(2000 * scale)
	rows, history = [], []
	names = dict(
		frappe.get_all(
			"Organisation", {"organisation_type": "Municipality"}, ["name", "organisation_name"], as_list=True
		)
	)
	for i in range(total):
		name = f"{PREFIX}SES-{i:05d}"
		stage_index = rng.choices(range(len(STARTUP_STAGES)), [5, 5, 4, 3, 3, 2, 2])[0]
		start = past(rng, now, 3650)
		since = stage_history(
			rng, "Social Enterprise Startup", name, STARTUP_STAGES, stage_index, start, now, history
		)
		municipality = rng.choice(municipalities)
		rows.append(
			[
				*std(name, start),
				f"{rng.choice(WORDS)} {i}",
				municipality,
				names.get(municipality),
				rng.choice(ORIGINS),
				STARTUP_STAGES[stage_index],
				since,
				rng.randint(0, 25),
				rng.randint(0, 15),
				"Ingen verksamhet" if STARTUP_STAGES[stage_index] == "Discontinued" else None,
			]
		)
	frappe.db.bulk_insert(
		"Social Enterprise Startup",
		[
			*STD,
			"enterprise_name",
			"municipality",
			"municipality_name",
			"origin",
			"stage",
			"stage_since",
			"employees",
			"participants",
			"discontinued_reason",
		],
		rows,
	)
	bulk_stage_changes(history)
	counts["startups"] = total
	counts["stage_changes"] = len(history)


REGISTRATION_FIELDS = [
	*STD,
	"trip",
	"training",
	"status",
	"arrival_no",
	"first_name",
	"last_name",
	"full_name",
	"email",
	"organisation",
	"consent",
	"consent_given_on",
]
EVENT_FIELDS = [
	*STD,
	"title",
	"start_date",
	"end_date",
	"seats",
	"registration_deadline",
	"published",
	"status",
	"seats_taken",
	"seats_left",
	"waitlisted",
	"price",
	"currency",
]


def make_events_and_registrations(rng, scale, organisations, now, counts):
	"""Events and their registrations; registrations are written while they are generated."""
	trips, trainings = [], []
	registrations = event_registrations(rng, scale, organisations, now, trips, trainings, counts)
	frappe.db.bulk_insert("Activity Registration", REGISTRATION_FIELDS, registrations, chunk_size=5000)
	# the generator has run to its end: every event row is complete with its seat counts
	frappe.db.bulk_insert("Trip", [*EVENT_FIELDS, "kind"], [[*row, "Bus"] for row in trips])
	frappe.db.bulk_insert("Training", EVENT_FIELDS, trainings)
	counts["trips"], counts["trainings"] = len(trips), len(trainings)


def event_registrations(rng, scale, organisations, now, trips, trainings, counts):
	"""Yield registration rows event by event; append each event's row (seat counts as the
	controllers would compute them) to `trips` or `trainings` once its registrations are made,
	and the number of registrations to `counts` at the end."""
	events = int(1000 * scale)
	registrations_total = int(200000 * scale)
	per_event = registrations_total // events
	today = getdate()
	reg_no = 0
	for i in range(events):
		doctype = "Trip" if i % 2 == 0 else "Training"
		start = today + timedelta(days=rng.randint(-3600, 120))
		seats = rng.choice([150, 200, 250, 300])
		created = datetime.combine(start - timedelta(days=60), datetime.min.time())
		name = f"{PREFIX}{'TRIP' if doctype == 'Trip' else 'TRN'}-{i:05d}"
		n = rng.randint(per_event, per_event * 3 // 2) if start < today else rng.randint(0, seats // 2)
		taken = waitlisted = 0
		for j in range(n):
			moment = created + timedelta(minutes=rng.randint(0, 60 * 24 * 55))
			if moment > now:
				moment = now - timedelta(minutes=rng.randint(1, 60 * 24 * 30))
			status = "Confirmed" if taken < seats else "Waitlisted"
			if status == "Confirmed" and rng.random() < 0.08:
				status = "Cancelled"
			elif status == "Confirmed":
				taken += 1
				if start < today:
					status = "Attended" if rng.random() < 0.9 else "No-show"
			else:
				waitlisted += 1
			first, last = rng.choice(FIRST), rng.choice(LAST)
			yield [
				*std(f"{PREFIX}REG-{reg_no:07d}", moment),
				name if doctype == "Trip" else None,
				name if doctype == "Training" else None,
				status,
				j + 1,
				first,
				last,
				f"{first} {last}",
				f"p{rng.randint(0, registrations_total // 3)}@example.se",
				rng.choice(organisations),
				1,
				moment,
			]
			reg_no += 1
		end = start + timedelta(days=rng.randint(0, 5))
		deadline = start - timedelta(days=10)
		status = derive_status(
			frappe._dict(
				published=1,
				start_date=start,
				end_date=end,
				registration_deadline=deadline,
				seats_left=max(seats - taken, 0),
			)
		)
		row = [
			*std(name, created),
			f"{'Studieresa' if doctype == 'Trip' else 'Utbildning'} {i}",
			start,
			end,
			seats,
			deadline,
			1,
			status,
			taken,
			max(seats - taken, 0),
			waitlisted,
			450,
			"SEK",
		]
		(trips if doctype == "Trip" else trainings).append(row)
	counts["registrations"] = reg_no
