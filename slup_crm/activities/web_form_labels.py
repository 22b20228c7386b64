"""Texts of the app's web forms and print formats, listed so that translation extraction finds them.

Frappe translates a web form's title, button, success texts and field descriptions, and a print
format's name, when it shows them, but its extractor does not read them from those module files.
A test keeps this list complete.
"""

from frappe import _lt

LABELS = (
	_lt("Register for a Study Trip"),
	_lt("Register for a Training"),
	_lt("Send registration"),
	_lt("Thank you"),
	_lt("Thank you for registering. We have sent you an e-mail with the details and a link to cancel."),
	_lt(
		"SLUP.SE keeps your details to organise the activity and deletes them when they are no longer needed, "
		'as its <a href="/privacy" target="_blank">privacy notice</a> says.'
	),
	_lt("Trip Participant List"),
	_lt("Training Participant List"),
	_lt("Meeting Minutes"),
)
