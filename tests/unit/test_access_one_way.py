"""Reads of people's data are logged one way, ``slup_crm.utils.access.log_read`` (no Frappe needed:
the app's source is read as text)."""

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "slup_crm"
HELPER = APP / "utils" / "access.py"
# A log of who read what, written past the helper.
OTHER_WAYS = re.compile(r"""make_access_log|["']doctype["']:\s*["'](View|Access) Log["']""")


def test_every_read_is_logged_through_log_read():
	others = [
		f"{path.relative_to(APP.parent)}:{number}"
		for path in APP.rglob("*.py")
		if path != HELPER
		for number, line in enumerate(path.read_text().splitlines(), 1)
		if OTHER_WAYS.search(line)
	]
	assert not others, f"reads logged past slup_crm.utils.access.log_read: {others}"
