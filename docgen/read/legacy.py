"""OLE2 compound files: legacy .doc/.wps, and password- or IRM-protected DOCX; LibreOffice conversion.

Why the container is looked into before anything else: an OLE2 file (magic ``D0 CF 11 E0``) is
either a Word 97–2003 / WPS document, which LibreOffice can turn into DOCX, or an *encrypted* OOXML
package — Office writes a password-protected or IRM-protected .docx as an OLE container holding
``EncryptionInfo`` and ``EncryptedPackage`` streams (MS-OFFCRYPTO §2.3.4), keeping the .docx name.
Feeding the latter to LibreOffice only produces "source file could not be loaded" (and soffice
exits 0 on that, notes/ecosystem-reliability.md §3.2 f), so it is reported as encrypted up front.
A .doc encrypted with Word's own RC4 scheme is recognised by ``fEncrypted`` in the FIB.

The directory is read with a small, bounded parser (MS-CFB §2): every sector chain is followed with
a visited set and a count cap, so a crafted FAT loop or a lying sector count costs microseconds,
not a hang. ``olefile`` is not a dependency; this needs only names, types and one FIB sector.

Conversion (:func:`convert_to_docx`) reuses the PDF converter's process discipline
(``docgen.render.pdf.process``): its own session killed as a group on timeout, a private profile
per call (a shared profile made one of two parallel conversions fail), and a private *copy* of the
input, because soffice puts a ``.~lock.<name>#`` file beside what it opens — nothing may be
written next to a submitted file.
"""

from __future__ import annotations

import os
import shutil
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_FREESECT, _ENDOFCHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_MAX_DIR_ENTRIES = 20_000  # a .doc has < 50; a cap keeps a crafted directory cheap


class OleError(ValueError):
    """The compound file's header or directory is inconsistent (truncated or crafted)."""


@dataclass
class OleInfo:
    """What the container holds, by stream/storage name (case as stored)."""

    names: list[str] = field(default_factory=list)
    word_encrypted: bool = False     # FIB fEncrypted / fObfuscated of the WordDocument stream

    def has(self, name: str) -> bool:
        wanted = name.lower()
        return any(n.lower() == wanted for n in self.names)

    @property
    def encrypted_package(self) -> bool:
        """An encrypted (password or IRM) OOXML package inside OLE (MS-OFFCRYPTO)."""
        return self.has("EncryptedPackage")

    @property
    def kind(self) -> str:
        """``encrypted-ooxml`` | ``word`` | ``excel`` | ``powerpoint`` | ``works`` | ``other``."""
        if self.encrypted_package:
            return "encrypted-ooxml"
        if self.has("WordDocument"):
            return "word"
        if self.has("Workbook") or self.has("Book"):
            return "excel"
        if self.has("PowerPoint Document"):
            return "powerpoint"
        if self.has("CONTENTS") or self.has("MatOST"):
            return "works"   # Microsoft Works .wps (LibreOffice reads it through libwps)
        return "other"


