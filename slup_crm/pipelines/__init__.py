"""The one pipeline mechanism of the app, shared by every pipeline doctype.

A pipeline doctype (policy adoption, start-up, development project, gateway participant) has a
`stage` driven by a Frappe Workflow; its controller subclasses `PipelineDocument`
(`document.py`), which keeps the stage history and gives the days in the stage.
"""
