"""The web-form endpoint (``frappe.website.doctype.web_form.web_form.accept``) behind the app's guard.

Frappe's raises a 500 on a body that is not a JSON object; the guard answers it with a 4xx, retries
lock conflicts and answers a registration form as for a newcomer. It is written in
``slup_crm.utils.web_form`` (hook ``override_whitelisted_methods`` points here).
"""

from slup_crm.utils.web_form import accept

__all__ = ["accept"]
