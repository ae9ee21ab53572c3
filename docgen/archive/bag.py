"""BagIt (RFC 8493) bags serialised as deterministic ZIPs, and their safe extraction.

Building: ``bagit.make_bag`` turns a staging directory into a bag in place (payload under
``data/``, ``manifest-sha256.txt``, ``bag-info.txt`` with Payload-Oxum, ``tagmanifest-sha256.txt``;
notes/ecosystem-reliability.md §4.1). The bag is zipped under one top-level directory (RFC 8493
§4.2 serialisation) with sorted entries and the ZIP epoch as every timestamp
(docgen.render.docxpkg.write_zip), so the same inputs give the same bytes and a package can be
re-verified by checksum. ``Bagging-Date`` is passed in (bagit would stamp today's date).

Extraction never trusts the archive: every entry name is checked with the reader's ZIP rules
(docgen.read.ingest.unsafe_name: absolute paths, ``..``, drive letters, backslashes, control
characters), the resolved target must stay inside the destination (zip-slip), links and
duplicate names are refused, and the total size is capped before anything is written.
"""

from __future__ import annotations

import logging
import os
import stat
import zipfile
from pathlib import Path

from docgen.read.ingest import unsafe_name
from docgen.render.docxpkg import write_zip

#: A package is a few reports and scans; anything far larger is refused before extraction.
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_ENTRIES = 10_000


class UnsafeArchive(ValueError):
    """The ZIP would write outside the target or is otherwise not a package we open."""


def make_bag(staging: Path, bag_info: dict[str, str]) -> None:
    import bagit

    logging.getLogger("bagit").setLevel(logging.ERROR)
    bagit.make_bag(str(staging), bag_info=dict(bag_info), checksums=["sha256"], processes=1)


def zip_bag(bag_dir: Path, top: str) -> bytes:
    """The bag as ZIP bytes: ``top/…`` entries in sorted order, fixed timestamps."""
    files = sorted(p for p in bag_dir.rglob("*") if p.is_file())
    return write_zip((f"{top}/{p.relative_to(bag_dir).as_posix()}", p.read_bytes()) for p in files)


def safe_extract(archive: Path, target: Path) -> list[str]:
    """Extract ``archive`` into ``target`` (an empty directory); :class:`UnsafeArchive` on anything
    that could write outside it. Returns the entry names written."""
    target = Path(target).resolve()
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsafeArchive(f"不是有效的 ZIP 文件（{exc}）") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeArchive(f"条目过多（{len(infos)} > {MAX_ENTRIES}）")
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise UnsafeArchive(f"解压后总大小超过 {MAX_TOTAL_BYTES // 1024**3} GB")
        seen: set[str] = set()
        for info in infos:
            name = info.orig_filename
            why = unsafe_name(name)
            if why:
                raise UnsafeArchive(f"条目「{name!r}」路径不安全（{why}），拒绝解压")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise UnsafeArchive(f"条目「{name}」是符号链接，拒绝解压")
            if name.lower() in seen:
                raise UnsafeArchive(f"条目「{name}」重复，拒绝解压")
            seen.add(name.lower())
            dest = (target / name).resolve()
            if dest != target and target not in dest.parents:
                raise UnsafeArchive(f"条目「{name}」会写到目标目录之外，拒绝解压")
        written = []
        remaining = MAX_TOTAL_BYTES  # over all entries: declared sizes can lie
        for info in infos:
            dest = target / info.orig_filename
            if info.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(dest, "xb") as out:
                while chunk := src.read(1 << 20):
                    remaining -= len(chunk)
                    if remaining < 0:  # the declared size lied
                        raise UnsafeArchive(f"解压到「{info.orig_filename}」时总大小超过 {MAX_TOTAL_BYTES // 1024**3} GB")
                    out.write(chunk)
            os.chmod(dest, 0o644)
            written.append(info.orig_filename)
    return written


def find_bag_root(extracted: Path) -> Path | None:
    """The directory holding ``bagit.txt``: the single top-level directory, or the root itself."""
    if (extracted / "bagit.txt").is_file():
        return extracted
    dirs = [p for p in extracted.iterdir() if p.is_dir()]
    if len(dirs) == 1 and (dirs[0] / "bagit.txt").is_file():
        return dirs[0]
    return None
