"""The pipelines of the installed apps: the descriptors their hooks list (`pipeline_descriptors`).

A fifth pipeline is one descriptor (in its module, beside its doctype) named in that hook and
one doctype whose controller subclasses `PipelineDocument`: reminders, charts, the headline of its
form and its workflow and kanban fixtures then include it.
"""

import frappe

from slup_crm.pipelines.descriptor import Pipeline


def pipelines() -> tuple[Pipeline, ...]:
	return tuple(frappe.get_attr(path) for path in frappe.get_hooks("pipeline_descriptors"))


def pipeline_doctypes() -> tuple[str, ...]:
	return tuple(p.doctype for p in pipelines())


def get_pipeline(doctype: str) -> Pipeline:
	"""The descriptor of a pipeline doctype."""
	for pipeline in pipelines():
		if pipeline.doctype == doctype:
			return pipeline
	raise KeyError(f"{doctype} is not a pipeline")
