import pytest

from slup_crm.utils.text import clean_text, is_county_code, is_municipality_code, normalize_website


def test_clean_text_trims_and_keeps_unicode():
	assert clean_text("  Österåkers kommun \t") == "Österåkers kommun"
	assert clean_text("Ævar Þór Ñandú") == "Ævar Þór Ñandú"
	assert clean_text(None) is None
	assert clean_text(5) == 5


@pytest.mark.parametrize(
	"code,ok",
	[("0114", True), ("0191", True), ("114", False), ("01145", False), ("01a4", False), ("", False)],
)
def test_municipality_code(code, ok):
	assert is_municipality_code(code) is ok


def test_county_code():
	assert is_county_code("01")
	assert not is_county_code("1")


@pytest.mark.parametrize(
	"value,expected",
	[
		("www.coompanion.se", "https://www.coompanion.se"),
		("https://www.slup.se/kalendarium", "https://www.slup.se/kalendarium"),
		("http://skoopi.coop", "http://skoopi.coop"),
		("localhost:8000/x", None),
		("javascript:alert(1)", None),
		("javascript://x.se/%0aalert(1)", None),
		("ftp://files.example.se", None),
		("data:text/html,<script>", None),
		("https://", None),
		("not a url", None),
		("https://exa mple.se", None),
		('https://example.se/"onmouseover=', None),
		("", None),
	],
)
def test_normalize_website(value, expected):
	assert normalize_website(value) == expected
