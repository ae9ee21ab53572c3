"""Render one report DOCX: docxtpl over the Word template, then numbering/TOC pass, then a
deterministic package.

Template lookup: an explicit ``--template DIR`` first, then the profile's folder of the shipped
templates (e.g. ``shanghai/``), then ``national/`` — so a profile overrides only what differs.
Undefined names in a template are errors (StrictUndefined) reported with the template's name,
never a silently empty cell.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate

from docgen.model import AuditData
from docgen.render.context import build_context
from docgen.render.docxpkg import core_properties_xml, normalise_docx
from docgen.render.postprocess import Outline, fill_toc_pages, postprocess_root
from docgen.resources import templates_dir

REPORT_TEMPLATES = {"evaluation": "audit-report.docx", "acceptance": "acceptance-report.docx"}


class RenderError(Exception):
    """Rendering could not produce a document; the message says what and where, in Chinese."""


@dataclass
class RenderedDocx:
    data: bytes
    outline: Outline
    tables: list = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def find_template(name: str, profile: str = "national", template_dir: Path | None = None):
    """The template file: custom dir → shipped profile → shipped national."""
    if template_dir is not None:
        candidate = Path(template_dir) / name
        if candidate.is_file():
            return candidate
    shipped = templates_dir()
    for folder in dict.fromkeys((profile, "national")):
        candidate = shipped.joinpath(folder, name)
        if candidate.is_file():
            return candidate
    raise RenderError(f"找不到模板「{name}」（已查找：{template_dir or '—'}、templates/{profile}/、templates/national/）")


def preflight(audit: AuditData, kind: str) -> list[str]:
    """What the data lacks for this kind of report, before any rendering (issue 3)."""
    problems = []
    if kind == "acceptance":
        if audit.post_audit is None:
            problems.append("验收报告需要方案实施后的数据（post_audit：产量、能耗、水耗、排放量及经济效益），数据文件中没有")
        if audit.report.acceptance_report_date is None:
            problems.append("验收报告需要验收报告日期（report.acceptance_report_date）")
        missing = [t.indicator for t in audit.targets if t.actual is None]
        if missing:
            problems.append(f"验收报告需要每项清洁生产目标的审核后实际值（targets[].actual），缺少：{'、'.join(missing)}")
    return problems


def _jinja_env() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def render_template(template, context: dict) -> DocxTemplate:
    """docxtpl with StrictUndefined: a tag naming data that does not exist is a RenderError naming
    the template, never an empty cell."""
    tpl = DocxTemplate(template)
    name = getattr(template, "name", template)
    try:
        tpl.render(context, jinja_env=_jinja_env(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise RenderError(f"模板「{name}」引用了不存在的数据：{exc.message}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"模板「{name}」中的标签有语法错误：{exc.message}") from None
    return tpl


def _save(tpl: DocxTemplate) -> bytes:
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def render_template_bytes(template, context: dict) -> bytes:
    """docxtpl alone (render + save): the baseline the benchmark compares our total against."""
    return _save(render_template(template, context))


def render_report_docx(audit: AuditData, kind: str, *, profile: str | None = None, template_dir: Path | None = None,
                       figures=None) -> RenderedDocx:
    """The finished DOCX bytes of one report (``kind``: evaluation | acceptance)."""
    problems = preflight(audit, kind)
    if problems:
        raise RenderError("；".join(problems))
    timings: dict[str, float] = {}
    start = time.perf_counter()
    template = find_template(REPORT_TEMPLATES[kind], profile or audit.audit.profile, template_dir)
    context = build_context(audit, kind, figures)
    timings["context"] = time.perf_counter() - start
    start = time.perf_counter()
    tpl = render_template(template, context)
    timings["docxtpl"] = time.perf_counter() - start
    start = time.perf_counter()
    outline = postprocess_root(tpl.docx.element)
    timings["postprocess"] = time.perf_counter() - start
    start = time.perf_counter()
    raw = _save(tpl)
    timings["save"] = time.perf_counter() - start
    start = time.perf_counter()
    data = finish_docx(raw, audit, kind)
    timings["package"] = time.perf_counter() - start
    return RenderedDocx(data, outline, context["_tables"], timings)


def core_xml(audit: AuditData, kind: str) -> str:
    """Core properties from the data (title, consultancy, report date) — never the clock."""
    title = f"{audit.enterprise.name}{'清洁生产审核验收报告' if kind == 'acceptance' else '清洁生产审核报告'}"
    report_date = audit.report.acceptance_report_date if kind == "acceptance" and audit.report.acceptance_report_date else audit.report.evaluation_report_date
    creator = audit.consultancy.name if audit.consultancy else audit.enterprise.name
    return core_properties_xml(title, creator, f"{report_date.isoformat()}T00:00:00Z", subject="清洁生产审核", keywords=audit.enterprise.credit_code)


def finish_docx(raw: bytes, audit: AuditData, kind: str, pages: dict[str, int] | None = None) -> bytes:
    """Deterministic package of a rendered DOCX; with ``pages``, the TOC's page numbers filled in."""
    replace = {}
    if pages:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            replace["word/document.xml"] = fill_toc_pages(zf.read("word/document.xml"), pages)
    return normalise_docx(raw, core_xml(audit, kind), replace)
