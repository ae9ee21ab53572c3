"""Stable codes for documents that cannot be evaluated, with reasons a bureau clerk understands.

Why codes and not exception text: the measured failures of the stack are misleading to a person —
python-docx says "Package not found" for a truncated DOCX and for a PDF renamed .docx, lxml reports
an allocation failure as "XMLSyntaxError: unknown error", byte-flipped PDFs raise
``NotImplementedError`` and ``TypeError`` (notes/ecosystem-reliability.md §3.1). So every failure
becomes one code from :data:`CODES`, the sentences come from ``docgen/data/read-reasons.yaml``
(Chinese and English), and the raw exception goes into ``detail`` for support staff.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from docgen.read.model import NotEvaluable

#: Every code ``read_document`` (and the batch runner) may report. Stable: add, never rename.
CODES: tuple[str, ...] = (
    "DOC.NOT_FOUND",
    "DOC.EMPTY",
    "DOC.TOO_LARGE",
    "DOC.TOO_MANY_ENTRIES",
    "DOC.ZIP_BOMB_SUSPECTED",
    "DOC.UNSAFE_PATH",
    "DOC.CORRUPT",
    "DOC.ENCRYPTED",
    "DOC.UNSUPPORTED_FORMAT",
    "DOC.LEGACY_FORMAT",
    "DOC.UNSAFE_XML",
    "DOC.PARSE_ERROR",
    "DOC.NO_TEXT_LAYER",
    "DOC.TOO_MANY_PAGES",
    "DOC.TIMEOUT",      # set by the batch runner (wall-clock kill) and by the legacy converter
    "DOC.MEMORY",       # set by the batch runner (RLIMIT_AS) and for an in-process MemoryError
)

#: Codes other modules or the research notes used for the same situations, mapped to the canonical
#: one so a bureau's statistics never split one cause across two codes (the PDF reader reports
#: DOC.UNREADABLE / DOC.NOT_PDF, the DOCX package check DOC.TOO_MANY_PARTS; the notes use
#: DOC.TRUNCATED, DOC.MALFORMED_XML …).
ALIASES: dict[str, str] = {
    "DOC.UNREADABLE": "DOC.NOT_FOUND",
    "DOC.NOT_PDF": "DOC.UNSUPPORTED_FORMAT",
    "DOC.WRONG_TYPE": "DOC.UNSUPPORTED_FORMAT",
    "DOC.NOT_A_ZIP": "DOC.CORRUPT",
    "DOC.TRUNCATED": "DOC.CORRUPT",
    "DOC.MALFORMED_PDF": "DOC.CORRUPT",
    "DOC.MALFORMED_XML": "DOC.CORRUPT",
    "DOC.TOO_MANY_PARTS": "DOC.TOO_MANY_ENTRIES",
    "DOC.RESOURCE_LIMIT": "DOC.MEMORY",
}


def canonical(code: str) -> str:
    """The stable code for ``code`` (itself when it is already one of :data:`CODES`)."""
    return ALIASES.get(code, code)


_FALLBACK = ("无法读取该文件（{code}）。", "The file could not be read ({code}).")
MAX_DETAIL = 600


@lru_cache(maxsize=1)
def reasons() -> dict[str, tuple[str, str]]:
    """``code → (reason_zh, reason_en)`` from the shipped YAML (cached)."""
    import yaml

    from docgen.resources import data_file

    raw = yaml.safe_load(data_file("read-reasons.yaml").read_text(encoding="utf-8")) or {}
    return {code: (str(entry["zh"]).strip(), str(entry["en"]).strip()) for code, entry in raw.items()}


def reason(code: str) -> tuple[str, str]:
    """Both sentences for ``code``; a generic pair for an unknown code (never raises: this runs on
    the error path, where a broken data file must not turn one bad document into a crash)."""
    try:
        found = reasons().get(code)
    except Exception:  # noqa: BLE001 — the error path itself must not fail
        found = None
    if found:
        return found
    return _FALLBACK[0].format(code=code), _FALLBACK[1].format(code=code)


def not_evaluable(path: str | Path, code: str, detail: str = "", sha256: str | None = None, *,
                  note_zh: str = "", note_en: str = "") -> NotEvaluable:
    """A :class:`NotEvaluable` with the shipped reasons for ``code``.

    ``note_zh``/``note_en`` add one short, specific clause for the reader (e.g. "检测到：HTML 网页")
    in brackets after the standard sentence; technical details belong in ``detail``.
    """
    zh, en = reason(code)
    if note_zh:
        zh = f"{zh}（{note_zh}）"
    if note_en:
        en = f"{en} ({note_en})"
    return NotEvaluable(path=str(path), code=code, reason_zh=zh, reason_en=en,
                        detail=_clip(detail), sha256=sha256)


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"


def describe(exc: BaseException) -> str:
    """``module.Class: message`` — what support staff need to reproduce a failure."""
    cls = type(exc)
    return _clip(f"{cls.__module__}.{cls.__qualname__}: {exc}")


# --------------------------------------------------------------------------- exceptions → codes

#: lxml messages that mean a libxml2 safety limit fired, not a typo in the XML (checker.md §2.5:
#: billion laughs → "Maximum entity amplification factor exceeded"; depth 5000 → "Excessive depth
#: in document: 256"; huge text nodes with huge_tree off).
_UNSAFE_XML_MESSAGES = ("amplification", "entity reference loop", "excessive depth", "huge input lookup",
                        "huge text node", "text node too long", "detected an entity", "external entit")

#: First matching class name in the exception's MRO wins, so specific pypdf errors come before
#: their base ``PdfReadError``. Names, not imports: mapping must not import pypdf/pypdfium2.
_BY_CLASS: tuple[tuple[str, str], ...] = (
    ("LimitExceeded", ""),                    # carries its own code
    ("UnsafeXml", "DOC.UNSAFE_XML"),
    ("MemoryError", "DOC.MEMORY"),
    ("FileNotDecryptedError", "DOC.ENCRYPTED"),
    ("WrongPasswordError", "DOC.ENCRYPTED"),
    ("LimitReachedError", "DOC.ZIP_BOMB_SUSPECTED"),  # pypdf: a Flate bomb stream (§3.1: 0.2 s)
    ("EmptyFileError", "DOC.EMPTY"),
    ("PdfStreamError", "DOC.CORRUPT"),
    ("PdfReadError", "DOC.CORRUPT"),
    ("ParseError", "DOC.CORRUPT"),
    ("BadZipFile", "DOC.CORRUPT"),
    ("LargeZipFile", "DOC.TOO_LARGE"),
    ("error", "DOC.CORRUPT"),                 # zlib.error: a damaged deflate stream
    ("EOFError", "DOC.CORRUPT"),
    ("KeyError", "DOC.CORRUPT"),              # a part the package must have is missing
    ("UnicodeDecodeError", "DOC.CORRUPT"),
    ("FileNotFoundError", "DOC.NOT_FOUND"),
    ("PermissionError", "DOC.NOT_FOUND"),
    ("IsADirectoryError", "DOC.NOT_FOUND"),
)


def code_for_exception(exc: BaseException) -> str:
    """The stable code for an exception a parser raised; ``DOC.PARSE_ERROR`` when unexpected."""
    names = [cls.__name__ for cls in type(exc).__mro__]
    message = str(exc).lower()
    if type(exc).__module__.startswith("lxml"):
        if any(marker in message for marker in _UNSAFE_XML_MESSAGES) or ("entity" in message and "not defined" in message):
            return "DOC.UNSAFE_XML"
        if "unknown error" in message:  # libxml2's allocation failure under RLIMIT_AS (§3.1)
            return "DOC.MEMORY"
        return "DOC.CORRUPT"
    if "PdfiumError" in names:
        if "password" in message:
            return "DOC.ENCRYPTED"
        return "DOC.CORRUPT" if ("format" in message or "file" in message) else "DOC.PARSE_ERROR"
    if "RuntimeError" in names and "encrypted" in message and "password" in message:
        return "DOC.ENCRYPTED"  # zipfile: "File … is encrypted, password required for extraction"
    for name, code in _BY_CLASS:
        if name in names:
            if name == "LimitExceeded":
                return canonical(getattr(exc, "code", "") or "DOC.TOO_LARGE")
            if name == "error" and type(exc).__module__ != "zlib":
                continue
            return code
    return "DOC.PARSE_ERROR"
