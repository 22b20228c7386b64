{% include "slup_crm/activities/activity_event_form.js" %}

setup_activity_event_form("Training");
