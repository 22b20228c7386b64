"""The one pipeline mechanism of the app, shared by every pipeline doctype.

A pipeline doctype (policy adoption, start-up, development project, gateway participant) has a
`stage` driven by a Frappe Workflow. Its descriptor (`descriptor.py`; each lives beside its
doctype, in `development/stages.py`, `projects/stages.py`, `gateway/stages.py`, and hooks.py lists
them) is the one place its stages, actions, transitions and kanban board are written:

- `registry.py`: the descriptors of the installed apps, found through hooks.py;
- `document.py`: `PipelineDocument`, the base controller (stage history, days in stage, imports);
- `reminders.py`: the daily job that reminds of overdue and stale records;
- `days.py`: days in stage, in Python and as a SQL expression for reports;
- `files.py`: the stage options and the workflow and kanban fixtures written from the
  descriptors (`scripts/pipeline-files`), and hooks.py's fixture filters;
- `pipeline_form.js`: the headline of every pipeline form.
"""
