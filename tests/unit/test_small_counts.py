"""Small counts left out of a table (slup_crm.utils.small_counts): no Frappe."""

from slup_crm.utils.small_counts import HIDDEN, suppress


def test_counts_under_the_threshold_are_hidden_and_zeros_stay():
	assert suppress([[0, 7, 7], [6, 8, 14]], 5) == [[0, 7, 7], [6, 8, 14]]
	table = suppress([[3, 7, 10], [6, 8, 14], [9, 15, 24]], 5)
	assert table[0][0] is HIDDEN


def test_no_row_or_column_keeps_a_lone_hidden_count():
	table = suppress([[3, 7, 10], [6, 8, 14], [9, 15, 24]], 5)
	for line in [*table, *zip(*table, strict=True)]:
		assert sum(1 for n in line if n is HIDDEN) != 1, table


def test_a_threshold_of_one_hides_nothing():
	assert suppress([[1, 2, 3]], 1) == [[1, 2, 3]]
