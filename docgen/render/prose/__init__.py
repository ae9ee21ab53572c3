"""Sentences of the reports that depend on the data, as lists of paragraphs per template slot.

Boilerplate lives in the Word template (a consultancy rewords it there); what depends on the data
— counts, figures, names, dates — is written here, from the same figures and tables the report's
tables show, so that "共提出清洁生产方案15项，其中无/低费方案12项" always equals the tables.
"""

from __future__ import annotations

from .acceptance import acceptance
from .common import ProseContext
from .front import attachments, basis_paragraphs, cover_date, enterprise_paragraphs, scope_paragraphs, why_paragraphs
from .stages_1_3 import s1, s2, s3
from .stages_4_7 import s4_s5, s6_s7


def build_prose(ctx: ProseContext) -> dict[str, list[str]]:
    prose: dict[str, list[str]] = {
        "preface_enterprise": enterprise_paragraphs(ctx),
        "preface_why": why_paragraphs(ctx),
        "basis": basis_paragraphs(ctx),
        "scope": scope_paragraphs(ctx),
        "attachments": attachments(ctx),
    }
    if ctx.kind == "acceptance":
        prose.update(acceptance(ctx))
    else:
        for part in (s1, s2, s3, s4_s5, s6_s7):
            prose.update(part(ctx))
    return prose


__all__ = ["ProseContext", "build_prose", "cover_date"]
