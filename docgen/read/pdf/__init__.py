"""PDF reader: a submitted report in PDF → the same ``Document`` model as DOCX (checker.md §3).

pypdfium2 (BSD-3/Apache-2.0; ≈70 ms per 114 pages, 23 MB) rather than PyMuPDF (AGPL) or pdfplumber
(≈4.4 s, +260 MB). Modules, one concern each: ``text`` (characters → lines with font size/weight),
``objects`` (rules and images), ``tables`` (rules → grids → tables, captions, split tables),
``health`` (is the text layer usable), ``layout`` (running headers/footers, paragraphs), ``headings``,
``toc``, ``ocr`` (opt-in, the ``[ocr]`` extra) and ``reader`` (the orchestration).

pypdfium2 is the ``[pdf]`` extra: without it ``read_pdf`` answers DOC.UNSUPPORTED_FORMAT with an
install hint instead of raising ImportError into a batch.
"""

from __future__ import annotations

from pathlib import Path

from docgen.read.limits import DEFAULT_LIMITS, Limits
from docgen.read.model import Document, NotEvaluable

try:
    from docgen.read.pdf.reader import read_pdf
except ImportError as _missing:  # pypdfium2 not installed
    _REASON = str(_missing)

    def read_pdf(path: Path, *, sha256: str, limits: Limits = DEFAULT_LIMITS, ocr: bool = False) -> Document | NotEvaluable:
        """Stand-in used when pypdfium2 (the ``[pdf]`` extra) is missing."""
        return NotEvaluable(path=str(path), code="DOC.UNSUPPORTED_FORMAT",
                            reason_zh="未安装 PDF 读取组件，无法检查 PDF；请安装：pip install 'docgen[pdf]'。",
                            reason_en="PDF support is not installed; install it with pip install 'docgen[pdf]'.",
                            detail=_REASON, sha256=sha256)

__all__ = ["read_pdf"]
