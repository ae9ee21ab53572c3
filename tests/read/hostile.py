"""Generators for hostile and broken inputs, built at test time in temporary directories.

Nothing binary is committed (notes/ecosystem-reliability.md §3.3: "generate the hostile corpus in
code"). Each generator is the recipe of §3.4 / §8 in a few lines; the raw-byte patches (lying
sizes, overlapping entries, NUL in names) edit the central directory and local headers in place,
because ``zipfile`` refuses or sanitises such archives when writing them.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
)


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog
        + f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    ).encode("utf-8")


SAMPLE_BODY = "".join(paragraph(t) for t in ("第一章 企业基本情况", "企业位于上海市。", "第二章 审核准备", "成立审核小组。"))


def write_docx(path: Path, document: bytes | None = None, *, extra: dict[str, bytes] | None = None,
               compresslevel: int = 6, stored: bool = False) -> Path:
    """A minimal valid package: content types, relationships, word/document.xml (+ extra parts)."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method, compresslevel=None if stored else compresslevel) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("word/_rels/document.xml.rels", DOC_RELS)
        zf.writestr("word/document.xml", document if document is not None else document_xml(SAMPLE_BODY))
        for name, data in (extra or {}).items():
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            zf.writestr(info, data)
    return path


def zip_bomb_docx(path: Path, paragraphs: int = 3_000_000) -> Path:
    """§8 #1: ``word/document.xml`` of 3 M repeated ``<w:p/>`` at deflate level 9 (an 18 MB part in a
    27 KB file, ratio ≈ 690:1), streamed into the archive so the generator itself stays small."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode())
            block = b"<w:p/>" * 1000
            for _ in range(paragraphs // 1000):
                part.write(block)
            part.write(b"</w:body></w:document>")
    return path


def huge_part_docx(path: Path, megabytes: int = 50) -> Path:
    """A stored (ratio 1:1) XML part above ``max_part_bytes``: honest but too large."""
    filler = (paragraph("x" * 60) * 11_782).encode()  # 1 MiB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            for _ in range(megabytes):
                part.write(filler)
            part.write(b"</w:body></w:document>")
    return path


def _central_records(data: bytes) -> list[tuple[int, str]]:
    """(offset of the central-directory record, name) for every entry."""
    eocd = data.rfind(b"PK\x05\x06")
    count, cd_size, cd_offset = struct.unpack_from("<HII", data, eocd + 10)
    records, at = [], cd_offset
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        records.append((at, data[at + 46 : at + 46 + name_len].decode("utf-8", "replace")))
        at += 46 + name_len + extra_len + comment_len
    return records


def lying_size_docx(path: Path, real_megabytes: int = 50, declared: int = 1000) -> Path:
    """A deflated part that really inflates to ``real_megabytes`` but whose central directory and
    local header declare ``declared`` bytes: the audit's ratio check sees nothing, so the member
    reader must stop by itself (``zipfile`` truncates at the declared size, then fails the CRC)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        with zf.open("word/document.xml", "w") as part:
            block = paragraph("审核").encode() * 30_000
            for _ in range(real_megabytes * 1024 * 1024 // len(block) + 1):
                part.write(block)
    data = bytearray(path.read_bytes())
    for at, name in _central_records(bytes(data)):
        if name == "word/document.xml":
            struct.pack_into("<I", data, at + 24, declared)           # central: uncompressed size
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, declared)        # local header: same lie
    path.write_bytes(bytes(data))
    return path


def billion_laughs_docx(path: Path, levels: int = 9) -> Path:
    """§8 #6: nested entities in ``word/document.xml`` (10^9 "lol"s when expanded)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels + 1)
    ]
    prolog = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    return write_docx(path, document_xml(paragraph(f"&lol{levels};"), prolog))


def xxe_docx(path: Path, target: str = "file:///etc/passwd") -> Path:
    """§8 #7: an external entity pointing at a local file."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{target}">]>'
    return write_docx(path, document_xml(paragraph("&xxe;"), prolog))


