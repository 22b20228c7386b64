"""Columns that the app's reports of amounts share: an amount in its row's currency, and the hidden
column of that currency, which Frappe's Currency columns read (``options: "currency"``)."""

from frappe import _


def amount_column(fieldname: str, label: str, width: int = 120) -> dict:
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": "Currency",
		"options": "currency",
		"width": width,
	}


def currency_column() -> dict:
	return {
		"fieldname": "currency",
		"label": _("Currency"),
		"fieldtype": "Link",
		"options": "Currency",
		"hidden": 1,
	}
