"""What slup_crm stores about people: one declaration that drives everything privacy does.

Every doctype of the app is declared here, once, with each of its fields that can hold
something about a person (``personal``) and the fields that cannot (``not_personal``). From
this one list come:

- Frappe's ``user_data_fields`` hook (``user_data_fields()``, read by ``hooks.py``), so that a
  Personal Data Download Request returns, and a Personal Data Deletion Request erases, what the
  app holds about an address;
- the one anonymiser (``slup_crm.privacy.anonymiser``) that erasure (``slup_crm.privacy.erasure``),
  retention (``slup_crm.privacy.retention``: ``special`` fields are cleared soon after the event,
  the others anonymised later) and the gateway use; it also reaches rows matched through a contact
  and keeps every figure true;
- who may read special-category fields (``special``): they live in doctypes of their own that
  role permissions alone guard, and reading them is logged (``slup_crm.privacy.access``);
- the record of processing (GDPR art. 30), the report *Record of Processing*;
- who may read what (``readers``): each doctype's readers are declared here and its role
  permissions must say the same (a test compares them); rows of Frappe's doctypes that carry
  something about the app's records (``CARRIERS``: versions, comments, ToDos, logs, files,
  deleted documents, e-mails, stage changes) are readable only by those who may read the record
  they are about (``slup_crm.privacy.carriers``).

``tests/integration/test_privacy_declaration.py`` fails when a doctype of the app is missing
here, or has a text, link or attachment field that is declared neither personal nor not personal.

Adding a module's doctypes is one block in ``DECLARATION``, as the gateway's at its end (Gateway
Participant, Placement, Host Compensation); a doctype that holds people is declared so::

    (
        Declared(
            "Mentor",
            purpose=_lt("..."),  # or one of the PURPOSE_ sentences
            legal_basis=LEGAL_INTEREST,
            retention=_lt("..."),
            match=Match(email="email"),  # how a person's rows are found
            erasure=ANONYMISE,  # or DELETE
            personal=(
                Field("full_name", NAME),
                Field("email", EMAIL),
                Field("notes", FREE_TEXT),
            ),
            not_personal=("project",),
            readers=STAFF_READERS,
        ),
    )
"""

from dataclasses import dataclass, field

import frappe
from frappe import _lt

from slup_crm.gateway.stages import COORDINATOR_ROLE

# What erasure does with a personal field (the field's ``erase``).
PSEUDONYM = "pseudonym"  # e-mail: one made-up address per erased person, so people stay distinct in counts
REDACT = "redact"  # names: replaced with REDACTED
CLEAR = "clear"  # emptied
MENTIONS = "mentions"  # free text written about others: the person's name and address are cut out
LINKED = "linked"  # a link to a Contact or User, which is erased in its own right; the link stays
KEEP = "keep"  # a category the funder's figures count: kept, since the row names no one once erased

# What erasure does with a matched row (the doctype's ``erasure``).
ANONYMISE = "anonymise"  # the row stays (figures count it), its personal fields are erased
DELETE = "delete"  # the row goes

REDACTED = "REDACTED"

# Who may read (role permissions at level 0; Administrator reads everything).
STAFF_ROLE = "SLUP Staff"
MANAGER_ROLE = "SLUP Manager"
ORGANISER_ROLE = "SLUP Event Organiser"
SYSTEM_MANAGER = "System Manager"
STAFF_READERS = (STAFF_ROLE, MANAGER_ROLE, SYSTEM_MANAGER)

