"""Frappe's REST API (``/api/resource``, ``/api/v2/document``) behind the app's, through the hook
``before_request`` (the API's handlers are no whitelisted methods to override):

- a ``DELETE`` of a registration locks its event before Frappe's handler locks the registration
  (the one lock order of seats, ``slup_crm.activities.deletion``, where it is written).
"""

from slup_crm.activities.deletion import lock_before_rest_delete

__all__ = ["lock_before_rest_delete"]
