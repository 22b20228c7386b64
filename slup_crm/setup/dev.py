"""A development site: what ``scripts/dev-site`` makes of a site (``bench --site SITE slup-dev-setup``).

Every step is idempotent, so that running the script again reuses what is there:

1. Frappe's setup wizard completed for Sweden, in Swedish (``slup_crm.setup.wizard``), unless it
   was completed before;
2. the scheduler enabled (the wizard enables it; a site may have switched it off);
3. the demo (``slup_crm.setup.demo``) loaded, unless it is there;
4. a user for each of the app's roles (``DEV_USERS``), with the one known password
   ``DEV_PASSWORD``, set again at every run;
5. the demo's open pipeline records that nobody answers for given to a dev user
   (``assign_demo_work``), so that My work shows a day's work.

For development only: the password is written here and printed. ``setup`` refuses a site that
holds data of its own (``slup_crm.setup.demo.data_of_its_own``) and not the demo, writing
nothing: such a site is someone's real CRM, and users with a published password do not belong
there.
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils.password import update_password
from frappe.utils.scheduler import enable_scheduler, is_scheduler_disabled

from slup_crm.pipelines.registry import pipelines
from slup_crm.privacy.declaration import COORDINATOR_ROLE, MANAGER_ROLE, ORGANISER_ROLE, STAFF_ROLE
from slup_crm.setup import demo, wizard

DEV_PASSWORD = "slup-dev"


@dataclass(frozen=True)
class DevUser:
	key: str
	email: str
	last_name: str
	roles: tuple[str, ...]


# Who uses the app (README, "Who uses it"): organisers and coordinators are staff with one more role.
DEV_USERS = (
	DevUser("staff", "dev-staff@example.se", "Staff", (STAFF_ROLE,)),
	DevUser("manager", "dev-manager@example.se", "Manager", (MANAGER_ROLE,)),
	DevUser("organiser", "dev-organiser@example.se", "Organiser", (STAFF_ROLE, ORGANISER_ROLE)),
	DevUser("coordinator", "dev-coordinator@example.se", "Coordinator", (STAFF_ROLE, COORDINATOR_ROLE)),
)


# Whose the demo's open records become: the gateway's participants are its coordinators' to follow.
WORK_OF = {"Gateway Participant": "coordinator"}
WORK_OF_THE_REST = "staff"


class NotADevSite(frappe.ValidationError):
	pass


@dataclass
class DevSetup:
	"""What ``setup`` did now (rather than found done): the wizard, the demo's records."""

	wizard_completed: bool = False
	demo_records: int = 0


def setup() -> DevSetup:
	"""Make the current site a development site (see the module's docstring). Does not commit
	(the setup wizard commits its own step): ``bench slup-dev-setup`` commits when it returns."""
	check_site()
	done = DevSetup()
	done.wizard_completed = wizard.complete_for_sweden("Svenska")
	if is_scheduler_disabled(verbose=False):
		enable_scheduler()
	if not demo.demo_loaded():
		done.demo_records = sum(demo.load().values())
	for user in DEV_USERS:
		make_dev_user(user)
	assign_demo_work()
	return done


def check_site() -> None:
	if demo.demo_loaded():
		return
	own = demo.data_of_its_own()
	if own:
		found = ", ".join(f"{_(doctype)} ({count})" for doctype, count in own.items())
		frappe.throw(
			_(
				"This site holds data of its own: {0}. Only a site without data, or with nothing but "
				"the demo, is made a development site (its users have a known password): use another site."
			).format(found),
			NotADevSite,
			title=_("Not a Development Site"),
		)


def make_dev_user(dev_user: DevUser) -> None:
	"""Create the user (or give it back its roles and access) and set the dev password."""
	if not frappe.db.exists("User", dev_user.email):
		user = frappe.new_doc("User")
		user.update(
			{
				"email": dev_user.email,
				"first_name": "Dev",
				"last_name": dev_user.last_name,
				"send_welcome_email": 0,
			}
		)
		user.flags.no_welcome_mail = True
		user.append_roles(*dev_user.roles)
		user.insert()
	else:
		user = frappe.get_doc("User", dev_user.email)
		missing = set(dev_user.roles) - {row.role for row in user.roles}
		if missing or not user.enabled:
			user.enabled = 1
			user.add_roles(*missing)
	update_password(dev_user.email, DEV_PASSWORD)


def assign_demo_work() -> int:
	"""The open records of every pipeline that nobody is responsible for, given to the dev user who
	would follow them (``WORK_OF``); the number given. Records someone answers for, and closed ones,
	are left as they are, so a second run gives nothing."""
	email = {user.key: user.email for user in DEV_USERS}
	given = 0
	for pipeline in pipelines():
		owner = email[WORK_OF.get(pipeline.doctype, WORK_OF_THE_REST)]
		names = frappe.get_all(
			pipeline.doctype,
			filters={"responsible": ("is", "not set"), "stage": ("not in", pipeline.closed_stages or ("",))},
			pluck="name",
		)
		for name in names:
			frappe.db.set_value(pipeline.doctype, name, "responsible", owner, update_modified=False)
		given += len(names)
	return given