def deep_nesting_docx(path: Path, depth: int = 5000) -> Path:
    """checker.md §2.5: 5000 nested elements (libxml2 stops at 256 without huge_tree)."""
    return write_docx(path, document_xml("<w:sdt>" * depth + "</w:sdt>" * depth))


def bad_name_docx(path: Path, name: str) -> Path:
    """A valid package plus one entry with a hostile name (``../evil.xml``, ``/abs.xml``, ``C:\\x``).
    Names with NUL/control characters are patched in afterwards: ``ZipInfo`` cuts a name at NUL."""
    placeholder = "P" * len(name.encode("utf-8"))
    write_docx(path, extra={placeholder if _needs_patch(name) else name: b"<x/>"})
    if _needs_patch(name):
        data = path.read_bytes().replace(placeholder.encode(), name.encode("utf-8"))
        path.write_bytes(data)
    return path


def _needs_patch(name: str) -> bool:
    return any(ord(ch) < 32 for ch in name)


def many_entries_docx(path: Path, count: int = 5000) -> Path:
    """§8 #3: a valid package plus ``count`` empty entries."""
    write_docx(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as zf:
        for i in range(count):
            zf.writestr(zipfile.ZipInfo(f"customXml/item{i}.xml", (2024, 1, 1, 0, 0, 0)), b"")
    return path


def overlapping_docx(path: Path, overlap: int = 100) -> Path:
    """§8 #4: the first entry's compressed size is enlarged so that its data runs ``overlap`` bytes
    into the next entry's local header — the overlap at the heart of non-recursive zip bombs.
    (The full "zbsm" quoting construction reaches the same layout with valid deflate streams.)"""
    write_docx(path)
    data = bytearray(path.read_bytes())
    records = _central_records(bytes(data))
    first_at, _ = records[0]
    first_local = struct.unpack_from("<I", data, first_at + 42)[0]
    second_local = struct.unpack_from("<I", data, records[1][0] + 42)[0]
    name_len, extra_len = struct.unpack_from("<HH", data, first_local + 26)
    data_start = first_local + 30 + name_len + extra_len
    new_size = second_local - data_start + overlap
    struct.pack_into("<I", data, first_at + 20, new_size)       # central: compressed size
    struct.pack_into("<I", data, first_local + 18, new_size)    # local header
    path.write_bytes(bytes(data))
    return path


def encrypted_entry_docx(path: Path) -> Path:
    """§3.4 #7: flag bit 0 (traditional PKWARE encryption) set on ``word/document.xml``."""
    write_docx(path)
    data = bytearray(path.read_bytes())
    for at, name in _central_records(bytes(data)):
        if name == "word/document.xml":
            flags = struct.unpack_from("<H", data, at + 8)[0] | 0x1
            struct.pack_into("<H", data, at + 8, flags)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<H", data, local + 6, flags)
    path.write_bytes(bytes(data))
    return path


def truncate(source: Path, target: Path, fraction: float = 0.5) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def ofd_zip(path: Path) -> Path:
    """An OFD (GB/T 33190) package: a ZIP whose root holds OFD.xml."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", '<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>')
        zf.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    return path


def xlsx_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return path


# --------------------------------------------------------------------------- PDF


def text_pdf(lines: tuple[str, ...] = ("第一章 企业基本情况", "企业位于上海市，主要生产精细化工产品。")) -> bytes:
    """A one-page PDF with a real Chinese text layer, written by hand: the non-embedded Adobe-GB1
    font STSong-Light with the UniGB-UCS2-H CMap, so the text is plain UCS-2 (no font file needed)."""
    ops = ["BT", "/F1 14 Tf", "72 760 Td", "20 TL"]
    for line in lines:
        ops.append(f"<{line.encode('utf-16-be').hex()}> Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypted_pdf(path: Path, user_password: str = "secret", owner_password: str = "owner") -> Path:
    """§3.4 #15 with RC4-128: AES needs the ``cryptography`` package, which is not a dependency.
    ``user_password=""`` gives owner-only encryption (readable, restrictions set)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


# --------------------------------------------------------------------------- OLE2 compound files

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(path: Path, streams: dict[str, bytes], storages: tuple[str, ...] = ()) -> Path:
    """A minimal MS-CFB version-3 compound file, written by hand (``olefile`` is not a dependency).

    Layout: header, sector 0 = FAT, sector 1 = directory (root + up to 3 entries), then each
    stream padded to whole 512-byte sectors. Streams must be ≥ 4096 bytes so they live in regular
    sectors (no mini stream needed). Directory siblings form a right-leaning chain, all black —
    a valid red-black tree for MS-CFB readers.
    """
    entries = [(name, 1, b"") for name in storages] + [(name, 2, data) for name, data in streams.items()]
    assert len(entries) <= 3 and all(len(d) >= 4096 for _, k, d in entries if k == 2)
    fat = [_FATSECT, _END]
    starts = []
    for _, kind, data in entries:
        if kind != 2:
            starts.append(_END)
            continue
        n = (len(data) + 511) // 512
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + n))
        fat.append(_END)
    assert len(fat) <= 128
    fat.extend([_FREE] * (128 - len(fat)))

    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([_FREE] * 108))

    def dir_entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le")
        entry = bytearray(128)
        entry[: len(raw)] = raw
        struct.pack_into("<HBB", entry, 64, len(raw) + 2, kind, 1)
        struct.pack_into("<III", entry, 68, _NOSTREAM, right, child)
        struct.pack_into("<IQ", entry, 116, start, size)
        return bytes(entry)

    directory = dir_entry("Root Entry", 5, 1 if entries else _NOSTREAM, _NOSTREAM, _END, 0)
    for index, ((name, kind, data), start) in enumerate(zip(entries, starts, strict=True), start=1):
        right = index + 1 if index < len(entries) else _NOSTREAM
        directory += dir_entry(name, kind, _NOSTREAM, right, start, len(data))
    directory += b"\x00" * (512 - len(directory))

    with open(path, "wb") as fh:
        fh.write(bytes(header))
        fh.write(struct.pack("<128I", *fat))
        fh.write(directory)
        for _, kind, data in entries:
            if kind == 2:
                fh.write(data + b"\x00" * (-len(data) % 512))
    return path


