"""One reminder per unpaid fee, *SLUP Settings → Remind Unpaid Fees Days Before Due* before its due
date, sent by the daily job through the app's one e-mail mechanism (``slup_crm.utils.mail``).

Once: the claim's ``reminder_sent_on`` is set in the transaction that queues the e-mail, after a
locking read that skips a claim another run holds, so two runs at once (or a run repeated the same
day) never send a second reminder. A claim paid, waived or cancelled by then gets none.
"""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, now_datetime

from slup_crm.fees import claims
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils import mail


def send_fee_reminders() -> int:
	"""Daily: remind every open claim due within the set number of days that was not reminded yet.
	Returns how many reminders were sent."""
	today = getdate()
	last_due = add_days(today, get_settings().fee_reminder_days or 0)
	names = frappe.get_all(
		claims.CLAIM,
		filters={
			"status": ("in", claims.OPEN_STATUSES),
			"reminder_sent_on": ("is", "not set"),
			"due_date": ("between", (today, last_due)),
		},
		pluck="name",
	)
	return sum(1 for name in names if remind(name))


def remind(name: str) -> bool:
	"""Send the claim's one reminder, unless it was sent or is no longer owed."""
	row = frappe.db.get_value(
		claims.CLAIM, name, ["status", "reminder_sent_on"], as_dict=True, for_update=True, skip_locked=True
	)
	if not row or row.reminder_sent_on or row.status not in claims.OPEN_STATUSES:
		return False
	claim = frappe.get_doc(claims.CLAIM, name)
	recipient = claims.recipient_of(claim)
	if not recipient:
		return False
	mail.send(
		[recipient],
		_("Reminder: please pay {0}").format(claim.description),
		frappe.render_template(
			"slup_crm/templates/emails/fee_claim.html",
			{"kind": "reminder", "claim": claim, **claims.instructions(claim)},
		),
		claims.CLAIM,
		name,
	)
	frappe.db.set_value(claims.CLAIM, name, "reminder_sent_on", now_datetime(), update_modified=False)
	return True