# Kinds of personal data (a field's ``kind``), and how the record of processing names them.
NAME = "name"
EMAIL = "email"
PHONE = "phone"
ROLE = "role"
ORGANISATION = "organisation"
FREE_TEXT = "free text"
MENTION = "mention"
SPECIAL_TEXT = "special"
PERSON_LINK = "person link"
SECRET = "secret"
CATEGORY = "category"
LABOUR_MARKET = "labour market"
KIND_LABELS = {
	NAME: _lt("Name"),
	EMAIL: _lt("E-mail address"),
	PHONE: _lt("Phone number"),
	ROLE: _lt("Job title or role"),
	ORGANISATION: _lt("Organisation written by the person"),
	FREE_TEXT: _lt("Free text about a person"),
	MENTION: _lt("Names in notes and minutes"),
	SPECIAL_TEXT: _lt("Health or belief (dietary and accessibility needs)"),
	PERSON_LINK: _lt("Link to a contact or user"),
	SECRET: _lt("Personal link token"),
	CATEGORY: _lt("Category the funder's figures count (gender, age band, referrer, outcome)"),
	LABOUR_MARKET: _lt("Labour-market status and programme phase (can reveal health or benefits)"),
}

# Purposes, legal bases and retention, in the words of the record of processing.
PURPOSE_EVENTS = _lt("Registration for study trips and trainings, seats, waiting list and attendance")
PURPOSE_MEETINGS = _lt("Development group meetings: attendance, minutes, action items and members' reports")
PURPOSE_NETWORK = _lt("Register of member organisations and the people who represent them")
PURPOSE_PIPELINES = _lt("Following municipalities' policies and social enterprise start-ups")
PURPOSE_POLICY_EXCHANGE = _lt(
	"The municipalities' policy exchange: its contact persons, invited to its meetings and e-mailed; "
	"shown on the public policy page only with their agreement"
)
PURPOSE_OUTREACH = _lt("Outreach figures for the funders")
PURPOSE_NEWSLETTER = _lt("Sending the newsletter to those who asked for it")
PURPOSE_STAFF = _lt("Knowing which staff member did what")
PURPOSE_GATEWAY = _lt(
	"The ESF project's gateway: following participants from referral through training to a placement, "
	"paying the host grants and reporting to the funder without names, in whole months and without counts "
	"under the smallest count shown (SLUP Settings), so that nobody can be singled out"
)

LEGAL_CONSENT = _lt("Consent (GDPR art. 6.1 a)")
LEGAL_CONTRACT = _lt("Taking part at the person's request (GDPR art. 6.1 b)")
LEGAL_INTEREST = _lt("Legitimate interest of the association (GDPR art. 6.1 f)")
LEGAL_SPECIAL = _lt("Explicit consent (GDPR art. 9.2 a)")
LEGAL_GATEWAY = _lt(
	"Taking part at the person's request (GDPR art. 6.1 b); explicit consent for the labour-market "
	"status and programme phase (GDPR art. 9.2 a)"
)

RETENTION_REGISTRATION = _lt(
	"Dietary and accessibility needs cleared 30 days after the event; the registrant anonymised 3 years "
	"after it (cancelled registrations after 90 days); days and years set in SLUP Settings; not while "
	"the event is on legal hold"
)
RETENTION_MEETINGS = _lt("As long as the development group's records are kept; erased on request")
RETENTION_REPRESENTATION = _lt("While the person represents the organisation; erased on request")
RETENTION_PIPELINES = _lt("While the case is followed; erased on request")
RETENTION_NEWSLETTER = _lt(
	"Until the person unsubscribes, then removed 30 days later (SLUP Settings); sign-ups never confirmed "
	"are not kept"
)
RETENTION_STAFF = _lt("As long as the record it belongs to")
RETENTION_GATEWAY = _lt(
	"Until 3 years after the project ended (the funder's audit period), then anonymised by a daily job; "
	"erased on request; gender, age band, referrer, phase and outcome stay, without a name, in the figures"
)
RETENTION_PENDING_EMAIL = _lt("Until the e-mail has gone out; deleted on request")
PURPOSE_FEES = _lt("Fees for events and membership: what is owed, what was paid and what is refunded")
LEGAL_ACCOUNTING = _lt("Legal obligation: bookkeeping (GDPR art. 6.1 c, Bokföringslagen)")
RETENTION_FEES = _lt(
	"7 years after the end of the financial year (Bokföringslagen); the reasons written for a reduction "
	"or a refund and the payer's name are erased on request, the amounts stay"
)


