"""The public privacy notice (/privacy): the current version, or an earlier one (?version=PN-1),
in Swedish or English (?lang=sv|en, else the visitor's language)."""

import frappe
from frappe import _

from slup_crm.privacy.consent import DELETION_PAGE
from slup_crm.privacy.doctype.privacy_notice.privacy_notice import current_notice

no_cache = 1


def get_context(context):
	version = frappe.form_dict.get("version")
	notice = None
	if isinstance(version, str) and len(version) <= 20:
		# Published versions are public; the desk record itself is not.
		notice = frappe.db.get_value(
			"Privacy Notice",
			version,
			["name", "version", "published_on", "notice_en", "notice_sv"],
			as_dict=True,
		)
	notice = notice or current_notice()
	lang = frappe.form_dict.get("lang")
	if lang not in ("sv", "en"):
		lang = "sv" if (frappe.local.lang or "").startswith("sv") else "en"
	context.title = _("Privacy notice")
	context.notice = notice
	context.notice_html = (notice.get(f"notice_{lang}") if notice else "") or ""
	context.lang_shown = lang
	context.deletion_page = DELETION_PAGE
	return context
