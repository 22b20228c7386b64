"""Consent with evidence: which version of the privacy notice a person agreed to, and when.

The notice is the doctype Privacy Notice (one record per version, never changed once
published); ``/privacy`` shows the current one in Swedish or English, and the registration
forms and the newsletter page link to it. Each registration (``Activity Registration``) and
each newsletter membership (Frappe's ``Email Group Member``, with two custom fields) records
the version that was current when the person agreed, and the time.
"""

import frappe
from frappe import _
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.utils import now_datetime

from slup_crm.meetings.newsletter import NEWSLETTER_GROUP
from slup_crm.privacy.doctype.privacy_notice.privacy_notice import current_notice_name

NOTICE_PAGE = "/privacy"
DELETION_PAGE = "/request-for-account-deletion"

NEWSLETTER_CONSENT_FIELDS = {
	"Email Group Member": [
		{
			"fieldname": "privacy_notice",
			"fieldtype": "Link",
			"label": "Privacy Notice Agreed To",
			"options": "Privacy Notice",
			"read_only": 1,
			"no_copy": 1,
			"insert_after": "unsubscribed",
			"module": "Privacy",
		},
		{
			"fieldname": "consent_given_on",
			"fieldtype": "Datetime",
			"label": "Consent Given On",
			"read_only": 1,
			"no_copy": 1,
			"insert_after": "privacy_notice",
			"module": "Privacy",
		},
	]
}


def record_newsletter_consent(doc, method=None) -> None:
	"""Email Group Member of the newsletter, before insert: the version agreed to by confirming."""
	if doc.email_group != NEWSLETTER_GROUP:
		return
	doc.privacy_notice = current_notice_name()
	doc.consent_given_on = now_datetime()


def footer_links(context) -> dict:
	"""Every public page links to the privacy notice and to the request to erase one's data."""
	items = list(context.get("footer_items") or [])
	urls = {item.get("url") for item in items}
	for url, label in (
		(NOTICE_PAGE, _("Privacy notice")),
		(DELETION_PAGE, _("Ask us to erase your data")),
	):
		if url not in urls:
			items.append(frappe._dict(label=label, url=url))
	return {"footer_items": items}


DEFAULT_NOTICE_EN = """<h3>How SLUP.SE handles your personal data</h3>
<p>SLUP.SE (Föreningen Stockholms läns Utvecklingspartnerskap för den Sociala Ekonomin) is responsible
for the personal data in this service.</p>
<p><b>What we keep and why.</b> When you register for a study trip or a training we keep your name,
e-mail address, phone number, organisation and role to organise the activity, and, if you give them,
dietary and accessibility needs so that we can meet them. When you subscribe to the newsletter we keep
your e-mail address to send it to you. For the development group's meetings we keep who took part and
the reports sent in.</p>
<p><b>Legal basis.</b> Taking part at your request; your consent for the newsletter and for dietary and
accessibility needs; the association's legitimate interest for its register and its meetings.</p>
<p><b>How long.</b> Dietary and accessibility needs are deleted 30 days after the activity, and your
registration is anonymised 3 years after it (cancelled registrations sooner). We keep only numbers
that do not show who you are.</p>
<p><b>Who sees it.</b> The association's staff; dietary and accessibility needs only the staff who
organise the activity. We do not sell or give your data to anyone.</p>
<p><b>Your rights.</b> You may ask what we hold about you, have it corrected, or have it erased: use the
link <a href="/request-for-account-deletion">Ask us to erase your data</a> or write to info@slup.se.
You may complain to the Swedish Authority for Privacy Protection (IMY).</p>"""

DEFAULT_NOTICE_SV = """<h3>Så hanterar SLUP.SE dina personuppgifter</h3>
<p>SLUP.SE (Föreningen Stockholms läns Utvecklingspartnerskap för den Sociala Ekonomin) är
personuppgiftsansvarig för personuppgifterna i den här tjänsten.</p>
<p><b>Vad vi sparar och varför.</b> När du anmäler dig till en studieresa eller en utbildning sparar vi
ditt namn, din e-postadress, ditt telefonnummer, din organisation och din roll för att kunna ordna
aktiviteten, och, om du anger dem, behov av specialkost och tillgänglighet så att vi kan tillgodose dem.
När du prenumererar på nyhetsbrevet sparar vi din e-postadress för att skicka det till dig. För
utvecklingsgruppens möten sparar vi vilka som deltog och de rapporter som skickats in.</p>
<p><b>Rättslig grund.</b> Deltagande på din begäran; ditt samtycke för nyhetsbrevet och för behov av
specialkost och tillgänglighet; föreningens berättigade intresse för dess register och möten.</p>
<p><b>Hur länge.</b> Behov av specialkost och tillgänglighet raderas 30 dagar efter aktiviteten, och din
anmälan anonymiseras 3 år efter den (avbokade anmälningar tidigare). Vi behåller bara siffror som inte
visar vem du är.</p>
<p><b>Vem som ser uppgifterna.</b> Föreningens personal; behov av specialkost och tillgänglighet bara den
personal som ordnar aktiviteten. Vi säljer eller lämnar inte ut dina uppgifter till någon.</p>
<p><b>Dina rättigheter.</b> Du kan fråga vad vi har sparat om dig, få det rättat eller raderat: använd
länken <a href="/request-for-account-deletion">Be oss radera dina uppgifter</a> eller skriv till
info@slup.se. Du kan klaga hos Integritetsskyddsmyndigheten (IMY).</p>"""


def setup() -> None:
	"""Install and migrate: the newsletter's consent fields and a first version of the notice."""
	create_custom_fields(NEWSLETTER_CONSENT_FIELDS, update=True)
	if not frappe.db.exists("Privacy Notice", {}):
		frappe.get_doc(
			{
				"doctype": "Privacy Notice",
				"notice_en": DEFAULT_NOTICE_EN,
				"notice_sv": DEFAULT_NOTICE_SV,
				"change_note": "First version",
			}
		).insert(ignore_permissions=True)
