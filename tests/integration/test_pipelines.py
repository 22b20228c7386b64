import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from slup_crm.pipelines.document import stage_history
from slup_crm.pipelines.reminders import send_stale_reminders
from tests.integration.test_translations import extracted_msgids
from tests.support.factories import (
	VALID_ORGNRS,
	apply_action,
	make_municipality,
	make_organisation,
	make_policy_adoption,
	make_startup,
	pipeline_users,
)

ADOPTION_FIELDS = {
	"decided_by": "Municipal council",
	"decision_date": "2010-01-25",
	"policy_url": "www.sollentuna.se/policy",
}


class TestPolicyWorkflow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.staff, cls.manager = pipeline_users()

	def test_staff_moves_forward_and_back_through_working_stages(self):
		with self.set_user(self.staff):
			doc = make_policy_adoption()
			self.assertEqual(doc.stage, "Not contacted")
			for action, stage in [
				("Start Dialogue", "In dialogue"),
				("Start Information Campaign", "Information campaign"),
				("Draft Policy", "Policy drafted"),
				("Move Back", "Information campaign"),
				("Draft Policy", "Policy drafted"),
				("Pause", "Paused"),
				("Resume", "In dialogue"),
			]:
				doc = apply_action(doc, action)
				self.assertEqual(doc.stage, stage, action)

	def test_only_manager_confirms_policy_adopted(self):
		doc = make_policy_adoption(**ADOPTION_FIELDS)
		for action in ("Start Dialogue", "Start Information Campaign", "Draft Policy"):
			doc = apply_action(doc, action)
		with self.set_user(self.staff):
			with self.assertRaises(WorkflowTransitionError):
				apply_action(doc, "Adopt Policy")
			# Saving the stage directly, as the REST API does, is refused as well.
			staff_copy = frappe.get_doc("Policy Adoption", doc.name)
			staff_copy.stage = "Policy adopted"
			with self.assertRaises(WorkflowPermissionError):
				staff_copy.save()
		self.assertEqual(frappe.db.get_value("Policy Adoption", doc.name, "stage"), "Policy drafted")
		with self.set_user(self.manager):
			doc = apply_action(doc, "Adopt Policy")
		self.assertEqual(doc.stage, "Policy adopted")
		with self.set_user(self.staff):
			doc = apply_action(doc, "Start Implementing")
			self.assertEqual(doc.stage, "Implementing")
			with self.assertRaises(WorkflowTransitionError):
				apply_action(doc, "Move Back")  # back into Policy adopted is the manager's

	def test_only_manager_declines(self):
		doc = make_policy_adoption()
		with self.set_user(self.staff):
			with self.assertRaises(WorkflowTransitionError):
				apply_action(doc, "Decline")
		with self.set_user(self.manager):
			doc = apply_action(doc, "Decline")
			self.assertEqual(doc.stage, "Declined")
			doc = apply_action(doc, "Reopen")
			self.assertEqual(doc.stage, "In dialogue")

	def test_unlisted_jump_is_refused_even_for_the_manager(self):
		doc = make_policy_adoption(**ADOPTION_FIELDS)
		with self.set_user(self.manager):
			doc = frappe.get_doc("Policy Adoption", doc.name)
			doc.stage = "Implementing"
			with self.assertRaises(WorkflowPermissionError):
				doc.save()

	def test_new_record_cannot_start_in_a_later_stage(self):
		with self.assertRaises(WorkflowPermissionError):
			make_policy_adoption(stage="Policy adopted", **ADOPTION_FIELDS)

	def test_policy_adopted_needs_body_date_and_document(self):
		doc = make_policy_adoption()
		for action in ("Start Dialogue", "Start Information Campaign", "Draft Policy"):
			doc = apply_action(doc, action)
		with self.set_user(self.manager):
			with self.assertRaisesRegex(
				frappe.MandatoryError, "deciding body.*decision date.*policy document"
			):
				apply_action(doc, "Adopt Policy")
			doc.reload()
			doc.decided_by, doc.decision_date = "Municipal executive board", add_days(today(), 2)
			doc.policy_document = "/files/policy.pdf"
			with self.assertRaisesRegex(frappe.ValidationError, "cannot be in the future"):
				doc.save()
			doc.reload()
			doc.decided_by, doc.decision_date = "Municipal executive board", today()
			doc.policy_document = "/files/policy.pdf"
			doc.save()
			doc = apply_action(doc, "Adopt Policy")
		self.assertEqual(doc.stage, "Policy adopted")

	def test_second_record_for_a_municipality_is_refused(self):
		municipality = make_municipality()
		make_policy_adoption(municipality)
		with self.assertRaisesRegex(frappe.DuplicateEntryError, "already has a policy adoption record"):
			make_policy_adoption(municipality)
		self.assertEqual(frappe.db.count("Policy Adoption", {"municipality": municipality}), 1)

	def test_policy_adoption_only_for_municipalities(self):
		with self.assertRaisesRegex(frappe.ValidationError, "is not a municipality"):
			make_policy_adoption(make_organisation(organisation_type="Company").name)


