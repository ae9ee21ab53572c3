"""Named conditions for conditional rules (``when:`` in a rule pack), e.g. feasibility analysis is
required only when the report proposes 中/高费 schemes (domain.md §9: S5 "R (for each 中/高费)")."""

from __future__ import annotations

import re
from collections.abc import Callable

CONDITIONS: dict[str, Callable] = {}

_HIGH_COST = re.compile(r"中\s*[/、和]?\s*高费方案\s*(\d+)\s*项")


def condition(name: str):
    def register(fn):
        CONDITIONS[name] = fn
        return fn

    return register


def full_text(ctx) -> str:
    return ctx.cached("full_text", lambda: "\n".join(p.text for p in ctx.doc.paragraphs))


@condition("has_high_cost_schemes")
def has_high_cost_schemes(ctx) -> bool:
    """The report states a number of 中/高费方案 > 0, or a table lists a 中/高费 scheme."""
    text = full_text(ctx)
    counts = [int(n) for n in _HIGH_COST.findall(text)]
    if counts:
        return max(counts) > 0
    for table in ctx.doc.tables:
        for row in table.grid:
            if any("中/高费" in c.norm or "中高费" in c.norm for c in row):
                return True
    return False
