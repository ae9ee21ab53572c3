"""The PDF reader on a real report: docgen renders the electroplating sample, LibreOffice exports it.

Ground truth is the DOCX the PDF came from (tests/read/pdf/docx_truth.py). Measured on the three
samples when this was written (LibreOffice 7.4): headings 64/64 with the right level, tables 33/33
(32/32) with identical cell grids, captions 31/31 (30/30), unstyled body paragraphs found verbatim
122/122, 123/124, 124/125 (the misses are LibreOffice's own layout: a comma it does not print, two
DOCX paragraphs it sets on one line).
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from docgen.read.model import Document, Heading, Paragraph, Signal, Table
from docgen.read.normalize import squash
from tests.read.pdf.docx_truth import read_truth

CHAPTERS = ["第一章 筹划和组织", "第二章 预审核", "第三章 审核", "第四章 方案的产生和筛选",
            "第五章 可行性分析", "第六章 方案实施", "第七章 持续清洁生产"]
ENTERPRISE = "常州宏澜表面处理有限公司"


def _page_texts(pdf) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [squash(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def test_reads_a_document_with_every_page_healthy(report):
    assert isinstance(report, Document), report
    assert report.format == "pdf" and report.pages == len(report.page_health) > 50
    assert {h.status for h in report.page_health} == {"good"}
    assert not any(h.ocr for h in report.page_health)
    assert report.warnings == []


def test_seven_chapters_at_level_one_with_pattern_and_font(report):
    chapters = [h for h in report.headings if h.label.startswith("第")]
    assert [squash(h.text) for h in chapters] == [squash(c) for c in CHAPTERS]
    for h in chapters:
        assert h.level == 1
        assert set(h.signals) == {Signal.PATTERN, Signal.FONT} and h.confidence >= 0.85
        assert h.title and h.label.endswith("章")


def test_sections_are_level_two_and_nested_under_their_chapter(report):
    sections = [h for h in report.headings if re.fullmatch(r"\d+\.\d+", h.label)]
    assert len(sections) >= 30
    assert all(h.level == 2 for h in sections)
    for h in sections:
        chapter = h.location.heading_path[0]
        assert chapter.startswith("第"), h.location.heading_path
        assert h.location.heading_path[-1] == h.text
    subsections = [h for h in report.headings if re.fullmatch(r"\d+\.\d+\.\d+", h.label)]
    assert subsections and all(h.level == 3 for h in subsections)


def test_headings_match_the_docx(report, truth):
    """Heading accuracy: every DOCX heading (Heading 1–3) found with the same title and level, and
    nothing else taken for a heading (the DOCX labels come from numbering.xml, hence titles)."""
    expected = [(level, squash(text)) for level, text in truth.headings]
    found = [(h.level, squash(h.title)) for h in report.headings]
    assert found == expected


def test_unnumbered_headings_are_font_only_with_lower_confidence(report):
    foreword = next(h for h in report.headings if h.text == "前言")
    assert foreword.signals == (Signal.FONT,) and foreword.level == 1
    assert foreword.confidence < 0.6


def test_toc_goes_to_document_toc_never_to_headings(report, electroplating):
    assert len(report.toc) == len(report.headings)
    first = next(e for e in report.toc if e.text.startswith("第一章"))
    assert first.level == 1 and first.page is not None
    assert [e.level for e in report.toc if re.match(r"\d+\.\d+ ", e.text)][:3] == [2, 2, 2]
    # each chapter is a heading exactly once (the TOC line is not a second heading)
    for chapter in CHAPTERS:
        assert sum(squash(h.text) == squash(chapter) for h in report.headings) == 1
    toc_pages = {i + 1 for i, text in enumerate(_page_texts(electroplating[1])) if "....." in text}
    assert len(toc_pages) >= 2
    assert not any(b.location.page in toc_pages for b in report.blocks)


def test_page_numbers_are_physical_pages(report, electroplating):
    """The TOC prints labels (body numbered from 1 after the front matter); Location.page is the
    physical page, and the heading's text is on that page."""
    texts = _page_texts(electroplating[1])
    toc = {squash(e.text): e.page for e in report.toc}
    offsets = set()
    for h in report.headings:
        assert squash(h.text) in texts[h.location.page - 1]
        if h.level == 1 and h.label:
            offsets.add(h.location.page - toc[squash(h.text)])
    assert len(offsets) == 1 and offsets.pop() > 0


def test_running_header_and_page_numbers_are_stripped(report):
    header = ENTERPRISE + "清洁生产审核报告"
    assert report.headers == [header]
    assert report.footers and re.fullmatch(r"—\s*\S+\s*—", report.footers[0])
    for block in report.blocks:
        if isinstance(block, Paragraph):
            assert squash(block.text) != header
            assert not re.fullmatch(r"—\d+—", squash(block.text))