@dataclass(frozen=True)
class Field:
	"""One personal field: what it holds and what erasure does with it."""

	fieldname: str
	kind: str
	erase: str = ""
	special: bool = False  # GDPR art. 9: readable only by event organisers, cleared early

	def erasure_action(self) -> str:
		if self.erase:
			return self.erase
		return {EMAIL: PSEUDONYM, NAME: REDACT, PERSON_LINK: LINKED, MENTION: MENTIONS}.get(self.kind, CLEAR)


@dataclass(frozen=True)
class Match:
	"""How a person's rows are found: by the address in ``email``, or through ``contact`` (a Contact
	with the address), or both; or through ``via``, a link to one of the person's rows."""

	email: str | None = None
	contact: str | None = None
	# (link field, doctype): the rows that link to one of the person's rows of that doctype.
	via: tuple[str, str] | None = None


@dataclass(frozen=True)
class Declared:
	"""One doctype: why it holds personal data, on what basis, how long, and which fields."""

	doctype: str
	purpose: str = ""
	legal_basis: str = ""
	retention: str = ""
	match: Match = field(default_factory=Match)
	erasure: str = ANONYMISE
	personal: tuple[Field, ...] = ()
	not_personal: tuple[str, ...] = ()
	# Set to the time of erasure when a row is anonymised (shown on the form; the retention job
	# skips rows that have it).
	stamp_field: str = ""
	# Frappe's own doctypes that the app uses: in the record of processing; Frappe's own
	# user_data_fields already download and erase them.
	frappe_doctype: bool = False
	# The roles that may read the doctype (a child table: its parent's). The doctype's role
	# permissions say the same (tests/integration/test_access_matrix.py).
	readers: tuple[str, ...] = STAFF_READERS
	# Whether the version history keeps the old and new values of a change. Without them it still
	# says who changed which field when (``slup_crm.privacy.audit``).
	version_values: bool = True

	@property
	def fields(self) -> dict[str, Field]:
		return {f.fieldname: f for f in self.personal}

	@property
	def special_fields(self) -> tuple[str, ...]:
		return tuple(f.fieldname for f in self.personal if f.special)

	@property
	def holds_personal_data(self) -> bool:
		return bool(self.personal)


