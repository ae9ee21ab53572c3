"""Targets and achievement (docgen.calc.targets). Expected values by hand."""

from decimal import Decimal

import pytest

from docgen.calc.errors import CalcError
from docgen.calc.targets import Achievement, Direction, achievement, target_change, target_rate


def test_target_rate_reduce():
    # (现状 1 000 − 目标 850) / 1 000 = 150 / 1 000 = 0.15
    assert target_rate(1000, 850, Direction.REDUCE) == Decimal("0.15")


def test_target_rate_increase_reuse_rate():
    # 水重复利用率 85% → 90%: (0.90 − 0.85) / 0.85 = 0.05 / 0.85 = 1/17
    assert target_rate("0.85", "0.90", "increase") == Decimal(1) / Decimal(17)
    # in percentage points: 0.90 − 0.85 = 0.05 (5 个百分点)
    assert target_change("0.85", "0.90", "increase") == Decimal("0.05")


def test_target_rate_zero_baseline():
    with pytest.raises(CalcError):
        target_rate(0, 1, "increase")


def test_reduce_exceeded():
    # actual 800 < target 850: 超额完成; 完成率 = (1 000 − 800) / (1 000 − 850) = 200 / 150 = 4/3
    result = achievement(1000, 850, 800, "reduce")
    assert result.met and result.status == "超额完成"
    assert result.completion_rate == Decimal(4) / Decimal(3)


def test_reduce_met_exactly():
    # actual = target: 完成; 完成率 = 150 / 150 = 1
    assert achievement(1000, 850, 850, "reduce") == Achievement(True, Decimal(1), "完成")


def test_reduce_not_met():
    # actual 900 > 850: 未完成; 完成率 = (1 000 − 900) / 150 = 100 / 150 = 2/3
    result = achievement(1000, 850, 900, Direction.REDUCE)
    assert not result.met and result.status == "未完成"
    assert result.completion_rate == Decimal(2) / Decimal(3)


def test_increase_exceeded_reuse_rate():
    # 85% → 90%, actual 92%: 超额完成; 完成率 = (0.92 − 0.85) / (0.90 − 0.85) = 0.07 / 0.05 = 1.4
    result = achievement("0.85", "0.90", "0.92", "increase")
    assert result == Achievement(True, Decimal("1.4"), "超额完成")


def test_increase_met_and_not_met():
    # actual 0.90 = target: 完成, 0.05 / 0.05 = 1
    assert achievement("0.85", "0.90", "0.90", "increase") == Achievement(True, Decimal(1), "完成")
    # actual 0.88: 未完成, (0.88 − 0.85) / 0.05 = 0.03 / 0.05 = 0.6
    assert achievement("0.85", "0.90", "0.88", "提高") == Achievement(False, Decimal("0.6"), "未完成")


def test_target_equal_to_baseline_has_no_completion_rate():
    # "hold the line" target: 完成率 undefined; 95 < 100 is still 超额完成
    result = achievement(100, 100, 95, "reduce")
    assert result.completion_rate is None and result.met and result.status == "超额完成"
    assert achievement(100, 100, 101, "reduce").status == "未完成"


def test_target_on_wrong_side_is_rejected():
    with pytest.raises(CalcError):
        achievement(100, 120, 110, "reduce")
    with pytest.raises(CalcError):
        achievement("0.85", "0.80", "0.90", "increase")


def test_direction_values_and_aliases():
    assert Direction("reduce") is Direction.REDUCE and Direction.INCREASE.value == "increase"
    assert Direction.coerce("降低") is Direction.REDUCE
    with pytest.raises(CalcError):
        target_rate(1, 1, "sideways")
