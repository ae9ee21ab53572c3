"""Which supplied file is which 附表2 item: an optional mapping file first, then name patterns.

Why not guess: a district bureau files what the list names, and a wrongly filed document is worse
than a missing one (the clerk sees a missing item; nobody sees a misfiled one). So a file is taken
for an item only when the mapping file says so, when its name is the package's own normalised name
(``05_评估申请表.pdf``), or when its name matches the patterns of exactly one item of the stage
(docgen/data/archive-items.yaml). Everything else is listed with the reason: no item matched
(extra or misnamed), several matched (ambiguous), it belongs to the other stage's archive, or its
type is not one the bureau's archive takes.

Mapping file (YAML)::

    files:                      # relative path in the materials folder → item
      扫描件/IMG_0012.pdf: Z-1
      会议记录.pdf: Z-6
    needed: [Z-20]              # conditional items this audit needs (20 项目财务审计报告, 必要时)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from docgen.archive.items import ArchiveItem, ArchiveList
from docgen.read.normalize import norm

#: What the archive accepts: documents the reader opens, and scans as images.
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".wps")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
ACCEPTED_SUFFIXES = DOCUMENT_SUFFIXES + IMAGE_SUFFIXES

_ITEM_ID = re.compile(r"^Z-(\d{1,2})$")
_OWN_NAME = re.compile(r"^(\d{1,2})[_\-. ]")


class MaterialsError(ValueError):
    """The materials folder or the mapping file is wrong; the message says what and where."""


@dataclass
class Unmatched:
    path: Path              # relative to the materials folder
    reason: str             # Chinese
    candidates: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"file": self.path.as_posix(), "reason": self.reason, "candidates": list(self.candidates)}


@dataclass
class Matching:
    matched: dict[str, list[Path]] = field(default_factory=dict)   # item id → files (relative)
    unmatched: list[Unmatched] = field(default_factory=list)
    needed: set[str] = field(default_factory=set)                   # conditional items asked for
    how: dict[str, str] = field(default_factory=dict)               # relative path → 映射文件 | 文件名


@dataclass
class Mapping:
    files: dict[str, str] = field(default_factory=dict)
    needed: set[str] = field(default_factory=set)
    source: str = ""        # the mapping file, for messages


def load_mapping(path: Path, archive: ArchiveList) -> Mapping:
    """Read the mapping file; every problem names the file and the key."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise MaterialsError(f"映射文件「{path}」不存在") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MaterialsError(f"映射文件「{path}」无法读取或不是有效的 YAML：{exc}") from None
    if not isinstance(raw, dict) or set(raw) - {"files", "needed"}:
        raise MaterialsError(f"映射文件「{path}」顶层只能有 files 和 needed 两项")
    files = raw.get("files") or {}
    if not isinstance(files, dict):
        raise MaterialsError(f"映射文件「{path}」：files 应为「相对路径: Z-n」的键值对")
    ids = {it.id for it in archive.items}
    for name, item in files.items():
        if str(item) not in ids:
            raise MaterialsError(f"映射文件「{path}」：files.「{name}」的档案项「{item}」不存在（应为 Z-1 … Z-{len(ids)}）")
    needed = raw.get("needed") or []
    for item in needed:
        if str(item) not in ids:
            raise MaterialsError(f"映射文件「{path}」：needed 中的档案项「{item}」不存在")
    return Mapping({str(k): str(v) for k, v in files.items()}, {str(i) for i in needed}, str(path))


def list_materials(folder: Path, skip: set[Path] = frozenset()) -> list[Path]:
    """Every regular file under ``folder`` (relative, sorted); hidden files, Word lock files and
    symbolic links are skipped (a link could point anywhere on the machine)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise MaterialsError(f"材料目录「{folder}」不存在或不是目录")
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith((".", "~$")) for part in rel.parts) or path.is_symlink() or not path.is_file():
            continue
        if path.resolve() in skip or rel.name.lower() in ("thumbs.db", "desktop.ini"):
            continue
        out.append(rel)
    return out


def _own_name(name: str, items: list[ArchiveItem]) -> ArchiveItem | None:
    m = _OWN_NAME.match(name)
    if not m:
        return None
    for it in items:
        if it.no == int(m.group(1)) and norm(it.title) in name:
            return it
    return None


def match_materials(folder: Path, stage: str, archive: ArchiveList, mapping: Mapping | None = None) -> Matching:
    """Assign every file of ``folder`` to at most one item of ``stage``; list the rest."""
    mapping = mapping or Mapping()
    files = list_materials(folder)
    stage_items = archive.for_stage(stage)
    result = Matching(needed=set(mapping.needed))
    known = {f.as_posix() for f in files}
    for name in mapping.files:
        if name not in known:
            raise MaterialsError(f"映射文件「{mapping.source}」：files 中的「{name}」在材料目录「{folder}」中不存在")
    for rel in files:
        if rel.suffix.lower() not in ACCEPTED_SUFFIXES:
            result.unmatched.append(Unmatched(rel, f"文件类型「{rel.suffix or '无扩展名'}」不在档案接受范围（"
                                              + "/".join(s[1:].upper() for s in ACCEPTED_SUFFIXES) + "）"))
            continue
        mapped = mapping.files.get(rel.as_posix())
        if mapped is not None:
            item = archive.item(mapped)
            if item.stage != stage:
                result.unmatched.append(Unmatched(rel, f"映射为 {item.id}（{item.title}），属于{archive.stages[item.stage].name}档案，"
                                                  "不在本阶段", (item.id,)))
            else:
                result.matched.setdefault(item.id, []).append(rel)
                result.how[rel.as_posix()] = "映射文件"
            continue
        name = norm(rel.stem)
        own = _own_name(name, list(archive.items))
        candidates = [own] if own else [it for it in archive.items if it.matches(name)]
        in_stage = [it for it in candidates if it.stage == stage]
        if len(in_stage) == 1:
            result.matched.setdefault(in_stage[0].id, []).append(rel)
            result.how[rel.as_posix()] = "文件名"
        elif len(in_stage) > 1:
            listing = "、".join(f"{it.id} {it.title}" for it in in_stage)
            result.unmatched.append(Unmatched(rel, f"文件名可对应多个档案项（{listing}），未归入任何一项；请改名或在映射文件中指定",
                                              tuple(it.id for it in in_stage)))
        elif candidates:
            listing = "、".join(f"{it.id} {it.title}" for it in candidates)
            result.unmatched.append(Unmatched(rel, f"文件名对应另一阶段的档案项（{listing}），不归入本阶段档案",
                                              tuple(it.id for it in candidates)))
        else:
            result.unmatched.append(Unmatched(rel, "文件名不对应附表2的任何档案项（多余或命名不规范）；如属档案材料，请改名或在映射文件中指定"))
    for files_of in result.matched.values():
        files_of.sort()
    return result
