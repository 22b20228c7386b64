"""Trainings named their project in free text; the project is now a link to a Development Project.

For each distinct text this finds the project of that title or creates it (fund "Other", stage Idea,
for a manager to complete), then points every training that named it at the project. A value that
already is a project's name is left as it is, so running the patch again changes nothing.
"""

import frappe
from frappe import _

MIGRATED_FUND = "Other"


def execute():
	for text in free_text_projects():
		project = project_for(text)
		frappe.db.set_value("Training", {"project": text}, "project", project, update_modified=False)


def free_text_projects() -> list[str]:
	"""The training project values that are not yet links to a Development Project."""
	training = frappe.qb.DocType("Training")
	values = (
		frappe.qb.from_(training)
		.select(training.project)
		.distinct()
		.where(training.project.isnotnull() & (training.project != ""))
		.run(pluck=True)
	)
	return [value for value in values if not frappe.db.exists("Development Project", value)]


def project_for(text: str) -> str:
	title = text.strip()
	existing = frappe.db.get_value("Development Project", {"title": title})
	if existing:
		return existing
	project = frappe.get_doc(
		{
			"doctype": "Development Project",
			"title": title,
			"fund": MIGRATED_FUND,
			"aim": _("Created from the project named by trainings: {0}").format(title),
		}
	)
	project.insert(ignore_permissions=True)  # a migration acts for the site, not for a user
	return project.name
