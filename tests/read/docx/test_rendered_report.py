"""The reports this project renders are realistic input: read one back and check the structure a
reviewer sees (auto-numbered chapters, the TOC field, captioned tables)."""

from __future__ import annotations

import re
import zipfile

import pytest

from docgen.read import normalize
from docgen.read.docx import read_docx
from docgen.read.docx import tables as tables_module
from docgen.read.model import Paragraph, Signal, Table

CHAPTERS = ["第一章", "第二章", "第三章", "第四章", "第五章", "第六章", "第七章"]
CAPTION = re.compile(r"^表\s*\d+-\d+")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from docgen.load import load_audit
    from docgen.render.docx import render_report_docx

    data = render_report_docx(load_audit("samples/audit-shanghai-fine-chemical.yaml").audit, "evaluation").data
    path = tmp_path_factory.mktemp("rendered") / "report.docx"
    path.write_bytes(data)
    return path, read_docx(path, sha256="0" * 64)


def test_chapters_are_level_one_with_labels_from_numbering(report):
    _, doc = report
    level1 = [h for h in doc.headings if h.level == 1]
    chapters = [h for h in level1 if h.label]
    assert [h.label for h in chapters] == CHAPTERS
    assert all(Signal.NUMBERING in h.signals and h.signal is Signal.STYLE for h in chapters)
    assert [h.title for h in chapters][:2] == ["筹划和组织", "预审核"]
    assert chapters[0].text == "第一章 筹划和组织"
    assert level1[0].label == "" and level1[0].title == "前言"  # numId 0: unnumbered in a numbered style


def test_sections_are_level_two_with_legal_labels(report):
    _, doc = report
    level2 = [h for h in doc.headings if h.level == 2 and h.label]
    assert level2, "no numbered level-2 headings"
    assert all(re.fullmatch(r"[1-7]\.\d+", h.label) for h in level2)
    assert level2[0].label == "1.1"
    for h in level2:  # 1.1-style labels restart under each chapter
        before = [c.label for c in doc.headings if c.level == 1 and c.label and c.location.block < h.location.block]
        assert h.label.split(".")[0] == str(CHAPTERS.index(before[-1]) + 1)
    assert all(re.fullmatch(r"\d\.\d+\.\d+", h.label) for h in doc.headings if h.level == 3)


def test_toc_is_in_document_toc_not_in_headings(report):
    _, doc = report
    assert len(doc.toc) >= 30
    assert [e.text for e in doc.toc if e.level == 1][:3] == ["前言", "第一章 筹划和组织", "第二章 预审核"]
    first_heading = doc.headings[0]
    assert first_heading.title == "前言" and first_heading.location.paragraph > 60  # after the TOC field
    toc_texts = {e.text for e in doc.toc}
    early = [b for b in doc.blocks if isinstance(b, Paragraph) and b.location.block < first_heading.location.block]
    assert not toc_texts & {b.text for b in early}


def test_every_caption_is_linked_to_the_following_table(report):
    _, doc = report
    blocks = doc.blocks
    captions = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and CAPTION.match(b.text)]
    assert len(captions) >= 25
    for i in captions:
        nxt = blocks[i + 1]
        assert isinstance(nxt, Table), blocks[i].text
        assert (nxt.caption, nxt.caption_position) == (blocks[i].text, "above")


def test_table_count_equals_w_tbl_elements(report):
    path, doc = report
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml")
    assert len(doc.tables) == len(re.findall(rb"<w:tbl[ >]", xml))
    assert [t.index for t in doc.tables] == list(range(len(doc.tables)))
    assert all(t.location.table == t.index for t in doc.tables)


def test_headers_footers_properties_and_pages(report):
    _, doc = report
    assert doc.headers == ["上海澄霖精细化学品有限公司清洁生产审核报告"]
    assert doc.footers == ["— 1 —"]
    assert doc.properties["title"] == "上海澄霖精细化学品有限公司清洁生产审核报告"
    assert doc.pages and doc.pages >= 9  # cover, management form, TOC, 前言, 7 chapters (page breaks only)
    assert doc.revisions == 0 and not doc.hidden_text and doc.comments == []


def test_multi_level_headers_have_paths(report):
    _, doc = report
    products = next(t for t in doc.tables if (t.caption or "").startswith("表2-2"))
    assert products.header_rows == 2
    assert "近三年实际产量/2023年" in products.header_paths


def test_cell_norm_matches_normalize_norm(report):
    _, doc = report
    cells = [c for t in doc.tables for row in t.grid for c in row]
    assert all(c.norm == normalize.norm(c.text) for c in cells)


def test_fast_row_scan_gives_the_same_tables_as_the_full_reader(report, monkeypatch):
    path, doc = report
    monkeypatch.setattr(tables_module.TableBuilder, "_plain_rows", lambda *a: None)
    slow = read_docx(path, sha256="0" * 64)
    assert [t.rows_text() for t in doc.tables] == [t.rows_text() for t in slow.tables]
    assert [(t.header_rows, t.header_paths) for t in doc.tables] == [(t.header_rows, t.header_paths)
                                                                      for t in slow.tables]
    assert [[[(c.row, c.col, c.rowspan, c.colspan) for c in r] for r in t.grid] for t in doc.tables] == \
        [[[(c.row, c.col, c.rowspan, c.colspan) for c in r] for r in t.grid] for t in slow.tables]