DECLARATION: tuple[Declared, ...] = (
	# Activities ---------------------------------------------------------------------------
	Declared(
		"Activity Registration",
		purpose=PURPOSE_EVENTS,
		legal_basis=LEGAL_CONTRACT,
		retention=RETENTION_REGISTRATION,
		match=Match(email="email"),
		erasure=ANONYMISE,
		personal=(
			Field("first_name", NAME),
			Field("last_name", NAME),
			Field("full_name", NAME),
			Field("email", EMAIL),
			Field("phone", PHONE),
			Field("job_title", ROLE),
			Field("organisation_name", ORGANISATION),
			Field("comments", FREE_TEXT),
			Field("cancel_token", SECRET),
		),
		# The web form takes the needs in these two (virtual) fields and the controller moves them
		# into Registration Needs at once: they are never stored on the registration.
		not_personal=(
			"trip",
			"training",
			"event_title",
			"organisation",
			"privacy_notice",
			"dietary_needs",
			"accessibility_needs",
		),
		stamp_field="anonymised_on",
	),
	# Special category (GDPR art. 9) in a doctype of its own, so that role permissions alone guard
	# it: only event organisers read it; no version history; one row per registration.
	Declared(
		"Registration Needs",
		purpose=PURPOSE_EVENTS,
		legal_basis=LEGAL_SPECIAL,
		retention=RETENTION_REGISTRATION,
		match=Match(via=("registration", "Activity Registration")),
		erasure=DELETE,
		personal=(
			Field("dietary_needs", SPECIAL_TEXT, special=True),
			Field("accessibility_needs", SPECIAL_TEXT, special=True),
		),
		not_personal=("registration",),
		readers=(ORGANISER_ROLE,),
	),
	Declared("Registration Attendance", not_personal=("session", "topic")),
	Declared("Training", not_personal=("title", "project", "audience", "currency", "description")),
	Declared("Training Session", not_personal=("place", "topic")),
	Declared(
		"Trip",
		purpose=PURPOSE_EVENTS,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_PIPELINES,
		personal=(Field("organiser", PERSON_LINK),),
		not_personal=(
			"title",
			"project",
			"destination",
			"country",
			"currency",
			"price_excludes",
			"programme",
		),
	),
	Declared("Trip Visit", not_personal=("organisation", "place", "notes")),
	# Development --------------------------------------------------------------------------
	Declared(
		"Policy Adoption",
		purpose=PURPOSE_PIPELINES,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_PIPELINES,
		personal=(
			Field("contact_person", PERSON_LINK),
			Field("responsible", PERSON_LINK),
			Field("notes", MENTION),
		),
		not_personal=(
			"municipality",
			"municipality_name",
			"county",
			"case_number",
			"policy_document",
			"policy_url",
			"next_step",
			"stale_reminder_key",
			"overdue_reminder_key",
		),
	),
	Declared(
		"Policy Exchange Member",
		purpose=PURPOSE_POLICY_EXCHANGE,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_REPRESENTATION,
		match=Match(contact="contact"),
		erasure=DELETE,
		personal=(
			Field("contact", PERSON_LINK),
			Field("contact_name", NAME),
			Field("contact_email", EMAIL),
			Field("notes", MENTION),
		),
		not_personal=("organisation", "organisation_name", "county"),
	),
	Declared(
		"Social Enterprise Startup",
		purpose=PURPOSE_PIPELINES,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_PIPELINES,
		personal=(
			Field("supervisor", PERSON_LINK),
			Field("responsible", PERSON_LINK),
			Field("notes", MENTION),
		),
		not_personal=(
			"enterprise_name",
			"project",
			"municipality",
			"municipality_name",
			"sector",
			"target_groups",
			"discontinued_reason",
			"supporting_organisation",
			"consortium",
			"organisation",
			"next_step",
			"stale_reminder_key",
			"overdue_reminder_key",
		),
	),
	Declared(
		"Stage Change",
		purpose=PURPOSE_STAFF,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_STAFF,
		personal=(Field("changed_by", PERSON_LINK),),
		not_personal=("reference_doctype", "reference_name", "from_stage", "to_stage"),
	),
	# Meetings -----------------------------------------------------------------------------
	Declared(
		"Meeting",
		purpose=PURPOSE_MEETINGS,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_MEETINGS,
		personal=(Field("agenda", MENTION), Field("minutes", MENTION)),
		not_personal=("title", "project", "place", "previous_meeting"),
	),
	Declared(
		"Meeting Attendee",
		purpose=PURPOSE_MEETINGS,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_MEETINGS,
		match=Match(email="email", contact="contact"),
		erasure=ANONYMISE,
		personal=(
			Field("contact", PERSON_LINK),
			Field("full_name", NAME),
			Field("email", EMAIL),
		),
		not_personal=("organisation",),
	),
	Declared(
		"Meeting Action Item",
		purpose=PURPOSE_MEETINGS,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_MEETINGS,
		personal=(
			Field("description", MENTION),
			Field("responsible", PERSON_LINK),
			Field("responsible_user", PERSON_LINK),
		),
		not_personal=("todo", "carried_from"),
	),
	Declared(
		"Meeting Decision",
		purpose=PURPOSE_MEETINGS,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_MEETINGS,
		personal=(Field("decision", MENTION),),
	),
	Declared(
		"Meeting Report",
		purpose=PURPOSE_MEETINGS,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_MEETINGS,
		match=Match(email="email", contact="contact"),
		erasure=ANONYMISE,
		personal=(
			Field("contact", PERSON_LINK),
			Field("email", EMAIL),
			Field("report", MENTION),
			Field("token_hash", SECRET),
		),
		not_personal=("meeting", "organisation", "organisation_name"),
	),
	Declared(
		"Outreach Activity",
		purpose=PURPOSE_OUTREACH,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_MEETINGS,
		personal=(Field("notes", MENTION),),
		not_personal=("title", "project"),
	),
	Declared("Outreach Municipality", not_personal=("municipality",)),
	Declared("Outreach Organisation", not_personal=("organisation",)),
	# Fees ---------------------------------------------------------------------------------
	# A claim is a registrant's or a member's through the registration or membership it is for; its
	# amounts stay for the bookkeeping, the reasons staff wrote about the person are erased.
	Declared(
		"Fee Claim",
		purpose=PURPOSE_FEES,
		legal_basis=LEGAL_ACCOUNTING,
		retention=RETENTION_FEES,
		match=Match(via=("registration", "Activity Registration")),
		erasure=ANONYMISE,
		personal=(
			Field("description", NAME),
			Field("amount_reason", MENTION),
			Field("refund_reason", MENTION),
		),
		not_personal=("registration", "membership", "trip", "training", "ocr_reference", "currency"),
	),
	Declared(
		"Incoming Payment",
		purpose=PURPOSE_FEES,
		legal_basis=LEGAL_ACCOUNTING,
		retention=RETENTION_FEES,
		match=Match(via=("claim", "Fee Claim")),
		erasure=ANONYMISE,
		personal=(Field("payer", NAME), Field("notes", MENTION)),
		not_personal=("currency", "ocr_reference", "claim", "bank_reference"),
	),
	# Network ------------------------------------------------------------------------------
	Declared("County", not_personal=("county_name", "county_code")),
	Declared(
		"Membership",
		not_personal=("organisation", "organisation_name", "currency", "payment_reference", "notes"),
	),
	Declared(
		"Organisation",
		purpose=PURPOSE_NETWORK,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_REPRESENTATION,
		# A small enterprise's address can be its owner's own.
		match=Match(email="email"),
		erasure=ANONYMISE,
		personal=(Field("email", EMAIL, erase=CLEAR), Field("phone", PHONE), Field("notes", MENTION)),
		not_personal=(
			"organisation_name",
			"organisation_number",
			"municipality_code",
			"county",
			"located_in",
			"parent_organisation",
			"website",
		),
	),
	Declared(
		"Organisation Representative",
		purpose=PURPOSE_NETWORK,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_REPRESENTATION,
		match=Match(contact="contact"),
		erasure=DELETE,
		personal=(Field("contact", PERSON_LINK), Field("full_name", NAME)),
	),
	Declared(
		"Pending E-mail",
		purpose=PURPOSE_EVENTS,
		legal_basis=LEGAL_CONTRACT,
		retention=RETENTION_PENDING_EMAIL,
		match=Match(email="recipients"),
		erasure=DELETE,
		personal=(
			Field("recipients", EMAIL),
			Field("subject", MENTION),
			Field("message", FREE_TEXT),
			Field("attachments", FREE_TEXT),
			# What to compose the e-mail from, the plain token of its personal link included.
			Field("compose_arguments", SECRET),
		),
		not_personal=(
			"reference_doctype",
			"reference_name",
			"status",
			"compose",
			"language",
			"attempts",
			"last_error",
		),
	),
	Declared(
		"SLUP Settings",
		not_personal=("currency", "home_county", "bank_giro"),
	),
	# Projects -----------------------------------------------------------------------------
	Declared(
		"Development Project",
		purpose=PURPOSE_PIPELINES,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_PIPELINES,
		personal=(
			Field("contact_person", PERSON_LINK),
			Field("responsible", PERSON_LINK),
			Field("aim", MENTION),
		),
		not_personal=(
			"title",
			"funder",
			"funder_name",
			"programme",
			"case_number",
			"project_owner",
			"project_owner_name",
			"currency",
			"next_step",
			"stale_reminder_key",
			"overdue_reminder_key",
		),
	),
	Declared(
		"Development Project Partner",
		purpose=PURPOSE_PIPELINES,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_PIPELINES,
		personal=(Field("contact_person", PERSON_LINK),),
		not_personal=("organisation", "organisation_name"),
	),
	Declared(
		"Funder Report",
		purpose=PURPOSE_PIPELINES,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_PIPELINES,
		personal=(Field("responsible", PERSON_LINK), Field("notes", MENTION)),
		not_personal=("reminder_key",),
	),
	# Privacy ------------------------------------------------------------------------------
	Declared("Privacy Notice", not_personal=("notice_en", "notice_sv", "change_note")),
	# What each run of the anonymiser changed, in rows per doctype: no one is named.
	Declared(
		"Anonymisation Run",
		not_personal=("run_type", "reference_doctype", "reference_name", "counts"),
		readers=(MANAGER_ROLE, SYSTEM_MANAGER),
	),
	# Frappe's doctypes that the app fills (Frappe's own user_data_fields erase them) -------
	Declared(
		"Contact",
		purpose=PURPOSE_NETWORK,
		legal_basis=LEGAL_INTEREST,
		retention=RETENTION_REPRESENTATION,
		match=Match(email="email_id"),
		personal=(
			Field("first_name", NAME),
			Field("last_name", NAME),
			Field("email_id", EMAIL),
			Field("phone", PHONE),
			Field("mobile_no", PHONE),
		),
		frappe_doctype=True,
	),
	Declared(
		"Email Group Member",
		purpose=PURPOSE_NEWSLETTER,
		legal_basis=LEGAL_CONSENT,
		retention=RETENTION_NEWSLETTER,
		match=Match(email="email"),
		personal=(Field("email", EMAIL),),
		frappe_doctype=True,
	),
	# Gateway (ESF) ------------------------------------------------------------------------
	Declared(
		"Gateway Participant",
		purpose=PURPOSE_GATEWAY,
		legal_basis=LEGAL_GATEWAY,
		retention=RETENTION_GATEWAY,
		match=Match(email="email"),
		erasure=ANONYMISE,
		stamp_field="anonymised_on",
		personal=(
			Field("first_name", NAME),
			Field("last_name", NAME),
			Field("full_name", NAME),
			Field("email", EMAIL),
			Field("phone", PHONE),
			Field("next_step", FREE_TEXT),
			Field("responsible", PERSON_LINK),
			Field("gender", CATEGORY, erase=KEEP),
			Field("age_band", CATEGORY, erase=KEEP),
			Field("referrer", CATEGORY, erase=KEEP),
			Field("outcome", CATEGORY, erase=KEEP),
			Field("labour_market_status", LABOUR_MARKET, erase=KEEP, special=True),
			Field("programme_phase", LABOUR_MARKET, erase=KEEP, special=True),
		),
		not_personal=("project", "referring_organisation", "stale_reminder_key", "overdue_reminder_key"),
		readers=(COORDINATOR_ROLE,),
		version_values=False,
	),
	Declared(
		"Placement",
		purpose=PURPOSE_GATEWAY,
		legal_basis=LEGAL_GATEWAY,
		retention=RETENTION_GATEWAY,
		personal=(Field("participant", PERSON_LINK),),
		not_personal=("project", "host", "host_name", "currency"),
		readers=(COORDINATOR_ROLE,),
		version_values=False,
	),
	Declared("Placement Attendance"),
	Declared(
		"Host Compensation",
		not_personal=("host", "host_name", "currency", "amended_from"),
		readers=(COORDINATOR_ROLE, MANAGER_ROLE, SYSTEM_MANAGER),
	),
)


