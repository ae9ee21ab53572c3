"""Shared machinery of the builders: the build context, the registry and ``make_table``.

Why: every builder only gathers values row by row; expanding the catalogue's repeated columns
(近三年 years, T-11 candidates), laying out one- or two-row headers, printing cells and checking
that every row has the header's width happen here once, so no table can drift from its spec.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from docgen.model import AuditData

from .catalogue import ColumnSpec, TableSpec
from .cells import raw_value, render
from .model import TableData

ZERO = Decimal(0)

Builder = Callable[["BuildContext", TableSpec], "TableData | None"]
BUILDERS: dict[str, Builder] = {}


def register(*table_ids: str) -> Callable[[Builder], Builder]:
    """Register a builder for one or more table ids (A-7 reuses T-23's builder, …)."""

    def wrap(func: Builder) -> Builder:
        for tid in table_ids:
            if tid in BUILDERS:
                raise RuntimeError(f"表 {tid} 的生成函数重复注册")
            BUILDERS[tid] = func
        return func

    return wrap


@dataclass
class BuildContext:
    """One audit and its derived figures, computed at most once for all tables of a report."""

    audit: AuditData
    given_figures: object | None = None
    extra: dict = field(default_factory=dict)
    #: "evaluation" | "acceptance" | None (a single table outside a report). The evaluation report
    #: shows the audit as of its report date: 中/高费 results and target attainment come later.
    kind: str | None = None

    @cached_property
    def figures(self):
        if self.given_figures is not None:
            return self.given_figures
        from docgen.derive import derive_figures

        return derive_figures(self.audit)

    @property
    def years(self) -> list[int]:
        return list(self.audit.baseline.years)

    @property
    def baseline_year(self) -> int:
        return self.audit.audit.baseline_year


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _fill(text: str, values: dict) -> str:
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def expand_columns(spec: TableSpec, ctx: BuildContext, **values) -> list[ColumnSpec]:
    """The concrete columns: repeated groups expanded item by item, placeholders filled.

    Consecutive columns with the same ``repeat`` form one group, expanded item-major — T-11 gives
    候选1 得分 R, 候选1 加权分, 候选2 得分 R, … as real reports print them.
    """
    items = {"years": ctx.years, "candidates": values.pop("candidates", [])}
    singular = {"years": "year", "candidates": "candidate"}
    base = {"baseline_year": ctx.baseline_year, **values}
    result: list[ColumnSpec] = []
    columns = list(spec.columns)
    i = 0
    while i < len(columns):
        col = columns[i]
        if col.repeat is None:
            result.append(_concrete(col, base))
            i += 1
            continue
        j = i
        while j < len(columns) and columns[j].repeat == col.repeat:
            j += 1
        for item in items[col.repeat]:
            filled = {**base, singular[col.repeat]: item}
            result.extend(_concrete(c, filled) for c in columns[i:j])
        i = j
    return result


def _concrete(col: ColumnSpec, values: dict) -> ColumnSpec:
    label = _fill(col.label, values)
    group = _fill(col.group, values) if col.group else None
    header = f"{group}/{label}" if group else label
    return ColumnSpec(header, col.numeric, col.places, col.precision, group, label, None)


def header_rows(columns: Sequence[ColumnSpec]) -> list[list[str]]:
    """One header row, or two when any column has a group (the top row repeats spanning labels)."""
    if not any(c.group for c in columns):
        return [[c.label for c in columns]]
    return [[c.group or c.label for c in columns], [c.label for c in columns]]


def make_table(
    spec: TableSpec,
    ctx: BuildContext,
    rows: list[list[object]],
    *,
    total: list[object] | None = None,
    note: str | None = None,
    name: str | None = None,
    **values,
) -> TableData:
    """Expand the spec's columns, print every cell and check the shape."""
    columns = expand_columns(spec, ctx, **values)
    width = len(columns)
    for n, row in enumerate(rows + ([total] if total is not None else [])):
        if len(row) != width:
            raise ValueError(f"{spec.id} 第 {n + 1} 行有 {len(row)} 列，表头有 {width} 列")
    if spec.total_row and total is None:
        raise ValueError(f"{spec.id} 须有合计行")
    return TableData(
        id=spec.id,
        name=name or spec.name,
        header_rows=header_rows(columns),
        rows=[[render(cell, columns[i]) for i, cell in enumerate(row)] for row in rows],
        numeric_cols={i for i, c in enumerate(columns) if c.numeric},
        total_row=[render(cell, columns[i]) for i, cell in enumerate(total)] if total is not None else None,
        note=note or None,
        raw_rows=[[raw_value(cell) for cell in row] for row in rows],
        raw_total=[raw_value(cell) for cell in total] if total is not None else None,
        placement=spec.placement,
    )


def dsum(values) -> Decimal:
    """Σ with Decimal, skipping ``None`` (a 合计 is computed, never typed — domain.md §7.8-1)."""
    return sum((Decimal(v) for v in values if v is not None), ZERO)


def dsum_or_none(values) -> Decimal | None:
    """Σ of the values present, or ``None`` when none is present (prints "—", not a false 0)."""
    present = [v for v in values if v is not None]
    return dsum(present) if present else None
