"""Every place where the app changes Frappe's own behaviour, one module per part of Frappe.

``hooks.py`` points here for each override, and a reader finds them all in this folder:

- ``api``: a REST API ``DELETE`` of a registration (hook ``before_request``: its event locked first);
- ``client``: ``frappe.client.get_count`` (counts only what the user's lists show) and
  ``frappe.client.delete`` (a registration's event locked first);
- ``desk``: ``frappe.desk.search.get_link_title`` and ``frappe.desk.form.load.getdoc`` (titles of
  readable records only) and ``frappe.desk.reportview.delete_items`` (registrations in the lock
  order of seats);
- ``web_form``: ``frappe.website.doctype.web_form.web_form.accept`` (malformed input refused with
  a 4xx, lock conflicts retried, a registration answered as for a newcomer);
- ``newsletter``: ``frappe.email.doctype.newsletter.newsletter.confirm_subscription`` (a link
  without an address gets Frappe's "Invalid Link" page, not a 500);
- ``personal_data``: the controllers of Personal Data Deletion and Download Request.

Where an override is one step of a mechanism of the app (the lock order of seats, the web-form
guard, erasure and download), it is written beside that mechanism and named here. Other hooks
on Frappe's doctypes (``doc_events``, ``has_permission``, ``doctype_js``) stay with the module
whose rule they carry and are listed in ``hooks.py``.
"""
