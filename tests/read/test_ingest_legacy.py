"""Legacy .doc/.wps through LibreOffice: real conversions, timeouts, and LibreOffice missing.

The .doc is made here by LibreOffice itself from a small DOCX (``soffice --convert-to doc``), then
read back through ``read_document``. Like the PDF tests (tests/render/conftest.py), a missing
LibreOffice is a failure, not a skip — unless DOCGEN_ALLOW_NO_LIBREOFFICE=1 says so explicitly.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from docgen.read import Limits, read_document
from docgen.read import legacy
from docgen.read.model import Document
from tests.read import hostile as H
from tests.read.test_ingest import assert_not_evaluable, readers  # noqa: F401 — fixture


@pytest.fixture(scope="session")
def soffice() -> str:
    found = legacy.find_libreoffice()
    if found:
        return found
    message = "旧版 .doc 测试需要 LibreOffice（apt-get install -y --no-install-recommends libreoffice-writer-nogui）"
    if os.environ.get("DOCGEN_ALLOW_NO_LIBREOFFICE") == "1":
        pytest.skip(message + "（DOCGEN_ALLOW_NO_LIBREOFFICE=1：按要求跳过）")
    pytest.fail(message + "（若确实无法安装，请设置 DOCGEN_ALLOW_NO_LIBREOFFICE=1）", pytrace=False)


@pytest.fixture(scope="session")
def legacy_doc(soffice, tmp_path_factory) -> Path:
    """A Word 97 .doc written by LibreOffice from a small Chinese DOCX (private profile)."""
    folder = tmp_path_factory.mktemp("legacy")
    source = H.write_docx(folder / "report.docx")
    profile = folder / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "doc", "--outdir", str(folder / "out"), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    made = folder / "out" / "report.doc"
    assert made.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    return made


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def _temp_leftovers() -> set[str]:
    return {n for n in os.listdir(tempfile.gettempdir()) if n.startswith("docgen-legacy-")}


def _legacy_processes() -> list[str]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\x00", b" ").decode(errors="replace")
        except OSError:
            continue
        if "docgen-legacy-" in cmdline:
            found.append(cmdline)
    return found


def test_ole_directory_of_a_real_doc(legacy_doc):
    info = legacy.read_ole(legacy_doc)
    assert info.kind == "word" and info.has("WordDocument") and info.has("1Table")
    assert not info.word_encrypted and not info.encrypted_package


def test_doc_is_converted_and_read(legacy_doc, tmp_path):
    path = _copy(legacy_doc, tmp_path / "审核报告.doc")
    before = _temp_leftovers()
    result, seconds, _ = H.measure(path)
    assert isinstance(result, Document), result
    assert result.converted_from == ".doc" and result.format == "docx"
    assert result.path == str(path) and result.sha256 and len(result.sha256) == 64
    text = "\n".join(p.text for p in result.paragraphs) + "\n".join(h.text for h in result.headings)
    assert "企业位于上海市" in text
    assert any("LibreOffice" in w for w in result.warnings)
    assert not any("扩展名" in w for w in result.warnings)
    assert _temp_leftovers() == before and not _legacy_processes()
    assert seconds < 60


def test_wps_and_misnamed_doc(legacy_doc, tmp_path):
    wps = read_document(_copy(legacy_doc, tmp_path / "report.wps"))
    assert isinstance(wps, Document) and wps.converted_from == ".wps"
    misnamed = read_document(_copy(legacy_doc, tmp_path / "report.docx"))
    assert isinstance(misnamed, Document) and misnamed.converted_from == ".doc"
    assert "扩展名与实际格式不符" in misnamed.warnings[0]


def test_conversion_timeout_kills_libreoffice(legacy_doc, tmp_path, readers):
    path = _copy(legacy_doc, tmp_path / "slow.doc")
    before = _temp_leftovers()
    result = read_document(path, limits=Limits(timeout_s=0.2))
    assert_not_evaluable(result, "DOC.TIMEOUT")
    assert not readers[0].calls
    assert not _legacy_processes(), "LibreOffice left running after the timeout"
    assert _temp_leftovers() == before


def test_without_libreoffice_legacy_is_not_evaluable(tmp_path, monkeypatch, readers):
    """Runs everywhere: LibreOffice is made to look absent."""
    monkeypatch.setattr(legacy, "find_libreoffice", lambda: None)
    fib = bytearray(4096)
    fib[0:2] = (0xA5EC).to_bytes(2, "little")
    path = H.ole_file(tmp_path / "old.doc", {"WordDocument": bytes(fib), "1Table": b"\x00" * 4096})
    result, seconds, _ = H.measure(path)
    found = assert_not_evaluable(result, "DOC.LEGACY_FORMAT")
    assert "LibreOffice" in found.reason_zh and "apt-get install" in found.detail
    assert seconds < 1 and not readers[0].calls


def test_libreoffice_failure_is_legacy_format(tmp_path, monkeypatch, readers):
    def fails(*args, **kw):
        raise legacy.LegacyFailed("LibreOffice wrote no DOCX (exit 0): Error: source file could not be loaded")

    monkeypatch.setattr(legacy, "convert_to_docx", fails)
    path = H.ole_file(tmp_path / "old.doc", {"WordDocument": b"\x00" * 4096})
    found = assert_not_evaluable(read_document(path), "DOC.LEGACY_FORMAT")
    assert "could not be loaded" in found.detail


def test_conversion_output_is_audited_like_an_upload(tmp_path, monkeypatch, readers):
    """LibreOffice's output is not trusted either: it goes through the same ZIP audit."""
    def bomb(path, work, **kw):
        return H.zip_bomb_docx(work / "out.docx")

    monkeypatch.setattr(legacy, "convert_to_docx", bomb)
    path = H.ole_file(tmp_path / "old.doc", {"WordDocument": b"\x00" * 4096})
    assert_not_evaluable(read_document(path), "DOC.ZIP_BOMB_SUSPECTED")
    assert not readers[0].calls
