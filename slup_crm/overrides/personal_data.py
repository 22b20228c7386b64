"""Frappe's Personal Data Deletion and Download Requests, extended (hook ``override_doctype_class``).

Frappe v15 assumes the address belongs to a User and knows only the rows of its
``user_data_fields`` hook. The app's requests also work for an address without a User and cover
every row the app holds about the person; they are the privacy module's erasure
(``slup_crm.privacy.erasure``, through the one anonymiser) and download
(``slup_crm.privacy.download``), where they are written.
"""

from slup_crm.privacy.download import PersonalDataDownloadRequest
from slup_crm.privacy.erasure import PersonalDataDeletionRequest

__all__ = ["PersonalDataDeletionRequest", "PersonalDataDownloadRequest"]