def encrypted_docx_ole(path: Path) -> Path:
    """What Word writes for a password-protected .docx (MS-OFFCRYPTO §2.3.4): an OLE container with
    ``EncryptionInfo`` (version 4.4 = Agile) and ``EncryptedPackage`` (8-byte size + ciphertext)."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption/>'
    package = struct.pack("<Q", 12345) + os.urandom(8000)
    return ole_file(path, {"EncryptionInfo": info.ljust(4096, b"\x00"), "EncryptedPackage": package},
                    storages=("\x06DataSpaces",))


def encrypted_doc_ole(path: Path) -> Path:
    """A Word 97 binary whose FIB has ``fEncrypted`` set (MS-DOC FibBase, bit 0x0100)."""
    fib = bytearray(4096)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x0100 | 0x0200)
    return ole_file(path, {"WordDocument": bytes(fib), "1Table": b"\x00" * 4096})


def excel_ole(path: Path) -> Path:
    return ole_file(path, {"Workbook": b"\x09\x08" + b"\x00" * 4094})


# --------------------------------------------------------------------------- measuring


def listing(folder: Path) -> list[tuple[str, int, int]]:
    """Name, size and mtime of everything in ``folder`` (to prove nothing was written beside an input)."""
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir())


def measure(path: Path, **kw):
    """``read_document(path)`` with wall time, peak Python allocation (tracemalloc) and a check that
    the input's folder is unchanged. Returns (result, seconds, peak_bytes)."""
    import time
    import tracemalloc

    from docgen.read import read_document

    before = listing(path.parent) if path.parent.is_dir() else None
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = read_document(path, **kw)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    if before is not None:
        assert listing(path.parent) == before, "something was written next to the input"
    return result, seconds, peak
