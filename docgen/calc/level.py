"""Cleaner-production level (清洁生产水平) by the comprehensive index method — domain.md §7.6.

Indicator systems built on the 2013 《清洁生产评价指标体系编制通则》 and GB/T 43329-2023 group
二级指标 (secondary indicators, weight ω) into 一级指标 classes (weight w) and grade each indicator
against three benchmarks: I级 (国际清洁生产领先), II级 (国内清洁生产先进), III级 (国内清洁生产一般).

* Membership ``Y_gk(x_ij) = 100`` if indicator j meets level g_k, else 0.  Membership is
  cumulative: meeting I级 also meets II级 and III级 (:func:`meets_levels` closes it upward).
* Index ``Y_gk = Σ_i w_i × Σ_j ω_ij × Y_gk(x_ij)``.
* Indicators that do not apply to the enterprise are dropped and the remaining weights of the
  class are renormalised, ``ω'_ij = ω_ij / Σ_{applicable} ω_ij`` (the source's
  ``ω_ij × W_i / Σ ω''_ij`` is the same rule when ω is written as points summing to W_i — the
  renormalisation makes both conventions give the same index).  If a whole class is
  inapplicable, the 一级 weights are renormalised over the remaining classes (same principle;
  to verify).
* Level: I级 if Y_I ≥ 85 and every 限定性指标 meets I级; II级 if Y_II ≥ 85 and every 限定性指标
  meets II级; III级 if Y_III = 100 and every 限定性指标 meets III级; otherwise 不达标.  The
  thresholds live in ``data/level_thresholds.yaml`` ([domain knowledge, to verify]).

The index is computed with exact fractions so that, e.g., three weights of 1/3 give exactly 100
and not 99.999…, which would wrongly fail the III级 condition ``Y_III = 100``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from docgen.calc._resources import load_yaml
from docgen.calc.errors import CalcError
from docgen.calc.num import Number, fraction_to_decimal, to_decimal, to_fraction

__all__ = [
    "LEVELS",
    "SecondaryIndicator",
    "PrimaryIndicator",
    "LevelRule",
    "LevelThresholds",
    "LevelResult",
    "meets_levels",
    "comprehensive_index",
    "determine_level",
    "load_level_thresholds",
]

#: Benchmark levels from best to basic.
LEVELS: tuple[str, ...] = ("I", "II", "III")


def _close_upward(levels: Iterable[str] | str, what: str) -> frozenset[str]:
    if isinstance(levels, str):  # "II" is one level, not the characters "I", "I"
        levels = [levels] if levels else []
    result: set[str] = set()
    for level in levels:
        if level not in LEVELS:
            raise CalcError(f"{what}的级别「{level}」无效；应为 I、II 或 III")
        result.update(LEVELS[LEVELS.index(level):])
    return frozenset(result)


@dataclass(frozen=True)
class SecondaryIndicator:
    """二级指标: weight ω within its class, the levels it meets, 限定性 flag, applicability.

    ``levels`` is closed upward on creation ({"I"} becomes {"I", "II", "III"}).
    """

    name: str
    weight: Decimal
    levels: frozenset[str] = frozenset()
    limiting: bool = False
    applicable: bool = True

    def __post_init__(self) -> None:
        weight = to_decimal(self.weight, f"二级指标「{self.name}」的权重")
        if weight < 0:
            raise CalcError(f"二级指标「{self.name}」的权重不能为负：{weight}")
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "levels", _close_upward(self.levels, f"二级指标「{self.name}」"))


@dataclass(frozen=True)
class PrimaryIndicator:
    """一级指标: weight w and its 二级指标."""

    name: str
    weight: Decimal
    secondaries: tuple[SecondaryIndicator, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        weight = to_decimal(self.weight, f"一级指标「{self.name}」的权重")
        if weight < 0:
            raise CalcError(f"一级指标「{self.name}」的权重不能为负：{weight}")
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "secondaries", tuple(self.secondaries))


@dataclass(frozen=True)
class LevelRule:
    """One row of the level table: Y_level ≥ index_min and limiting indicators meet *level*."""

    level: str
    label_zh: str
    index_min: Decimal


@dataclass(frozen=True)
class LevelThresholds:
    """The level table of one standard family (default: ``data/level_thresholds.yaml``)."""

    id: str
    source: str
    rules: tuple[LevelRule, ...]
    none_label_zh: str
    weight_sum_tolerance: Decimal


@dataclass(frozen=True)
class LevelResult:
    """Index per level, the level reached (``None`` = 不达标) and a Chinese explanation."""

    index: dict[str, Decimal]
    level: str | None
    reason_zh: str
    label_zh: str = ""


@lru_cache(maxsize=1)
def load_level_thresholds() -> LevelThresholds:
    """Read ``data/level_thresholds.yaml`` (cached)."""
    data = load_yaml("level_thresholds.yaml")
    rules = []
    for raw in data["levels"]:
        level = str(raw["level"])
        if level not in LEVELS or str(raw.get("limiting_must_meet", level)) != level:
            raise CalcError(f"清洁生产水平判定表中级别「{level}」配置无效")
        rules.append(LevelRule(level, str(raw["label_zh"]), to_decimal(raw["index_min"], f"{level} 级综合评价指数下限")))
    return LevelThresholds(
        id=str(data["id"]),
        source=str(data["source"]),
        rules=tuple(rules),
        none_label_zh=str(data["none_label_zh"]),
        weight_sum_tolerance=to_decimal(data["weight_sum_tolerance"], "权重之和允许误差"),
    )


def meets_levels(
    value: Number,
    benchmarks: Mapping[str, Number | None],
    direction: str = "lower_better",
) -> frozenset[str]:
    """Levels an indicator value meets, cumulative (meeting I implies II and III).

    *benchmarks* maps "I"/"II"/"III" to the 基准值; a missing or ``None`` level cannot be met on
    its own (it may still be implied by a better level).  ``lower_better`` (消耗、排放: value ≤
    benchmark) or ``higher_better`` (利用率: value ≥ benchmark).  Benchmarks out of order
    (a lower_better I级 above the II级) raise :class:`CalcError`.
    """
    if direction not in ("lower_better", "higher_better"):
        raise CalcError(f"指标方向「{direction}」无效；应为 lower_better 或 higher_better")
    unknown = [k for k in benchmarks if k not in LEVELS]
    if unknown:
        raise CalcError(f"基准值的级别「{'、'.join(map(str, unknown))}」无效；应为 I、II、III")
    x = to_decimal(value, "指标值")
    present = [(g, to_decimal(benchmarks[g], f"{g} 级基准值")) for g in LEVELS if benchmarks.get(g) is not None]
    lower = direction == "lower_better"
    for (g1, b1), (g2, b2) in zip(present, present[1:]):
        if (lower and b1 > b2) or (not lower and b1 < b2):
            raise CalcError(f"基准值顺序不一致：{g1} 级 {b1}、{g2} 级 {b2}（{direction}）")
    met = [g for g, b in present if (x <= b if lower else x >= b)]
    return _close_upward(met, "指标")


def _check_weights(primaries: tuple[PrimaryIndicator, ...], tolerance: Decimal) -> None:
    if not primaries:
        raise CalcError("没有一级指标，无法计算综合评价指数")
    total = sum((p.weight for p in primaries), Decimal(0))
    if abs(total - 1) > tolerance:
        raise CalcError(f"一级指标权重之和应为 1，实为 {total}")


def _exact_index(primaries: tuple[PrimaryIndicator, ...], tolerance: Decimal) -> dict[str, Fraction]:
    _check_weights(primaries, tolerance)
    classes: list[tuple[Fraction, Fraction, dict[str, Fraction]]] = []
    for primary in primaries:
        applicable = [s for s in primary.secondaries if s.applicable]
        denominator = sum((to_fraction(s.weight) for s in applicable), Fraction(0))
        if denominator == 0:
            continue  # whole class not assessed: dropped, 一级 weights renormalised below
        met = {g: sum((to_fraction(s.weight) for s in applicable if g in s.levels), Fraction(0)) for g in LEVELS}
        classes.append((to_fraction(primary.weight), denominator, met))
    class_total = sum((w for w, _, _ in classes), Fraction(0))
    if class_total == 0:
        raise CalcError("所有指标均不适用（或权重为 0），无法计算综合评价指数")
    return {g: 100 * sum((w / class_total * met[g] / den for w, den, met in classes), Fraction(0)) for g in LEVELS}


def comprehensive_index(
    primaries: Iterable[PrimaryIndicator],
    thresholds: LevelThresholds | None = None,
) -> dict[str, Decimal]:
    """{"I": Y_I, "II": Y_II, "III": Y_III} on a 0–100 scale, with renormalised weights."""
    rules = thresholds or load_level_thresholds()
    exact = _exact_index(tuple(primaries), rules.weight_sum_tolerance)
    return {g: fraction_to_decimal(v) for g, v in exact.items()}


def _fmt(value: Fraction) -> str:
    return f"{fraction_to_decimal(value).quantize(Decimal('0.01'))}"


def determine_level(
    primaries: Iterable[PrimaryIndicator],
    thresholds: LevelThresholds | None = None,
) -> LevelResult:
    """Level reached: the first rule (I, II, III) whose index and 限定性指标 conditions hold."""
    rules = thresholds or load_level_thresholds()
    items = tuple(primaries)
    exact = _exact_index(items, rules.weight_sum_tolerance)
    index = {g: fraction_to_decimal(v) for g, v in exact.items()}
    limiting = [s for p in items for s in p.secondaries if s.limiting and s.applicable]
    reasons: list[str] = []
    for rule in rules.rules:
        value = exact[rule.level]
        index_ok = value >= to_fraction(rule.index_min)
        failing = [s.name for s in limiting if rule.level not in s.levels]
        comparison = f"Y_{rule.level} = {_fmt(value)} {'≥' if index_ok else '<'} {rule.index_min}"
        if index_ok and not failing:
            tail = f"且限定性指标均达到 {rule.level} 级" if limiting else "无限定性指标"
            reasons.append(f"{comparison}，{tail}，判定为 {rule.level} 级（{rule.label_zh}）")
            return LevelResult(index, rule.level, "；".join(reasons), rule.label_zh)
        if index_ok:
            reasons.append(f"{comparison}，但限定性指标未达到 {rule.level} 级：{'、'.join(failing)}")
        else:
            reasons.append(f"{comparison}，未达到 {rule.level} 级")
    reasons.append(f"判定为{rules.none_label_zh}")
    return LevelResult(index, None, "；".join(reasons), rules.none_label_zh)
