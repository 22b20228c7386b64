"""The app's JSON files in the form Frappe writes them (plain Python: no Frappe needed).

Frappe writes a module file (doctype, report, web form, print format, workspace, number card,
dashboard chart...) with ``frappe.as_json`` (``frappe.modules.export_file.write_document_file``)
and a fixture with ``frappe.as_json(..., ensure_ascii=False)``
(``frappe.core.doctype.data_import.data_import.export_json``, used by ``bench export-fixtures``):
one-space indent, sorted keys, ``", "`` and ``": "`` separators and no final newline; a module
file escapes every character beyond ASCII, a fixture keeps it as it is. A file kept in that form
does not churn when Frappe saves it (developer mode) or exports the fixtures again.

``scripts/format-json`` rewrites the files in this form and ``tests/unit/test_json_files.py``
fails on a file that is not in it.
"""

import json
from pathlib import Path

APP = Path(__file__).resolve().parents[1]


def is_fixture(path: Path) -> bool:
	return path.parent.name == "fixtures"


def frappe_json(data, fixture: bool = False) -> str:
	"""``data`` as Frappe writes it: a fixture keeps non-ASCII characters, a module file escapes them."""
	return json.dumps(data, indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=not fixture)


def formatted(path: Path) -> str:
	"""The text ``path`` would have if Frappe had written it."""
	return frappe_json(json.loads(path.read_text(encoding="utf-8")), fixture=is_fixture(path))


def json_files(app: Path = APP) -> list[Path]:
	"""Every JSON file of the app's package (built assets and node modules aside)."""
	return sorted(
		path
		for path in app.rglob("*.json")
		if not {"node_modules", "dist"} & set(path.relative_to(app).parts)
	)


def unformatted(paths: list[Path] | None = None) -> list[Path]:
	return [
		path
		for path in (json_files() if paths is None else paths)
		if path.read_text(encoding="utf-8") != formatted(path)
	]
