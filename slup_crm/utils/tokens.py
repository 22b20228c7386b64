"""Personal links for people without an account: one mechanism for every public link.

A cancel link of a registration and a member's report link each carry a random token. Only the
token's SHA-256 hash is stored, so that

- neither a guess nor a read of the database gives a working link;
- nothing needs decrypting: a link does not depend on the site's encryption key, which Frappe
  creates lazily in whichever process first needs it (a process that read the site's config
  earlier would create a second key and break every encrypted secret).

A token is shown once, in the e-mail that carries the link; a new e-mail with a link issues a
new token and the old link stops working.
"""

import hashlib
import hmac
import re

import frappe

TOKEN_LENGTH = 32
TOKEN_PATTERN = re.compile(r"^[0-9a-zA-Z]+$")


def new_token() -> tuple[str, str]:
	"""A fresh random token and the hash to store for it."""
	token = frappe.generate_hash(length=TOKEN_LENGTH)
	return token, hash_token(token)


def hash_token(token: str) -> str:
	return hashlib.sha256(token.encode()).hexdigest()


def is_well_formed(token) -> bool:
	"""Whether ``token`` could be a token at all (anything else is refused before any lookup)."""
	return isinstance(token, str) and len(token) == TOKEN_LENGTH and bool(TOKEN_PATTERN.match(token))


def token_matches(token, stored_hash) -> bool:
	"""Whether ``token`` belongs to ``stored_hash`` (compared in constant time)."""
	if not (is_well_formed(token) and isinstance(stored_hash, str) and stored_hash):
		return False
	return hmac.compare_digest(hash_token(token).encode(), stored_hash.encode())
