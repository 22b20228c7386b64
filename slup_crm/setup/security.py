"""Install and migrate steps that keep secrets and errors away from the public."""

import frappe
from frappe.utils.password import get_encryption_key


def hide_error_tracebacks() -> None:
	"""Error responses carry no Python traceback (System Settings' "Allow Error Traceback", on in a
	fresh Frappe site, would show one to every guest). Set at install and once by a patch for
	existing sites; an administrator can switch it on again while debugging."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)


def ensure_encryption_key() -> None:
	"""Create the site's encryption key now, in the install or migrate process, if it is missing.

	Frappe creates it lazily in whichever process first needs it, and a process that read the
	site's config before that creates a second one and overwrites the first. The app's own links
	store only hashes (``slup_crm.utils.tokens``), but Frappe's signed links (the newsletter's
	confirmation) and every Password field use this key.
	"""
	get_encryption_key()
