"""Broken and hostile PDFs: what must NOT be read as if it were text (checker.md §3.2, §1.3).

"Silently passing is the worst bug": a PDF whose fonts lack ToUnicode maps extracts as control
characters, a scan has no text at all — either would otherwise look like an empty report that passes
nothing-to-find checks. Made at test time from a rendered report (builders.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.read.limits import Limits
from docgen.read.model import Document, NotEvaluable
from docgen.read.pdf import read_pdf
from tests.read.pdf import builders as B

SHA = "f" * 64


def _read(path: Path, **kw):
    return read_pdf(path, sha256=SHA, **kw)


def test_all_pages_without_to_unicode_is_no_text_layer(electroplating, tmp_path):
    broken = B.without_to_unicode(electroplating[1], tmp_path / "no-tounicode.pdf", pages=8)
    result = _read(broken)
    assert isinstance(result, NotEvaluable), result
    assert result.code == "DOC.NO_TEXT_LAYER" and result.sha256 == SHA
    assert "文字层" in result.reason_zh and "OCR" in result.reason_zh
    assert "text layer" in result.reason_en
    assert "garbled pages [1, 2, 3, 4, 5, 6, 7, 8]" in result.detail


def test_some_pages_garbled_are_excluded_and_named_in_warnings(electroplating, tmp_path):
    mixed = B.mixed_garbled(electroplating[1], tmp_path / "mixed.pdf", good=9, bad=3)
    result = _read(mixed)
    assert isinstance(result, Document)
    statuses = [h.status for h in result.page_health]
    assert statuses == ["good"] * 9 + ["garbled"] * 3
    bad = result.page_health[-1]
    assert "control characters" in bad.reason and bad.chars > 100 and bad.cjk_share < 0.2
    assert any("第 10、11、12 页" in w and "乱码" in w for w in result.warnings)
    assert not any(b.location.page in (10, 11, 12) for b in result.blocks)
    assert [h.text for h in result.headings if h.level == 1][-1] == "第一章 筹划和组织"  # page 9 still read


def test_image_only_pdf_is_image_only_and_not_evaluable(electroplating, tmp_path):
    scan = B.image_only(electroplating[1], tmp_path / "scan.pdf", pages=2)
    result = _read(scan)
    assert isinstance(result, NotEvaluable) and result.code == "DOC.NO_TEXT_LAYER"
    assert "image-only pages [1, 2]" in result.detail


def test_image_only_page_health(tmp_path):
    from docgen.read.pdf import reader

    scan = B.drawn_image_pdf(tmp_path / "drawn.pdf")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(scan))
    try:
        page = reader._read_page(doc, 0, want_ocr=False, ocr_state={})
    finally:
        doc.close()
    assert page.health.status == "image_only" and page.health.chars == 0
    assert "images cover" in page.health.reason


def test_user_password_is_encrypted(electroplating, tmp_path):
    locked = B.encrypted(electroplating[1], tmp_path / "locked.pdf", user_password="secret")
    result = _read(locked)
    assert isinstance(result, NotEvaluable) and result.code == "DOC.ENCRYPTED"
    assert "密码" in result.reason_zh and "password" in result.reason_en


def test_owner_password_only_is_read_with_a_warning(electroplating, tmp_path):
    restricted = B.encrypted(electroplating[1], tmp_path / "restricted.pdf", user_password="")
    result = _read(restricted)
    assert isinstance(result, Document)
    assert any("权限密码" in w for w in result.warnings)
    assert result.pages == 3 and {h.status for h in result.page_health} == {"good"}


def test_blank_pages_are_empty_and_not_evaluable(tmp_path):
    result = _read(B.blank(tmp_path / "blank.pdf", pages=3))
    assert isinstance(result, NotEvaluable) and result.code == "DOC.NO_TEXT_LAYER"
    assert "empty pages [1, 2, 3]" in result.detail


def test_a_blank_page_among_text_pages_is_empty_without_a_warning(tmp_path):
    from pypdf import PdfReader, PdfWriter

    text = B.synthetic_pdf(tmp_path / "text.pdf", [[("text", 90, 100, 10, "Some text on the first page.")]])
    writer = PdfWriter()
    writer.add_page(PdfReader(text).pages[0])
    writer.add_blank_page(width=595, height=842)
    writer.write(tmp_path / "with-blank.pdf")
    result = _read(tmp_path / "with-blank.pdf")
    assert isinstance(result, Document)
    assert [h.status for h in result.page_health] == ["good", "empty"]
    assert result.warnings == []


def test_too_many_pages(electroplating):
    result = _read(electroplating[1], limits=Limits(max_pdf_pages=5))
    assert isinstance(result, NotEvaluable) and result.code == "DOC.TOO_MANY_PAGES"
    assert "5" in result.reason_zh and "limit of 5" in result.reason_en


def test_file_over_the_size_cap_is_not_opened(tmp_path):
    path = B.blank(tmp_path / "big.pdf", pages=1)
    result = _read(path, limits=Limits(max_file_bytes=100))
    assert isinstance(result, NotEvaluable) and result.code == "DOC.TOO_LARGE"


@pytest.mark.parametrize("data, code", [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "DOC.CORRUPT"),
    (b"PK\x03\x04 this is a zip", "DOC.UNSUPPORTED_FORMAT"),
    (b"", "DOC.UNSUPPORTED_FORMAT"),
])
def test_not_a_readable_pdf(tmp_path, data, code):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    result = _read(path)
    assert isinstance(result, NotEvaluable) and result.code == code
    assert result.reason_zh and result.reason_en


def test_missing_file(tmp_path):
    result = _read(tmp_path / "nope.pdf")
    assert isinstance(result, NotEvaluable) and result.code == "DOC.NOT_FOUND"
