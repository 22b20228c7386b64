# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

"""How many took part in the gateway in a period, for the funder (the ESF's participant reporting).

No names: every row is a count, split by gender, from `slup_crm.gateway.figures`. A participant
counts when they took part at some time in the period; an outcome counts when the participation
ended in it. Counts under the smallest count shown (SLUP Settings), and those one could be worked
out from, are left out (empty), and the period is taken in whole months; the report says so. Frappe
exports the table to Excel and CSV.
"""

import frappe
from frappe import _
from frappe.utils import format_date, getdate

from slup_crm.gateway.figures import (
	DIMENSIONS,
	GENDERS,
	NOT_ENDED,
	min_cell_size,
	participant_figures,
	reporting_period,
	suppressed,
)


def sections() -> dict[str, str]:
	return {
		"age_band": _("By Age Band"),
		"referrer": _("By Referrer"),
		"programme_phase": _("By Programme Phase"),
		"labour_market_status": _("By Labour Market Status"),
		"outcome": _("By Outcome"),
	}


COLUMNS = {"Woman": "women", "Man": "men", "Other or not stated": "other_gender"}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.get("from_date") or getdate().replace(month=1, day=1))
	to_date = getdate(filters.get("to_date") or getdate())
	if from_date > to_date:
		frappe.throw(_("The period must start before it ends."))
	from_date, to_date = reporting_period(from_date, to_date)
	figures = suppressed(participant_figures(filters.get("project"), from_date, to_date))
	return get_columns(), get_data(figures), note(from_date, to_date)


def note(from_date, to_date) -> str:
	return _(
		"So that nobody can be singled out, counts under {0} are left out (empty), with any count they could be worked out from, and the period is taken in whole months: {1} to {2}."
	).format(min_cell_size(), format_date(from_date), format_date(to_date))


def get_columns():
	return [
		{"fieldname": "section", "label": _("Section"), "fieldtype": "Data", "width": 200},
		{"fieldname": "label", "label": _("Category"), "fieldtype": "Data", "width": 280},
		{"fieldname": "participants", "label": _("Participants"), "fieldtype": "Int", "width": 110},
		{"fieldname": "women", "label": _("Women"), "fieldtype": "Int", "width": 90},
		{"fieldname": "men", "label": _("Men"), "fieldtype": "Int", "width": 90},
		{"fieldname": "other_gender", "label": _("Other or not stated"), "fieldtype": "Int", "width": 150},
	]


def get_data(figures: dict) -> list[dict]:
	rows = [{"section": _("Total"), "label": _("Participants"), "bold": 1, **counts(figures["total"])}]
	meta = frappe.get_meta("Gateway Participant")
	titles = sections()
	for dimension in DIMENSIONS:
		options = [o for o in (meta.get_field(dimension).options or "").split("\n") if o]
		if dimension == "outcome":
			options.append(NOT_ENDED)
		for value in options:
			by_gender = figures[dimension].get(value)
			if by_gender and by_gender["all"] != 0:
				label = _("Not ended") if value == NOT_ENDED else _(value)
				rows.append(
					{"section": titles[dimension], "label": label, "value": value, **counts(by_gender)}
				)
	return rows


def counts(by_gender: dict) -> dict:
	"""One row's counts (None: left out)."""
	values = {COLUMNS[gender]: by_gender.get(gender) for gender in GENDERS}
	values["participants"] = by_gender.get("all")
	return values
