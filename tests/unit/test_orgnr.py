import pytest

from slup_crm.utils.orgnr import InvalidOrganisationNumber, is_valid, normalize


@pytest.mark.parametrize(
	"value",
	["5560360793", "556036-0793", "165560360793", "16556036-0793", " 556036 0793 "],
)
def test_accepted_forms_normalize_to_one_form(value):
	assert normalize(value) == "556036-0793"


@pytest.mark.parametrize(
	"value",
	[
		"556036-0794",  # wrong checksum
		"5560360790",  # wrong checksum
		"55603607",  # too short
		"175560360793",  # 12 digits with a prefix other than 16
		"16556036079",  # 11 digits
		"abcdef-ghij",
		"",
		"556036-0793<script>",
	],
)
def test_invalid_numbers_are_refused(value):
	with pytest.raises(InvalidOrganisationNumber):
		normalize(value)
	assert not is_valid(value)


def test_known_association_numbers_are_valid():
	# Coompanion Stockholms län ekonomisk förening and a municipality (Sollentuna kommun)
	assert is_valid("212000-0076")  # Sollentuna kommun
	assert normalize("2120000076") == "212000-0076"