class TestStartupWorkflow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.staff, cls.manager = pipeline_users()

	def test_staff_moves_a_startup_to_sustainable_and_back(self):
		with self.set_user(self.staff):
			doc = make_startup()
			self.assertEqual(doc.stage, "Idea")
			for action, stage in [
				("Explore", "Exploration"),
				("Write Business Plan", "Business plan"),
				("Found", "Founded"),
				("Start Operating", "Operating"),
				("Mark Sustainable", "Sustainable"),
				("Move Back", "Operating"),
			]:
				doc = apply_action(doc, action)
				self.assertEqual(doc.stage, stage)

	def test_only_manager_discontinues_and_a_reason_is_required(self):
		doc = make_startup()
		with self.set_user(self.staff):
			with self.assertRaises(WorkflowTransitionError):
				apply_action(doc, "Discontinue")
		with self.set_user(self.manager):
			with self.assertRaisesRegex(frappe.MandatoryError, "why the start-up was discontinued"):
				apply_action(doc, "Discontinue")
			doc.reload()
			doc.discontinued_reason = "Ingen lokal hittades."
			doc.save()
			doc = apply_action(doc, "Discontinue")
		self.assertEqual(doc.stage, "Discontinued")

	def test_links_must_point_to_the_right_kind_of_organisation(self):
		company = make_organisation(organisation_type="Company").name
		for fieldname in ("municipality", "consortium", "organisation"):
			with self.assertRaisesRegex(frappe.ValidationError, "is not an organisation of type"):
				make_startup(**{fieldname: company})
		consortium = make_organisation(
			organisation_name="ABC-kooperativen", organisation_type="Consortium"
		).name
		self.assertEqual(make_startup(consortium=consortium).consortium, consortium)


class TestCreateOrganisationFromStartup(FrappeTestCase):
	def founded_startup(self, **overrides):
		doc = make_startup(
			municipality=frappe.db.get_value("Organisation", {"municipality_code": "0136"}), **overrides
		)
		for action in ("Explore", "Write Business Plan", "Found"):
			doc = apply_action(doc, action)
		return doc

	def test_creates_the_organisation_once_and_links_back(self):
		from slup_crm.development.doctype.social_enterprise_startup.social_enterprise_startup import (
			create_organisation,
		)

		doc = self.founded_startup(enterprise_name="Haninge Återbruk ek. för.")
		name = create_organisation(doc.name, VALID_ORGNRS[3].replace("-", ""))
		organisation = frappe.get_doc("Organisation", name)
		self.assertEqual(organisation.organisation_type, "Social Enterprise")
		self.assertEqual(organisation.organisation_name, "Haninge Återbruk ek. för.")
		self.assertEqual(organisation.organisation_number, VALID_ORGNRS[3])
		self.assertEqual(organisation.located_in, doc.municipality)
		self.assertEqual(frappe.db.get_value("Social Enterprise Startup", doc.name, "organisation"), name)
		with self.assertRaisesRegex(frappe.ValidationError, "already linked"):
			create_organisation(doc.name)
		self.assertEqual(
			frappe.db.count("Organisation", {"organisation_name": "Haninge Återbruk ek. för."}), 1
		)

	def test_invalid_organisation_number_creates_nothing(self):
		from slup_crm.development.doctype.social_enterprise_startup.social_enterprise_startup import (
			create_organisation,
		)

		doc = self.founded_startup(enterprise_name="Felnummer AB svb")
		with self.assertRaisesRegex(frappe.ValidationError, "not a valid Swedish organisation number"):
			create_organisation(doc.name, "556036-0794")
		self.assertFalse(frappe.db.exists("Organisation", {"organisation_name": "Felnummer AB svb"}))

	def test_a_startup_not_yet_founded_cannot_be_registered(self):
		doc = make_startup()
		with self.assertRaisesRegex(frappe.ValidationError, "Only a founded start-up"):
			doc.create_organisation()


