"""Cleaner-production targets (清洁生产目标) and their achievement — domain.md §7.2.

T-12 (评估 report) sets a target per indicator; T-23 / A-7 (验收 report) reports 完成/未完成 and
the 完成率.  Indicators come in two kinds: "reduce" (消耗、排放、单耗 — lower is better) and
"increase" (重复利用率、综合利用率 — higher is better).  For both, a positive rate means
improvement, so templates and checkers never need to flip signs.

* target rate: ``(现状值 − 目标值) / 现状值`` for reduce, ``(目标值 − 现状值) / 现状值`` for increase
  (a *relative* change; for rates such as 重复利用率 reports sometimes quote percentage points —
  use :func:`target_change` for that).
* 完成率: ``(X_before − X_actual) / (X_before − X_target)`` for reduce and
  ``(X_actual − X_before) / (X_target − X_before)`` for increase; undefined when target = baseline.
* status: 超额完成 when the actual value is strictly beyond the target, 完成 when it equals it,
  未完成 otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from docgen.calc.errors import CalcError
from docgen.calc.num import Number, to_decimal

__all__ = [
    "Direction",
    "Achievement",
    "STATUS_MET",
    "STATUS_NOT_MET",
    "STATUS_EXCEEDED",
    "target_rate",
    "target_change",
    "achievement",
]

STATUS_MET = "完成"
STATUS_NOT_MET = "未完成"
STATUS_EXCEEDED = "超额完成"


class Direction(str, Enum):
    """Which way an indicator should move."""

    REDUCE = "reduce"  # 降低：消耗、排放、单耗
    INCREASE = "increase"  # 提高：重复利用率、综合利用率

    @classmethod
    def coerce(cls, value: "Direction | str") -> "Direction":
        """Accept the enum, its value, or 降低/减少/提高/增加."""
        if isinstance(value, cls):
            return value
        aliases = {"降低": cls.REDUCE, "减少": cls.REDUCE, "提高": cls.INCREASE, "增加": cls.INCREASE}
        if value in aliases:
            return aliases[value]
        try:
            return cls(value)
        except ValueError:
            raise CalcError(f"指标方向「{value}」无效；应为 reduce（降低）或 increase（提高）") from None


@dataclass(frozen=True)
class Achievement:
    """Result of comparing the post-audit value with the target (T-23 完成情况)."""

    met: bool
    completion_rate: Decimal | None
    status: str


def _improvement(direction: Direction, start: Decimal, end: Decimal) -> Decimal:
    """Signed improvement from *start* to *end*: positive when the indicator moved the right way."""
    return start - end if direction is Direction.REDUCE else end - start


def target_rate(baseline: Number, target: Number, direction: Direction | str) -> Decimal:
    """Target rate as a fraction, positive = improvement, relative to the baseline (现状值)."""
    base = to_decimal(baseline, "现状值")
    if base == 0:
        raise CalcError("现状值为 0，目标削减（提高）率无法计算（除数为零）")
    return _improvement(Direction.coerce(direction), base, to_decimal(target, "目标值")) / base


def target_change(baseline: Number, target: Number, direction: Direction | str) -> Decimal:
    """Absolute target change, positive = improvement (e.g. 0.85 → 0.90 gives 0.05 = 5 个百分点)."""
    return _improvement(Direction.coerce(direction), to_decimal(baseline, "现状值"), to_decimal(target, "目标值"))


def achievement(baseline: Number, target: Number, actual: Number, direction: Direction | str) -> Achievement:
    """完成情况 of one target.

    Raises :class:`CalcError` when the target lies on the wrong side of the baseline (a "reduce"
    target above the baseline): the 完成率 would then be meaningless and the target table itself
    is inconsistent.
    """
    way = Direction.coerce(direction)
    base = to_decimal(baseline, "现状值")
    goal = to_decimal(target, "目标值")
    value = to_decimal(actual, "实际值")
    planned = _improvement(way, base, goal)
    if planned < 0:
        word = "高于" if way is Direction.REDUCE else "低于"
        raise CalcError(f"目标值 {goal} {word}现状值 {base}，与指标方向（{way.value}）不一致")
    beyond = _improvement(way, goal, value)  # > 0: better than the target
    if beyond > 0:
        status = STATUS_EXCEEDED
    elif beyond == 0:
        status = STATUS_MET
    else:
        status = STATUS_NOT_MET
    rate = None if planned == 0 else _improvement(way, base, value) / planned
    return Achievement(met=beyond >= 0, completion_rate=rate, status=status)
