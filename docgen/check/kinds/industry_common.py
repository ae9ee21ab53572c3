"""Shared reading helpers of the industry-wide audit rule kinds (``industry_levels``,
``industry_relations``); registers no kind itself.

Those kinds compare figures across the rows of a table whose rows are enterprises or levels, so
they need: the detail rows with the text of one concept column, a printed figure as an interval,
and whether a printed percentage can stand for a computed share.
"""

from __future__ import annotations

from decimal import Decimal

from docgen.check.kinds.numeric import concept_column, find_tables, number_at, origin_cell
from docgen.check.numbers import ParsedNumber
from docgen.read.normalize import norm

HUNDRED = Decimal(100)


def table_and_columns(ctx, spec, concepts: list[str], *, required: bool | None = None):
    """(match, {concept: column}) of the best table for ``spec``; concepts not found map to None."""
    found = find_tables(ctx, spec, required=required)
    if not found:
        return None, {}
    match = found[0]
    return match, {c: concept_column(match, spec, c) for c in concepts}


def cell_text(table, r: int, c: int | None) -> str:
    if c is None:
        return ""
    cell = origin_cell(table, r, c)
    return cell.text.strip() if cell is not None else ""


def same(a: str, b: str) -> bool:
    """Equal in the matching form (full/half width, spaces, traditional → simplified)."""
    return norm(a) == norm(b)


def integer_at(table, r: int, c: int | None) -> int | None:
    """A count cell ("22", "22 家"); None when blank or not a whole number."""
    if c is None:
        return None
    num = number_at(table, r, c)
    if num is None or num.value != num.value.to_integral_value():
        return None
    return int(num.value)


def share_matches(printed: ParsedNumber, exact: Decimal) -> bool:
    """Whether a printed share ("22.73%", or an unmarked 22.73 / 0.2273) can stand for ``exact``
    (a fraction): within half a unit of its last digit, in any reading of the printed figure."""
    return any(iv.contains(exact) for iv in printed.rate_readings())

