"""Helpers for writing report sentences: lists with 、和, quantities with units, dates, references.

Conventions (issue 3): 万元 to 2 decimals, tce to 2, rates as 12.3%, dates as 2025年3月15日; the
counts a sentence states come from the same lists the tables are built from, so text and tables agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from docgen.derive.figures import Figures
from docgen.model import AuditData
from docgen.numfmt import fmt_date, fmt_month, fmt_number, fmt_percent, fmt_readable, places_for
from docgen.render.tablexml import table_ref


@dataclass
class ProseContext:
    audit: AuditData
    figures: Figures
    kind: str  # "evaluation" | "acceptance"
    tables: set[str] = field(default_factory=set)  # ids of tables present in this report

    def ref(self, table_id: str) -> str:
        """"见表X-Y" material: the id is replaced by the table's number after rendering."""
        return table_ref(table_id) if table_id in self.tables else "相关表格"


def join(items, last: str = "和") -> str:
    items = [str(i) for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return "、".join(items[:-1]) + last + items[-1]


def qty(value, unit: str, places: int | None = None) -> str:
    """``12.5 万kWh``; whole numbers without decimals (产量 1320 t); tiny per-unit figures switch
    to a smaller unit (0.714 kgce/m²)."""
    if value is None:
        return "—"
    value = Decimal(value)
    if places is None:
        places = 0 if value == value.to_integral_value() else places_for(unit, 2)
    return fmt_readable(value, unit, places)


def money(value) -> str:
    return f"{fmt_number(value, 2)}万元"


def pct(fraction, places: int = 1) -> str:
    return fmt_percent(fraction, places)


def num(value, places: int = 2) -> str:
    return fmt_number(value, places)


def date(value) -> str:
    return fmt_date(value)


def month(value) -> str:
    return fmt_month(value)


def sentences(*parts: str) -> str:
    return "".join(p for p in parts if p)
