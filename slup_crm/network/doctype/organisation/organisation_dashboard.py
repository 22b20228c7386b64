"""The Organisation form's Connections: the records that name the organisation in one field.

Frappe adds the doctype's own links (Membership, Projects) to these; the form's summary at its top
(`slup_crm.network.glance`) says what Connections cannot (stages, people and their last
participation, roles in projects, outreach through a child table).
"""

from frappe import _


def get_data():
	return {
		"fieldname": "organisation",
		"non_standard_fieldnames": {"Policy Adoption": "municipality"},
		"transactions": [
			{"label": _("Pipelines"), "items": ["Policy Adoption", "Social Enterprise Startup"]},
			{"label": _("Activities"), "items": ["Activity Registration", "Meeting Report"]},
		],
	}
