{% include "slup_crm/templates/includes/registration_web_form.js" %}
