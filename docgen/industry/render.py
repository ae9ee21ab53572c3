"""Render an industry-wide audit: the report (five-stage or three-phase frame) and one short sheet
per listed enterprise, as DOCX and, on request, PDF.

Same machinery as the enterprise reports, reused rather than copied: docxtpl over the shipped
template (docgen.render.docx.render_template: StrictUndefined, errors name the template), the
numbering/TOC pass (postprocess_root), the deterministic package (normalise_docx), LibreOffice
through the same converter with the LibreOffice-compatible copy, and the heading pages read back
from the PDF into the DOCX's cached TOC. What differs is the context (docgen.industry.tables/prose)
and two caption conventions: annex tables are 附表1…附表3 (not 表5-x after the last chapter), and
the one-page-ish enterprise sheet numbers its tables 表1…表n (it has no chapters).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup

from docgen.fsutil import atomic_write_bytes
from docgen.numfmt import fmt_date
from docgen.render.docx import RenderError, find_template, render_template
from docgen.render.docxpkg import core_properties_xml, normalise_docx
from docgen.render.naming import safe_filename
from docgen.render.postprocess import fill_toc_pages, postprocess_root
from docgen.render.tablexml import CAPTION_MARK, table_xml
from docgen.render.template_build.typography import text_width_twips
from docgen.tables.model import TableData

from .calc import IndustryFigures, compute
from .model import Enterprise, IndustryAuditData
from .prose import report_prose, sheet_prose
from .tables import ReportTables, sheet_tables

REPORT_TEMPLATES = {"jiangsu-5-stage": "industry-report.docx", "national-3-phase": "industry-report-phases.docx"}
SHEET_TEMPLATE = "industry-sheet.docx"


@dataclass
class Rendered:
    """One rendered document: where it goes, its bytes, and (reports) its outline for the TOC pages."""

    path: Path
    data: bytes
    outline: object | None = None
    title: str = ""
    pdf: Path | None = None
    pages: int | None = None
    error: str | None = None


def _caption_prefix(table: TableData) -> str:
    return f"表{CAPTION_MARK}{table.id}{CAPTION_MARK} "


class _Tables(SimpleNamespace):
    """A table the data does not support (no indicator system …) renders as nothing, never an error."""

    def __getattr__(self, name: str):
        return Markup("")


def tables_namespace(tables: list[TableData], labels: dict[str, str] | None = None) -> SimpleNamespace:
    """``tbl.I_3`` → caption + table XML. ``labels`` replaces the chapter-numbered caption of a table
    by a fixed label (附表1, 表2); the others are numbered 表X-Y by the postprocess pass."""
    width = text_width_twips()
    out = {}
    for t in tables:
        xml = table_xml(t, width)
        if labels and t.id in labels:
            xml = xml.replace(_caption_prefix(t), f"{labels[t.id]} ", 1)
        out[t.id.replace("-", "_")] = Markup(xml)
    return _Tables(**out)


def _common(data: IndustryAuditData) -> dict:
    s = data.subject
    return {
        "subject": s,
        "ind": data.industry,
        "audit_title": data.audit.title,
        "support": "、".join(s.technical_support) or "—",
        "organiser": s.organiser or "—",
        "compiled": "、".join(data.audit.compiled_by),
        "reviewed": "、".join(data.audit.reviewed_by) or "—",
        "report_date": fmt_date(data.audit.report_date),
        "cover_date": f"{data.audit.report_date.year}年{data.audit.report_date.month}月",
    }


def report_context(data: IndustryAuditData, figures: IndustryFigures) -> tuple[dict, list[TableData]]:
    tables = ReportTables(data, figures).all()
    annex = {t.id: f"附表{t.id.removeprefix('I-A')}" for t in tables if t.id.startswith("I-A")}
    ctx = _common(data) | {"prose": SimpleNamespace(**report_prose(data, figures)), "tbl": tables_namespace(tables, annex)}
    return ctx, tables


def sheet_context(data: IndustryAuditData, figures: IndustryFigures, e: Enterprise) -> tuple[dict, list[TableData]]:
    tables = sheet_tables(data, figures, e)
    labels = {t.id: f"表{i + 1}" for i, t in enumerate(tables)}
    ctx = _common(data) | {"e": e, "prose": SimpleNamespace(**sheet_prose(data, figures, e)),
                           "tbl": tables_namespace(tables, labels)}
    return ctx, tables


def _finish(raw: bytes, title: str, data: IndustryAuditData) -> bytes:
    """Deterministic package with core properties from the data (never the clock)."""
    creator = data.subject.technical_support[0] if data.subject.technical_support else data.subject.name
    core = core_properties_xml(title, creator, f"{data.audit.report_date.isoformat()}T00:00:00Z",
                               subject="行业清洁生产审核", keywords=data.industry.code)
    return normalise_docx(raw, core)


def _render(template_name: str, context: dict, template_dir: Path | None) -> tuple[bytes, object]:
    tpl = render_template(find_template(template_name, "national", template_dir), context)
    outline = postprocess_root(tpl.docx.element)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue(), outline


def report_title(data: IndustryAuditData) -> str:
    return data.audit.title


def report_path(data: IndustryAuditData, out_dir: Path) -> Path:
    return out_dir / (safe_filename(report_title(data)) + ".docx")


def sheet_path(e: Enterprise, out_dir: Path, number: int) -> Path:
    """Sheets go to 企业简表/ numbered in list order, so the folder sorts like 附表1."""
    return out_dir / "企业简表" / (safe_filename(f"{number:02d}-{e.name}清洁生产审核简表") + ".docx")


def planned_paths(data: IndustryAuditData, out_dir: Path, *, sheets: bool = True, pdf: bool = False) -> list[Path]:
    """Every file ``render_all`` would write (to refuse overwriting without --force)."""
    docx = [report_path(data, out_dir)] + ([sheet_path(e, out_dir, i + 1) for i, e in enumerate(data.listed)] if sheets else [])
    return docx + ([p.with_suffix(".pdf") for p in docx] if pdf else [])


def render_report(data: IndustryAuditData, out_dir: Path, figures: IndustryFigures | None = None,
                  template_dir: Path | None = None, profile: str | None = None) -> Rendered:
    figures = figures or compute(data)
    missing = [e.name for e in data.listed if e.after is None or e.level_after is None]
    if missing:
        raise RenderError(f"绩效评估需要名单企业的实施后数据和审核后水平（after、level_after），缺少：{'、'.join(missing)}")
    context, _ = report_context(data, figures)
    raw, outline = _render(REPORT_TEMPLATES[profile or data.audit.profile], context, template_dir)
    title = report_title(data)
    return Rendered(report_path(data, out_dir), _finish(raw, title, data), outline, title)


def render_sheet(data: IndustryAuditData, e: Enterprise, out_dir: Path, figures: IndustryFigures | None = None,
                 template_dir: Path | None = None, number: int = 1) -> Rendered:
    figures = figures or compute(data)
    context, _ = sheet_context(data, figures, e)
    raw, _ = _render(SHEET_TEMPLATE, context, template_dir)
    title = f"{e.name}清洁生产审核简表"
    return Rendered(sheet_path(e, out_dir, number), _finish(raw, title, data), None, title)


def render_all(data: IndustryAuditData, out_dir: Path, *, pdf: bool = False, sheets: bool = True,
               profile: str | None = None, template_dir: Path | None = None, workers: int = 2,
               timeout: float = 240) -> list[Rendered]:
    """The report and every sheet; with ``pdf`` converted by LibreOffice. Files are written
    atomically, and one document's conversion error does not stop the others."""
    figures = compute(data)
    docs = [render_report(data, out_dir, figures, template_dir, profile)]
    if sheets:
        docs += [render_sheet(data, e, out_dir, figures, template_dir, i + 1) for i, e in enumerate(data.listed)]
    if pdf:
        _convert(docs, data, workers, timeout)
    for d in docs:
        if d.error is None:
            atomic_write_bytes(d.path, d.data)
    return docs