def test_body_paragraphs_are_joined_across_lines_and_pages(report, truth):
    found = {squash(p.text) for p in report.paragraphs}
    hits = sum(1 for p in truth.body_paragraphs if p in found)
    assert hits >= 0.95 * len(truth.body_paragraphs), (hits, len(truth.body_paragraphs))
    # a paragraph broken by a page break is one paragraph
    long = [p for p in truth.body_paragraphs if len(p) > 150]
    assert sum(1 for p in long if p in found) >= 0.95 * len(long)


def _table_recall(document: Document, truth) -> dict:
    captions = {squash(t.caption) for t in document.tables if t.caption}
    same = 0
    for expected, table in zip(truth.tables, document.tables):
        got = [[squash(c) for c in row] for row in table.rows_text()]
        same += got == expected
    return {
        "tables": len(document.tables), "docx_tables": len(truth.tables),
        "captions": sum(squash(c) in captions for c in truth.captions), "docx_captions": len(truth.captions),
        "identical_grids": same,
    }


def test_tables_match_the_docx(report, truth):
    stats = _table_recall(report, truth)
    print("table recall (electroplating):", stats)
    assert stats["tables"] == stats["docx_tables"]
    assert stats["captions"] >= 0.9 * stats["docx_captions"]
    assert stats["identical_grids"] >= 0.9 * stats["docx_tables"]
    for table in report.tables:
        assert 0 < table.confidence < 1
        assert table.location.table == table.index and table.location.page
        if table.caption:
            assert table.caption_position == "above"


@pytest.mark.parametrize("sample", ["packaging-printing", "shanghai-fine-chemical"])
def test_tables_and_headings_match_the_docx_of_other_samples(render_sample, sample):
    from docgen.read.pdf import read_pdf

    docx, pdf = render_sample(sample)
    document = read_pdf(pdf, sha256="0" * 64)
    truth = read_truth(docx)
    stats = _table_recall(document, truth)
    print(f"table recall ({sample}):", stats)
    assert stats["tables"] == stats["docx_tables"]
    assert stats["captions"] >= 0.9 * stats["docx_captions"]
    assert stats["identical_grids"] >= 0.9 * stats["docx_tables"]
    assert [(h.level, squash(h.title)) for h in document.headings] == \
        [(level, squash(text)) for level, text in truth.headings]


def test_split_table_is_rejoined_with_its_repeated_header_dropped(report, truth, electroplating):
    """表1-1 runs over three pages in the PDF (the header row repeats on each): one Table with the
    DOCX's rows, located on the page where it starts."""
    table = next(t for t in report.tables if t.caption and squash(t.caption).startswith("表1-1"))
    expected = truth.tables[report.tables.index(table)]
    assert [[squash(c) for c in row] for row in table.rows_text()] == expected
    assert table.header_rows == 1 and table.header_paths[:3] == ["序号", "所属小组", "姓名"]
    texts = _page_texts(electroplating[1])
    last_row = squash("".join(table.rows_text()[-1][:3]))
    start = table.location.page
    assert texts[start].startswith(squash(ENTERPRISE)) and "序号所属" in texts[start]  # repeated header
    assert not any(last_row[:6] in t for t in texts[start - 1:start]), "the last row is on a later page"
    assert sum(squash(t.caption or "").startswith("表1-1") for t in report.tables) == 1
    # rows are numbered in the merged grid
    for r, row in enumerate(table.grid):
        for cell in row:
            assert cell.row <= r < cell.row + cell.rowspan


def test_multi_level_headers_give_header_paths(report):
    table = next(t for t in report.tables if t.caption and "主要原辅材料消耗表" in t.caption)
    assert table.header_rows == 2
    assert "近三年消耗量/2021年" in [squash(p) for p in table.header_paths]
    merged = table.grid[0][3]
    assert merged.colspan == 3 and table.grid[0][4] is merged and merged.is_origin(0, 3)


def test_locations_index_blocks_paragraphs_and_tables(report):
    paragraph = 0
    for i, block in enumerate(report.blocks):
        assert block.location.block == i
        if isinstance(block, (Heading, Paragraph)):
            assert block.location.paragraph == paragraph
            paragraph += 1
        if isinstance(block, Table):
            assert report.tables[block.index] is block
    pages = [b.location.page for b in report.blocks]
    assert pages == sorted(pages)


def test_captions_stay_paragraphs_of_their_own(report):
    captions = [p for p in report.paragraphs if squash(p.text).startswith("表1-1")]
    assert len(captions) == 1 and captions[0].align == "center"