def read_ole(path: str | Path) -> OleInfo:
    """Names in the compound file's directory (+ Word's encryption flag); :class:`OleError` if broken."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        header = fh.read(512)
        if len(header) < 512 or header[:8] != OLE_MAGIC:
            raise OleError("truncated OLE header")
        if header[0x1C:0x1E] != b"\xfe\xff":
            raise OleError("bad byte-order mark")
        shift = struct.unpack_from("<H", header, 0x1E)[0]
        if shift not in (9, 12):
            raise OleError(f"bad sector shift {shift}")
        ssize = 1 << shift
        n_sectors = max(0, -(-(size - ssize) // ssize))  # sectors after the header, last one partial
        n_fat, first_dir = struct.unpack_from("<II", header, 0x2C)
        cutoff = struct.unpack_from("<I", header, 0x38)[0]
        if cutoff != 4096:   # fixed by MS-CFB 2.2; anything else is not a file Office wrote
            raise OleError(f"bad mini stream cutoff {cutoff}")
        first_difat, n_difat = struct.unpack_from("<II", header, 0x44)
        fat_sectors = _fat_sectors(fh, header, ssize, n_fat, first_difat, n_difat, n_sectors)

        def sector(index: int) -> bytes:
            fh.seek((index + 1) * ssize)
            data = fh.read(ssize)
            if len(data) < ssize:
                raise OleError(f"sector {index} beyond end of file")
            return data

        def next_sector(index: int) -> int:
            per = ssize // 4
            if index // per >= len(fat_sectors):
                raise OleError(f"sector {index} not covered by the FAT")
            fat = sector(fat_sectors[index // per])
            return struct.unpack_from("<I", fat, (index % per) * 4)[0]

        info = OleInfo()
        word: tuple[int, int] | None = None
        regular = 0   # bytes of streams held in regular sectors: more than the file → truncated
        for index in _chain(first_dir, next_sector, n_sectors):
            data = sector(index)
            for offset in range(0, ssize, 128):
                entry = data[offset : offset + 128]
                kind = entry[66]
                if kind not in (1, 2, 5):   # 0 = unused slot
                    continue
                length = min(struct.unpack_from("<H", entry, 64)[0], 64)
                name = entry[: max(0, length - 2)].decode("utf-16-le", errors="replace")
                info.names.append(name)
                if len(info.names) > _MAX_DIR_ENTRIES:
                    raise OleError("too many directory entries")
                start, stream_size = struct.unpack_from("<IQ", entry, 116)
                if ssize == 512:
                    stream_size &= 0xFFFFFFFF   # version 3: the high half is undefined (MS-CFB 2.6.3)
                if kind == 2 and stream_size >= cutoff:
                    regular += stream_size
                    if start >= n_sectors or regular > size:
                        raise OleError(f"stream {name!r} ({stream_size} bytes) extends beyond the end of the file")
                if kind == 2 and name == "WordDocument":
                    word = (start, stream_size)
        if word and word[1] >= cutoff and word[0] < n_sectors:
            fib = sector(word[0])
            if struct.unpack_from("<H", fib, 0)[0] in (0xA5EC, 0xA5DC):  # Word 97+ / Word 6–95
                flags = struct.unpack_from("<H", fib, 0x0A)[0]
                info.word_encrypted = bool(flags & 0x0100)  # fEncrypted (MS-DOC FibBase)
        return info


def _fat_sectors(fh, header: bytes, ssize: int, n_fat: int, first_difat: int, n_difat: int,
                 n_sectors: int) -> list[int]:
    """Sector numbers of the FAT: 109 in the header, the rest in the DIFAT chain (MS-CFB §2.5)."""
    if n_fat > n_sectors:
        raise OleError(f"FAT sector count {n_fat} exceeds the file")
    found = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < n_sectors]
    current, seen = first_difat, set()
    while current not in (_ENDOFCHAIN, _FREESECT) and len(found) < n_fat and len(seen) <= n_difat:
        if current >= n_sectors or current in seen:
            raise OleError("broken DIFAT chain")
        seen.add(current)
        fh.seek((current + 1) * ssize)
        data = fh.read(ssize)
        values = struct.unpack(f"<{ssize // 4}I", data) if len(data) == ssize else ()
        if not values:
            raise OleError("truncated DIFAT sector")
        found.extend(s for s in values[:-1] if s < n_sectors)
        current = values[-1]
    return found[:n_fat] if n_fat else found


def _chain(start: int, next_sector, n_sectors: int):
    """Yield a sector chain, refusing loops and chains longer than the file."""
    current, seen = start, set()
    while current not in (_ENDOFCHAIN, _FREESECT):
        if current >= n_sectors or current in seen:
            raise OleError("broken sector chain")
        seen.add(current)
        yield current
        current = next_sector(current)


# --------------------------------------------------------------------------- conversion


class LegacyUnavailable(RuntimeError):
    """LibreOffice is not installed: legacy files cannot be converted here."""


class LegacyFailed(RuntimeError):
    """LibreOffice ran but produced no usable DOCX (it exits 0 when it cannot load a file)."""


class LegacyTimeout(RuntimeError):
    """The conversion exceeded its time; LibreOffice's whole session was killed."""


def find_libreoffice() -> str | None:
    from docgen.doctor import find_soffice

    return find_soffice()


def convert_to_docx(path: str | Path, work: Path, *, timeout: float, as_word: bool) -> Path:
    """Convert a legacy file to DOCX inside ``work`` (a private directory the caller removes).

    ``as_word``: the container holds a ``WordDocument`` stream, so the private copy is named
    ``.doc`` whatever the submitted name (.wps from WPS Office is the same Word binary format, and
    the suffix steers LibreOffice's filter choice). Raises :class:`LegacyUnavailable`,
    :class:`LegacyFailed` or :class:`LegacyTimeout`.
    """
    from docgen.render.pdf.process import DriverTimeout, remove_stale_pipes, run_driver
    from docgen.render.pdf.tools import INSTALL_LIBREOFFICE, clean_env

    soffice = find_libreoffice()
    if not soffice:
        raise LegacyUnavailable(f"LibreOffice (soffice) not found; install: {INSTALL_LIBREOFFICE}")
    suffix = ".doc" if as_word else (Path(path).suffix.lower() or ".doc")
    source, out, profile, tmp = work / "in" / f"source{suffix}", work / "out", work / "profile", work / "tmp"
    for folder in (source.parent, out, tmp):
        folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, source)
    cmd = [
        soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--invisible",
        "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source),
    ]
    env = clean_env() | {"TMPDIR": str(tmp), "HOME": str(work)}
    try:
        code, stdout, stderr = run_driver(cmd, env=env, timeout=timeout)
    except DriverTimeout:
        raise LegacyTimeout(f"LibreOffice conversion exceeded {timeout:g} s; its session was killed") from None
    finally:
        remove_stale_pipes("docgen-legacy-none", profile)
    result = out / "source.docx"
    if not result.is_file() or result.stat().st_size == 0:
        message = " ".join((stderr or stdout or "").split())[-300:]
        raise LegacyFailed(f"LibreOffice wrote no DOCX (exit {code}): {message or 'no message'}")
    with open(result, "rb") as fh:
        if fh.read(4) != b"PK\x03\x04":
            raise LegacyFailed("LibreOffice output is not a ZIP package")
    return result


def private_workdir() -> Path:
    """A fresh directory in the system temp dir (never beside the input), mode 0700."""
    return Path(tempfile.mkdtemp(prefix="docgen-legacy-"))
