"""Rendered sample reports for the checker tests (rendered once per session), and XML surgery."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rendered_reports(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(sample stem, kind) → path of the engine's own rendered DOCX."""
    from docgen.load import load_audit
    from docgen.render.docx import render_report_docx

    out = tmp_path_factory.mktemp("reports")
    paths = {}
    for sample in sorted((ROOT / "samples").glob("audit-*.yaml")):
        audit = load_audit(sample).audit
        for kind in ("evaluation", "acceptance"):
            path = out / f"{sample.stem}-{kind}.docx"
            path.write_bytes(render_report_docx(audit, kind).data)
            paths[(sample.stem, kind)] = path
    return paths


@pytest.fixture(scope="module")
def documents(rendered_reports):
    """The rendered sample reports read into models, once per test module (the exactness tests
    of the checker's shortcuts compare on them; a module's rules leave indexes on its models)."""
    from docgen.read import read_document

    return [read_document(path) for path in rendered_reports.values()]


def edit_docx(source: Path, target: Path, edit) -> Path:
    """Copy a DOCX, letting ``edit(root)`` change word/document.xml (lxml) in between."""
    with zipfile.ZipFile(source) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    edit(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))
