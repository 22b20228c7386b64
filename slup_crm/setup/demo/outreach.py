"""The information campaign's outreach: meetings in every cooperating municipality, mail-outs, the conference."""

import frappe

from slup_crm.setup.demo.base import Demo, day, municipality, on_day


def make(demo: Demo) -> None:
	make_outreach(demo)


# The information campaign: one information meeting per cooperating municipality (1,815 people).
INFORMATION_MEETINGS = [
	("0163", -320, 215),
	("0191", -300, 180),
	("0120", -285, 165),
	("0136", -260, 240),
	("0180", -240, 150),
	("0127", -220, 175),
	("0126", -200, 120),
	("0123", -180, 145),
	("0182", -160, 130),
	("0181", -130, 160),
	("0114", -60, 135),
]
MAIL_OUTS = [(-280, 820), (-180, 640), (-90, 560)]  # about 2,000 people by e-mail


def make_outreach(demo: Demo) -> None:
	partners = [{"organisation": demo.organisations[key]} for key in ("coompanion", "slup")]
	for code, offset, people in INFORMATION_MEETINGS:
		name = municipality(code)
		place = frappe.db.get_value("Organisation", name, "organisation_name")
		with on_day(day(offset)):
			demo.insert(
				{
					"doctype": "Outreach Activity",
					"title": f"Informationsmöte om socialt företagande: {place}",
					"kind": "Information meeting",
					"activity_date": day(offset),
					"municipalities": [{"municipality": name}],
					"organisations": partners,
					"people_in_person": people,
				}
			)
	for round_number, (offset, people) in enumerate(MAIL_OUTS, start=1):
		with on_day(day(offset)):
			demo.insert(
				{
					"doctype": "Outreach Activity",
					"title": f"Informationssatsningen: utskick {round_number} via e-post",
					"kind": "Mail-out",
					"activity_date": day(offset),
					"organisations": partners,
					"people_by_email": people,
				}
			)
	with on_day(day(-14)):
		demo.insert(
			{
				"doctype": "Outreach Activity",
				"title": "Slutkonferens för informationssatsningen om socialt företagande",
				"kind": "Conference",
				"activity_date": day(-14),
				"organisations": [
					{"organisation": demo.organisations[key]}
					for key in ("skoopi", "tvv", "coompanion", "slup")
				],
				"people_in_person": 95,
				"notes": "<p>Nationell konferens som hölls parallellt i alla åtta regionerna, arrangerad av "
				"Skoopi och Tillväxtverket. Regionalt hade vi 1 timme och 45 minuter.</p>",
			}
		)
