"""Swedish organisation numbers (organisationsnummer).

Pure Python (no Frappe) so that it can be tested anywhere. The checksum and format
rules come from python-stdnum; this module only adds the forms SLUP.SE's users type:
with or without the dash, and the 12-digit form with the "16" prefix used by some
authorities.
"""

from stdnum.exceptions import ValidationError
from stdnum.se import orgnr

TWELVE_DIGIT_PREFIX = "16"


class InvalidOrganisationNumber(ValueError):
	"""The value is not a Swedish organisation number."""


def normalize(value: str) -> str:
	"""Return the organisation number in its normal form ``NNNNNN-NNNN``.

	Accepts ``5560360793``, ``556036-0793``, ``165560360793`` and ``16556036-0793``
	(spaces are ignored). Raises InvalidOrganisationNumber for anything else.
	"""
	compact = orgnr.compact(value or "")
	if len(compact) == 12 and compact.startswith(TWELVE_DIGIT_PREFIX):
		compact = compact[len(TWELVE_DIGIT_PREFIX) :]
	try:
		compact = orgnr.validate(compact)
	except ValidationError as e:
		raise InvalidOrganisationNumber(str(e)) from e
	return orgnr.format(compact)


def is_valid(value: str) -> bool:
	try:
		normalize(value)
	except InvalidOrganisationNumber:
		return False
	return True