class TestStageHistory(FrappeTestCase):
	def test_history_and_days_in_stage_are_exact(self):
		with self.freeze_time("2026-03-01 09:00:00"):
			doc = make_policy_adoption()
		with self.freeze_time("2026-03-04 09:00:00"):
			doc = apply_action(doc, "Start Dialogue")
		with self.freeze_time("2026-03-11 21:00:00"):
			doc = apply_action(doc, "Start Information Campaign")
		with self.freeze_time("2026-03-16 21:00:01"):
			doc = frappe.get_doc("Policy Adoption", doc.name)
			self.assertEqual(doc.days_in_stage, 5)
		with self.freeze_time("2026-03-16 20:59:59"):
			self.assertEqual(frappe.get_doc("Policy Adoption", doc.name).days_in_stage, 4)
		history = stage_history("Policy Adoption", doc.name)
		self.assertEqual(
			[(h.from_stage, h.to_stage, h.days_in_previous_stage) for h in history],
			[
				(None, "Not contacted", 0.0),
				("Not contacted", "In dialogue", 3.0),
				("In dialogue", "Information campaign", 7.5),
			],
		)
		self.assertEqual(str(history[1].changed_on), "2026-03-04 09:00:00")
		self.assertEqual(history[1].changed_by, "Administrator")

	def test_saving_without_a_stage_change_records_nothing(self):
		doc = make_startup()
		doc.sector = "Café och catering"
		doc.save()
		self.assertEqual(len(stage_history("Social Enterprise Startup", doc.name)), 1)

	def test_startups_share_the_same_history_mechanism(self):
		doc = make_startup()
		doc = apply_action(doc, "Explore")
		self.assertEqual(
			[h.to_stage for h in stage_history("Social Enterprise Startup", doc.name)],
			["Idea", "Exploration"],
		)


