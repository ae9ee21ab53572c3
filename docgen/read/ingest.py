"""The untrusted-input gate: everything that happens to a submitted file before a parser sees it.

Order and reasons (notes/ecosystem-reliability.md §3.2 a–b, §8; checker.md §2.5):

1. **stat** — missing, a directory, a FIFO or device (``/dev/zero`` would never end) → DOC.NOT_FOUND.
2. **size cap** before reading a byte → DOC.TOO_LARGE; 0 bytes or only blanks → DOC.EMPTY.
3. **sha256** streamed in 1 MiB chunks (results are keyed by it; never the whole file in memory).
4. **magic sniff**, whatever the extension: python-docx answers "Package not found" both for a
   truncated DOCX and for PDF bytes named .docx (measured), so the real type decides the reader
   and a wrong name becomes a warning ("扩展名与实际格式不符").
5. **ZIP audit from the central directory only** (:func:`audit_zip`): no DOCX library protects
   against zip bombs — a 331 KB DOCX cost python-docx 1.6 GB RSS, a 0.6 MB one 1.2 GB (measured) —
   so entry count, declared sizes, ratios, names, encryption flags and overlapping entries are
   judged before any member is decompressed. CPython 3.11.7 lacks the overlap check of gh-109858,
   hence our own (tolerating 2-byte overlaps, as ClamAV had to for legitimate JARs, PR #561).
6. **dispatch** to ``read_docx`` / ``read_pdf`` / the LibreOffice legacy path; every exception a
   parser raises becomes a :class:`NotEvaluable` (300 byte-flipped inputs raised six different
   exception classes, including ``TypeError`` and ``NotImplementedError``, §3.1).

Nothing here writes beside the input: the only files created are LibreOffice's, in a private
temporary directory removed afterwards.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import struct
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from docgen.read.limits import DEFAULT_LIMITS, Limits
from docgen.read.model import Document, NotEvaluable
from docgen.read.reasons import canonical, code_for_exception, describe, not_evaluable, reason

HEAD_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OVERLAP_TOLERANCE = 2          # bytes (ClamAV PR #561: legitimate JARs overlap by 2)
CD_BYTES_PER_ENTRY = 1024      # central-directory budget per allowed entry (46 B + name + extra)
MISMATCH_WARNING = "扩展名与实际格式不符"

#: Suffixes that match each real format; anything else gets the mismatch warning.
SUFFIXES = {
    "docx": {".docx", ".docm", ".dotx", ".dotm"},
    "pdf": {".pdf"},
    "legacy": {".doc", ".dot", ".wps", ".wpt"},
}
FORMAT_NAMES = {"docx": "DOCX", "pdf": "PDF", "legacy": "旧版 Word/WPS（OLE）"}


class Rejected(Exception):
    """The gate refuses the file: ``code`` is the NotEvaluable code, ``detail`` the evidence."""

    def __init__(self, code: str, detail: str, note_zh: str = "", note_en: str = ""):
        super().__init__(detail)
        self.code, self.detail, self.note_zh, self.note_en = code, detail, note_zh, note_en


# --------------------------------------------------------------------------- entry point


def ingest(path: str | Path, limits: Limits | None = None, ocr: bool = False) -> Document | NotEvaluable:
    """Gate, sniff, audit and read one file. Never raises for a bad input (see module docstring)."""
    limits = limits or DEFAULT_LIMITS
    sha256: str | None = None
    try:
        size = _check_file(path, limits)
        sha256, head = _hash_and_head(path, size, limits)
        return _dispatch(Path(path), head, sha256, limits, ocr)
    except Rejected as exc:
        return not_evaluable(path, exc.code, exc.detail, sha256, note_zh=exc.note_zh, note_en=exc.note_en)
    except Exception as exc:  # noqa: BLE001 — a hostile file must not raise into a batch
        return not_evaluable(path, code_for_exception(exc), describe(exc), sha256)


def _check_file(path: str | Path, limits: Limits) -> int:
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:   # ValueError: NUL in the path
        raise Rejected("DOC.NOT_FOUND", describe(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise Rejected("DOC.NOT_FOUND", f"{path} is a directory", "这是一个文件夹", "this is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise Rejected("DOC.NOT_FOUND", f"{path} is not a regular file (mode {oct(info.st_mode)})")
    if not os.access(path, os.R_OK):
        raise Rejected("DOC.NOT_FOUND", f"{path}: no read permission", "没有读取权限", "no read permission")
    if info.st_size > limits.max_file_bytes:
        raise Rejected("DOC.TOO_LARGE", f"file is {info.st_size} bytes > limit {limits.max_file_bytes}",
                       f"文件 {_mb(info.st_size)}，上限 {_mb(limits.max_file_bytes)}",
                       f"{info.st_size} bytes, limit {limits.max_file_bytes}")
    if info.st_size == 0:
        raise Rejected("DOC.EMPTY", "0 bytes")
    return info.st_size


def _hash_and_head(path: str | Path, size: int, limits: Limits) -> tuple[str, bytes]:
    """sha256 of the whole file and its first bytes, in one bounded pass (the file may grow between
    ``stat`` and here: the cap is enforced on what is actually read)."""
    digest, head, total, blank = hashlib.sha256(), b"", 0, True
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            total += len(chunk)
            if total > limits.max_file_bytes:
                raise Rejected("DOC.TOO_LARGE", f"file grew beyond {limits.max_file_bytes} bytes while reading")
            if len(head) < HEAD_BYTES:
                head += chunk[: HEAD_BYTES - len(head)]
            if blank:
                blank = not chunk.strip(b" \t\r\n\x00\x0b\x0c")
            digest.update(chunk)
    if total == 0 or blank:
        raise Rejected("DOC.EMPTY", f"{total} bytes, no content (only blanks or NUL bytes)")
    return digest.hexdigest(), head


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


# --------------------------------------------------------------------------- sniffing

_TEXT_KINDS = {
    "html": ("HTML 网页", "HTML"),
    "mht": ("MHT 网页存档", "MHT web archive"),
    "xml": ("XML 文本", "XML text"),
    "word-xml": ("Word 2003 XML", "Word 2003 XML"),
    "rtf": ("RTF 文档", "RTF"),
    "text": ("纯文本", "plain text"),
    "image": ("图片", "an image"),
    "archive": ("压缩包", "an archive"),
    "binary": ("无法识别的二进制文件", "unrecognised binary data"),
}


def sniff(head: bytes) -> str:
    """The real type from the first bytes: ``zip`` | ``ole`` | ``pdf`` | ``truncated`` | one of
    :data:`_TEXT_KINDS`."""
    if head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC):
        return "zip"
    if len(head) < len(OLE_MAGIC) and any(m.startswith(head) for m in (ZIP_MAGIC, OLE_MAGIC, b"%PDF-")):
        return "truncated"  # a few bytes of a magic number: what is left of a cut-off upload
    if head.startswith(OLE_MAGIC):
        return "ole"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")):
        return "image"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BZh")):
        return "archive"
    text = _decode_head(head)
    if text is None:
        return "binary"
    lowered = text.lstrip().lower()
    if lowered.startswith("{\\rtf"):
        return "rtf"
    if lowered.startswith("mime-version:") or "content-type: multipart/related" in lowered[:2048]:
        return "mht"
    if "<?mso-application progid=\"word.document\"" in lowered[:2048] or "<w:worddocument" in lowered[:4096]:
        return "word-xml"
    if lowered.startswith("<!doctype html") or "<html" in lowered[:2048]:
        return "html"
    if lowered.startswith("<?xml") or lowered.startswith("<"):
        return "xml"
    return "text"


def _decode_head(head: bytes) -> str | None:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="ignore")
    for codec in ("utf-8", "gb18030"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            try:  # the head may end inside a multibyte character
                text = head[:-4].decode(codec)
            except UnicodeDecodeError:
                continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
        if controls <= len(text) // 100:
            return text
    return None


# --------------------------------------------------------------------------- ZIP audit


@dataclass(frozen=True)
class ZipAudit:
    kind: str              # docx | ofd | xlsx | pptx | odf | epub | zip
    entries: int
    total_uncompressed: int


_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_name(name: str) -> str | None:
    """Why an entry name is unsafe, or None. Rejected rather than sanitised: the stdlib silently
    renames ``../../evil.txt`` to ``evil.txt`` on extraction (measured), hiding the attack."""
    if not name:
        return "empty name"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return "control character or NUL in name"
    if "\\" in name:
        return "backslash in name"
    if name.startswith("/"):
        return "absolute path"
    if _DRIVE.match(name):
        return "drive letter"
    if ".." in name.split("/"):
        return "'..' path segment"
    return None


def audit_zip(path: str | Path, limits: Limits) -> ZipAudit:
    """Judge a ZIP from its central directory and local headers only; :class:`Rejected` if unsafe.

    Order: structure (EOCD, entry count) → names → encryption/method → ratio → sizes → layout
    (bounds, overlaps). Ratio comes before size so a tiny file that declares 100 MB reads as the
    bomb it is, while a big, honestly stored part reads as too large.
    """
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        declared, cd_size = _end_of_central_directory(fh, size)
        if declared > limits.max_entries:
            raise Rejected("DOC.TOO_MANY_ENTRIES", f"central directory declares {declared} entries > {limits.max_entries}",
                           f"{declared} 个部件，上限 {limits.max_entries}", f"{declared} entries")
        if cd_size > limits.max_entries * CD_BYTES_PER_ENTRY:
            raise Rejected("DOC.TOO_MANY_ENTRIES", f"central directory is {cd_size} bytes "
                           f"(> {CD_BYTES_PER_ENTRY} per allowed entry)")
        try:
            archive = zipfile.ZipFile(fh)
            infos, start_dir = archive.infolist(), archive.start_dir
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError,
                EOFError, UnicodeDecodeError, struct.error) as exc:
            raise Rejected("DOC.CORRUPT", describe(exc)) from None
        if len(infos) > limits.max_entries:
            raise Rejected("DOC.TOO_MANY_ENTRIES", f"{len(infos)} entries > {limits.max_entries}",
                           f"{len(infos)} 个部件，上限 {limits.max_entries}", f"{len(infos)} entries")
        if not infos:
            raise Rejected("DOC.CORRUPT", "the ZIP archive has no entries")
        _audit_names(infos)
        _audit_methods(infos)
        total = _audit_sizes(infos, size, limits)
        _audit_layout(fh, infos, start_dir)
    return ZipAudit(kind=_zip_kind({i.filename for i in infos}), entries=len(infos), total_uncompressed=total)


def _end_of_central_directory(fh, size: int) -> tuple[int, int]:
    """(declared entry count, central directory size) from the EOCD / ZIP64 EOCD record, read
    before ``zipfile`` builds one ``ZipInfo`` per record (100 000 records would cost ~40 MB)."""
    tail_len = min(size, 22 + 65535)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise Rejected("DOC.CORRUPT", "no end-of-central-directory record (truncated or not a ZIP)",
                       "文件可能被截断", "probably truncated")
    entries, cd_size = struct.unpack_from("<HI", tail, at + 10)
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:  # ZIP64: the locator sits just before the EOCD
        loc = at - 20
        if loc >= 0 and tail[loc : loc + 4] == b"PK\x06\x07":
            offset = struct.unpack_from("<Q", tail, loc + 8)[0]
            if offset + 56 <= size:
                fh.seek(offset)
                record = fh.read(56)
                if record[:4] == b"PK\x06\x06":
                    entries, cd_size = struct.unpack_from("<QQ", record, 32)
    return entries, cd_size


def _audit_names(infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        why = unsafe_name(info.orig_filename)
        if why:
            raise Rejected("DOC.UNSAFE_PATH", f"{info.orig_filename!r}: {why}",
                           f"部件名“{_printable(info.orig_filename)}”", f"entry {info.orig_filename!r}")
    # OPC part names compare case-insensitively, and two parsers may pick different copies of a
    # duplicated name (a classic smuggling trick): duplicates are refused, not resolved.
    counts = Counter(info.filename.lower() for info in infos)
    dupes = sorted(name for name, n in counts.items() if n > 1)
    if dupes:
        raise Rejected("DOC.UNSAFE_PATH", f"duplicate entry names: {dupes[:5]}",
                       f"重复的部件名“{_printable(dupes[0])}”", f"duplicate entry {dupes[0]!r}")


def _printable(name: str) -> str:
    return "".join(ch if ord(ch) >= 32 and ord(ch) != 127 else f"\\x{ord(ch):02x}" for ch in name)[:80]


def _audit_methods(infos: list[zipfile.ZipInfo]) -> None:
    """Encrypted entries (flag bit 0, or method 99 = WinZip AES) → DOC.ENCRYPTED. OOXML packages
    use only stored (0) or deflate (8) (ECMA-376 Part 2); anything else is not a real DOCX."""
    for info in infos:
        if info.flag_bits & 0x1 or info.compress_type == 99:
            raise Rejected("DOC.ENCRYPTED", f"{info.filename}: encrypted ZIP entry (flag bits {info.flag_bits:#x})")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Rejected("DOC.CORRUPT", f"{info.filename}: unsupported compression method {info.compress_type}")
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise Rejected("DOC.CORRUPT", f"{info.filename}: stored entry with compressed size {info.compress_size} "
                           f"!= size {info.file_size}")


def _is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _audit_sizes(infos: list[zipfile.ZipInfo], archive_size: int, limits: Limits) -> int:
    total = 0
    for info in infos:
        if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise Rejected("DOC.ZIP_BOMB_SUSPECTED",
                           f"{info.filename}: {info.compress_size} → {info.file_size} bytes (ratio {ratio:.0f} > {limits.max_ratio})",
                           f"部件 {info.filename} 压缩比 {ratio:.0f}:1", f"{info.filename} ratio {ratio:.0f}:1")
        total += info.file_size
    if total > limits.ratio_floor_bytes and total > limits.max_ratio * archive_size:
        raise Rejected("DOC.ZIP_BOMB_SUSPECTED", f"archive {archive_size} → {total} bytes in total "
                       f"(ratio {total / archive_size:.0f} > {limits.max_ratio})")
    for info in infos:
        # Parsers read XML parts whole; media parts are only counted (python-docx ignores
        # unreferenced parts, but archiving and LibreOffice may touch them).
        if _is_xml_part(info.filename) and info.file_size > limits.max_part_bytes:
            raise Rejected("DOC.TOO_LARGE", f"{info.filename}: {info.file_size} bytes > part limit {limits.max_part_bytes}",
                           f"部件 {info.filename} 解压后 {_mb(info.file_size)}，上限 {_mb(limits.max_part_bytes)}",
                           f"{info.filename} {info.file_size} bytes")
    if total > limits.max_total_uncompressed:
        raise Rejected("DOC.TOO_LARGE", f"{total} bytes uncompressed in total > {limits.max_total_uncompressed}",
                       f"解压后共 {_mb(total)}，上限 {_mb(limits.max_total_uncompressed)}", f"{total} bytes in total")
    return total


def _audit_layout(fh, infos: list[zipfile.ZipInfo], start_dir: int) -> None:
    """Every entry's local header must be where the central directory says, its data must end
    before the central directory, and no two entries may share bytes. Overlap is how
    non-recursive zip bombs (Fifield's "zbsm") multiply one compressed kernel into many entries;
    CPython added a check only in later patch releases (gh-109858), absent from 3.11.7."""
    spans = []
    for info in infos:
        fh.seek(info.header_offset)
        header = fh.read(30)
        if len(header) < 30 or header[:4] != ZIP_MAGIC:
            raise Rejected("DOC.CORRUPT", f"{info.filename}: no local header at offset {info.header_offset}")
        name_len, extra_len = struct.unpack_from("<HH", header, 26)
        raw_name = fh.read(name_len)
        central = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437", errors="replace")
        if raw_name != central:
            raise Rejected("DOC.CORRUPT", f"{info.filename}: local header name {raw_name[:60]!r} differs from the central directory")
        end = info.header_offset + 30 + name_len + extra_len + info.compress_size
        if end > start_dir:
            raise Rejected("DOC.CORRUPT", f"{info.filename}: data runs past the central directory ({end} > {start_dir})",
                           "文件可能被截断", "probably truncated")
        spans.append((info.header_offset, end, info.filename))
    spans.sort()
    for (start_a, end_a, name_a), (start_b, _end_b, name_b) in zip(spans, spans[1:], strict=False):
        if start_b < end_a - OVERLAP_TOLERANCE:
            raise Rejected("DOC.ZIP_BOMB_SUSPECTED", f"entries overlap: {name_a} [{start_a}, {end_a}) and {name_b} at {start_b}",
                           "内部部件相互重叠", "overlapping entries")


def _zip_kind(names: set[str]) -> str:
    lower = {n.lower() for n in names}
    if "ofd.xml" in lower:
        return "ofd"
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in lower:
        return "xlsx"
    if "ppt/presentation.xml" in lower:
        return "pptx"
    if "mimetype" in lower:
        return "odf"
    if any(n.startswith("word/") for n in lower) or "[content_types].xml" in lower:
        return "docx-broken"
    return "zip"


_ZIP_KINDS = {
    "ofd": ("OFD 版式文件", "OFD"),
    "xlsx": ("Excel 表格", "an Excel workbook"),
    "pptx": ("PowerPoint 演示文稿", "a PowerPoint presentation"),
    "odf": ("OpenDocument 文档", "an OpenDocument file"),
    "zip": ("普通压缩包", "a plain ZIP archive"),
}


# --------------------------------------------------------------------------- dispatch


def docx_reader():
    """The DOCX reader (looked up late: it is the expensive import, and tests replace it)."""
    from docgen.read.docx import read_docx

    return read_docx


def pdf_reader():
    from docgen.read.pdf import read_pdf

    return read_pdf


def _dispatch(path: Path, head: bytes, sha256: str, limits: Limits, ocr: bool) -> Document | NotEvaluable:
    kind = sniff(head)
    if kind == "zip":
        audit = audit_zip(path, limits)
        if audit.kind == "docx":
            return _finish(_call(docx_reader(), path, sha256, limits), path, sha256, "docx")
        if audit.kind == "docx-broken":
            raise Rejected("DOC.CORRUPT", "Word package without [Content_Types].xml or word/document.xml",
                           "缺少 word/document.xml", "word/document.xml missing")
        zh, en = _ZIP_KINDS[audit.kind]
        raise Rejected("DOC.UNSUPPORTED_FORMAT", f"ZIP package of kind {audit.kind}", f"检测到：{zh}", f"detected: {en}")
    if kind == "pdf":
        owner_only = _pdf_encryption(path)
        result = _call(pdf_reader(), path, sha256, limits, ocr=ocr)
        if owner_only and isinstance(result, Document) and not any("权限密码" in w for w in result.warnings):
            result.warnings.append("PDF 设有权限密码（限制打印或复制），内容可以读取")
        return _finish(result, path, sha256, "pdf")
    if kind == "ole":
        return _read_legacy(path, sha256, limits)
    if kind == "truncated":
        raise Rejected("DOC.CORRUPT", f"only {len(head)} bytes, the start of a ZIP/OLE/PDF header",
                       "文件可能被截断", "probably truncated")
    zh, en = _TEXT_KINDS[kind]
    raise Rejected("DOC.UNSUPPORTED_FORMAT", f"content sniffed as {kind}", f"检测到：{zh}", f"detected: {en}")


def _call(reader, path: Path, sha256: str, limits: Limits, **kw) -> Document | NotEvaluable:
    try:
        return reader(path, sha256=sha256, limits=limits, **kw)
    except Rejected:
        raise
    except Exception as exc:  # noqa: BLE001 — every parser failure becomes a stable code
        return not_evaluable(path, code_for_exception(exc), describe(exc), sha256)


def _finish(result, path: Path, sha256: str, real: str) -> Document | NotEvaluable:
    """Make a reader's answer consistent: same path and hash, shipped reasons for known codes, a
    mismatch warning when the extension lies."""
    if isinstance(result, NotEvaluable):
        # The code is made canonical; a reader's own sentences are kept when it wrote them (they can
        # be more specific, e.g. the page count or the OCR hint), the shipped ones fill any gap.
        code = canonical(result.code)
        zh, en = reason(code)
        return NotEvaluable(path=str(path), code=code, reason_zh=result.reason_zh or zh,
                            reason_en=result.reason_en or en, detail=result.detail, sha256=sha256)
    if not isinstance(result, Document):
        return not_evaluable(path, "DOC.PARSE_ERROR", f"reader returned {type(result).__name__}", sha256)
    result.sha256 = sha256
    result.path = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES[real] and not (real == "docx" and result.converted_from):
        result.warnings.insert(0, f"{MISMATCH_WARNING}：文件扩展名为“{suffix or '（无）'}”，"
                                  f"实际为 {FORMAT_NAMES[real]}，已按 {FORMAT_NAMES[real]} 读取")
    return result


def _pdf_encryption(path: Path) -> bool:
    """Refuse a PDF that needs a user password; True when only an owner password is set.

    pypdf: ``decrypt("")`` → NOT_DECRYPTED for a user password (AES-256 measured), USER_PASSWORD
    for owner-only encryption, which stays readable (§3.1). Only files whose head or tail mention
    ``/Encrypt`` are opened here, so the common case costs two small reads. When pypdf cannot
    decide (AES without the ``cryptography`` package, a damaged file) the reader decides.
    """
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(65536)
        fh.seek(max(0, size - 65536))
        tail = fh.read(65536)
    if b"/Encrypt" not in head and b"/Encrypt" not in tail:
        return False
    import logging

    pypdf_log = logging.getLogger("pypdf")
    previous = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)   # pypdf logs heavily on odd files (§3.2 d)
    try:
        from pypdf import PasswordType, PdfReader

        reader = PdfReader(path, strict=False)
        if not reader.is_encrypted:
            return False
        try:
            outcome = reader.decrypt("")
        except Exception as exc:  # noqa: BLE001 — DependencyError (AES) and friends
            if "password" in str(exc).lower() or type(exc).__name__ == "WrongPasswordError":
                raise Rejected("DOC.ENCRYPTED", describe(exc)) from None
            return _pdfium_encryption(path)
        if outcome == PasswordType.NOT_DECRYPTED:
            raise Rejected("DOC.ENCRYPTED", "PDF needs a user password (pypdf decrypt('') → NOT_DECRYPTED)",
                           "需要打开密码", "a user password is required")
        return True
    except Rejected:
        raise
    except Exception:  # noqa: BLE001 — undecided: the reader will report what it finds
        return False
    finally:
        pypdf_log.setLevel(previous)


def _pdfium_encryption(path: Path) -> bool:
    """Second opinion from PDFium (handles AES natively); True when readable without a password."""
    try:
        import pypdfium2
    except ImportError:
        return False
    try:
        pypdfium2.PdfDocument(str(path)).close()
    except Exception as exc:  # noqa: BLE001
        if "password" in str(exc).lower():
            raise Rejected("DOC.ENCRYPTED", describe(exc), "需要打开密码", "a user password is required") from None
        return False
    return True


# --------------------------------------------------------------------------- legacy (OLE2)


def _read_legacy(path: Path, sha256: str, limits: Limits) -> Document | NotEvaluable:
    from docgen.read import legacy

    try:
        info = legacy.read_ole(path)
    except legacy.OleError as exc:
        raise Rejected("DOC.CORRUPT", f"OLE compound file: {exc}") from None
    if info.kind == "encrypted-ooxml":
        raise Rejected("DOC.ENCRYPTED", "OLE container with an EncryptedPackage stream: a password- or "
                       "IRM-protected Office package", "加密或受权限保护的 Office 文档",
                       "password- or IRM-protected Office document")
    if info.word_encrypted:
        raise Rejected("DOC.ENCRYPTED", "Word binary document with FIB fEncrypted set", "带密码的 .doc 文档",
                       "password-protected .doc")
    suffix = path.suffix.lower()
    if info.kind in ("excel", "powerpoint") or (info.kind in ("other", "works") and suffix not in SUFFIXES["legacy"]):
        zh, en = {"excel": ("旧版 Excel 表格", "a legacy Excel workbook"),
                  "powerpoint": ("旧版 PowerPoint 演示文稿", "a legacy PowerPoint file")}.get(
            info.kind, ("无法识别的 OLE 复合文档", "an unrecognised OLE compound file"))
        raise Rejected("DOC.UNSUPPORTED_FORMAT", f"OLE compound file of kind {info.kind}: {info.names[:8]}",
                       f"检测到：{zh}", f"detected: {en}")
    converted_from = suffix if suffix in (".doc", ".wps", ".dot", ".wpt") else ".doc"
    work = legacy.private_workdir()
    try:
        try:
            docx = legacy.convert_to_docx(path, work, timeout=limits.timeout_s, as_word=info.kind == "word")
        except legacy.LegacyUnavailable as exc:
            raise Rejected("DOC.LEGACY_FORMAT", str(exc), "本机未安装 LibreOffice", "LibreOffice is not installed") from None
        except legacy.LegacyTimeout as exc:
            raise Rejected("DOC.TIMEOUT", str(exc), "旧版格式转换超时", "legacy conversion timed out") from None
        except legacy.LegacyFailed as exc:
            raise Rejected("DOC.LEGACY_FORMAT", str(exc), "LibreOffice 无法转换该文件", "LibreOffice could not convert it") from None
        audit = audit_zip(docx, limits)   # LibreOffice's output is audited like any upload
        if audit.kind != "docx":
            raise Rejected("DOC.LEGACY_FORMAT", f"converted package is {audit.kind}, not DOCX")
        result = _call(docx_reader(), docx, sha256, limits)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if isinstance(result, Document):
        result.converted_from = converted_from
        result.warnings.append(f"已用 LibreOffice 将旧版 {converted_from} 格式转换为 DOCX 后读取，页码和版式可能与原文件略有不同")
        if suffix not in SUFFIXES["legacy"]:
            result.warnings.insert(0, f"{MISMATCH_WARNING}：文件扩展名为“{suffix or '（无）'}”，实际为 {FORMAT_NAMES['legacy']}，已转换后读取")
    return _finish(result, path, sha256, "docx")
