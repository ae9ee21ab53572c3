"""Input sniffing, output validation and the atomic publish step.

Why each check exists (notes/ecosystem-reliability.md §3.1, §3.2 a/h, §8 #21/#23):
LibreOffice opens a text file renamed .docx as plain text and exports it, and exits 0 after
"source file could not be loaded" — so the input is sniffed before starting soffice and the output
is checked after; the target is replaced by a rename only when the new PDF is known to be good.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from docgen.render.pdf.errors import ConversionError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .doc, and password-protected .docx (an encrypted OLE container)


def check_docx(docx: Path) -> None:
    """Raise ``ConversionError(kind="input")`` unless ``docx`` looks like a Word 2007+ package."""
    if not docx.is_file():
        raise ConversionError(f"找不到要转换的 Word 文件：{docx}", docx=docx, kind="input")
    with open(docx, "rb") as handle:
        magic = handle.read(4)
    if magic == OLE_MAGIC:
        raise ConversionError(f"不是 DOCX 文件（旧版 .doc 格式或带密码的文档）：{docx}", docx=docx, kind="input")
    if magic != ZIP_MAGIC:
        raise ConversionError(f"不是有效的 DOCX 文件（不是 ZIP 压缩包）：{docx}", docx=docx, kind="input")
    try:
        with zipfile.ZipFile(docx) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ConversionError(f"不是有效的 DOCX 文件（压缩包已损坏：{exc}）：{docx}", docx=docx, kind="input") from exc
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise ConversionError(f"不是有效的 DOCX 文件（缺少 word/document.xml）：{docx}", docx=docx, kind="input")


def count_pages(pdf: Path, docx: Path) -> int:
    """Pages of a freshly written PDF; ``ConversionError(kind="output")`` if it is not a usable PDF."""
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise ConversionError(f"LibreOffice 报告成功但没有生成 PDF：{docx}", docx=docx, kind="output")
    with open(pdf, "rb") as handle:
        head = handle.read(5)
    if head != b"%PDF-":
        raise ConversionError(f"LibreOffice 没有生成有效的 PDF（文件头不是 %PDF-）：{docx}", docx=docx, kind="output")
    from pypdf import PdfReader  # late import: only needed after a conversion

    try:
        pages = len(PdfReader(pdf, strict=True).pages)
    except Exception as exc:  # noqa: BLE001 — any reader failure means an unusable PDF
        raise ConversionError(f"LibreOffice 生成的 PDF 无法读取（{type(exc).__name__}）：{docx}", docx=docx, kind="output") from exc
    if pages < 1:
        raise ConversionError(f"LibreOffice 生成的 PDF 没有任何页面：{docx}", docx=docx, kind="output")
    return pages


def _umask() -> int:
    """The process umask without ``os.umask`` (which sets it, racing with other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def publish(tmp: Path, target: Path) -> None:
    """fsync ``tmp``, give it normal permissions, rename it over ``target`` (atomic on one
    filesystem: readers see the old PDF or the new one, never a mix), then fsync the directory."""
    os.chmod(tmp, 0o666 & ~_umask())
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
