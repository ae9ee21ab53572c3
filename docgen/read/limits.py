"""Limits for reading untrusted documents, and a ZIP member reader that enforces them.

Measured (checker.md §2.5): no DOCX library protects against zip bombs — python-docx decompressed a
0.6 MB file to 1.2 GB before failing. Declared sizes in the central directory can lie, so a member
is read through a counting stream and refused the moment it passes its cap.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * 1024 * 1024       # a submitted report file
    max_entries: int = 2_000                     # ZIP entries (a large report has < 200)
    max_total_uncompressed: int = 256 * 1024 * 1024
    max_part_bytes: int = 32 * 1024 * 1024       # one XML part (a 200-page document.xml is ~5 MB)
    max_ratio: int = 200                         # uncompressed / compressed per entry …
    ratio_floor_bytes: int = 1024 * 1024         # … checked only above this size (tiny XML compresses well)
    max_pdf_pages: int = 2_000
    timeout_s: float = 120                       # wall clock per document (batch workers enforce it)
    memory_bytes: int = 1024 * 1024 * 1024       # RLIMIT_AS for a worker


DEFAULT_LIMITS = Limits()


class LimitExceeded(Exception):
    """A part or the archive exceeds a limit; ``code`` is the NotEvaluable code to report."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code
        self.detail = detail


def read_member(zf: zipfile.ZipFile, name: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read one ZIP member, stopping at ``limits.max_part_bytes`` whatever the header declares."""
    info = zf.getinfo(name)
    if info.file_size > limits.max_part_bytes:
        raise LimitExceeded("DOC.TOO_LARGE", f"{name}: declared {info.file_size} bytes > {limits.max_part_bytes}")
    chunks, total = [], 0
    with zf.open(info) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limits.max_part_bytes:
                raise LimitExceeded("DOC.ZIP_BOMB_SUSPECTED", f"{name}: more than {limits.max_part_bytes} bytes when decompressed")
            chunks.append(chunk)
    return b"".join(chunks)
