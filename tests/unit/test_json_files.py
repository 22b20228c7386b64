"""The app's JSON files are as Frappe writes them, so that saving a doctype or exporting fixtures
does not rewrite them whole (no Frappe needed; fix with scripts/format-json)."""

import json

from slup_crm.utils.json_files import APP, frappe_json, is_fixture, json_files, unformatted


def test_every_json_file_of_the_app_is_as_frappe_writes_it():
	files = json_files()
	assert len(files) > 40  # the doctypes, reports, cards, charts, web forms, workspace and fixtures
	wrong = [str(path.relative_to(APP.parent)) for path in unformatted(files)]
	assert (
		not wrong
	), f"{len(wrong)} JSON files are not as Frappe writes them (run scripts/format-json): {wrong[:10]}"


def test_frappes_form_is_one_space_sorted_keys_and_no_final_newline():
	data = {"name": "Län", "fields": [{"label": "Kön", "reqd": 1}], "doctype": "DocType"}
	module_file = frappe_json(data)
	assert module_file == (
		'{\n "doctype": "DocType",\n "fields": [\n  {\n   "label": "K\\u00f6n",\n   "reqd": 1\n  }\n ],'
		'\n "name": "L\\u00e4n"\n}'
	)
	assert frappe_json(data, fixture=True) == module_file.replace("\\u00f6", "ö").replace("\\u00e4", "ä")
	assert json.loads(module_file) == data


def test_fixtures_are_told_from_module_files_by_their_folder():
	fixtures = [path for path in json_files() if is_fixture(path)]
	assert fixtures and all(path.parent.name == "fixtures" for path in fixtures)
	assert not any(is_fixture(path) for path in json_files() if "doctype" in path.parts)
