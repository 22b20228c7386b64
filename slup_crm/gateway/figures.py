"""The gateway's figures for the funder, without names: how many took part, by gender, age band,
referrer, programme phase and outcome, per project and period.

Everything here is counted in the database and returns numbers only, so staff and managers (who
may not read a participant) can see them: the number card, the chart and the report
*Gateway Participants for Funders* all come from `participant_figures` or one aggregate like it.
Erased participants keep their categories (their name and contact details are gone), so the
figures stay the same after an erasure.

Figures without people: every count under SLUP Settings' *Smallest Count Shown in Gateway
Figures* (default 5) is left out, and so is any count from which a left-out one could be worked
out (``slup_crm.utils.small_counts``); a period is taken in whole calendar months
(``reporting_period``), so that a day or a week cannot single out the one person who came or
left in it.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import get_first_day, get_last_day, getdate

from slup_crm.gateway.stages import COORDINATOR_ROLE, ENDED
from slup_crm.network.doctype.slup_settings.slup_settings import get_settings
from slup_crm.utils.access import whitelist_for
from slup_crm.utils.small_counts import HIDDEN, is_small, suppress

FIGURE_ROLES = ("SLUP Staff", "SLUP Manager", "System Manager", COORDINATOR_ROLE)
GENDERS = ("Woman", "Man", "Other or not stated")
# The breakdowns the funder asks for, in the report's order.
DIMENSIONS = ("age_band", "referrer", "programme_phase", "labour_market_status", "outcome")
NOT_ENDED = "Not ended"


# The workspace's card and chart: the figures are the group's own, for its staff, managers and the
# project's coordinators; they only read.
gateway_figure = whitelist_for(FIGURE_ROLES, read_only=True)


def min_cell_size() -> int:
	"""The smallest count the figures show (SLUP Settings)."""
	return get_settings().gateway_min_cell_size


def reporting_period(from_date=None, to_date=None) -> tuple:
	"""The period widened to whole calendar months (an open end stays open)."""
	return (
		get_first_day(getdate(from_date)) if from_date else None,
		get_last_day(getdate(to_date)) if to_date else None,
	)


def participants_in_period(project: str | None = None, from_date=None, to_date=None):
	"""A query of the participants who took part at some time in the period (and the project)."""
	table = frappe.qb.DocType("Gateway Participant")
	query = frappe.qb.from_(table)
	if project:
		query = query.where(table.project == project)
	if to_date:
		query = query.where(table.referred_on <= getdate(to_date))
	if from_date:
		query = query.where(table.ended_on.isnull() | (table.ended_on >= getdate(from_date)))
	return table, query


def participant_figures(project: str | None = None, from_date=None, to_date=None) -> dict:
	"""{"total": {gender: n}, "<dimension>": {value: {gender: n}}} in one grouped query.

	An outcome counts only when the participation ended within the period; otherwise it is
	"Not ended". The period is taken in whole months (``reporting_period``); the counts are as
	they are (``suppressed`` leaves out the small ones).
	"""
	from_date, to_date = reporting_period(from_date, to_date)
	table, query = participants_in_period(project, from_date, to_date)
	rows = (
		query.select(
			table.gender,
			table.age_band,
			table.referrer,
			table.programme_phase,
			table.labour_market_status,
			table.outcome,
			table.ended_on,
			Count("*").as_("participants"),
		)
		.groupby(
			table.gender,
			table.age_band,
			table.referrer,
			table.programme_phase,
			table.labour_market_status,
			table.outcome,
			table.ended_on,
		)
		.run(as_dict=True)
	)
	figures = {"total": {}} | {dimension: {} for dimension in DIMENSIONS}
	for row in rows:
		if row.outcome and to_date and row.ended_on and getdate(row.ended_on) > getdate(to_date):
			row.outcome = None
		row.outcome = row.outcome or NOT_ENDED
		add(figures["total"], row.gender, row.participants)
		for dimension in DIMENSIONS:
			add(figures[dimension].setdefault(row[dimension] or "", {}), row.gender, row.participants)
	return figures


def add(counts: dict, gender: str, n: int) -> None:
	counts[gender] = counts.get(gender, 0) + n


def suppressed(figures: dict, threshold: int | None = None) -> dict:
	"""``participant_figures`` with small counts, and those they could be worked out from, set to
	``HIDDEN`` (None). Each dimension is a table of its values by gender with a total per value,
	and the totals by gender as its last row (every participant has one value per dimension): the
	totals are shared by every dimension, so a total left out in one is left out in all."""
	threshold = min_cell_size() if threshold is None else threshold
	columns = (*GENDERS, "all")

	def row_of(counts: dict) -> list:
		values = [counts.get(gender, 0) for gender in GENDERS]
		return [*values, sum(values)]

	total = row_of(figures["total"])
	total = [HIDDEN if is_small(n, threshold) else n for n in total]
	result = {dimension: {} for dimension in DIMENSIONS}
	changed = True
	while changed:
		changed = False
		for dimension in DIMENSIONS:
			values = list(figures[dimension])
			table = suppress([*(row_of(figures[dimension][v]) for v in values), total], threshold)
			result[dimension] = {v: dict(zip(columns, table[i], strict=True)) for i, v in enumerate(values)}
			if table[-1] != total:
				total, changed = table[-1], True
	result["total"] = dict(zip(columns, total, strict=True))
	return result


@gateway_figure
def participants_in_progress(filters=None) -> int:
	"""Participants on their way through the gateway now (every project): the workspace's card."""
	table = frappe.qb.DocType("Gateway Participant")
	count = frappe.qb.from_(table).select(Count("*")).where(table.stage != ENDED).run()[0][0]
	threshold = min_cell_size()
	return _("fewer than {0}").format(threshold) if is_small(count, threshold) else count


@gateway_figure
def participants_by_age_and_gender(chart_name: str | None = None, **chart_arguments) -> dict:
	"""Everyone who has taken part, by age band (labels) and gender (datasets): the workspace's chart."""
	table = frappe.qb.DocType("Gateway Participant")
	counts = {
		(age_band, gender): n
		for age_band, gender, n in frappe.qb.from_(table)
		.select(table.age_band, table.gender, Count("*"))
		.groupby(table.age_band, table.gender)
		.run()
	}
	age_bands = frappe.get_meta("Gateway Participant").get_field("age_band").options.split("\n")
	rows = [[counts.get((band, gender), 0) for gender in GENDERS] for band in age_bands]
	rows = [[*row, sum(row)] for row in rows]
	rows.append([sum(column) for column in zip(*rows, strict=True)])
	# A left-out count is drawn as nothing (0); the chart's totals are not drawn.
	shown = [[n or 0 for n in row] for row in suppress(rows, min_cell_size())[:-1]]
	return {
		"labels": [_(band) for band in age_bands],
		"datasets": [
			{"name": _(gender), "values": [row[g] for row in shown]} for g, gender in enumerate(GENDERS)
		],
		"type": "bar",
	}
