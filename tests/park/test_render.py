"""Rendering the park reports: DOCX (outline, tables, numbering), the shipped templates equal their
builder, and — with real LibreOffice — PDF that passes its rule pack, with the TOC page numbers
written back into the DOCX."""

from __future__ import annotations

import io

import pytest
from docx import Document

from docgen.check.engine import check_document, recognise_kind
from docgen.check.profile import load_profile
from docgen.park.templates import STAGES, TEMPLATES, build_template
from docgen.read import read_document
from docgen.resources import templates_dir


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_shipped_template_equals_builder(name):
    assert templates_dir().joinpath(name).read_bytes() == build_template(name), \
        "rebuild with: python -m docgen.park.templates"


def test_audit_report_outline_follows_seed_004(tmp_path, rendered):
    path = tmp_path / "a.docx"
    path.write_bytes(rendered["audit"])
    doc = read_document(path)
    chapters = [h.title for h in doc.headings if h.level == 1 and h.label]
    assert chapters == list(STAGES)  # the seven stages of 编制说明 §5.5(1), in order
    captions = [t.caption for t in doc.tables if t.caption]
    assert "表3-2 园区重点管控企业名单" in captions and "表2-4 企业资源能源消耗及污染物排放汇总表" in captions
    assert recognise_kind(doc)[0] == "park"


def test_prose_resolves_table_references_and_states_the_list(rendered):
    text = "\n".join(p.text for p in Document(io.BytesIO(rendered["audit"])).paragraphs)
    assert "重点管控名单共 10 家企业" in text and "见表3-2" in text
    assert "\ue001" not in text and "\ue000" not in text  # every reference and caption number resolved


def test_annual_report_is_recognised(tmp_path, rendered):
    path = tmp_path / "y.docx"
    path.write_bytes(rendered["annual"])
    doc = read_document(path)
    assert recognise_kind(doc)[0] == "park-annual"
    assert check_document(doc, load_profile("park-annual")).counts["error"] == 0


def test_rendering_is_deterministic(park_data, rendered):
    from docgen.park.render import render_docx

    assert render_docx(park_data, "audit").data == rendered["audit"]


def test_pdf_passes_its_packs_and_toc_gets_page_numbers(pdf_toolchain, park_data, tmp_path):
    from docgen.park.render import render

    outputs = render(park_data, ["audit", "annual"], tmp_path, pdf=True)
    for o, pack in zip(outputs, ("park-audit", "park-annual")):
        assert o.pdf.is_file() and o.pages >= 10
        result = check_document(read_document(o.pdf), load_profile(pack))
        bad = [(f.rule, f.status, f.message) for f in result.findings if f.severity in ("error", "warning")]
        assert bad == [], (pack, bad)
    toc = [p.text for p in Document(io.BytesIO(outputs[0].docx.read_bytes())).paragraphs if p.style.name.startswith("toc")]
    assert any(t.rstrip().endswith(tuple("0123456789")) for t in toc), toc[:5]
