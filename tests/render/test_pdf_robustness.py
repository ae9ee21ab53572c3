"""Failure behaviour of the converter with real LibreOffice: timeouts, bad input, atomic replace,
parallel conversions (notes/ecosystem-reliability.md §3.2 f–h, test matrix §8 #21 #23 #24 #25)."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from docgen.render.pdf import ConversionError, ConversionResult, convert_many, convert_to_pdf

pytestmark = pytest.mark.usefixtures("pdf_toolchain")


def processes_mentioning(marker: str) -> list[str]:
    """``-ww``: without it ps cuts lines at $COLUMNS (set under pytest) and the profile path vanishes."""
    out = subprocess.run(["ps", "-ww", "-eo", "pid,stat,args"], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if marker in line]


def is_complete_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> str:
    """Make the converter's temporary profile land in a directory only this test uses, so the
    process table can be searched for it."""
    root = tmp_path / "lo-tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return str(root)


class ProcessWatcher:
    """Polls ``ps`` while a conversion runs and remembers LibreOffice processes using ``marker``."""

    def __init__(self, marker: str) -> None:
        self.marker, self.seen, self.pids, self._stop = marker, set(), set(), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for line in processes_mentioning(self.marker):
                pid, _stat, program = line.split()[:3]
                self.seen.add(program.rsplit("/", 1)[-1])
                self.pids.add(int(pid))
            time.sleep(0.05)

    def __enter__(self) -> "ProcessWatcher":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def assert_nothing_left(directory: Path, marker: str, keep: set[str] = frozenset()) -> None:
    assert set(os.listdir(directory)) == set(keep), os.listdir(directory)
    assert processes_mentioning(marker) == []
    assert os.listdir(marker) == [], "temporary LibreOffice profile not removed"


def test_timeout_kills_libreoffice_and_leaves_no_output(report_docx, tmp_path, private_tmp):
    out_dir = tmp_path / "out"
    with pytest.raises(ConversionError) as info:
        convert_to_pdf(report_docx, out_dir / "report.pdf", timeout=0.5)
    assert info.value.kind == "timeout" and "超时" in str(info.value) and "report.docx" in str(info.value)
    assert_nothing_left(out_dir, private_tmp)
    # The input is untouched (no ".~lock.report.docx#") and converts fine afterwards.
    assert not any(name.startswith(".~lock") for name in os.listdir(report_docx.parent))
    assert convert_to_pdf(report_docx, out_dir / "report.pdf").pages >= 1


def test_timeout_while_libreoffice_is_busy_kills_the_whole_tree(big_docx, tmp_path, private_tmp):
    out_dir = tmp_path / "out"
    with ProcessWatcher(private_tmp) as watcher, pytest.raises(ConversionError) as info:
        convert_to_pdf(big_docx, out_dir / "big.pdf", timeout=2.0)
    assert info.value.kind == "timeout"
    assert watcher.seen & {"soffice.bin", "oosplash"}, f"LibreOffice was never seen running: {watcher.seen}"
    assert_nothing_left(out_dir, private_tmp)
    # A killed soffice.bin leaves its temp dir "lu<pid>….tmp" in $TMPDIR; ours points into the scratch dir.
    leftovers = [name for name in os.listdir("/tmp") if any(name.startswith(f"lu{pid}") for pid in watcher.pids)]
    assert leftovers == []


def test_text_file_renamed_docx_is_rejected(tmp_path, private_tmp):
    fake = tmp_path / "report.docx"
    fake.write_text("这不是 Word 文件", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ConversionError) as info:
        convert_to_pdf(fake, out_dir / "report.pdf")
    assert info.value.kind == "input" and "DOCX" in str(info.value) and str(fake) in str(info.value)
    assert_nothing_left(out_dir, private_tmp)


def test_zip_that_is_not_a_word_document_fails_inside_libreoffice(tmp_path, private_tmp):
    """Passes the cheap sniff; LibreOffice cannot load it — and soffice would still exit 0."""
    import zipfile

    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "not xml <<<")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ConversionError) as info:
        convert_to_pdf(broken, out_dir / "broken.pdf")
    assert info.value.kind == "load" and "broken.docx" in str(info.value)
    assert_nothing_left(out_dir, private_tmp)


def test_missing_soffice_is_a_clear_environment_error(report_docx, tmp_path):
    with pytest.raises(ConversionError) as info:
        convert_to_pdf(report_docx, tmp_path / "x.pdf", soffice="/nonexistent/soffice")
    assert info.value.kind == "environment" and "libreoffice-writer-nogui" in str(info.value)
    assert not (tmp_path / "x.pdf").exists()


def test_converting_twice_replaces_the_target_atomically(report_docx, make_docx, tmp_path, private_tmp):
    target = tmp_path / "out" / "report.pdf"
    convert_to_pdf(report_docx, target)
    first_inode = target.stat().st_ino

    torn: list[int] = []
    stop = threading.Event()

    def reader() -> None:  # a viewer re-reading the file during the second conversion
        while not stop.is_set():
            data = target.read_bytes()
            if not is_complete_pdf(data):
                torn.append(len(data))
            time.sleep(0.005)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        result = convert_to_pdf(report_docx, target)
    finally:
        stop.set()
        thread.join()
    assert torn == [], "a reader saw a partial PDF"
    assert target.stat().st_ino != first_inode, "the target was rewritten in place, not replaced"
    assert is_complete_pdf(target.read_bytes()) and result.pdf == target
    assert oct(target.stat().st_mode & 0o777) != oct(0o600), "temporary-file permissions leaked"
    assert_nothing_left(target.parent, private_tmp, keep={"report.pdf"})

    # Failed conversions to the same target leave the good PDF byte-for-byte intact.
    good = target.read_bytes()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ConversionError):
        convert_to_pdf(bad, target)
    with pytest.raises(ConversionError):
        convert_to_pdf(report_docx, target, timeout=0.5)
    assert target.read_bytes() == good
    assert_nothing_left(target.parent, private_tmp, keep={"report.pdf"})


def test_convert_many_runs_in_parallel_with_separate_profiles(report_docx, tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_text("not a docx")
    jobs = [
        (report_docx, tmp_path / "a.pdf"),
        (fake, tmp_path / "b.pdf"),
        (report_docx, tmp_path / "c.pdf"),
    ]
    results = convert_many(jobs, workers=2)
    assert [type(r) for r in results] == [ConversionResult, ConversionError, ConversionResult]
    assert results[0].pdf == tmp_path / "a.pdf" and results[2].pdf == tmp_path / "c.pdf"
    assert results[0].pages == results[2].pages >= 1
    assert not (tmp_path / "b.pdf").exists()
