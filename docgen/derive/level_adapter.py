"""Translate the model's indicator system into the calculator's primaries for one stage.

Quantitative indicators become the set of levels their value meets (cumulative: meeting I implies
II and III, GB/T 43329 / 2013 通则); qualitative ones use the level the auditor judged. After the
audit, an indicator without a post-audit value keeps its pre-audit value — the audit did not touch
it — which is how reports fill the 审核后 column for unaffected indicators.
"""

from __future__ import annotations

from docgen.calc.level import PrimaryIndicator, SecondaryIndicator, meets_levels
from docgen.model.level import LevelAssessment, LevelIndicator

_DIRECTIONS = {"越低越好": "lower_better", "越高越好": "higher_better"}
_DECLARED = {"I": {"I", "II", "III"}, "II": {"II", "III"}, "III": {"III"}, "不达标": set()}


def _levels(x: LevelIndicator, stage: str) -> frozenset[str]:
    if x.direction == "定性":
        declared = (x.after_level or x.before_level) if stage == "after" else x.before_level
        return frozenset(_DECLARED.get(declared or "不达标", set()))
    value = (x.after if x.after is not None else x.before) if stage == "after" else x.before
    if value is None:
        return frozenset()
    b = x.benchmarks
    return meets_levels(value, {"I": b.I, "II": b.II, "III": b.III}, _DIRECTIONS[x.direction])


def level_primaries(level: LevelAssessment, stage: str) -> tuple[PrimaryIndicator, ...]:
    """``stage`` is ``"before"`` or ``"after"``."""
    return tuple(
        PrimaryIndicator(
            name=c.name,
            weight=c.weight,
            secondaries=tuple(
                SecondaryIndicator(
                    name=x.name, weight=x.weight, levels=_levels(x, stage),
                    limiting=x.limiting, applicable=x.applicable,
                )
                for x in c.indicators
            ),
        )
        for c in level.classes
    )
