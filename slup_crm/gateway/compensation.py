"""Host grants (anordnarbidrag): what each host enterprise is owed per month, and which months are paid.

One placement row per month holds the days a participant attended; the host's grant for a month
is the sum of days x the placement's frozen daily rate over its placements. A month is paid when
a Host Compensation for the host and month is submitted; its days are locked from then on.
"""

import frappe
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, get_first_day, getdate

HOST_TYPES = ("Organisation", "Social Enterprise Startup")
HOST_TITLE_FIELDS = {"Organisation": "organisation_name", "Social Enterprise Startup": "enterprise_name"}


def first_of_month(value) -> "datetime.date":  # noqa: F821
	return get_first_day(getdate(value))


def host_title(host_type: str, host: str) -> str | None:
	return frappe.db.get_value(host_type, host, HOST_TITLE_FIELDS[host_type])


def is_month_paid(host_type: str, host: str, month) -> bool:
	return bool(
		frappe.db.exists(
			"Host Compensation",
			{"host_type": host_type, "host": host, "month": first_of_month(month), "docstatus": 1},
		)
	)


def monthly_compensation(
	from_month=None, to_month=None, host_type: str | None = None, host: str | None = None, project=None
) -> list[dict]:
	"""Days and grant per host and month (oldest month first, then host name), with the month's
	payment: one aggregate query over the attendance rows, one over the submitted compensations."""
	placement = frappe.qb.DocType("Placement")
	row = frappe.qb.DocType("Placement Attendance")
	query = (
		frappe.qb.from_(row)
		.join(placement)
		.on((row.parent == placement.name) & (row.parenttype == "Placement"))
		.select(
			placement.host_type,
			placement.host,
			placement.host_name,
			row.month,
			Count(placement.name).distinct().as_("placements"),
			Sum(row.days_attended).as_("days"),
			Sum(row.days_attended * placement.daily_rate).as_("amount"),
		)
		.where(row.days_attended > 0)
		.groupby(placement.host_type, placement.host, placement.host_name, row.month)
		.orderby(row.month)
		.orderby(placement.host_name)
	)
	if from_month:
		query = query.where(row.month >= first_of_month(from_month))
	if to_month:
		query = query.where(row.month <= first_of_month(to_month))
	if host_type:
		query = query.where(placement.host_type == host_type)
	if host:
		query = query.where(placement.host == host)
	if project:
		query = query.where(placement.project == project)
	rows = query.run(as_dict=True)
	paid = paid_compensations(rows)
	for r in rows:
		r.days = int(r.days or 0)
		r.amount = flt(r.amount, 2)
		r.compensation = paid.get((r.host_type, r.host, getdate(r.month)))
		r.paid = 1 if r.compensation else 0
	return rows


def paid_compensations(rows) -> dict:
	"""The submitted Host Compensation of each (host type, host, month) among rows."""
	if not rows:
		return {}
	months = sorted({getdate(r.month) for r in rows})
	hosts = sorted({r.host for r in rows})
	return {
		(c.host_type, c.host, getdate(c.month)): c.name
		for c in frappe.get_all(
			"Host Compensation",
			filters={"docstatus": 1, "host": ("in", hosts), "month": ("in", months)},
			fields=["name", "host_type", "host", "month"],
		)
	}


def host_month_totals(host_type: str, host: str, month) -> tuple[int, float]:
	"""Days and grant of one host in one month."""
	rows = monthly_compensation(month, month, host_type=host_type, host=host)
	return sum(r.days for r in rows), flt(sum(r.amount for r in rows), 2)
