"""The public newsletter page (/newsletter): subscribe with a confirmed opt-in."""

from frappe import _

no_cache = 1


def get_context(context):
	context.title = _("Newsletter")
	return context
