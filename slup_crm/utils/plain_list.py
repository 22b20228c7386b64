"""``frappe.get_all`` for the few shapes of list that the forms' summaries, the timelines and My work
read, at the cost of the SQL alone.

Frappe's ``DatabaseQuery`` costs about 1 ms more than the SQL it writes for a small list: it runs
each filter's column through sqlparse (a guard against SQL in a request's filters), reads hooks and
builds each condition through several layers. A form that reads twenty lists paid more for that than
for the SQL itself (`scripts/benchmark.py glance`). ``plain_list`` writes the same SQL for the shapes
those readers use, with the same null handling as Frappe's ``prepare_filter_condition``: a
condition's column is wrapped in ``ifnull`` exactly where Frappe wraps it, child tables are joined
as Frappe joins them, the default order is the doctype's. Their fields, filters and order come from
the app's code, never from a request; a field or order outside plain names, and an operator or value
outside the ones below, raise ``Unsupported``, and ``readable_list`` then asks ``frappe.get_all``.
It reads like ``get_all``: no permission checks (the caller has made sure none are needed). The
integration tests compare both on every shape (tests/integration/test_plain_list.py).
"""

import datetime
import re

import frappe
from frappe.database.utils import DefaultOrderBy, FallBackDateTimeStr
from frappe.utils import cstr, flt

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
TABLE = r"`tab([A-Za-z][A-Za-z0-9 _-]*)`"
FIELD = re.compile(rf"^(?:{TABLE}\.)?`?({NAME})`?(?: as `?({NAME})`?)?$")
COUNT = re.compile(rf"^count\(distinct {TABLE}\.`?name`?\) as `?({NAME})`?$", re.I)
ORDER = re.compile(rf"^(?:{TABLE}\.)?`?({NAME})`? (asc|desc)$", re.I)
COLUMN = re.compile(rf"^{NAME}$")

NEVER_NULL = ("name", "modified", "creation")  # Frappe's: never null, so never wrapped
NUMERIC = ("Check", "Float", "Int", "Currency", "Percent")
DATES = ("Date", "Datetime")
COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")
FALLBACK_DATETIME = f"'{FallBackDateTimeStr}'"


class Unsupported(Exception):
	"""A list outside the shapes ``plain_list`` writes (``frappe.get_all`` reads it instead)."""


