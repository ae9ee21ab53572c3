"""The gate and the dispatcher of ``read_document``, with the readers replaced by recorders.

These tests do not need the DOCX/PDF readers: they check what happens *before* a parser (stat,
size cap, hash, sniff), that the right reader is called with the hash and limits, that a lying
extension becomes a warning, and that every exception a reader may raise becomes a stable code.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile

import pytest
import yaml
from lxml import etree

from docgen.read import CODES, Limits, read_document
from docgen.read import ingest
from docgen.read.limits import LimitExceeded
from docgen.read.model import Document, NotEvaluable
from docgen.read.reasons import code_for_exception, not_evaluable, reason
from docgen.read.xmlsafe import UnsafeXml
from docgen.resources import data_file
from tests.read import hostile as H

CJK = re.compile(r"[\u4e00-\u9fff]")


class Recorder:
    """Stands in for read_docx / read_pdf: records calls, returns a Document or raises/returns ``outcome``."""

    def __init__(self, fmt: str):
        self.fmt, self.calls, self.outcome = fmt, [], None

    def __call__(self, path, *, sha256, limits, **kw):
        self.calls.append({"path": path, "sha256": sha256, "limits": limits, **kw})
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        if self.outcome is not None:
            return self.outcome
        return Document(path=str(path), format=self.fmt, sha256="reader-sha")


@pytest.fixture
def readers(monkeypatch):
    docx, pdf = Recorder("docx"), Recorder("pdf")
    monkeypatch.setattr(ingest, "docx_reader", lambda: docx)
    monkeypatch.setattr(ingest, "pdf_reader", lambda: pdf)
    return docx, pdf


def assert_not_evaluable(result, code: str) -> NotEvaluable:
    assert isinstance(result, NotEvaluable), result
    assert result.code == code, (result.code, result.detail)
    assert CJK.search(result.reason_zh), result.reason_zh
    assert result.reason_en
    return result


# --------------------------------------------------------------------------- reasons


def test_every_code_has_chinese_and_english_reasons():
    shipped = yaml.safe_load(data_file("read-reasons.yaml").read_text(encoding="utf-8"))
    assert set(shipped) == set(CODES)
    for code in CODES:
        zh, en = reason(code)
        assert CJK.search(zh) and zh.endswith("。"), code
        assert en.isascii() and len(en) > 20, code


def test_not_evaluable_carries_code_reasons_detail_and_hash():
    result = not_evaluable("a.docx", "DOC.ENCRYPTED", "flag bit 0x1", "ab" * 32, note_zh="带密码", note_en="password")
    assert result.code == "DOC.ENCRYPTED" and result.path == "a.docx" and result.sha256 == "ab" * 32
    assert result.reason_zh.endswith("（带密码）") and result.reason_en.endswith("(password)")
    assert result.detail == "flag bit 0x1"
    unknown = not_evaluable("a.docx", "DOC.SOMETHING_NEW")
    assert "DOC.SOMETHING_NEW" in unknown.reason_zh


# --------------------------------------------------------------------------- before any parser


def test_nonexistent_file(tmp_path, readers):
    result, seconds, _ = H.measure(tmp_path / "missing.docx")
    assert_not_evaluable(result, "DOC.NOT_FOUND")
    assert seconds < 1 and not readers[0].calls


def test_directory(tmp_path, readers):
    folder = tmp_path / "report.docx"
    folder.mkdir()
    result, seconds, _ = H.measure(folder)
    assert "文件夹" in assert_not_evaluable(result, "DOC.NOT_FOUND").reason_zh
    assert seconds < 1


def test_fifo_is_refused_without_blocking(tmp_path, readers):
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    assert_not_evaluable(read_document(fifo), "DOC.NOT_FOUND")


@pytest.mark.parametrize("content", [b"", b"   \r\n\t ", b"\x00" * 4096])
def test_empty_or_blank_file(tmp_path, readers, content):
    path = tmp_path / "empty.docx"
    path.write_bytes(content)
    result, seconds, _ = H.measure(path)
    assert_not_evaluable(result, "DOC.EMPTY")
    assert seconds < 1 and not readers[0].calls


def test_size_cap_before_reading(tmp_path, readers):
    path = H.write_docx(tmp_path / "big.docx")
    result = read_document(path, limits=Limits(max_file_bytes=100))
    assert_not_evaluable(result, "DOC.TOO_LARGE")
    assert result.sha256 is None  # refused before a byte was read
    assert not readers[0].calls


@pytest.mark.parametrize("content, kind", [
    (b"<!DOCTYPE html><html><body>\xe6\x8a\xa5\xe5\x91\x8a</body></html>", "HTML"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", "MHT"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}", "RTF"),
    (b'<?xml version="1.0"?><root/>', "XML"),
    (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>', "Word 2003 XML"),
    ("这是一段纯文本报告，不是 Word 文件。".encode("utf-8"), "纯文本"),
    ("这是一段纯文本报告".encode("gb18030"), "纯文本"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "图片"),
    (b"Rar!\x1a\x07\x00" + b"\x00" * 64, "压缩包"),
    (bytes(range(256)) * 4, "二进制"),
])
def test_other_formats_are_unsupported_and_named(tmp_path, readers, content, kind):
    path = tmp_path / "report.docx"
    path.write_bytes(content)
    result, seconds, _ = H.measure(path)
    assert kind in assert_not_evaluable(result, "DOC.UNSUPPORTED_FORMAT").reason_zh
    assert seconds < 1 and not readers[0].calls and not readers[1].calls


@pytest.mark.parametrize("content", [b"P", b"PK\x03", b"\xd0\xcf\x11"])
def test_a_few_bytes_of_a_magic_number_are_a_truncated_file(tmp_path, readers, content):
    path = tmp_path / "cut.docx"
    path.write_bytes(content)
    assert_not_evaluable(read_document(path), "DOC.CORRUPT")


def test_sniff():
    assert ingest.sniff(b"PK\x03\x04rest") == "zip"
    assert ingest.sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100) == "ole"
    assert ingest.sniff(b"\x00" * 500 + b"%PDF-1.7") == "pdf"      # within the first 1024 bytes
    assert ingest.sniff(b" " * 1100 + b"%PDF-1.7") != "pdf"


# --------------------------------------------------------------------------- dispatch


def test_docx_goes_to_the_docx_reader_with_hash_and_limits(tmp_path, readers):
    path = H.write_docx(tmp_path / "ok.docx")
    limits = Limits(max_entries=50)
    result, seconds, _ = H.measure(path, limits=limits)
    assert isinstance(result, Document) and result.format == "docx"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert result.sha256 == digest and result.path == str(path)
    (call,) = readers[0].calls
    assert call["sha256"] == digest and call["limits"] is limits
    assert not result.warnings and not readers[1].calls


def test_pdf_renamed_docx_is_read_as_pdf_with_a_warning(tmp_path, readers):
    path = tmp_path / "report.docx"
    path.write_bytes(H.text_pdf())
    result = read_document(path, ocr=True)
    assert isinstance(result, Document) and result.format == "pdf"
    assert readers[1].calls[0]["ocr"] is True and not readers[0].calls
    assert "扩展名与实际格式不符" in result.warnings[0] and ".docx" in result.warnings[0]


def test_docx_named_doc_is_read_as_docx_with_a_warning(tmp_path, readers):
    path = H.write_docx(tmp_path / "report.doc")
    result = read_document(path)
    assert isinstance(result, Document) and readers[0].calls
    assert "扩展名与实际格式不符" in result.warnings[0]


def test_missing_main_part_is_corrupt(tmp_path, readers):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", H.CONTENT_TYPES)
        zf.writestr("word/styles.xml", "<w:styles/>")
    assert_not_evaluable(read_document(path), "DOC.CORRUPT")
    assert not readers[0].calls


def _xml_error(data: bytes) -> Exception:
    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        return exc
    raise AssertionError("parsed")


def _pypdf_error(name: str) -> Exception:
    from pypdf import errors

    return getattr(errors, name)("from the test")


@pytest.mark.parametrize("make, code", [
    (lambda: LimitExceeded("DOC.ZIP_BOMB_SUSPECTED", "word/document.xml: more than 32 MB"), "DOC.ZIP_BOMB_SUSPECTED"),
    (lambda: LimitExceeded("DOC.TOO_LARGE", "declared too big"), "DOC.TOO_LARGE"),
    (lambda: UnsafeXml("DOCTYPE"), "DOC.UNSAFE_XML"),
    (lambda: zipfile.BadZipFile("Bad CRC-32 for file 'word/document.xml'"), "DOC.CORRUPT"),
    (lambda: KeyError("There is no item named 'word/styles.xml' in the archive"), "DOC.CORRUPT"),
    (lambda: _xml_error(b"<w:document><w:p></w:document>"), "DOC.CORRUPT"),
    (lambda: _xml_error(b"<a>" * 300 + b"</a>" * 300), "DOC.UNSAFE_XML"),
    (lambda: _pypdf_error("FileNotDecryptedError"), "DOC.ENCRYPTED"),
    (lambda: _pypdf_error("PdfReadError"), "DOC.CORRUPT"),
    (lambda: _pypdf_error("PdfStreamError"), "DOC.CORRUPT"),
    (lambda: _pypdf_error("LimitReachedError"), "DOC.ZIP_BOMB_SUSPECTED"),
    (lambda: MemoryError(), "DOC.MEMORY"),
    (lambda: TypeError("'NoneType' object is not subscriptable"), "DOC.PARSE_ERROR"),
    (lambda: NotImplementedError("unsupported filter /JBIG2Decode"), "DOC.PARSE_ERROR"),
    (lambda: RecursionError("maximum recursion depth exceeded"), "DOC.PARSE_ERROR"),
])
def test_reader_exceptions_become_stable_codes(tmp_path, readers, make, code):
    path = H.write_docx(tmp_path / "ok.docx")
    readers[0].outcome = make()
    result = assert_not_evaluable(read_document(path), code)
    assert type(readers[0].outcome).__name__ in result.detail   # the class is kept for support staff
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_pdfium_password_error_is_encrypted():
    import pypdfium2

    exc = pypdfium2.PdfiumError("Failed to load document (PDFium: Incorrect password error).")
    assert code_for_exception(exc) == "DOC.ENCRYPTED"


def test_reader_answer_is_normalised(tmp_path, readers):
    path = tmp_path / "scan.pdf"
    path.write_bytes(H.text_pdf())
    readers[1].outcome = NotEvaluable(path="elsewhere", code="DOC.NO_TEXT_LAYER", reason_zh="", reason_en="",
                                      detail="0 of 1 pages have text")
    result = assert_not_evaluable(read_document(path), "DOC.NO_TEXT_LAYER")
    assert result.path == str(path) and result.reason_zh == reason("DOC.NO_TEXT_LAYER")[0]
    assert result.detail == "0 of 1 pages have text" and result.sha256


def test_reader_specific_reasons_are_kept_and_codes_made_canonical(tmp_path, readers):
    path = tmp_path / "odd.pdf"
    path.write_bytes(H.text_pdf())
    readers[1].outcome = NotEvaluable(path=str(path), code="DOC.NOT_PDF", reason_zh="文件不是 PDF（缺少 %PDF- 文件头）。",
                                      reason_en="The file is not a PDF.", sha256="x")
    result = assert_not_evaluable(read_document(path), "DOC.UNSUPPORTED_FORMAT")
    assert result.reason_zh == "文件不是 PDF（缺少 %PDF- 文件头）。" and len(result.sha256) == 64


def test_reader_limit_codes_are_made_canonical(tmp_path, readers):
    readers[0].outcome = LimitExceeded("DOC.TOO_MANY_PARTS", "2100 ZIP entries > 2000")
    assert_not_evaluable(read_document(H.write_docx(tmp_path / "ok.docx")), "DOC.TOO_MANY_ENTRIES")


def test_a_missing_reader_is_a_parse_error_not_a_crash(tmp_path, monkeypatch):
    def broken():
        raise ImportError("docgen.read.docx is not installed")

    monkeypatch.setattr(ingest, "docx_reader", broken)
    result = assert_not_evaluable(read_document(H.write_docx(tmp_path / "ok.docx")), "DOC.PARSE_ERROR")
    assert "ImportError" in result.detail


def test_read_document_never_raises_even_for_odd_arguments(readers):
    for odd in ("", "\x00bad", "/" * 5000):
        assert isinstance(read_document(odd), NotEvaluable)
