"""Cancel links of registrations made before tokens were hashed: keep the hash, drop the secret.

Tokens used to be stored encrypted with the site's encryption key (a Password field). Each one
that can still be decrypted is replaced by its hash, so the link in the registrant's e-mail keeps
working without the key; one that cannot (the key changed since) had no working link anyway and
is cleared (staff can still cancel in the desk). The encrypted copies are deleted.
"""

import frappe
from frappe.query_builder import Table
from frappe.utils.password import get_decrypted_password

from slup_crm.utils.tokens import hash_token, is_well_formed


def execute():
	auth = Table("__Auth")
	names = (
		frappe.qb.from_(auth)
		.select(auth.name)
		.where(auth.doctype == "Activity Registration")
		.where(auth.fieldname == "cancel_token")
		.run(pluck=True)
	)
	for name in names:
		try:
			token = get_decrypted_password(
				"Activity Registration", name, "cancel_token", raise_exception=False
			)
		except Exception:
			# Encrypted with a key the site no longer has: the link was broken already.
			frappe.clear_last_message()
			token = None
		token_hash = hash_token(token) if is_well_formed(token) else None
		frappe.db.set_value("Activity Registration", name, "cancel_token", token_hash, update_modified=False)
	frappe.db.delete("__Auth", {"doctype": "Activity Registration", "fieldname": "cancel_token"})
	# Rows whose column still holds the Password field's mask have no token at all.
	frappe.db.set_value(
		"Activity Registration", {"cancel_token": ("like", "*%")}, "cancel_token", None, update_modified=False
	)
