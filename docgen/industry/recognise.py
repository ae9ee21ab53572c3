"""Recognising industry-wide audit documents for ``docgen check`` without ``--profile``.

The engine's recognition looks at the title, the cover paragraphs and the first headings
(docgen.check.engine.recognise_kind); this adds the industry kinds before the enterprise ones:
the enterprise sheet (its title 企业清洁生产审核简表; it also names the industry report as its
parent, so it is tested first), then the industry report (行业清洁生产审核 on the cover), in the
three-phase frame of seed 001 when a level-1 heading is 前期准备 or 诊断审核, else seed 002's five
stages. Profiles per kind: ``PROFILES``.
"""

from __future__ import annotations

PROFILES = {"industry": "industry-jiangsu-2025", "industry-phases": "industry-national-2024",
            "industry-sheet": "industry-sheet"}
KIND_ZH = {"industry": "行业清洁生产审核报告（五阶段）", "industry-phases": "行业清洁生产审核报告（三阶段）",
           "industry-sheet": "企业清洁生产审核简表"}
_PHASE_HEADINGS = ("前期准备", "诊断审核")


def recognise_industry(head: str, headings) -> tuple[str, str] | None:
    """(kind, reason) for an industry document, None for anything else."""
    if "清洁生产审核简表" in head:
        return "industry-sheet", "封面/标题含“清洁生产审核简表”，按行业审核的企业简表审查"
    if "行业清洁生产审核" in head or "行业整体清洁生产审核" in head:
        if any(h.level == 1 and (h.title or "").strip() in _PHASE_HEADINGS for h in headings):
            return "industry-phases", "封面含“行业清洁生产审核”，一级标题含“前期准备/诊断审核”，按三阶段行业审核报告审查"
        return "industry", "封面含“行业清洁生产审核”，按五阶段行业审核报告审查"
    return None
