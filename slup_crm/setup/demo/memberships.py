"""This year's and last year's SLUP.SE memberships, some paid."""

from datetime import date

import frappe
from frappe.utils import getdate

from slup_crm.setup.demo.base import Demo, on_day, organisation, this_year


def make(demo: Demo) -> None:
	make_memberships(demo)


# (organisation key or municipality code, status this year, paid days ago)
MEMBERSHIPS = [
	("coompanion", "Paid", -60),
	("sensus", "Paid", -45),
	("skyddsvarnet", "Paid", -30),
	("blaband", "Paid", -20),
	("0163", "Paid", -10),
	("abf", "Unpaid", None),
	("livsval", "Unpaid", None),
	("fbf", "Waived", None),
]


def make_memberships(demo: Demo) -> None:
	year = getdate().year
	for key, status, paid in MEMBERSHIPS:
		org = organisation(demo, key)
		last_year_paid = date(year - 1, 3, 15)
		with on_day(last_year_paid):
			add_membership(demo, org, year - 1, "Paid", last_year_paid)
		paid_date = this_year(paid) if paid is not None else None
		with on_day(paid_date or this_year(-5)):
			add_membership(demo, org, year, status, paid_date)


def add_membership(demo: Demo, org: str, year: int, status: str, paid_date) -> None:
	if frappe.db.exists("Membership", {"organisation": org, "year": year}):
		return  # forced load: the site's own membership of this year stays
	demo.insert(
		{
			"doctype": "Membership",
			"organisation": org,
			"year": year,
			"status": status,
			"paid_date": paid_date,
			"payment_reference": f"BG {year}-{org}" if status == "Paid" else None,
		}
	)
