"""Days in a stage: one rule, in Python and in SQL.

A record has stood in its stage for the whole days since `stage_since` (counted down, never
negative): what its form, the reports and the stale reminders show. The stage history keeps the
days spent in the stage left, to two decimals. `days_in_stage` counts both in Python (controllers,
demo, data generator); `days_in_stage_sql` is the same whole days counted by the database, for
reports over many rows.
"""

from frappe.utils import flt, now_datetime, time_diff_in_seconds
from pypika.terms import Function, LiteralValue, Term

SECONDS_PER_DAY = 24 * 60 * 60


def days_in_stage(since, until=None, precision: int | None = None) -> int | float | None:
	"""Days from `since` (a stage began) to `until` (default: now), None when `since` is empty.

	Whole days, counted down and never negative; with `precision`, the exact days to that many
	decimals (the stage history's days in the previous stage).
	"""
	if not since:
		return None
	seconds = time_diff_in_seconds(until or now_datetime(), since)
	if precision is not None:
		return flt(seconds / SECONDS_PER_DAY, precision)
	return max(0, int(seconds // SECONDS_PER_DAY))


def days_in_stage_sql(since: Term, now) -> Term:
	"""`days_in_stage(since, now)` as a query term: whole days, never negative, NULL when `since` is."""
	return Function("GREATEST", 0, Function("TIMESTAMPDIFF", LiteralValue("DAY"), since, now))
