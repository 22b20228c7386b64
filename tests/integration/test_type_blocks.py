"""The generated type blocks of the app's controllers say what their doctypes' JSON says."""

from frappe.tests.utils import FrappeTestCase

from slup_crm.utils.type_blocks import doctype_files, stale, type_block


class TestTypeBlocks(FrappeTestCase):
	def test_every_type_block_is_as_frappe_generates_it(self):
		self.assertGreater(len(doctype_files()), 30)
		self.assertEqual(
			stale(),
			[],
			"stale type blocks: bench --site SITE execute slup_crm.utils.type_blocks.regenerate, then ruff",
		)

	def test_a_block_that_lacks_a_field_is_told_from_one_that_is_laid_out_otherwise(self):
		block = "{0}\nif TYPE_CHECKING:\n\t{1}\n{2}"
		start, end = "# begin: auto-generated types", "# end: auto-generated types"
		one_line = block.format(start, 'kind: DF.Literal["Bus", "Train"]\n\tseats: DF.Int', end)
		wrapped = block.format(
			start, 'kind: DF.Literal[\n\t\t"Bus",\n\t\t"Train",\n\t]\n\tseats: DF.Int', end
		)
		lacking = block.format(start, 'kind: DF.Literal["Bus", "Train"]', end)
		self.assertEqual(type_block(one_line), type_block(wrapped))
		self.assertNotEqual(type_block(one_line), type_block(lacking))
