"""Existing sites: error responses stop showing Python tracebacks to guests (see README)."""

from slup_crm.setup.security import hide_error_tracebacks


def execute():
	hide_error_tracebacks()