class Query:
	"""The tables, conditions and values of one list."""

	def __init__(self, doctype: str):
		self.doctype = doctype
		self.tables = [doctype]
		self.values: list = []

	def table(self, doctype: str | None) -> str:
		"""The table of ``doctype`` (the list's own when None); a child table is joined at first use."""
		doctype = doctype or self.doctype
		if doctype not in self.tables:
			if not frappe.get_meta(doctype).istable:
				raise Unsupported(f"{doctype} is not a child table")  # Frappe would read a link table
			self.tables.append(doctype)
		return f"`tab{doctype}`"

	def field(self, text: str) -> str:
		if found := COUNT.match(text.strip()):
			return f"count(distinct {self.table(found[1])}.`name`) as `{found[2]}`"
		found = FIELD.match(text.strip())
		if not found:
			raise Unsupported(text)
		column = f"{self.table(found[1])}.`{found[2]}`"
		return f"{column} as `{found[3]}`" if found[3] else column

	def order(self, text: str) -> str:
		found = ORDER.match(text.strip())
		if not found:
			raise Unsupported(text)
		return f"{self.table(found[1])}.`{found[2]}` {found[3]}"

	def conditions(self, filters) -> list[str]:
		if not filters:
			return []
		if isinstance(filters, dict):
			return [
				self.condition(None, field, *operator_and_value(value)) for field, value in filters.items()
			]
		out = []
		for f in filters:
			if isinstance(f, list | tuple) and len(f) == 4:
				out.append(self.condition(f[0], f[1], f[2], f[3]))
			elif isinstance(f, list | tuple) and len(f) == 3:
				out.append(self.condition(None, f[0], f[1], f[2]))
			else:
				raise Unsupported(repr(f))
		return out

	def condition(self, doctype: str | None, field: str, operator: str, value) -> str:
		"""The condition as ``DatabaseQuery.prepare_filter_condition`` writes it, with its value as a
		parameter."""
		if not isinstance(field, str) or not COLUMN.match(field) or not isinstance(operator, str):
			raise Unsupported(repr(field))
		column = f"{self.table(doctype)}.`{field}`"
		df = frappe.get_meta(doctype or self.doctype).get_field(field)
		fieldtype = df.fieldtype if df else None
		operator = operator.lower()
		can_be_null = field not in NEVER_NULL

		if operator in ("in", "not in"):
			if not isinstance(value, list | tuple | set):
				raise Unsupported("a list of values")
			values = list(value)
			if operator == "in":
				can_be_null &= not values or any(v is None or v == "" for v in values)
			values = [cstr(v).strip() for v in values] or [""]
			self.values += values
			return wrapped(column, "''", can_be_null) + f" {operator} ({', '.join(['%s'] * len(values))})"

		if operator == "is":
			if value == "set":
				return f"{column} != ''"
			if value == "not set":
				return f"ifnull({column}, '') = ''"
			raise Unsupported(repr(value))

		if operator not in COMPARISONS:
			raise Unsupported(operator)
		if value is None or isinstance(value, list | tuple | set | dict):
			raise Unsupported(repr(value))  # Frappe writes a literal '' or the list's text for these
		if fieldtype in NUMERIC:
			can_be_null = False
		if operator in (">", ">=") and (field in ("creation", "modified") or fieldtype in DATES):
			can_be_null = False  # null is never greater

		if operator in (">", "<", ">=", "<=") and field in ("creation", "modified"):
			parameter, fallback, can_be_null = cstr(value), FALLBACK_DATETIME, False
		elif fieldtype == "Date":
			parameter, fallback = frappe.db.format_date(value), "'0001-01-01'"
		elif fieldtype == "Datetime" or isinstance(value, datetime.datetime):
			parameter, fallback = frappe.db.format_datetime(value), FALLBACK_DATETIME
		elif fieldtype == "Time":
			raise Unsupported("a time")
		elif isinstance(value, str) and fieldtype not in NUMERIC:
			parameter, fallback = value, "''"
		elif fieldtype in NUMERIC and isinstance(value, int | float):
			parameter, fallback = flt(value), 0
		else:
			raise Unsupported(repr(value))  # a number for a text, a text for a number: left to Frappe

		self.values.append(parameter)
		if not can_be_null or (value and operator == "="):
			return f"{column} {operator} %s"
		return f"ifnull({column}, {fallback}) {operator} %s"

	def default_order(self, fields: list[str]) -> str:
		"""The doctype's sort order, as Frappe adds it (not to a lone aggregate)."""
		first = fields[0].lower() if len(fields) == 1 else ""
		if first.startswith(("count(", "min(", "max(", "sum(", "avg(")):
			return ""
		meta = frappe.get_meta(self.doctype)
		if meta.sort_field and "," in meta.sort_field:
			return ", ".join(
				f"`tab{self.doctype}`.`{part.split()[0]}` {part.split()[1]}"
				for part in meta.sort_field.split(",")
			)
		sort_field = meta.sort_field or "modified"
		sort_order = (meta.sort_field and meta.sort_order) or "desc"
		return f"`tab{self.doctype}`.`{sort_field}` {sort_order}"


def operator_and_value(value) -> tuple:
	"""A dict filter's value as Frappe reads it: ``(operator, value)`` or a value for "="."""
	if isinstance(value, list | tuple):
		if len(value) == 2 and isinstance(value[0], str):
			return value[0], value[1]
		raise Unsupported(repr(value))
	return "=", value


def wrapped(column: str, fallback: str, can_be_null: bool) -> str:
	return f"ifnull({column}, {fallback})" if can_be_null else column


def plain_list(
	doctype: str,
	filters=None,
	or_filters=None,
	fields: list[str] | None = None,
	order_by: str | None = DefaultOrderBy,
	limit: int | None = None,
	pluck: str | None = None,
	as_list: bool = False,
) -> list:
	"""What ``frappe.get_all`` with these arguments returns; ``Unsupported`` for other shapes."""
	query = Query(doctype)
	fields = [pluck] if pluck else list(fields or ["name"])
	columns = [query.field(f) for f in fields]
	conditions = query.conditions(filters)
	alternatives = query.conditions(or_filters)
	if alternatives:
		conditions.append(f"({' or '.join(alternatives)})")
	if order_by == DefaultOrderBy:
		order = query.default_order(fields)
	else:
		order = query.order(order_by) if order_by else ""

	tables = f"`tab{doctype}`"
	for child in query.tables[1:]:
		tables += f" left join `tab{child}` on (`tab{child}`.parenttype = %s and `tab{child}`.parent = `tab{doctype}`.name)"
	parameters = [doctype] * (len(query.tables) - 1) + query.values
	sql = f"select {', '.join(columns)} from {tables}"
	if conditions:
		sql += " where " + " and ".join(conditions)
	if order:
		sql += f" order by {order}"
	if limit:
		sql += f" limit {int(limit)}"
	rows = frappe.db.sql(sql, parameters, as_dict=not as_list)
	if pluck:
		return [row[pluck] for row in rows]
	return rows
