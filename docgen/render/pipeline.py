"""``docgen render``: audit data → the documents a consultancy hands in, as DOCX and PDF.

Order of work for one report: render the DOCX (docxtpl + numbering/TOC pass); with ``--pdf``,
convert a LibreOffice-compatible copy (docgen.render.lo_compat) with the TOC refreshed, read where
each heading landed, write those page numbers into the DOCX's cached TOC, and save both. Every file
is written atomically; an error in one document is reported and the others still render.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docgen.derive import derive_figures
from docgen.fsutil import atomic_write_bytes
from docgen.model import AuditData
from docgen.render.docx import RenderError, render_report_docx

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


def _to_pdf(docx_bytes: bytes, target: Path, options: RenderOptions):
    from docgen.render.lo_compat import libreoffice_copy
    from docgen.render.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(libreoffice_copy(docx_bytes))
        return convert_to_pdf(source, target, pdfa=options.pdfa, timeout=options.timeout)


def render_report(audit: AuditData, kind: str, out_dir: Path, options: RenderOptions, figures=None) -> Output:
    from docgen.render.naming import report_filename

    figures = figures or derive_figures(audit)
    out = Output(kind)
    rendered = render_report_docx(audit, REPORT_KINDS[kind], profile=options.profile, template_dir=options.template_dir, figures=figures)
    docx_path = out_dir / report_filename(audit, REPORT_KINDS[kind])
    data = rendered.data
    if options.pdf:
        from docgen.render.pages import heading_pages

        pdf_path = docx_path.with_suffix(".pdf")
        result = _to_pdf(data, pdf_path, options)
        pages, _ = heading_pages(pdf_path, rendered.outline.headings)
        from docgen.render.docx import finish_docx

        data = finish_docx(data, audit, REPORT_KINDS[kind], pages)
        out.pdf, out.pages = pdf_path, result.pages
    atomic_write_bytes(docx_path, data)
    out.docx = docx_path
    return out


def expand_kinds(kind: str) -> list[str]:
    """``all`` → both reports and every form the profile has."""
    if kind != "all":
        return [kind]
    kinds = list(REPORT_KINDS)
    try:
        from docgen.render.forms import FORMS

        kinds += [f"form:{name}" for name in FORMS]
    except ImportError:  # forms not available in this build
        pass
    return kinds


def render_form(audit: AuditData, name: str, out_dir: Path, options: RenderOptions, figures=None) -> Output:
    from docgen.render.forms import FORMS, form_filename, render_form_docx

    if name not in FORMS:
        raise RenderError(f"没有名为「{name}」的表单，可用：{'、'.join(FORMS)}")
    out = Output(f"form:{name}")
    data = render_form_docx(audit, name, profile=options.profile, template_dir=options.template_dir, figures=figures)
    path = out_dir / form_filename(audit, name)
    if options.pdf:
        from docgen.render.pdf import convert_to_pdf

        with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
            source = Path(tmp) / "form.docx"
            source.write_bytes(data)
            result = convert_to_pdf(source, path.with_suffix(".pdf"), pdfa=options.pdfa, timeout=options.timeout)
        out.pdf, out.pages = path.with_suffix(".pdf"), result.pages
    atomic_write_bytes(path, data)
    out.docx = path
    return out


def render_all(audit: AuditData, kind: str, out_dir: Path, options: RenderOptions) -> list[Output]:
    """Render every requested document; one document's failure does not stop the others."""
    out_dir.mkdir(parents=True, exist_ok=True)
    figures = derive_figures(audit)
    outputs = []
    for k in expand_kinds(kind):
        try:
            if k.startswith("form:"):
                outputs.append(render_form(audit, k.split(":", 1)[1], out_dir, options, figures))
            else:
                outputs.append(render_report(audit, k, out_dir, options, figures))
        except RenderError as exc:
            outputs.append(Output(k, error=str(exc)))
        except Exception as exc:  # noqa: BLE001 — conversion errors etc. become per-document errors
            from docgen.render.pdf import ConversionError

            if isinstance(exc, ConversionError):
                outputs.append(Output(k, error=str(exc)))
            else:
                raise
    return outputs
