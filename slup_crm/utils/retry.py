"""A request's work retried when the database refuses it for a lock conflict, as Frappe's own
background jobs are (``frappe.utils.background_jobs.execute_job``).

Every change of seats takes its locks in one order (the event, then its registrations:
``slup_crm.activities.event``), so deadlocks should not happen between the app's own paths; one
can still come from elsewhere (a lock-wait timeout on a very busy event, a path of Frappe's). The
database then rolls the whole transaction back. ``retry_on_lock_conflict`` rolls back what is
left, waits a little (a random part, so that two victims do not meet again) and runs the
function again from the start, a bounded number of times; after the last attempt the person is
asked to send again with a 4xx, never a 5xx.
"""

import functools
import random
import time

import frappe
from frappe import _

# A deadlock or lock-wait timeout; and a document changed by another request between this one's
# read and its save (e.g. a waiting registrant promoted while cancelling), read again on retry.
CONFLICTS = (frappe.QueryDeadlockError, frappe.QueryTimeoutError, frappe.TimestampMismatchError)
ATTEMPTS = 5


class BusyError(frappe.ValidationError):
	"""The work met lock conflicts at every attempt: the person should send it again."""

	http_status_code = 429


def retry_on_lock_conflict(fn):
	"""Run ``fn`` again, from a rolled-back transaction, when it fails on one of ``CONFLICTS`` (at
	most ``ATTEMPTS`` times in all). ``fn`` must be the whole of the request's work:
	the rollback undoes everything the request did before."""

	@functools.wraps(fn)
	def wrapper(*args, **kwargs):
		for attempt in range(1, ATTEMPTS + 1):
			try:
				return fn(*args, **kwargs)
			except CONFLICTS:
				frappe.db.rollback()
				frappe.clear_messages()
				if attempt == ATTEMPTS:
					break
				time.sleep(random.uniform(0.05, 0.2) * attempt)
		frappe.throw(
			_("Many people are doing the same at this moment. Please send it again in a little while."),
			BusyError,
			title=_("Please Try Again"),
		)

	return wrapper
