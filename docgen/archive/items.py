"""The 22 items of 附表2 (seed 003) as data: ``docgen/data/archive-items.yaml``.

Why data: the list, its stage groups, the seals and the one conditional item (20 项目财务审计报告,
"必要时") are the regulation's, and a bureau with a different list edits the YAML, not the code.
Ids follow the shared vocabulary (DESIGN.md): item n is ``Z-n``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from docgen.resources import data_file

STAGES = ("evaluation", "acceptance")


@dataclass(frozen=True)
class StageSpec:
    key: str                # evaluation | acceptance
    name: str               # 评估 | 验收
    deadline: str           # 现场评估后一个月内
    event: str              # the timeline field that starts the period (evaluation_onsite)
    event_zh: str           # 现场评估
    months: int             # the period: one calendar month
    filed: str              # the timeline field recording when the bureau filed (evaluation_archived)


@dataclass(frozen=True)
class ArchiveItem:
    no: int
    title: str
    group: str              # 项目名称 of the source: the folder in the package
    stage: str              # evaluation | acceptance
    seal: str | None = None
    requirement: str = "required"   # required | conditional
    note: str = ""
    generate: str | None = None     # form:NAME | report:evaluation | report:acceptance
    patterns: tuple[re.Pattern, ...] = field(default=(), compare=False)
    exclude: tuple[re.Pattern, ...] = field(default=(), compare=False)

    @property
    def id(self) -> str:
        return f"Z-{self.no}"

    @property
    def stem(self) -> str:
        """The normalised file name in the package: ``05_评估申请表``."""
        return f"{self.no:02d}_{self.title}"

    def matches(self, normalised_name: str) -> bool:
        return any(p.search(normalised_name) for p in self.patterns) and not any(
            p.search(normalised_name) for p in self.exclude)


@dataclass(frozen=True)
class ArchiveList:
    title: str
    source: str
    stages: dict[str, StageSpec]
    items: tuple[ArchiveItem, ...]

    def item(self, item_id: str) -> ArchiveItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def for_stage(self, stage: str) -> list[ArchiveItem]:
        return [it for it in self.items if it.stage == stage]


@lru_cache(maxsize=1)
def archive_list() -> ArchiveList:
    raw = yaml.safe_load(data_file("archive-items.yaml").read_text(encoding="utf-8"))
    stages = {key: StageSpec(key=key, **spec) for key, spec in raw["stages"].items()}
    items = []
    for entry in raw["items"]:
        entry = dict(entry)
        entry["no"] = entry.pop("number")  # not "no": YAML 1.1 reads a bare no as false
        entry["patterns"] = tuple(re.compile(p) for p in entry.get("patterns", ()))
        entry["exclude"] = tuple(re.compile(p) for p in entry.get("exclude", ()))
        items.append(ArchiveItem(**entry))
    numbers = [it.no for it in items]
    if numbers != list(range(1, len(items) + 1)):  # pragma: no cover - data file edited wrongly
        raise ValueError(f"archive-items.yaml: 序号应连续，实为 {numbers}")
    return ArchiveList(title=raw["title"], source=raw["source"], stages=stages, items=tuple(items))
