"""Small text helpers with no Frappe dependency."""

import re
from urllib.parse import urlsplit

MUNICIPALITY_CODE = re.compile(r"^\d{4}$")
COUNTY_CODE = re.compile(r"^\d{2}$")
ALLOWED_URL_SCHEMES = ("http", "https")


def clean_text(value):
	"""Trim a text value; leave anything else untouched. Unicode is kept exactly."""
	if isinstance(value, str):
		return value.strip()
	return value


def is_municipality_code(value: str) -> bool:
	return bool(value) and bool(MUNICIPALITY_CODE.match(value))


def is_county_code(value: str) -> bool:
	return bool(value) and bool(COUNTY_CODE.match(value))


def normalize_website(value: str) -> str | None:
	"""Return the website as an absolute http(s) URL, or None if it is not one.

	``www.coompanion.se`` becomes ``https://www.coompanion.se``; schemes other than
	http and https (``javascript:``, ``data:``, ``ftp:``) are refused.
	"""
	value = (value or "").strip()
	if not value:
		return None
	if "://" not in value:
		if ":" in value.split("/", 1)[0] and not re.match(r"^[^:]+:\d+", value):
			return None  # some other scheme, e.g. javascript:alert(1)
		value = "https://" + value
	try:
		parts = urlsplit(value)
		port = parts.port  # raises ValueError on a malformed port
	except ValueError:
		return None
	host = parts.hostname or ""
	if parts.scheme.lower() not in ALLOWED_URL_SCHEMES or "." not in host or port == 0:
		return None
	if any(c.isspace() or c in "<>\"'`" for c in value):
		return None
	labels = host.split(".")
	if any(not label or label.startswith("-") or label.endswith("-") for label in labels):
		return None
	return value
