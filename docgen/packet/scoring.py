"""The expert panel's scoring sheet (评估/验收打分表) as data referenced by the rule pack.

A profile names its sheet with a top-level ``scoring:`` key (a path relative to ``checks/``); a
profile that ``extends`` another inherits the parent's sheet unless it names its own, so the
Shanghai packs use the national sheets until a bureau ships its own. The sheet holds the veto items
(否决项), the scoring items with points and the pass threshold (default 70: the Beijing practice,
domain.md §4.6) — regional numbers, so data, never code.

:func:`prefill` is what the checker can say about each line: the findings whose rule codes the
line lists (globs), and for a veto item whether it is a *candidate* (an unwaived error among its
findings). It never awards or deducts points: the experts score.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

import yaml

from docgen.check.findings import Finding
from docgen.check.profile import ProfileError
from docgen.resources import checks_dir

DEFAULT_PASS_THRESHOLD = 70


@dataclass(frozen=True)
class VetoItem:
    id: str
    text: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoringItem:
    id: str
    category: str
    text: str
    points: float
    review: str = ""
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoringSheet:
    title: str
    stage: str
    source: str
    pass_threshold: float
    veto: tuple[VetoItem, ...]
    items: tuple[ScoringItem, ...]
    file: str = ""

    @property
    def total(self) -> float:
        return sum(i.points for i in self.items)


@dataclass
class Prefilled:
    line: VetoItem | ScoringItem
    findings: list[Finding] = field(default_factory=list)

    @property
    def candidate(self) -> bool:
        """A veto item the experts must look at: an unwaived error among its findings."""
        return any(f.severity == "error" and not f.waived for f in self.findings)


def _raw(profile_id: str) -> dict:
    path = checks_dir().joinpath(f"{profile_id}.yaml")
    if not path.is_file():
        raise ProfileError(f"没有名为「{profile_id}」的规则包")
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def scoring_reference(profile_id: str, _seen: tuple[str, ...] = ()) -> str | None:
    """The ``scoring:`` path of the profile or of the nearest profile it extends."""
    raw = _raw(profile_id)
    if raw.get("scoring"):
        return str(raw["scoring"])
    parent = raw.get("extends")
    if parent and parent not in _seen:
        return scoring_reference(parent, _seen + (profile_id,))
    return None


def load_scoring(profile_id: str) -> ScoringSheet:
    ref = scoring_reference(profile_id)
    if ref is None:
        raise ProfileError(f"规则包「{profile_id}」没有打分表（scoring:），无法生成评分表")
    where = f"checks/{ref}"
    path = checks_dir().joinpath(*ref.split("/"))
    if not path.is_file():
        raise ProfileError(f"规则包「{profile_id}」引用的打分表「{where}」不存在")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        sheet = ScoringSheet(
            title=str(raw["title"]), stage=str(raw.get("stage", "")), source=str(raw.get("source", "")),
            pass_threshold=float(raw.get("pass_threshold", DEFAULT_PASS_THRESHOLD)),
            veto=tuple(VetoItem(str(v["id"]), str(v["text"]), tuple(v.get("rules") or ())) for v in raw.get("veto") or ()),
            items=tuple(ScoringItem(str(i["id"]), str(i["category"]), str(i["text"]), float(i["points"]),
                                    str(i.get("review", "")), tuple(i.get("rules") or ())) for i in raw["items"]),
            file=where,
        )
    except (KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise ProfileError(f"打分表「{where}」格式有误：{type(exc).__name__} {exc}") from None
    return sheet


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(code, p) for p in patterns)


def prefill(sheet: ScoringSheet, findings: list[Finding]) -> tuple[list[Prefilled], list[Prefilled], list[Finding]]:
    """(veto lines, scoring lines, findings no scoring line claims). A finding is shown against
    the first scoring line whose rules match it, and against every veto item that lists its rule."""
    active = [f for f in findings if not f.waived]
    veto = [Prefilled(v, [f for f in active if _matches(f.rule, v.rules)]) for v in sheet.veto]
    lines = [Prefilled(i) for i in sheet.items]
    unclaimed = []
    for f in active:
        line = next((ln for ln in lines if _matches(f.rule, ln.line.rules)), None)
        if line is None:
            unclaimed.append(f)
        else:
            line.findings.append(f)
    return veto, lines, unclaimed
