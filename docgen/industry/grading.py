"""Grading an enterprise against the industry indicator system (清洁生产水平对标评估).

Seed 002's 现状分析评价 is a 清洁生产水平对标评估 and its level targets count enterprises at
一级/二级; the grading itself is the comprehensive-index method of GB/T 43329 / the 2013 通则
(docgen.calc.level, thresholds as data): each 二级指标 meets the bands whose 基准值 it reaches
(cumulative), Y_g = Σ w_i Σ ω_ij Y_g(x_ij) with weights renormalised over the indicators given,
and the level is the first band whose index threshold and 限定性指标 conditions hold. An indicator
without a value for the enterprise counts as not applicable (dropped and renormalised), as the
method prescribes for inapplicable indicators.
"""

from __future__ import annotations

from decimal import Decimal

from docgen.calc.level import LevelResult, PrimaryIndicator, SecondaryIndicator, determine_level, meets_levels

from .model import IndicatorSystem

#: docgen.calc.level's band (None = below III) → the model's level names.
LEVEL_NAMES = {"I": "I级", "II": "II级", "III": "III级", None: "未达III级"}


def grade(system: IndicatorSystem, values: dict[str, Decimal]) -> LevelResult:
    primaries = []
    for cls in system.classes:
        secondaries = []
        for ind in cls.indicators:
            value = values.get(ind.id)
            levels = frozenset() if value is None else meets_levels(
                value, ind.benchmarks, "lower_better" if ind.direction == "降低" else "higher_better")
            secondaries.append(SecondaryIndicator(ind.name, ind.weight, levels, ind.limiting, value is not None))
        primaries.append(PrimaryIndicator(cls.name, cls.weight, tuple(secondaries)))
    return determine_level(primaries)


def graded_level(system: IndicatorSystem, values: dict[str, Decimal]) -> tuple[str, LevelResult]:
    result = grade(system, values)
    return LEVEL_NAMES[result.level], result
