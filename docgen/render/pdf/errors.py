"""The one exception the PDF layer raises; its text is what a user reads, so it is Chinese."""

from __future__ import annotations

from pathlib import Path


class ConversionError(RuntimeError):
    """A DOCX could not be converted. ``str()`` is a Chinese sentence naming the step and the file.

    ``kind`` lets callers map failures without parsing text (cf. CONVERT.FAILED / CONVERT.TIMEOUT in
    notes/ecosystem-reliability.md §8): ``input`` (missing or not a DOCX), ``environment``
    (LibreOffice, python3-uno or the Chinese fonts missing), ``timeout``, ``start``, ``load``,
    ``index``, ``export``, ``output`` (LibreOffice reported success but wrote no usable PDF),
    ``failed`` (anything else). ``detail`` keeps the raw diagnostic (driver stderr).
    """

    def __init__(self, message: str, *, docx: Path | None = None, kind: str = "failed", detail: str = "") -> None:
        super().__init__(message)
        self.docx = docx
        self.kind = kind
        self.detail = detail
