"""Grading the park indicator system — the method is data (``grading`` of the park file).

Seed 004 announces 附录D 园区清洁生产审核评价方法（评价方法及评价等级划分）but its text is not available
(domain.md §6.3), so two methods are offered, both [inferred] and named in the report:

``graded`` — 分级对标综合评价指数法, the §7.6 mechanism of the 2013 通则 reused (domain.md §6.3 suggests
it until 附录D is obtained). Each 二级指标 has I/II/III 级 values and a direction; it meets a level
when its 现状值 is ≤ (lower_better) or ≥ (higher_better) that level's value, cumulatively (meeting
I meets II and III). Index ``Y_g = 100 × Σ_i w_i Σ_j ω_ij Y_g(x_ij) / Σ_j ω_ij`` with 一级 weights
``w_i`` (``grading.class_weights``) and 二级 weights ``ω_ij`` renormalised within the class; the
level is the first row of the level table (``grading.levels`` or docgen/calc/data/level_thresholds.yaml)
whose index minimum and 限定性指标 condition hold. Computed by docgen.calc.level (exact fractions).

``benchmark_score`` — 基准值评分法: each indicator scores ``s = 100 × min(1, 基准值/现状值)`` when lower is
better (a 现状值 of 0 scores 100) and ``s = 100 × min(1, 现状值/基准值)`` when higher is better; the
total ``S = Σ_i w_i Σ_j ω_ij s_ij / Σ_j ω_ij``; the grade is the first band (``grading.bands`` or
docgen/data/park/defaults.yaml) with ``S ≥ min``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import yaml

from docgen.calc.level import (
    LEVELS,
    LevelRule,
    LevelThresholds,
    PrimaryIndicator,
    SecondaryIndicator,
    determine_level,
    load_level_thresholds,
    meets_levels,
)
from docgen.calc.num import fraction_to_decimal, to_fraction
from docgen.park.model import Grading, Indicator
from docgen.resources import data_file

HUNDRED = Fraction(100)


def defaults() -> dict:
    """docgen/data/park/defaults.yaml (selection threshold, grading method texts and bands)."""
    return yaml.safe_load(data_file("park/defaults.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class IndicatorGrade:
    id: str
    levels: frozenset[str]          # graded: levels met (cumulative)
    score: Decimal | None           # benchmark_score: 0–100

    @property
    def best(self) -> str | None:
        return next((g for g in LEVELS if g in self.levels), None)


@dataclass(frozen=True)
class GradingResult:
    method: str
    title: str
    basis: str
    indicators: dict[str, IndicatorGrade]
    index: dict[str, Decimal]       # graded: {"I": Y_I, …}; benchmark_score: {"S": S}
    label_zh: str
    reason_zh: str
    level: str | None = None


def indicator_score(ind: Indicator) -> Fraction:
    if ind.benchmark is None:
        raise ValueError(f"指标「{ind.name}」没有基准值，无法按基准值评分法计分")
    x, b = to_fraction(ind.current), to_fraction(ind.benchmark)
    if ind.direction == "lower_better":
        ratio = Fraction(1) if x == 0 else b / x
    else:
        ratio = x / b
    return HUNDRED * min(Fraction(1), ratio)


def level_table(grading: Grading) -> LevelThresholds:
    """The level table of the graded method: ``grading.levels`` or the §7.6 default."""
    base = load_level_thresholds()
    if not grading.levels:
        return base
    rules = tuple(LevelRule(r.level, r.label_zh, r.index_min) for r in grading.levels)
    return LevelThresholds(base.id + "+park", base.source, rules, base.none_label_zh, base.weight_sum_tolerance)


def _graded(indicators: list[Indicator], grading: Grading, meta: dict) -> GradingResult:
    grades = {i.id: IndicatorGrade(i.id, meets_levels(i.current, dict(i.grades or {}), i.direction), None) for i in indicators}
    primaries = [
        PrimaryIndicator(name, weight, tuple(SecondaryIndicator(i.name, i.weight, grades[i.id].levels, i.limiting)
                                             for i in indicators if i.level1 == name))
        for name, weight in grading.class_weights.items()
    ]
    result = determine_level(primaries, level_table(grading))
    return GradingResult("graded", meta["title"], meta["basis"], grades, result.index, result.label_zh,
                         result.reason_zh, result.level)


def _benchmark(indicators: list[Indicator], grading: Grading, meta: dict) -> GradingResult:
    scores = {i.id: indicator_score(i) for i in indicators}
    total_w = sum((to_fraction(w) for w in grading.class_weights.values()), Fraction(0))
    total = Fraction(0)
    for name, weight in grading.class_weights.items():
        members = [i for i in indicators if i.level1 == name]
        den = sum((to_fraction(i.weight) for i in members), Fraction(0))
        if den:
            total += to_fraction(weight) / total_w * sum((to_fraction(i.weight) * scores[i.id] for i in members), Fraction(0)) / den
    bands = [(b.min, b.label_zh) for b in grading.bands] if grading.bands else \
        [(Decimal(str(b["min"])), b["label_zh"]) for b in meta["bands"]]
    label = next((lab for low, lab in sorted(bands, key=lambda x: -x[0]) if total >= to_fraction(low)), meta["none_label_zh"])
    s = fraction_to_decimal(total)
    grades = {k: IndicatorGrade(k, frozenset(), fraction_to_decimal(v)) for k, v in scores.items()}
    reason = f"S = {s.quantize(Decimal('0.01'))}，评定为{label}"
    return GradingResult("benchmark_score", meta["title"], meta["basis"], grades, {"S": s}, label, reason)


def grade(indicators: list[Indicator], grading: Grading) -> GradingResult:
    """Grade the park indicator system by ``grading.method``."""
    meta = defaults()["grading"][grading.method]
    if grading.method == "graded":
        return _graded(indicators, grading, meta)
    return _benchmark(indicators, grading, meta)
