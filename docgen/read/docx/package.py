"""The OPC package: guarded opening, relationships, and the only way a part is read.

Why guarded: no DOCX library protects against zip bombs (checker.md §2.5 — python-docx
decompressed a 0.6 MB file to 1.2 GB before failing). The central directory is checked first
(entry count, declared total, per-entry ratio), then every part goes through
``limits.read_member`` (a counting stream that stops at the cap whatever the header says) and
``xmlsafe.parse_xml`` (no entities, no DTD, no network).

Why relationships and not fixed names: the main part is found through ``/_rels/.rels``
(officeDocument), and headers, footers, footnotes, comments, styles, numbering and images through
the main part's ``.rels`` — Word itself names them ``header1.xml`` …, but other producers (WPS,
converters) use other names, and only the parts actually referenced are what a reader sees.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docgen.read import xmlsafe
from docgen.read.docx.ns import PKG_REL_NS
from docgen.read.limits import DEFAULT_LIMITS, LimitExceeded, Limits, read_member

REL = "{%s}Relationship" % PKG_REL_NS
OFFICE_DOCUMENT = "/officeDocument"  # relationship type suffix (transitional and strict)


@dataclass(frozen=True)
class Relationship:
    rid: str
    type: str       # the last path segment of the type URI: styles, numbering, header, image …
    target: str     # part name inside the package (no leading slash), or the URL when external
    external: bool = False


@dataclass
class Package:
    """An opened DOCX with its main document part name and that part's relationships."""

    zf: zipfile.ZipFile
    limits: Limits
    main: str = "word/document.xml"
    rels: dict[str, Relationship] = field(default_factory=dict)
    root_rels: dict[str, Relationship] = field(default_factory=dict)

    # -- reading -----------------------------------------------------------------------------
    def has(self, name: str) -> bool:
        try:
            self.zf.getinfo(name)
        except KeyError:
            return False
        return True

    def read(self, name: str) -> bytes:
        """Raw bytes of a part, through the size-capped reader (KeyError when absent)."""
        return read_member(self.zf, name, self.limits)

    def xml(self, name: str):
        """The parsed root element of a part (KeyError when absent, UnsafeXml when hostile)."""
        return xmlsafe.parse_xml(self.read(name))

    def xml_optional(self, name: str | None):
        if not name or not self.has(name):
            return None
        return self.xml(name)

    # -- relationships -----------------------------------------------------------------------
    def part_rels(self, part: str) -> dict[str, Relationship]:
        """Relationships of ``part`` (``word/_rels/document.xml.rels`` for the main part)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        out: dict[str, Relationship] = {}
        for rel in self.xml(rels_name).iter(REL):
            rid = rel.get("Id") or ""
            rtype = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                out[rid] = Relationship(rid, rtype, target, external=True)
                continue
            out[rid] = Relationship(rid, rtype, resolve(folder, target))
        return out

    def first_of_root(self, rtype: str) -> str | None:
        """A package-level part (core/app/custom properties) through ``/_rels/.rels``."""
        for rel in self.root_rels.values():
            if rel.type == rtype and not rel.external:
                return rel.target
        return None

    def by_type(self, rtype: str) -> list[Relationship]:
        return [r for r in self.rels.values() if r.type == rtype and not r.external]

    def first_of(self, rtype: str) -> str | None:
        found = self.by_type(rtype)
        return found[0].target if found else None


def resolve(folder: str, target: str) -> str:
    """A relationship target as a package part name: relative to the source part's folder, or
    absolute (leading slash) from the package root."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


def check_archive(zf: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse archives whose directory already shows a bomb: too many entries, too much declared
    data, or an entry that expands far beyond its compressed size (checker.md §2.5)."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise LimitExceeded("DOC.TOO_MANY_PARTS", f"{len(infos)} ZIP entries > {limits.max_entries}")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = f"{info.file_size}/{info.compress_size}"
            raise LimitExceeded("DOC.ZIP_BOMB_SUSPECTED", f"{info.filename}: ratio {ratio} > {limits.max_ratio}")
    if total > limits.max_total_uncompressed:
        raise LimitExceeded("DOC.ZIP_BOMB_SUSPECTED",
                            f"declared {total} bytes uncompressed > {limits.max_total_uncompressed}")


def open_package(path: Path, limits: Limits = DEFAULT_LIMITS) -> Package:
    """Open ``path`` (BadZipFile when it is no ZIP, LimitExceeded when too large)."""
    size = Path(path).stat().st_size
    if size > limits.max_file_bytes:
        raise LimitExceeded("DOC.TOO_LARGE", f"{size} bytes > {limits.max_file_bytes}")
    zf = zipfile.ZipFile(path)
    try:
        check_archive(zf, limits)
        pkg = Package(zf, limits)
        root_rels = pkg.root_rels = pkg.part_rels("")  # /_rels/.rels
        mains = [r.target for r in root_rels.values()
                 if not r.external and ("/" + r.type).endswith(OFFICE_DOCUMENT)]
        if mains:
            pkg.main = mains[0]
        pkg.rels = pkg.part_rels(pkg.main)
    except BaseException:
        zf.close()
        raise
    return pkg
