"""SLUP Settings are read one way, ``get_settings()``, whose defaults are the doctype's own (no Frappe
needed: the app's source is read as text)."""

import json
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "slup_crm"
READER = APP / "network" / "doctype" / "slup_settings" / "slup_settings.py"
# Any other way to the settings: a single value, the whole document, or the Singles table.
OTHER_WAYS = re.compile(
	r"""(get_single_value|get_cached_doc|get_doc|get_singles_dict|get_cached_value)\(\s*["']SLUP Settings["']"""
	r"""|DocType\(\s*["']Singles["']|tabSingles"""
)


def test_no_code_reads_the_settings_but_get_settings():
	sources = [APP.parent / "scripts" / "benchmark.py", *APP.rglob("*.py")]
	others = [
		f"{path.relative_to(APP.parent)}:{number}"
		for path in sources
		if path != READER
		for number, line in enumerate(path.read_text().splitlines(), 1)
		if OTHER_WAYS.search(line)
	]
	assert not others, f"SLUP Settings read past get_settings(): {others}"


def test_every_setting_with_a_default_has_it_in_the_doctype():
	fields = json.loads((READER.parent / "slup_settings.json").read_text())["fields"]
	values = [
		f for f in fields if f["fieldtype"] in ("Int", "Currency", "Link") and f["fieldname"] != "home_county"
	]
	assert values and all(f.get("default") for f in values), [
		f["fieldname"] for f in values if not f.get("default")
	]
