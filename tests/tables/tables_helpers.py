"""Helpers of the table tests: sample discovery, number parsing, the data conditions of optional tables.

The conditions are written here independently of the builders, from the model alone, so that a
builder that wrongly returns ``None`` (or builds a table from nothing) is caught.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("audit-*.yaml"))
TINY = Path(__file__).resolve().parent / "data" / "tiny-audit.yaml"

NUMBER = re.compile(r"^-?\d+(\.\d+)?%?$")
BAD_CELLS = {"", "None", "none", "nan", "NaN", "null", "NULL"}


def parse_number(text: str) -> Decimal | None:
    """A printed numeric cell: "—" → None, "12.3%" → Decimal("12.3"), "1234.50" → Decimal."""
    if text == "—":
        return None
    assert NUMBER.match(text), f"不是数值：{text!r}"
    return Decimal(text.rstrip("%"))


def fmt2(value: Decimal) -> str:
    """Plain ROUND_HALF_UP to 2 decimals, written here independently of docgen.numfmt."""
    from decimal import ROUND_HALF_UP

    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _any(items) -> bool:
    return any(True for _ in items)


#: When an optional table must exist (table id → predicate on AuditData).
CONDITIONS = {
    "T-4": lambda a: bool(a.organisation.barriers),
    "T-9a": lambda a: bool(a.baseline.wastewater),
    "T-9b": lambda a: bool(a.baseline.waste_gas),
    "T-9c": lambda a: bool(a.baseline.solid_waste),
    "T-9d": lambda a: bool(a.baseline.noise),
    "T-14": lambda a: a.water_balance is not None,
    "T-17": lambda a: _any(s for s in a.schemes if s.screening is not None),
    "T-18": lambda a: _any(s for s in a.schemes if s.cost_class == "无/低费" and s.status == "已实施"),
    "T-19a": lambda a: _any(s for s in a.schemes if s.cost_class == "中/高费" and s.feasibility is not None),
    "T-19b": lambda a: _any(s for s in a.schemes if s.cost_class == "中/高费" and s.feasibility is not None),
    "T-19c": lambda a: _any(s for s in a.schemes if s.cost_class == "中/高费" and s.feasibility is not None),
    "T-21": lambda a: _any(
        s for s in a.schemes if s.status != "不予实施" and (s.cost_class == "中/高费" or s.status in ("拟实施", "实施中"))
    ),
    "T-22": lambda a: _any(s for s in a.schemes if s.cost_class == "中/高费" and s.status == "已实施"),
    "T-23": lambda a: _any(t for t in a.targets if t.actual is not None),
    "A-2": lambda a: bool(a.evaluation_opinions),
    "A-3": lambda a: _any(s for s in a.schemes if s.cost_class == "无/低费"),
    "A-4": lambda a: _any(s for s in a.schemes if s.cost_class == "中/高费"),
    "A-6": lambda a: bool(a.monitoring),
}


def expected_to_exist(audit, spec) -> bool:
    if spec.kinds == ("acceptance",) and audit.post_audit is None:
        return False
    condition = CONDITIONS.get(spec.id)
    return condition(audit) if condition else True


def load(path):
    from docgen.load import load_audit

    result = load_audit(path)
    assert result.ok, [str(p) for p in result.errors]
    return result.audit


def column(table, header: str) -> int:
    return table.column(header)
