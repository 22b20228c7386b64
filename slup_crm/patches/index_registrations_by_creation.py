"""Sites installed before the index existed: index registrations by `creation` (see
`activity_registration.on_doctype_update`), which the dashboard's date ranges read."""

from slup_crm.activities.doctype.activity_registration.activity_registration import on_doctype_update


def execute():
	on_doctype_update()
