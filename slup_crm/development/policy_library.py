"""The public library of adopted policies (``/policies``): what of a policy adoption the public sees.

Only municipalities whose policy is adopted or being implemented are in the library, and of each
only what the municipality itself published: its name and code, the deciding body, the decision
date, the case number (diarienummer), the policy's scope and where to read the policy (the public
URL, or the attached document when a manager marked it public, served by ``document``). Nothing
else of the record (stage history, contact person, notes, follow-up) ever leaves here.

A municipality's page (``/policies/<code>``) adds its contact for the policy exchange, when it
takes part and that contact agreed to be shown (name and e-mail address only).

What guests send (the search's words and year, a municipality code) is checked here: text only, not
too long, a year of four digits, a code of four digits; anything else is told plainly and finds
nothing.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from slup_crm.development import policy_exchange
from slup_crm.development.stages import ADOPTED_STAGES
from slup_crm.utils.text import is_municipality_code
from slup_crm.utils.validation import check_plain_text

MAX_QUERY_LENGTH = 100
FIRST_YEAR, LAST_YEAR = 1990, 2100
DOCUMENT_METHOD = "/api/method/slup_crm.development.policy_library.document"
# The fields of a policy adoption the library reads; nothing else is ever selected.
PUBLIC_FIELDS = (
	"municipality",
	"municipality_name",
	"decided_by",
	"decision_date",
	"case_number",
	"policy_scope",
	"policy_url",
	"policy_document",
	"policy_document_public",
)


def parse_search(query=None, year=None) -> frappe._dict:
	"""The search a guest asked for: ``query`` (words of a municipality's name) and ``year`` (of the
	decision), each checked; ``error`` says what was wrong (then nothing is searched)."""
	search = frappe._dict(query="", year=None, error=None)
	try:
		if query not in (None, ""):
			check_plain_text(query, MAX_QUERY_LENGTH, _("Municipality"))
			search.query = query.strip()
		if year not in (None, ""):
			if not isinstance(year, str) or not year.strip().isdigit() or len(year.strip()) != 4:
				frappe.throw(_("The year must be written with four digits, for example 2010."))
			search.year = int(year)
			if not FIRST_YEAR <= search.year <= LAST_YEAR:
				frappe.throw(_("The year must be between {0} and {1}.").format(FIRST_YEAR, LAST_YEAR))
	except frappe.ValidationError as error:
		frappe.clear_messages()
		return frappe._dict(query="", year=None, error=str(error))
	return search


def escape_like(text: str) -> str:
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def public_policies(query: str = "", year: int | None = None) -> list[frappe._dict]:
	"""The adopted policies matching the search, by municipality, as the public sees them."""
	filters = [["stage", "in", list(ADOPTED_STAGES)]]
	if query:
		filters.append(["municipality_name", "like", f"%{escape_like(query)}%"])
	if year:
		filters.append(["decision_date", "between", [f"{year}-01-01", f"{year}-12-31"]])
	# The library is public: it reads only PUBLIC_FIELDS of adopted policies.
	rows = frappe.get_all(
		"Policy Adoption",
		filters=filters,
		fields=list(PUBLIC_FIELDS),
		order_by="municipality_name asc",
		ignore_permissions=True,
	)
	codes = municipality_codes([row.municipality for row in rows])
	return [public_view(row, codes.get(row.municipality)) for row in rows if codes.get(row.municipality)]


def municipality_codes(organisations: list[str]) -> dict[str, str]:
	if not organisations:
		return {}
	return dict(
		frappe.get_all(
			"Organisation",
			filters={"name": ("in", organisations)},
			fields=["name", "municipality_code"],
			as_list=True,
		)
	)


def public_view(row, code: str) -> frappe._dict:
	"""One policy as the library shows it (the document's address only when it may be read)."""
	return frappe._dict(
		code=code,
		municipality_name=row.municipality_name,
		decided_by=row.decided_by,
		decision_date=row.decision_date,
		year=getdate(row.decision_date).year if row.decision_date else None,
		case_number=row.case_number,
		policy_scope=row.policy_scope,
		document_url=document_url(row, code),
		route=f"/policies/{code}",
	)


def document_url(row, code: str) -> str | None:
	"""Where the public reads the policy: the public URL, or the attachment a manager marked public."""
	if row.policy_document and row.policy_document_public:
		if row.policy_document.startswith(("http://", "https://")):
			return row.policy_document
		return f"{DOCUMENT_METHOD}?municipality={code}"
	return row.policy_url or None


def decision_years() -> list[int]:
	"""The years in which policies of the library were decided, newest first (the search's choices)."""
	dates = frappe.get_all(
		"Policy Adoption",
		filters={"stage": ("in", list(ADOPTED_STAGES)), "decision_date": ("is", "set")},
		pluck="decision_date",
		ignore_permissions=True,
	)
	return sorted({getdate(date).year for date in dates}, reverse=True)


def municipality_by_code(code) -> frappe._dict | None:
	"""A municipality of the register by its four-digit code (None for anything else)."""
	if not isinstance(code, str) or not is_municipality_code(code):
		return None
	return frappe.db.get_value(
		"Organisation",
		{"municipality_code": code, "organisation_type": "Municipality"},
		["name", "organisation_name", "municipality_code"],
		as_dict=True,
	)


def municipality_page(code) -> frappe._dict | None:
	"""What a municipality's public page shows: its adopted policy, if any, and its exchange contact
	when it takes part and the contact agreed to be shown. None when there is no such municipality."""
	municipality = municipality_by_code(code)
	if not municipality:
		return None
	row = frappe.db.get_value(
		"Policy Adoption",
		{"municipality": municipality.name, "stage": ("in", list(ADOPTED_STAGES))},
		list(PUBLIC_FIELDS),
		as_dict=True,
	)
	return frappe._dict(
		code=municipality.municipality_code,
		municipality_name=municipality.organisation_name,
		policy=public_view(row, municipality.municipality_code) if row else None,
		in_exchange=policy_exchange.is_member(municipality.name),
		exchange_contact=public_exchange_contact(municipality.name),
	)


def public_exchange_contact(organisation: str) -> frappe._dict | None:
	"""The active member's contact, name and e-mail address, only if they agreed to be shown."""
	return frappe.db.get_value(
		"Policy Exchange Member",
		{"organisation": organisation, "status": policy_exchange.ACTIVE, "show_contact_publicly": 1},
		["contact_name", "contact_email"],
		as_dict=True,
	)


@frappe.whitelist(allow_guest=True, methods=["GET"])
def document(municipality: str | None = None):
	"""The attached policy of a municipality, when it is adopted and a manager marked it public."""
	page = municipality_page(municipality)
	row = None
	if page and page.policy:
		row = frappe.db.get_value(
			"Policy Adoption",
			{"municipality": municipality_by_code(municipality).name},
			["policy_document", "policy_document_public"],
			as_dict=True,
		)
	if not row or not row.policy_document or not row.policy_document_public:
		raise frappe.DoesNotExistError(_("There is no public policy document here."))
	file = frappe.db.get_value("File", {"file_url": row.policy_document}, "name")
	if not file:
		raise frappe.DoesNotExistError(_("There is no public policy document here."))
	# The manager published this one file; the guest reads it through this check, not File's own.
	doc = frappe.get_doc("File", file)
	frappe.local.response.filename = doc.file_name
	frappe.local.response.filecontent = doc.get_content()
	frappe.local.response.type = "download"
