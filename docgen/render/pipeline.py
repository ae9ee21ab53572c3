"""``docgen render``: audit data → the documents a consultancy hands in, as DOCX and PDF.

Three phases: (1) render every requested DOCX (docxtpl + numbering/TOC pass) — cheap, ≈0.1 s each;
(2) with ``--pdf``, convert them in parallel, one LibreOffice per core, each with its own profile
(docgen.render.pdf), reports through a LibreOffice-compatible copy (docgen.render.lo_compat) with the
TOC refreshed; (3) read where each heading landed in the PDF and write those page numbers into the
report's cached TOC, so DOCX and PDF agree. Every file is written atomically, and one document's
error is reported while the others still render.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docgen.derive import derive_figures
from docgen.fsutil import atomic_write_bytes
from docgen.model import AuditData
from docgen.render.docx import RenderError, finish_docx, render_report_docx

REPORT_KINDS = {"audit-report": "evaluation", "acceptance-report": "acceptance"}


@dataclass
class Output:
    kind: str
    docx: Path | None = None
    pdf: Path | None = None
    pages: int | None = None
    error: str | None = None


@dataclass
class RenderOptions:
    pdf: bool = False
    pdfa: bool = False
    profile: str | None = None
    template_dir: Path | None = None
    timeout: float = 240
    workers: int = max(1, min(2, os.cpu_count() or 1))


@dataclass
class _Pending:
    """A rendered document waiting for its PDF."""

    output: Output
    data: bytes
    pdf_source: bytes  # what LibreOffice converts
    outline: object | None = None  # report outline (headings) for the TOC page numbers
    kind: str | None = None  # evaluation | acceptance for reports


def form_kinds(profile: str | None = None) -> list[str]:
    """``form:NAME`` for every form (that applies to ``profile`` when given), e.g. form:consultancy."""
    from docgen.render.forms import FORMS

    return [f"form:{name.removeprefix('form-')}" for name, spec in FORMS.items()
            if profile is None or spec.applies_to(profile)]


def form_name(kind: str) -> str:
    """``form:consultancy`` (or the registry's own ``form:form-consultancy``) → registry key."""
    from docgen.render.forms import FORMS

    name = kind.split(":", 1)[1]
    if name not in FORMS and f"form-{name}" in FORMS:
        name = f"form-{name}"
    if name not in FORMS:
        raise RenderError(f"没有名为「{kind.split(':', 1)[1]}」的表单，可用：{'、'.join(k.split(':', 1)[1] for k in form_kinds())}")
    return name


def expand_kinds(kind: str | list[str], profile: str = "national") -> list[str]:
    """``all`` → both reports and every form that applies to the profile (附表1 is Shanghai's);
    a list of kinds is taken as it is (the archive package renders only the items it files)."""
    if isinstance(kind, (list, tuple)):
        return list(kind)
    if kind != "all":
        return [kind]
    return list(REPORT_KINDS) + form_kinds(profile)


def _render_one(audit: AuditData, kind: str, out_dir: Path, options: RenderOptions, figures) -> _Pending:
    if kind.startswith("form:"):
        from docgen.render.forms import form_filename, render_form_docx

        name = form_name(kind)
        data = render_form_docx(audit, name, profile=options.profile, template_dir=options.template_dir, figures=figures)
        return _Pending(Output(kind, docx=out_dir / form_filename(audit, name)), data, data)
    from docgen.render.lo_compat import libreoffice_copy
    from docgen.render.naming import report_filename

    report = REPORT_KINDS[kind]
    rendered = render_report_docx(audit, report, profile=options.profile, template_dir=options.template_dir, figures=figures)
    path = out_dir / report_filename(audit, report)
    return _Pending(Output(kind, docx=path), rendered.data, libreoffice_copy(rendered.data), rendered.outline, report)


def _convert(pending: list[_Pending], audit: AuditData, options: RenderOptions) -> None:
    from docgen.render.pages import heading_pages
    from docgen.render.pdf import ConversionError, convert_many

    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        jobs = []
        for i, item in enumerate(pending):
            source = Path(tmp) / f"{i:02d}.docx"
            source.write_bytes(item.pdf_source)
            jobs.append((source, item.output.docx.with_suffix(".pdf")))
        results = convert_many(jobs, workers=options.workers, pdfa=options.pdfa, timeout=options.timeout)
    for item, result in zip(pending, results):
        if isinstance(result, ConversionError):
            item.output.error = str(result)
            continue
        item.output.pdf, item.output.pages = result.pdf, result.pages
        if item.outline is not None:
            pages, _ = heading_pages(result.pdf, item.outline.headings)
            item.data = finish_docx(item.data, audit, item.kind, pages)


def render_all(audit: AuditData, kind: str | list[str], out_dir: Path, options: RenderOptions) -> list[Output]:
    """Render every requested document; one document's failure does not stop the others."""
    out_dir.mkdir(parents=True, exist_ok=True)
    figures = derive_figures(audit)
    outputs: list[Output] = []
    pending: list[_Pending] = []
    for k in expand_kinds(kind, options.profile or audit.audit.profile):
        try:
            item = _render_one(audit, k, out_dir, options, figures)
        except RenderError as exc:
            outputs.append(Output(k, error=str(exc)))
            continue
        pending.append(item)
        outputs.append(item.output)
    if options.pdf and pending:
        _convert(pending, audit, options)
    for item in pending:
        if item.output.error is None:
            atomic_write_bytes(item.output.docx, item.data)
        else:
            item.output.docx = None
    return outputs


def render_report(audit: AuditData, kind: str, out_dir: Path, options: RenderOptions, figures=None) -> Output:
    """One report (``audit-report`` or ``acceptance-report``); raises RenderError on bad data."""
    out_dir.mkdir(parents=True, exist_ok=True)
    item = _render_one(audit, kind, out_dir, options, figures or derive_figures(audit))
    if options.pdf:
        _convert([item], audit, options)
        if item.output.error:
            from docgen.render.pdf import ConversionError

            raise ConversionError(item.output.error)
    atomic_write_bytes(item.output.docx, item.data)
    return item.output
