"""The Swedish catalogue is complete and keeps every placeholder (no Frappe needed)."""

import re
from pathlib import Path

import pytest

babel_pofile = pytest.importorskip("babel.messages.pofile")

LOCALE = Path(__file__).resolve().parents[2] / "slup_crm" / "locale"
PLACEHOLDER = re.compile(r"\{\d*\}")


def read(name):
	with open(LOCALE / name, "rb") as f:
		return babel_pofile.read_po(f)


def messages(catalog):
	return {m.id: m.string for m in catalog if m.id}


def test_every_string_of_the_template_has_a_swedish_translation():
	template = messages(read("main.pot"))
	swedish = messages(read("sv.po"))
	missing = sorted(msgid for msgid in template if not swedish.get(msgid))
	assert not missing, f"{len(missing)} strings lack Swedish: {missing[:20]}"


def test_translations_keep_their_placeholders():
	for msgid, msgstr in messages(read("sv.po")).items():
		assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr)), msgid


def test_no_fuzzy_translations():
	fuzzy = [m.id for m in read("sv.po") if m.id and m.fuzzy]
	assert not fuzzy
