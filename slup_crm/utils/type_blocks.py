"""The generated type blocks of the app's controllers (``# begin: auto-generated types``), kept as Frappe
writes them when a DocType is saved in developer mode (``frappe.types.exporter.TypeExporter``, hook
``export_python_type_annotations``), so that editors know every field.

    bench --site SITE execute slup_crm.utils.type_blocks.regenerate

writes every stale block again from its doctype's JSON (for a doctype whose JSON was edited by hand
or by a patch; then run ``ruff check --fix`` and ``ruff format``, as the pre-commit hooks do).
``stale()`` lists them, and a test fails on any. A block is compared by what it says (its syntax
tree), not by its layout.
"""

import ast
import json
import shutil
import tempfile
import textwrap
from pathlib import Path

import frappe

START, END = "# begin: auto-generated types", "# end: auto-generated types"

APP = Path(__file__).resolve().parents[1]


def doctype_files() -> list[Path]:
	"""The JSON file of every doctype of the app (``<module>/doctype/<name>/<name>.json``)."""
	return sorted(
		path
		for path in APP.glob("*/doctype/*/*.json")
		if path.stem == path.parent.name and json.loads(path.read_text()).get("doctype") == "DocType"
	)


def block_as_generated(path: Path) -> tuple[Path, str, str]:
	"""The controller of the doctype in ``path``, its text, and its text with the type block Frappe
	generates from that JSON (written into a copy: the controller itself is left alone)."""
	from frappe.types.exporter import TypeExporter

	exporter = TypeExporter(frappe.get_doc(json.loads(path.read_text())))
	controller = exporter.controller_path
	with tempfile.TemporaryDirectory() as folder:
		copy = Path(folder) / controller.name
		shutil.copyfile(controller, copy)
		exporter.controller_path = copy
		exporter.export_types()
		return controller, controller.read_text(), copy.read_text()


def type_block(text: str) -> str | None:
	"""What the type block of a controller says (its syntax tree), or None without one."""
	if START not in text or END not in text:
		return None
	start = text.rfind("\n", 0, text.index(START)) + 1  # from the start of its line, indentation included
	return ast.dump(ast.parse(textwrap.dedent(text[start : text.index(END)])))


def stale() -> list[str]:
	"""The doctypes whose controller's type block says other than the one Frappe would generate."""
	stale = []
	for path in doctype_files():
		_controller, current, generated = block_as_generated(path)
		if type_block(current) != type_block(generated):
			stale.append(path.stem)
	return stale


def regenerate() -> list[str]:
	"""Write every stale type block again (``bench execute``); returns the doctypes written."""
	written = []
	for path in doctype_files():
		controller, current, generated = block_as_generated(path)
		if type_block(current) != type_block(generated):
			controller.write_text(generated)
			written.append(path.stem)
	print(written)
	return written
