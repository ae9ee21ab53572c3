"""The package manifest (``data/manifest.json``): one entry per 附表2 item with its files.

Why our own manifest beside BagIt's: ``manifest-sha256.txt`` proves that the bytes did not change,
but not WHICH regulatory item a file is, whether the engine made it or the consultancy supplied it,
whether it must carry a seal, or why an item is absent. The bureau's clerk and ``package verify``
need exactly that (notes/generation.md §6). Statuses: ``present`` (a file is filed), ``missing``
(required for the stage and absent), ``not_required`` (the other stage's item, or the conditional
item 20 that this audit did not need).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

FORMAT = "docgen-archive/1"
STATUS_ZH = {"present": "已归档", "missing": "缺失", "not_required": "不需要"}
SOURCE_ZH = {"generated": "由数据生成", "supplied": "提交材料"}


@dataclass
class FileEntry:
    path: str           # inside the bag, e.g. data/评估/05_评估申请表.pdf
    sha256: str
    size: int
    source: str         # generated | supplied
    original: str = ""  # the supplied file's name in the materials folder
    matched_by: str = ""  # how a supplied file was assigned: 映射文件 | 文件名

    @classmethod
    def of(cls, path: str, data: bytes, source: str, original: str = "", matched_by: str = "") -> FileEntry:
        return cls(path, hashlib.sha256(data).hexdigest(), len(data), source, original, matched_by)


@dataclass
class ItemEntry:
    id: str
    no: int
    title: str
    group: str
    stage: str
    seal_required: str | None
    requirement: str
    status: str
    note: str = ""
    files: list[FileEntry] = field(default_factory=list)

    @property
    def source(self) -> str:
        sources = {f.source for f in self.files}
        return "、".join(SOURCE_ZH[s] for s in sorted(sources)) if sources else ""


@dataclass
class Manifest:
    stage: str
    enterprise: dict
    dates: dict                 # event, event_date, deadline, filed (ISO dates or None)
    items: list[ItemEntry]
    unmatched: list[dict] = field(default_factory=list)
    extra_files: list[FileEntry] = field(default_factory=list)  # the list itself, provenance
    format: str = FORMAT

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict) -> Manifest:
        items = [ItemEntry(**{**i, "files": [FileEntry(**f) for f in i.get("files", [])]}) for i in raw["items"]]
        return cls(stage=raw["stage"], enterprise=raw.get("enterprise", {}), dates=raw.get("dates", {}), items=items,
                   unmatched=list(raw.get("unmatched", [])),
                   extra_files=[FileEntry(**f) for f in raw.get("extra_files", [])], format=raw.get("format", FORMAT))

    def item_of_path(self, path: str) -> ItemEntry | None:
        for item in self.items:
            if any(f.path == path for f in item.files):
                return item
        return None

    def item_by_stem(self, path: str) -> ItemEntry | None:
        """The item whose normalised name (``05_评估申请表``) a renamed file still starts with."""
        name = Path(path).name
        for item in self.items:
            if name.startswith(f"{item.no:02d}_"):
                return item
        return None
