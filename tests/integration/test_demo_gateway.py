"""The demo's gateway: invented participants on their way into placements, with a month of host grants."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, get_first_day, getdate

from slup_crm.gateway.compensation import monthly_compensation
from slup_crm.gateway.stages import PHASE_3
from slup_crm.setup import demo


def demo_names(doctype):
	return frappe.get_all(doctype, filters={"_user_tags": ("like", f"%{demo.DEMO_TAG}%")}, pluck="name")


class TestDemoGateway(FrappeTestCase):
	"""The last test removes the demo (tests run in name order)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.counts = demo.load(force=True)

	def test_participants_at_every_step_of_the_path_none_in_phase_3(self):
		participants = frappe.get_all(
			"Gateway Participant",
			filters={"name": ("in", demo_names("Gateway Participant"))},
			fields=["name", "stage", "programme_phase", "email", "outcome"],
		)
		self.assertEqual(len(participants), 6)
		self.assertEqual({p.stage for p in participants}, {"Referred", "Training", "Placement", "Ended"})
		self.assertFalse([p for p in participants if p.programme_phase == PHASE_3])
		self.assertFalse([p for p in participants if p.email and not p.email.endswith("@example.se")])
		ended = [p for p in participants if p.stage == "Ended"]
		self.assertEqual([p.outcome for p in ended], ["Education"])
		history = frappe.get_all(
			"Stage Change",
			filters={"reference_doctype": "Gateway Participant", "reference_name": ended[0].name},
			pluck="changed_on",
		)
		self.assertEqual(len(history), 4)
		self.assertTrue(all(getdate(moment) < getdate() for moment in history))

	def test_three_placements_with_last_months_attendance_and_one_host_paid(self):
		placements = frappe.get_all(
			"Placement",
			filters={"name": ("in", demo_names("Placement"))},
			fields=["host_type", "host_name", "daily_rate", "total_days"],
		)
		self.assertEqual(len(placements), 3)
		self.assertIn("Social Enterprise Startup", {p.host_type for p in placements})
		self.assertEqual({p.daily_rate for p in placements}, {150})
		last_month = get_first_day(add_months(getdate(), -1))
		hosts = {row.host_name: row for row in monthly_compensation(last_month, last_month)}
		self.assertEqual(
			(hosts["Blå Vägen"].days, hosts["Blå Vägen"].amount, hosts["Blå Vägen"].paid), (14, 2100, 1)
		)
		self.assertEqual((hosts["Livsval"].days, hosts["Livsval"].paid), (12, 0))
		paid = frappe.get_all(
			"Host Compensation",
			filters={"name": ("in", demo_names("Host Compensation"))},
			fields=["docstatus", "amount"],
		)
		self.assertEqual([(p.docstatus, p.amount) for p in paid], [(1, 2100)])

	def test_when_the_demo_is_removed_its_paid_month_goes_too(self):
		demo.remove()
		for doctype in ("Gateway Participant", "Placement", "Host Compensation"):
			self.assertEqual(demo_names(doctype), [], doctype)
