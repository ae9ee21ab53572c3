"""Hostile inputs stopped by the gate (notes/ecosystem-reliability.md §3.4, §8), measured.

Each case builds its file in a tmp dir (tests/read/hostile.py), then asserts: the expected code
with a Chinese reason, the parser never called (the readers are recorders that fail the test if
they are reached where they must not be), < 1 s, peak Python allocation < 50 MB (tracemalloc),
and the input's folder unchanged. Without the audit, the 27 KB bomb below costs python-docx
≈ 1 GB (§3.1 measured 1.6 GB RSS for 331 KB).
"""

from __future__ import annotations

import os
import struct
import warnings
import zipfile

import pytest

from docgen.read import Limits, read_document
from docgen.read import ingest
from docgen.read.limits import DEFAULT_LIMITS, LimitExceeded, read_member
from docgen.read.model import Document, NotEvaluable
from tests.read import hostile as H
from tests.read.test_ingest import CJK, assert_not_evaluable, readers  # noqa: F401 — fixture

BUDGET_S = 1.0
BUDGET_BYTES = 50 * 1024 * 1024


def gate(path, code, readers, **kw) -> NotEvaluable:
    result, seconds, peak = H.measure(path, **kw)
    found = assert_not_evaluable(result, code)
    assert seconds < BUDGET_S, f"{path.name}: {seconds:.3f} s"
    assert peak < BUDGET_BYTES, f"{path.name}: peak {peak / 1e6:.1f} MB"
    assert not readers[0].calls and not readers[1].calls, "a parser was reached"
    assert found.sha256 and len(found.sha256) == 64
    return found


# --------------------------------------------------------------------------- size and ratio


def test_zip_bomb(tmp_path, readers):
    path = H.zip_bomb_docx(tmp_path / "bomb.docx")
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert info.file_size / info.compress_size > 600 and path.stat().st_size < 64 * 1024
    found = gate(path, "DOC.ZIP_BOMB_SUSPECTED", readers)
    assert "word/document.xml" in found.detail and "压缩比" in found.reason_zh


def test_50_mb_stored_part_is_too_large(tmp_path, readers):
    path = H.huge_part_docx(tmp_path / "huge.docx", megabytes=50)
    assert path.stat().st_size > DEFAULT_LIMITS.max_part_bytes
    found = gate(path, "DOC.TOO_LARGE", readers)
    assert "word/document.xml" in found.detail


def test_large_zero_media_part_is_a_bomb(tmp_path, readers):
    """§8 #2 (300 MB of zeros, scaled down): unreferenced parts are audited too."""
    zeros = b"\x00" * (40 * 1024 * 1024)
    path = H.write_docx(tmp_path / "media.docx", extra={"word/media/zero.bin": zeros})
    del zeros
    gate(path, "DOC.ZIP_BOMB_SUSPECTED", readers)


def test_total_uncompressed_size_cap(tmp_path, readers):
    path = H.write_docx(tmp_path / "photos.docx", stored=True,
                        extra={f"word/media/image{i}.jpg": os.urandom(600_000) for i in range(4)})
    gate(path, "DOC.TOO_LARGE", readers, limits=Limits(max_total_uncompressed=2 * 1024 * 1024))


def test_lying_central_directory_passes_the_audit_but_read_member_stops(tmp_path):
    """Declared 1 000 bytes, really ≈ 50 MB: the ratio check cannot see it, so the member reader
    must stop by itself — CPython's zipfile stops at the declared size and fails the CRC."""
    import time
    import tracemalloc

    path = H.lying_size_docx(tmp_path / "lying.docx", real_megabytes=50)
    audit = ingest.audit_zip(path, DEFAULT_LIMITS)
    assert audit.kind == "docx"
    tracemalloc.start()
    started = time.perf_counter()
    with zipfile.ZipFile(path) as zf, pytest.raises((zipfile.BadZipFile, LimitExceeded)):
        read_member(zf, "word/document.xml", DEFAULT_LIMITS)
    seconds, peak = time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < BUDGET_S and peak < BUDGET_BYTES


def test_lying_central_directory_through_read_document(tmp_path, monkeypatch):
    """With a reader that reads the part the way the DOCX reader does (``read_member``)."""
    path = H.lying_size_docx(tmp_path / "lying.docx", real_megabytes=50)

    def member_reader(p, *, sha256, limits, **kw):
        with zipfile.ZipFile(p) as zf:
            read_member(zf, "word/document.xml", limits)
        raise AssertionError("read_member did not stop")

    monkeypatch.setattr(ingest, "docx_reader", lambda: member_reader)
    result, seconds, peak = H.measure(path)
    assert isinstance(result, NotEvaluable) and result.code in ("DOC.CORRUPT", "DOC.ZIP_BOMB_SUSPECTED")
    assert seconds < BUDGET_S and peak < BUDGET_BYTES


# --------------------------------------------------------------------------- structure


def test_entry_count_bomb(tmp_path, readers):
    path = H.many_entries_docx(tmp_path / "many.docx", count=5000)
    found = gate(path, "DOC.TOO_MANY_ENTRIES", readers)
    assert "5004" in found.detail


def test_entry_count_bomb_with_a_lying_end_record(tmp_path, readers):
    """zipfile walks the central directory by its byte size, not by the declared count."""
    path = H.many_entries_docx(tmp_path / "many.docx", count=2100)
    data = bytearray(path.read_bytes())
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, eocd + 8, 4, 4)
    path.write_bytes(bytes(data))
    gate(path, "DOC.TOO_MANY_ENTRIES", readers)


