"""The render context: everything a template may refer to, built once per document.

Names are short because consultancies type them into Word: ``e`` (enterprise), ``audit``,
``consultancy_name``, ``people`` (封二), ``prose`` (data-dependent paragraphs), ``tbl`` (generated
tables by id with ``-`` written ``_``: ``tbl.T_16``), ``has`` (which optional parts exist), ``fig``
(all derived figures) and ``cover_date``/``report_date``.
"""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup

from docgen.derive import Figures, derive_figures
from docgen.model import AuditData
from docgen.numfmt import fmt_date
from docgen.render.prose import ProseContext, build_prose, cover_date
from docgen.render.tablexml import table_xml
from docgen.render.template_build.typography import text_width_twips
from docgen.tables import TableData, build_tables


def _people(audit: AuditData) -> SimpleNamespace:
    r = audit.report
    staff = {s.name: s for s in audit.consultancy.staff} if audit.consultancy else {}
    auditors = "；".join(
        f"{name}（{staff[name].certificate_name} {staff[name].certificate_no}）" if name in staff else name for name in r.auditors
    )
    return SimpleNamespace(
        compiled="、".join(r.compiled_by),
        reviewed="、".join(r.reviewed_by),
        approved=r.approved_by,
        auditors=auditors,
        consultancy_approver=r.consultancy_approver,
    )


def _tables_by_id(tables: list[TableData]) -> SimpleNamespace:
    width = text_width_twips()
    grouped: dict[str, str] = {}
    for t in tables:
        key = t.id.replace("-", "_")
        grouped[key] = grouped.get(key, "") + table_xml(t, width)
    return SimpleNamespace(**{k: Markup(v) for k, v in grouped.items()})


class _Tables(SimpleNamespace):
    """Missing tables render as nothing (the data does not support them), never as an error."""

    def __getattr__(self, name: str):
        return Markup("")


def build_context(audit: AuditData, kind: str, figures: Figures | None = None) -> dict:
    """``kind`` is ``"evaluation"`` (审核报告) or ``"acceptance"`` (验收报告)."""
    figures = figures or derive_figures(audit)
    tables = build_tables(audit, kind, figures)
    prose_ctx = ProseContext(audit, figures, kind, {t.id for t in tables})
    b = audit.baseline
    has = SimpleNamespace(
        barriers=bool(audit.organisation.barriers),
        wastewater=bool(b.wastewater),
        waste_gas=bool(b.waste_gas),
        solid_waste=bool(b.solid_waste),
        noise=bool(b.noise),
        water_balance=audit.water_balance is not None,
        opinions=bool(audit.evaluation_opinions),
        monitoring=bool(audit.monitoring),
        high_cost_done=any(t.id == "T-22" for t in tables),
    )
    report_date = audit.report.acceptance_report_date if kind == "acceptance" and audit.report.acceptance_report_date else audit.report.evaluation_report_date
    return {
        "e": audit.enterprise,
        "audit": audit.audit,
        "consultancy_name": audit.consultancy.name if audit.consultancy else "（企业自行审核）",
        "people": _people(audit),
        "prose": SimpleNamespace(**build_prose(prose_ctx)),
        "tbl": _Tables(**vars(_tables_by_id(tables))),
        "has": has,
        "fig": figures,
        "cover_date": cover_date(prose_ctx),
        "report_date": fmt_date(report_date),
        "_tables": tables,
    }
