"""Render the park reports: context → docxtpl over the park template → numbering/TOC pass → DOCX,
and with ``pdf=True`` LibreOffice → PDF with the TOC page numbers written back into the DOCX.

Everything is the enterprise renderer's machinery (docgen.render.docx.render_template with
StrictUndefined, postprocess_root for 表X-Y and the TOC, tablexml for tables, lo_compat +
docgen.render.pdf for the conversion, pages.heading_pages for the TOC numbers, docxpkg for a
deterministic package). Only the context and the core properties are park-specific. Files are
written atomically and never overwrite an existing file without ``force``.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup

from docgen.fsutil import atomic_write_bytes
from docgen.numfmt import fmt_date
from docgen.park.figures import ParkFigures, compute
from docgen.park.model import ParkData
from docgen.park.prose import build_prose
from docgen.park.tables import build
from docgen.park.templates import ANNUAL_TEMPLATE, AUDIT_TEMPLATE
from docgen.render.context import _Tables  # a table the data does not support renders as nothing
from docgen.render.docx import RenderError, _save, find_template, render_template
from docgen.render.docxpkg import core_properties_xml, normalise_docx
from docgen.render.naming import safe_filename
from docgen.render.postprocess import fill_toc_pages, postprocess_root
from docgen.render.tablexml import table_xml
from docgen.render.template_build.typography import text_width_twips

AUDIT_TABLES = [f"P-{i}" for i in range(1, 20)]
ANNUAL_TABLES = ["P-3", "Y-1", "P-5", "P-7", "P-9", "P-11", "P-12", "P-15", "P-16", "P-17", "P-18"]


@dataclass(frozen=True)
class Kind:
    key: str
    template: str
    title: str
    tables: list[str]


KINDS = {
    "audit": Kind("audit", AUDIT_TEMPLATE, "园区清洁生产审核报告", AUDIT_TABLES),
    "annual": Kind("annual", ANNUAL_TEMPLATE, "园区年度清洁生产整体报告", ANNUAL_TABLES),
}


def _title(data: ParkData, kind: Kind) -> str:
    if kind.key == "annual":
        return f"{data.park.name}{data.annual.year}年度清洁生产整体报告"
    return f"{data.park.name}{kind.title}"


def filename(data: ParkData, kind: str, suffix: str = ".docx") -> str:
    return safe_filename(_title(data, KINDS[kind])) + suffix


def build_context(data: ParkData, kind: str, fig: ParkFigures | None = None) -> dict:
    fig = fig or compute(data)
    k = KINDS[kind]
    tables = build(data, fig, k.tables)
    width = text_width_twips()
    tbl = {t.id.replace("-", "_"): Markup(table_xml(t, width)) for t in tables}
    a = data.audit
    return {
        "park": data.park,
        "audit": a,
        "support": a.technical_support or "（园区自行审核）",
        "people": SimpleNamespace(compiled="、".join(a.compiled_by), reviewed="、".join(a.reviewed_by), approved=a.approved_by),
        "prose": SimpleNamespace(**build_prose(data, fig)),
        "tbl": _Tables(**tbl),
        "report_date": fmt_date(a.report_date),
        "annual_date": fmt_date(data.annual.report_date) if data.annual else "",
        "annual_year": data.annual.year if data.annual else "",
        "_tables": tables,
    }


def _core(data: ParkData, kind: str) -> str:
    date = data.annual.report_date if kind == "annual" else data.audit.report_date
    return core_properties_xml(_title(data, KINDS[kind]), data.audit.technical_support or data.audit.organiser,
                               f"{date.isoformat()}T00:00:00Z", subject="园区清洁生产审核")


@dataclass
class Rendered:
    data: bytes
    outline: object
    tables: list


def render_docx(data: ParkData, kind: str, fig: ParkFigures | None = None) -> Rendered:
    """The finished DOCX of ``kind`` (audit | annual)."""
    if kind == "annual" and data.annual is None:
        raise RenderError("年度清洁生产整体报告需要年度数据（annual：报告年度、上一年度各要素合计、工作概述、下一年度计划），数据文件中没有")
    context = build_context(data, kind, fig)
    tpl = render_template(find_template(KINDS[kind].template), context)
    outline = postprocess_root(tpl.docx.element)
    return Rendered(normalise_docx(_save(tpl), _core(data, kind)), outline, context["_tables"])


def _with_pages(docx: bytes, data: ParkData, kind: str, pages: dict[str, int]) -> bytes:
    with zipfile.ZipFile(BytesIO(docx)) as zf:
        document = fill_toc_pages(zf.read("word/document.xml"), pages)
    return normalise_docx(docx, _core(data, kind), {"word/document.xml": document})


@dataclass
class Output:
    kind: str
    docx: Path
    pdf: Path | None = None
    pages: int | None = None


def render(data: ParkData, kinds: list[str], out_dir: Path, *, pdf: bool = False, force: bool = False,
           timeout: float = 240) -> list[Output]:
    """Render each kind into ``out_dir``; refuses to overwrite existing files unless ``force``."""
    out_dir = Path(out_dir)
    fig = compute(data)
    targets = [out_dir / filename(data, k) for k in kinds]
    if not force:
        existing = [p for t in targets for p in (t, t.with_suffix(".pdf") if pdf else None) if p and p.exists()]
        if existing:
            raise FileExistsError("输出文件已存在（使用 --force 覆盖）：" + "、".join(map(str, existing)))
    rendered = [render_docx(data, k, fig) for k in kinds]
    outputs = [Output(k, t) for k, t in zip(kinds, targets)]
    if pdf:
        from docgen.render.lo_compat import libreoffice_copy
        from docgen.render.pages import heading_pages
        from docgen.render.pdf import ConversionError, convert_many

        with tempfile.TemporaryDirectory(prefix="docgen-park-") as tmp:
            jobs = []
            for i, r in enumerate(rendered):
                src = Path(tmp) / f"{i:02d}.docx"
                src.write_bytes(libreoffice_copy(r.data))
                jobs.append((src, targets[i].with_suffix(".pdf")))
            results = convert_many(jobs, timeout=timeout)
        for i, result in enumerate(results):
            if isinstance(result, ConversionError):
                raise result
            outputs[i].pdf, outputs[i].pages = result.pdf, result.pages
            pages, _ = heading_pages(result.pdf, rendered[i].outline.headings)
            rendered[i].data = _with_pages(rendered[i].data, data, kinds[i], pages)
    for o, r in zip(outputs, rendered):
        atomic_write_bytes(o.docx, r.data)
    return outputs