@dataclass(frozen=True)
class Carrier:
	"""A doctype (mostly Frappe's) whose rows are about another record: a version, a comment, a
	log line. Such a row tells what the record holds, so it is readable only by those who may read
	the record's doctype (``slup_crm.privacy.carriers``)."""

	doctype: str
	reference_doctype: str  # the field that names the record's doctype
	reference_name: str  # the field that names the record
	# Roles that read every row all the same: the logs of who read what name a record by its ID
	# and tell nothing else of it, and the data protection officer audits them.
	auditors: tuple[str, ...] = ()
	# Whether the rows go when the person a record is about is erased (``slup_crm.privacy.anonymiser``).
	erased_with_record: bool = True


CARRIERS: tuple[Carrier, ...] = (
	Carrier("Version", "ref_doctype", "docname"),
	Carrier("Comment", "reference_doctype", "reference_name"),
	Carrier("ToDo", "reference_type", "reference_name"),
	Carrier("Notification Log", "document_type", "document_name"),
	Carrier("Communication", "reference_doctype", "reference_name"),
	Carrier("File", "attached_to_doctype", "attached_to_name"),
	Carrier("Deleted Document", "deleted_doctype", "deleted_name"),
	Carrier("View Log", "reference_doctype", "reference_name", auditors=(SYSTEM_MANAGER,)),
	Carrier("Access Log", "export_from", "reference_document", auditors=(SYSTEM_MANAGER,)),
	Carrier("Activity Log", "reference_doctype", "reference_name"),
	Carrier("Email Queue", "reference_doctype", "reference_name"),
	Carrier("Error Log", "reference_doctype", "reference_name"),
	# Kept when the record's person is erased: a share names users, a stage change only stages
	# (the figures count the days in them), a pending e-mail is the anonymiser's own business.
	Carrier("DocShare", "share_doctype", "share_name", erased_with_record=False),
	Carrier("Stage Change", "reference_doctype", "reference_name", erased_with_record=False),
	Carrier("Pending E-mail", "reference_doctype", "reference_name", erased_with_record=False),
)