@pytest.mark.parametrize("name", [
    "../evil.xml", "word/../../evil.xml", "/abs.xml", "/etc/cron.d/x", "C:evil.xml", "C:\\evil.xml",
    "word\\..\\evil.xml", "word/a\x00b.xml", "word/\x01.xml", "word/a\x7f.xml",
])
def test_unsafe_entry_names(tmp_path, readers, name):
    path = H.bad_name_docx(tmp_path / "names.docx", name)
    gate(path, "DOC.UNSAFE_PATH", readers)
    assert sorted(os.listdir(tmp_path)) == ["names.docx"]


@pytest.mark.parametrize("second", ["word/document.xml", "WORD/Document.xml"])
def test_duplicate_entry_names(tmp_path, readers, second):
    path = H.write_docx(tmp_path / "dupe.docx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns "Duplicate name"
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr(second, H.document_xml(H.paragraph("另一份正文")))
    found = gate(path, "DOC.UNSAFE_PATH", readers)
    assert "重复" in found.reason_zh


def test_overlapping_entries(tmp_path, readers):
    path = H.overlapping_docx(tmp_path / "overlap.docx", overlap=100)
    found = gate(path, "DOC.ZIP_BOMB_SUSPECTED", readers)
    assert "overlap" in found.detail


def test_two_byte_overlap_is_tolerated(tmp_path):
    """ClamAV had to allow 2-byte overlaps seen in legitimate JARs (PR #561)."""
    path = H.overlapping_docx(tmp_path / "overlap2.docx", overlap=2)
    assert ingest.audit_zip(path, DEFAULT_LIMITS).kind == "docx"


def test_encrypted_zip_entry(tmp_path, readers):
    gate(H.encrypted_entry_docx(tmp_path / "enc.docx"), "DOC.ENCRYPTED", readers)


@pytest.mark.parametrize("fraction", [0.5, 0.99, 0.1])
def test_truncated_docx(tmp_path, readers, fraction):
    source = H.write_docx(tmp_path / "src.docx")
    target = H.truncate(source, tmp_path / "cut.docx", fraction)
    gate(target, "DOC.CORRUPT", readers)


def test_local_header_missing_is_corrupt(tmp_path, readers):
    path = H.write_docx(tmp_path / "ok.docx")
    data = bytearray(path.read_bytes())
    second = data.find(b"PK\x03\x04", 4)
    data[second : second + 4] = b"XX\x03\x04"
    path.write_bytes(bytes(data))
    gate(path, "DOC.CORRUPT", readers)


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("make, word", [(H.ofd_zip, "OFD"), (H.xlsx_zip, "Excel")])
def test_other_zip_formats(tmp_path, readers, make, word):
    found = gate(make(tmp_path / "report.docx"), "DOC.UNSUPPORTED_FORMAT", readers)
    assert word in found.reason_zh


def test_text_renamed_docx(tmp_path, readers):
    path = tmp_path / "report.docx"
    path.write_text("清洁生产审核报告（正文见附件）", encoding="utf-8")
    gate(path, "DOC.UNSUPPORTED_FORMAT", readers)


def test_encrypted_docx_in_ole_container(tmp_path, readers):
    found = gate(H.encrypted_docx_ole(tmp_path / "protected.docx"), "DOC.ENCRYPTED", readers)
    assert "EncryptedPackage" in found.detail


def test_encrypted_doc(tmp_path, readers):
    found = gate(H.encrypted_doc_ole(tmp_path / "protected.doc"), "DOC.ENCRYPTED", readers)
    assert "fEncrypted" in found.detail


def test_legacy_excel_named_doc(tmp_path, readers):
    found = gate(H.excel_ole(tmp_path / "table.doc"), "DOC.UNSUPPORTED_FORMAT", readers)
    assert "Excel" in found.reason_zh


def test_broken_ole_is_corrupt(tmp_path, readers):
    source = H.encrypted_doc_ole(tmp_path / "src.doc")
    gate(H.truncate(source, tmp_path / "cut.doc", 0.3), "DOC.CORRUPT", readers)


def test_ole_sector_chain_loop_is_corrupt(tmp_path, readers):
    """A FAT entry pointing at itself must not loop: the chain walker keeps a visited set."""
    path = H.encrypted_doc_ole(tmp_path / "loop.doc")
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, 512 + 4 * 1, 1)   # FAT[1] (the directory sector) → 1
    path.write_bytes(bytes(data))
    gate(path, "DOC.CORRUPT", readers)


def test_pdf_with_user_password(tmp_path, readers):
    found = gate(H.encrypted_pdf(tmp_path / "locked.pdf"), "DOC.ENCRYPTED", readers)
    assert "密码" in found.reason_zh


def test_pdf_with_owner_password_only_is_read_with_a_note(tmp_path, readers):
    path = H.encrypted_pdf(tmp_path / "restricted.pdf", user_password="")
    result, seconds, _ = H.measure(path)
    assert isinstance(result, Document) and readers[1].calls and seconds < BUDGET_S
    assert any("权限密码" in w for w in result.warnings)


def test_batch_of_hostile_files_each_gets_its_own_answer(tmp_path, readers):
    """§3.4: one bad file must not affect the others read in the same process."""
    files = [
        H.zip_bomb_docx(tmp_path / "1.docx"),
        H.write_docx(tmp_path / "2.docx"),
        H.bad_name_docx(tmp_path / "3.docx", "../x.xml"),
        H.write_docx(tmp_path / "4.docx"),
    ]
    results = [read_document(f) for f in files]
    assert [getattr(r, "code", "ok") for r in results] == ["DOC.ZIP_BOMB_SUSPECTED", "ok", "DOC.UNSAFE_PATH", "ok"]
