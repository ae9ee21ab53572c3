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
    """The report states a number of 中/高费方案 > 0, or T-16's 费用类别 column lists one.

    Only T-16's cost-class column counts: other tables mention 中/高费 in passing (the T-2 work plan
    always says 研制中/高费方案), which would make every report look like it had such schemes.
    """
    text = full_text(ctx)
    counts = [int(n) for n in _HIGH_COST.findall(text)]
    if counts:
        return max(counts) > 0
    from docgen.check.tables import recognise

    match = recognise(ctx).get("T-16")
    if match is None or "cost_class" not in match.columns:
        return False
    col = match.columns["cost_class"]
    return any(len(cells) > col and ("中/高费" in cells[col].norm or "中高费" in cells[col].norm)
               for _table, _row, cells in match.data_rows())


@condition("mandatory_audit")
def mandatory_audit(ctx) -> bool:
    """The 强审 deadlines of seed 003 bind enterprises on the mandatory list only: a 自愿性 audit
    has no 名单公布 date and no such deadlines. From the audit data when given, else from the text
    (a voluntary report says so: "自愿开展…清洁生产审核"); when neither tells, the rule runs (it
    reports only what the dates it finds show)."""
    if ctx.audit is not None:
        return ctx.audit.audit.type == "强制性"
    text = full_text(ctx)
    if "强制性清洁生产审核" in text:
        return True
    return "自愿" not in text