def declared(doctype: str) -> Declared | None:
	return next((d for d in DECLARATION if d.doctype == doctype), None)


def app_declarations() -> tuple[Declared, ...]:
	"""The app's own doctypes (Frappe's are only listed for the record of processing)."""
	return tuple(d for d in DECLARATION if not d.frappe_doctype)


def personal_declarations() -> tuple[Declared, ...]:
	return tuple(d for d in DECLARATION if d.holds_personal_data)


def readers_of(doctype: str) -> tuple[str, ...]:
	"""The roles that may read ``doctype``: as declared; a child table's are its parent's."""
	entry = declared(doctype)
	meta = frappe.get_meta(doctype)
	if meta.istable:
		parents = frappe.get_all(
			"DocField",
			filters={"options": doctype, "fieldtype": ("in", ("Table", "Table MultiSelect"))},
			pluck="parent",
			distinct=True,
		)
		return tuple(sorted({role for parent in parents for role in readers_of(parent)}))
	return entry.readers if entry else ()


def carrier(doctype: str) -> Carrier | None:
	return next((c for c in CARRIERS if c.doctype == doctype), None)


def special_fields(doctype: str) -> tuple[str, ...]:
	entry = declared(doctype)
	return entry.special_fields if entry else ()


def user_data_fields() -> list[dict]:
	"""Frappe's ``user_data_fields`` hook for the app's doctypes that hold a person's address.

	Frappe's download request returns every row whose ``filter_by`` is the address; its deletion
	request (``slup_crm.privacy.erasure`` runs first) finds nothing left to redact in them.
	Rows found only through a contact are covered by the app's own download and erasure.
	"""
	return [
		{
			"doctype": d.doctype,
			"filter_by": d.match.email,
			"redact_fields": [f.fieldname for f in d.personal if f.fieldname != d.match.email],
		}
		for d in app_declarations()
		if d.match.email
	]


def app_doctypes() -> list[str]:
	"""Every doctype of the app, from its modules."""
	modules = frappe.get_module_list("slup_crm")
	return frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name", order_by="name")
