"""Reading submitted reports (DOCX, PDF, legacy .doc/.wps) into one document model, safely (issue 4).

The one entry point is :func:`read_document`. "A hostile or broken file must not hurt anything":
it never raises for a bad input, never writes beside the input, and refuses what is dangerous
before a parser sees it (docgen.read.ingest). What it could not read comes back as a
:class:`NotEvaluable` with a stable code and reasons in Chinese and English (docgen.read.reasons).
"""

from __future__ import annotations

from pathlib import Path

from docgen.read.limits import DEFAULT_LIMITS, LimitExceeded, Limits
from docgen.read.model import Document, NotEvaluable, ReadResult
from docgen.read.reasons import CODES, not_evaluable

__all__ = [
    "CODES", "DEFAULT_LIMITS", "Document", "LimitExceeded", "Limits", "NotEvaluable", "ReadResult",
    "not_evaluable", "read_document",
]


def read_document(path: str | Path, *, limits: Limits | None = None, ocr: bool = False) -> Document | NotEvaluable:
    """Read a submitted DOCX/PDF (or a legacy .doc/.wps through LibreOffice) into a :class:`Document`.

    Never raises for a bad input: a missing, empty, oversized, encrypted, corrupt, hostile or
    unsupported file gives a :class:`NotEvaluable` whose ``code`` is one of :data:`CODES`;
    an unexpected parser exception gives ``DOC.PARSE_ERROR`` with the exception class in
    ``detail``. ``ocr`` is passed to the PDF reader (scanned pages; slow, opt-in).

    In-process limits are the byte and structure limits of ``limits``; wall-clock and memory caps
    (``limits.timeout_s``, ``limits.memory_bytes``) need a worker process, which the batch runner
    provides (lxml cannot be interrupted inside a C call; notes/ecosystem-reliability.md §3.2 e).
    """
    from docgen.read.ingest import ingest

    try:
        return ingest(path, limits, ocr)
    except Exception as exc:  # noqa: BLE001 — last line of defence; ingest already maps everything
        from docgen.read.reasons import code_for_exception, describe

        return not_evaluable(path, code_for_exception(exc), describe(exc))
