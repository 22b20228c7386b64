from slup_crm.activities.registration import prepare_registration_form


def get_context(context):
	prepare_registration_form(context, "Training")
