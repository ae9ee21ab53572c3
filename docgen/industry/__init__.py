"""Industry-wide cleaner-production audits (行业清洁生产审核, seeds 001 and 002; domain.md §6.1–6.2).

Data (``model``: ``IndustryAuditData``), figures (``calc``: list coverage, level counts, targets,
reductions), cross-field rules (``consistency``), the report and per-enterprise sheet (``tables``,
``prose``, ``templates``, ``render``) and the ``docgen industry`` commands (``cli``). The checker
side is data: ``checks/industry-*.yaml`` with the rule kinds ``docgen/check/kinds/industry_*.py``.
"""

from __future__ import annotations

from pathlib import Path

from docgen.load import LoadResult, load_model


def load_industry(path: str | Path) -> LoadResult:
    """Read, validate and cross-check an industry audit file; ``result.audit`` is the model."""
    from .consistency import check_consistency
    from .model import IndustryAuditData

    return load_model(path, IndustryAuditData, check_consistency)


__all__ = ["load_industry"]
