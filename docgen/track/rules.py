"""Deadline rule sets per jurisdiction, loaded from ``docgen/data/deadlines/<id>.yaml``.

Why data: every province and city words the 强审 timeline differently (domain.md §5.8: Shanghai
counts 验收 from the start, Wuhan from passing 评估 and wants 评估 "within the same year"), and a
bureau's policy changes more often than code. A rule set names, per deadline, the event it counts
from, the period (``months`` or ``until: year_end``), the event that meets it, whether the Civil
Code roll-forward applies and the clause quoted to the user — plus the bureau's own returns
(quarterly 附表3/附表4, annual summary) and, for Shanghai, the 附表4 vocabulary (注1–注3).

A broken rule file is reported with its path and the field (pydantic's location), never a traceback.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from docgen.load.problems import format_path

#: Register events a deadline may count from or be met by (docgen.track.register columns).
EVENTS = ("list_published", "disclosed", "started", "evaluation_applied", "evaluation_onsite", "evaluation_archived",
          "acceptance_applied", "acceptance_onsite", "acceptance_archived")
Event = Literal["list_published", "disclosed", "started", "evaluation_applied", "evaluation_onsite",
                "evaluation_archived", "acceptance_applied", "acceptance_onsite", "acceptance_archived"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class DeadlineRule(_Strict):
    code: str = Field(pattern=r"^TRK-\d{3}$")
    id: str
    name: str
    from_: Event = Field(alias="from")
    event: Event
    months: int | None = Field(None, ge=0, le=120)
    until: Literal["year_end"] | None = None
    roll_forward: bool = True
    require: dict[str, str] = Field(default_factory=dict)   # register field → value, e.g. 评估结果 通过
    basis: str

    @model_validator(mode="after")
    def _one_period(self):
        if (self.months is None) == (self.until is None):
            raise ValueError("每条期限须且只须给出 months 或 until 之一")
        return self

    def period_zh(self) -> str:
        if self.until == "year_end":
            return "当年12月31日前"
        if self.months and self.months % 12 == 0:
            return f"{self.months // 12} 年内"
        return f"{self.months} 个月内"


class QuarterlyReturn(_Strict):
    code: str
    name: str
    day: int = Field(ge=1, le=28)
    roll_forward: bool = True
    basis: str


class AnnualReturn(_Strict):
    code: str
    name: str
    month: int = Field(ge=1, le=12)
    day: int | Literal["last"]
    roll_forward: bool = True
    basis: str


class Returns(_Strict):
    quarterly: QuarterlyReturn | None = None
    annual: AnnualReturn | None = None


class Mapping(_Strict):
    change: str | None = None
    relocation: str | None = None
    started: bool | None = None
    result: str
    note: str


class ListChanges(_Strict):
    changes: list[str]
    relocations: list[str]
    mapping: list[Mapping]
    effects: dict[str, Literal["continue", "suspend", "stop"]]
    evidence_required: list[str]
    evidence_hint: str


class RuleSet(_Strict):
    id: str
    name: str
    source: str
    deadlines: list[DeadlineRule]
    returns: Returns = Field(default_factory=Returns)
    list_changes: ListChanges | None = None

    def rule(self, rule_id: str) -> DeadlineRule:
        for r in self.deadlines:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


class RuleSetError(ValueError):
    """A rule set is unknown or malformed (Chinese message with file and field)."""


def available() -> list[str]:
    root = resources.files("docgen").joinpath("data/deadlines")
    return sorted(e.name[:-5] for e in root.iterdir() if e.name.endswith(".yaml"))


def parse_rule_set(text: str, where: str) -> RuleSet:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleSetError(f"期限规则「{where}」不是有效的 YAML：{exc}") from None
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(f"{format_path(tuple(e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False)[:5])
        raise RuleSetError(f"期限规则「{where}」有误：{problems}") from None


@lru_cache(maxsize=None)
def load_rule_set(ref: str) -> RuleSet:
    """A built-in rule set by id (``shanghai``) or a YAML file path (a bureau's own)."""
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        path = Path(ref)
        if not path.is_file():
            raise RuleSetError(f"期限规则文件「{ref}」不存在")
        return parse_rule_set(path.read_text(encoding="utf-8"), str(path))
    if ref not in available():
        raise RuleSetError(f"没有名为「{ref}」的期限规则（可用：{'、'.join(available())}）")
    text = resources.files("docgen").joinpath(f"data/deadlines/{ref}.yaml").read_text(encoding="utf-8")
    return parse_rule_set(text, f"docgen/data/deadlines/{ref}.yaml")


def year_end(d: dt.date) -> dt.date:
    return dt.date(d.year, 12, 31)