def _convert(docs: list[Rendered], data: IndustryAuditData, workers: int, timeout: float) -> None:
    from docgen.render.lo_compat import libreoffice_copy
    from docgen.render.pages import heading_pages
    from docgen.render.pdf import ConversionError, convert_many

    with tempfile.TemporaryDirectory(prefix="docgen-industry-pdf-") as tmp:
        jobs = []
        for i, d in enumerate(docs):
            source = Path(tmp) / f"{i:03d}.docx"
            source.write_bytes(libreoffice_copy(d.data))
            d.path.parent.mkdir(parents=True, exist_ok=True)
            jobs.append((source, d.path.with_suffix(".pdf")))
        results = convert_many(jobs, workers=workers, timeout=timeout)
    for d, result in zip(docs, results):
        if isinstance(result, ConversionError):
            d.error = str(result)
            continue
        d.pdf, d.pages = result.pdf, result.pages
        if d.outline is not None:
            pages, _ = heading_pages(result.pdf, d.outline.headings)
            d.data = _finish_again(d.data, pages)


def _finish_again(data: bytes, pages: dict[str, int]) -> bytes:
    """Write the PDF's page numbers into the already packaged DOCX's TOC (core properties kept)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        core = zf.read("docProps/core.xml").decode("utf-8")
        document = fill_toc_pages(zf.read("word/document.xml"), pages)
    return normalise_docx(data, core, {"word/document.xml": document})


__all__ = ["Rendered", "RenderError", "planned_paths", "render_all", "render_report", "render_sheet", "report_title"]
