"""Small counts left out of a table of figures, so that nobody can be singled out.

A count of one or two people in a cell (women of 55-64 referred by Försäkringskassan) can tell who
they are. ``suppress`` hides every count from 1 up to below the threshold (primary suppression),
and then, wherever a row or a column has exactly one hidden count, the smallest other non-zero
count of it too (secondary suppression): with its total known, a lone hidden count could be
worked out. Zeros stay: they name nobody. Pure Python, no Frappe.
"""

HIDDEN = None


def is_small(count: int | None, threshold: int) -> bool:
	return count is not None and 0 < count < threshold


def suppress(table: list[list[int]], threshold: int) -> list[list[int | None]]:
	"""A copy of ``table`` (rows of counts, every row as long) with the small counts and those they
	could be worked out from set to ``HIDDEN``."""
	cells = [list(row) for row in table]
	if threshold <= 1:
		return cells
	for row in cells:
		for j, count in enumerate(row):
			if is_small(count, threshold):
				row[j] = HIDDEN
	changed = True
	while changed:
		changed = False
		lines = [[(i, j) for j in range(len(row))] for i, row in enumerate(cells)]
		lines += [[(i, j) for i in range(len(cells))] for j in range(len(cells[0]) if cells else 0)]
		for line in lines:
			hidden = [(i, j) for i, j in line if cells[i][j] is HIDDEN]
			shown = [(cells[i][j], i, j) for i, j in line if cells[i][j] is not HIDDEN and cells[i][j]]
			if len(hidden) == 1 and shown:
				_count, i, j = min(shown)
				cells[i][j] = HIDDEN
				changed = True
	return cells
