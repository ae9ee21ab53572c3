"""Hostile or broken input raises for the ingestion layer to turn into NotEvaluable (checker.md §2.5);
the reader never swallows it."""

from __future__ import annotations

import zipfile

import pytest

from docgen.read import xmlsafe
from docgen.read.docx import read_docx
from docgen.read.limits import LimitExceeded, Limits


def test_not_a_zip(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"%PDF-1.7 not a word file")
    with pytest.raises(zipfile.BadZipFile):
        read_docx(path, sha256="x")


def test_missing_main_part(tmp_path):
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(KeyError):
        read_docx(path, sha256="x")


def test_doctype_and_entities_are_refused(docx_path, wml):
    path = docx_path(wml.p("正文"))
    hostile = path.with_name("xxe.docx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(hostile, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b'standalone="yes"?>', b'standalone="yes"?><!DOCTYPE d [<!ENTITY x SYSTEM '
                                                           b'"file:///etc/passwd">]>')
            dst.writestr(info, data)
    with pytest.raises(xmlsafe.UnsafeXml):
        read_docx(hostile, sha256="x")


def test_zip_bomb_by_ratio(docx_path, wml):
    path = docx_path(wml.p("正文" + " " * 400_000))
    with pytest.raises(LimitExceeded) as err:
        read_docx(path, sha256="x", limits=Limits(max_ratio=50, ratio_floor_bytes=100_000))
    assert err.value.code == "DOC.ZIP_BOMB_SUSPECTED"


@pytest.mark.parametrize("limits,code", [
    (Limits(max_entries=3), "DOC.TOO_MANY_PARTS"),
    (Limits(max_part_bytes=200), "DOC.TOO_LARGE"),
    (Limits(max_file_bytes=100), "DOC.TOO_LARGE"),
    (Limits(max_total_uncompressed=500), "DOC.ZIP_BOMB_SUSPECTED"),
])
def test_limits(docx_path, wml, limits, code):
    path = docx_path(wml.p("正文"))
    with pytest.raises(LimitExceeded) as err:
        read_docx(path, sha256="x", limits=limits)
    assert err.value.code == code