class TestStaleReminders(FrappeTestCase):
	def todos(self, doc):
		return frappe.get_all(
			"ToDo",
			filters={
				"reference_type": doc.doctype,
				"reference_name": doc.name,
				"allocated_to": "Administrator",
			},
			pluck="description",
		)

	def test_one_todo_per_stale_period(self):
		with self.freeze_time("2026-01-01 10:00:00"):
			doc = make_startup(responsible="Administrator")
		for day, expected in [
			("2026-02-28 10:00:00", 0),  # 58 days
			("2026-03-02 11:00:00", 1),  # 60 days: first reminder
			("2026-03-03 11:00:00", 1),  # the next day: not again
			("2026-04-20 11:00:00", 1),
			("2026-05-01 11:00:00", 2),  # 120 days: a second period
			("2026-05-02 11:00:00", 2),
		]:
			with self.freeze_time(day):
				send_stale_reminders()
			self.assertEqual(len(self.todos(doc)), expected, day)
		self.assertIn("for 60 days", self.todos(doc)[-1] + self.todos(doc)[0])

	def test_moving_starts_a_new_stale_period(self):
		with self.freeze_time("2026-01-01 10:00:00"):
			doc = make_startup(responsible="Administrator")
		with self.freeze_time("2026-03-05 10:00:00"):
			send_stale_reminders()
			doc = apply_action(doc, "Explore")
			send_stale_reminders()
		self.assertEqual(len(self.todos(doc)), 1)
		with self.freeze_time("2026-05-05 10:00:00"):
			send_stale_reminders()
		self.assertEqual(len(self.todos(doc)), 2)

	def test_overdue_next_step_reminds_once_per_due_date(self):
		doc = make_policy_adoption(
			responsible="Administrator",
			next_step="Boka möte med kommunstyrelsen",
			next_step_due=add_days(today(), -1),
		)
		send_stale_reminders()
		send_stale_reminders()
		todos = self.todos(doc)
		self.assertEqual(len(todos), 1)
		self.assertIn("Boka möte med kommunstyrelsen", todos[0])
		doc.next_step_due = add_days(today(), -2)
		doc.save()
		send_stale_reminders()
		self.assertEqual(len(self.todos(doc)), 2)

	def test_closed_stages_and_records_without_responsible_get_no_reminder(self):
		with self.freeze_time("2026-01-01 10:00:00"):
			nobody = make_startup()
			doc = make_policy_adoption(responsible="Administrator")
			with self.set_user("Administrator"):
				doc.reload()
				doc.discontinued_reason = None
			frappe.db.set_value("Policy Adoption", doc.name, "stage", "Declined")
		with self.freeze_time("2026-06-01 10:00:00"):
			send_stale_reminders()
		self.assertEqual(self.todos(doc), [])
		self.assertEqual(self.todos(nobody), [])

	def test_stale_period_comes_from_settings(self):
		settings = frappe.get_doc("SLUP Settings")
		settings.stale_after_days = 10
		settings.save()
		with self.freeze_time("2026-01-01 10:00:00"):
			doc = make_startup(responsible="Administrator")
		with self.freeze_time("2026-01-12 10:00:00"):
			send_stale_reminders()
		self.assertEqual(len(self.todos(doc)), 1)


class TestPipelineSetup(FrappeTestCase):
	def test_workflows_and_kanban_boards_exist(self):
		for name, field in (("Policy Adoption", "stage"), ("Social Enterprise Startup", "stage")):
			workflow = frappe.get_doc("Workflow", name)
			self.assertTrue(workflow.is_active)
			self.assertEqual(workflow.workflow_state_field, field)
			board = frappe.get_doc("Kanban Board", f"{name} Pipeline")
			self.assertEqual(board.field_name, "stage")
			self.assertEqual(
				[c.column_name for c in board.columns],
				frappe.get_meta(name).get_field("stage").options.split("\n"),
			)
		from slup_crm.development.stages import POLICY_ADOPTION, SOCIAL_ENTERPRISE_STARTUP

		for doctype, stages in (
			("Policy Adoption", POLICY_ADOPTION.stage_names),
			("Social Enterprise Startup", SOCIAL_ENTERPRISE_STARTUP.stage_names),
		):
			self.assertEqual([s.state for s in frappe.get_doc("Workflow", doctype).states], list(stages))
			self.assertEqual(frappe.get_meta(doctype).get_field("stage").options.split("\n"), list(stages))


class TestWorkflowLabels(FrappeTestCase):
	def test_every_shipped_workflow_action_is_listed_for_translation(self):
		from slup_crm.development.stages import POLICY_ADOPTION, SOCIAL_ENTERPRISE_STARTUP

		listed = {*POLICY_ADOPTION.actions, *SOCIAL_ENTERPRISE_STARTUP.actions}
		self.assertTrue(listed <= extracted_msgids())
		shipped = set(
			frappe.get_all(
				"Workflow Transition",
				filters={"parent": ("in", ["Policy Adoption", "Social Enterprise Startup"])},
				pluck="action",
			)
		)
		self.assertEqual(listed, shipped)


