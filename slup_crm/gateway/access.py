"""Who sees the gateway's people: the project's coordinators, alone, and every read is logged.

Role permissions give the Gateway Coordinator role (and no other) the participants and their
placements. These hooks add what role permissions cannot say: no one outside the role is let in
by another way (a `has_permission` hook per doctype; sharing with others is refused, since a
share would open the record whatever the hook says), and each time a coordinator is allowed to
read a participant, Frappe's View Log records who read which participant and when (once per
request, ``slup_crm.utils.access.log_read``). A request that lists participants (list and report
views, REST, link search) is written to the Access Log: who listed them and when, though not which
rows they saw. Everyone else gets the figures only (`slup_crm.gateway.figures`).
"""

import frappe
from frappe import _

from slup_crm.gateway.stages import COORDINATOR_ROLE
from slup_crm.utils.access import has_role, log_read

GATEWAY_DOCTYPES = ("Gateway Participant", "Placement")
LIST_READ = "List of gateway participants"


def is_coordinator(user: str | None = None) -> bool:
	return has_role((COORDINATOR_ROLE,), user)


def participant_permission(doc, ptype: str, user: str | None = None) -> bool | None:
	"""has_permission hook of Gateway Participant: coordinators only; their reads are logged."""
	user = user or frappe.session.user
	if not is_coordinator(user):
		return False
	if ptype in ("read", "print", "email"):
		log_read(doc.doctype, doc.name, doc=doc, user=user)
	return None


def refuse_sharing_with_others(doc, method=None) -> None:
	"""DocShare validate: a participant or placement is never shared with someone outside the role
	(Frappe lets a share open a document that the role permissions and these hooks keep closed)."""
	if doc.share_doctype not in GATEWAY_DOCTYPES:
		return
	if doc.everyone or not doc.user or not is_coordinator(doc.user):
		frappe.throw(
			_("Participants and placements are shared only with the project's coordinators."),
			frappe.PermissionError,
		)


def placement_permission(doc, ptype: str, user: str | None = None) -> bool | None:
	"""has_permission hook of Placement: coordinators only, even for a record shared with others."""
	return None if is_coordinator(user) else False


def participant_list_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook of Gateway Participant: lists (the desk's list and report
	views, REST, link search) show rows to coordinators only, and each request that lists
	participants is written to Frappe's Access Log (the rows themselves are not known here)."""
	user = user or frappe.session.user
	if not is_coordinator(user):
		return "1=0"
	if user != "Administrator":
		log_read("Gateway Participant", method=LIST_READ, user=user)
	return ""


def reads_of(participant: str) -> list[dict]:
	"""Who read a participant and when, newest first (for the data protection officer)."""
	return frappe.get_all(
		"View Log",
		filters={"reference_doctype": "Gateway Participant", "reference_name": participant},
		fields=["viewed_by", "creation"],
		order_by="creation desc",
	)
