# Copyright (c) 2026, SLUP.SE and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from slup_crm.activities.event import ActivityEvent


class Trip(ActivityEvent):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from slup_crm.activities.doctype.trip_visit.trip_visit import TripVisit

		cancelled: DF.Check
		country: DF.Link | None
		currency: DF.Link | None
		destination: DF.Data
		end_date: DF.Date
		full_refund_until: DF.Date | None
		kind: DF.Literal["Bus", "Train", "Flight", "Other"]
		legal_hold: DF.Check
		organiser: DF.Link | None
		payment_days: DF.Int
		price: DF.Currency
		price_excludes: DF.SmallText | None
		programme: DF.TextEditor | None
		project: DF.Link | None
		published: DF.Check
		registration_deadline: DF.Date
		registration_opens: DF.Date | None
		seats: DF.Int
		seats_left: DF.Int
		seats_taken: DF.Int
		start_date: DF.Date
		status: DF.Literal["Draft", "Open", "Full", "Closed", "Completed", "Cancelled"]
		title: DF.Data
		visits: DF.Table[TripVisit]
		waitlisted: DF.Int
	# end: auto-generated types

	def validate(self):
		super().validate()
		self.validate_visits()

	def validate_visits(self):
		"""Each visit names a place and happens during the trip."""
		for visit in self.visits:
			if not (visit.organisation or visit.place):
				frappe.throw(_("Row {0} of the visits needs an organisation or a place.").format(visit.idx))
			if visit.visit_date and not (
				getdate(self.start_date) <= getdate(visit.visit_date) <= getdate(self.end_date)
			):
				frappe.throw(_("Row {0}: the visit must take place during the trip.").format(visit.idx))