class TestDescriptors(FrappeTestCase):
	"""Each pipeline's descriptor is the one source: its options, workflow, fixtures and labels."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from slup_crm.pipelines.registry import pipelines

		cls.pipelines = pipelines()

	def test_the_four_pipelines_are_listed(self):
		self.assertEqual(
			[p.doctype for p in self.pipelines],
			["Policy Adoption", "Social Enterprise Startup", "Development Project", "Gateway Participant"],
		)

	def test_stage_options_and_fixture_files_are_written_from_the_descriptors(self):
		from slup_crm.pipelines.files import stale_files

		self.assertEqual(stale_files(self.pipelines), [], "run scripts/pipeline-files")

	def test_the_sites_workflows_are_the_descriptors(self):
		for p in self.pipelines:
			workflow = frappe.get_doc("Workflow", p.workflow_name)
			self.assertEqual((workflow.document_type, workflow.workflow_state_field), (p.doctype, "stage"))
			self.assertTrue(workflow.is_active)
			self.assertEqual([s.state for s in workflow.states], list(p.stage_names))
			self.assertEqual({s.allow_edit for s in workflow.states}, {p.editors})
			self.assertEqual(
				[(t.state, t.action, t.next_state, t.allowed) for t in workflow.transitions],
				[(t.state, t.action, t.next_state, role) for t in p.transitions for role in p.roles_of(t)],
			)
			self.assertEqual(
				frappe.get_meta(p.doctype).get_field("stage").options.split("\n"), list(p.stage_names)
			)
			for stage in p.stages:
				self.assertEqual(frappe.db.get_value("Workflow State", stage.name, "style"), stage.style)
			for action in p.actions:
				self.assertTrue(frappe.db.exists("Workflow Action Master", action))

	def test_the_sites_kanban_boards_are_the_descriptors(self):
		from slup_crm.pipelines.descriptor import KANBAN_INDICATORS

		for p in self.pipelines:
			if not p.kanban:
				continue
			board = frappe.get_doc("Kanban Board", p.kanban.name)
			self.assertEqual((board.reference_doctype, board.field_name), (p.doctype, "stage"))
			self.assertEqual(
				[(c.column_name, c.indicator) for c in board.columns],
				[(s.name, KANBAN_INDICATORS[s.style]) for s in p.stages],
			)
			self.assertEqual(frappe.parse_json(board.fields), list(p.kanban.fields))

	def test_every_stage_action_and_board_is_listed_for_translation_in_swedish(self):
		from tests.integration.test_translations import swedish

		catalogue = swedish()
		for p in self.pipelines:
			names = {*p.stage_names, *p.actions, *([p.kanban.name] if p.kanban else [])}
			self.assertFalse(names - extracted_msgids(), p.doctype)
			self.assertFalse({n for n in names if not catalogue.get(n)}, p.doctype)

	def test_pipeline_forms_share_one_headline_and_controllers_share_one_base(self):
		from frappe.model.base_document import get_controller

		from slup_crm.pipelines.document import PipelineDocument

		doctype_js = frappe.get_hooks("doctype_js")
		for p in self.pipelines:
			self.assertTrue(issubclass(get_controller(p.doctype), PipelineDocument))
			self.assertIn("pipelines/pipeline_form.js", doctype_js.get(p.doctype, []))

	def test_cards_and_charts_name_the_descriptors_stages(self):
		"""A card or chart that filters a pipeline on its stage names stages of the pipeline; the
		projects' budget chart counts the active stages."""
		by_doctype = {p.doctype: p for p in self.pipelines}
		seen = 0
		for doctype in ("Number Card", "Dashboard Chart"):
			for record in frappe.get_all(
				doctype,
				filters={
					"module": ("in", frappe.get_module_list("slup_crm")),
					"document_type": ("in", list(by_doctype)),
				},
				fields=["name", "document_type", "filters_json"],
			):
				for _doctype, field, _op, value, *_rest in frappe.parse_json(record.filters_json or "[]"):
					if field != "stage":
						continue
					seen += 1
					stages = value if isinstance(value, list) else [value]
					by_doctype[record.document_type].subset(*stages)
					if record.name == "Budget per Fund":
						self.assertEqual(tuple(stages), by_doctype[record.document_type].active_stages)
		self.assertGreaterEqual(seen, 2)
