"""Material and water balances (docgen.calc.balance). Expected values by hand."""

from decimal import Decimal

import pytest

from docgen.calc.balance import default_tolerance, material_balance, reuse_rate, water_balance
from docgen.calc.errors import CalcError


def test_material_balance_within_default_tolerance():
    # Σin = 5 000 + 3 000 + 2 000 = 10 000; Σout = 8 500 + 900 + 400 = 9 800
    # 差值 = 200; 偏差率 = 200 / 10 000 = 0.02 ≤ 0.05
    result = material_balance([5000, 3000, 2000], [8500, 900, 400])
    assert (result.total_in, result.total_out, result.difference) == (Decimal(10000), Decimal(9800), Decimal(200))
    assert result.error_rate == Decimal("0.02")
    assert result.within_tolerance is True and result.tolerance == Decimal("0.05")


def test_material_balance_outside_tolerance_and_override():
    # 差值 = 1 000 − 930 = 70; 偏差率 = 70 / 1 000 = 0.07 > 0.05, but ≤ 0.08
    assert material_balance([1000], [930]).within_tolerance is False
    assert material_balance([1000], [930], tolerance="0.08").within_tolerance is True


def test_material_balance_negative_difference():
    # 差值 = 1 000 − 1 040 = −40; 偏差率 = −0.04; |−0.04| ≤ 0.05
    result = material_balance([1000], [1040])
    assert result.difference == Decimal(-40) and result.error_rate == Decimal("-0.04")
    assert result.within_tolerance is True


def test_material_balance_tolerance_is_inclusive():
    # 偏差率 = (1 000 − 950) / 1 000 = 0.05 = tolerance
    assert material_balance([1000], [950]).within_tolerance is True


def test_material_balance_detects_wrong_stated_difference():
    # domain.md §7.7: a report stated 差值 43 088 kg where inputs − outputs = 99 648 kg
    # 1 000 000 − 900 352 = 99 648; 偏差率 = 99 648 / 1 000 000 = 0.099648
    result = material_balance([600000, 400000], [900352])
    assert result.difference == Decimal(99648) and result.difference != Decimal(43088)
    assert result.error_rate == Decimal("0.099648") and result.within_tolerance is False


def test_material_balance_accepts_mappings():
    # Σin = 600 + 400 = 1 000; Σout = 950 + 30 = 980; 偏差率 = 20 / 1 000 = 0.02
    result = material_balance({"原料A": 600, "原料B": 400}, {"产品": 950, "废渣": 30})
    assert result.error_rate == Decimal("0.02")


def test_material_balance_errors():
    with pytest.raises(CalcError):
        material_balance([0], [0])
    with pytest.raises(CalcError):
        material_balance([100, -5], [90])
    with pytest.raises(CalcError):
        material_balance([100], [90], tolerance=5)  # 5 is not a fraction


def test_water_balance():
    # Σ新鲜水 = 12 000 + 3 000 = 15 000; Σ损耗 = 1 200 + 300 = 1 500; 排水 11 000; 产品带走 2 000
    # Σout = 1 500 + 11 000 + 2 000 = 14 500; 差值 = 500; 偏差率 = 500 / 15 000 = 1/30 ≈ 0.0333 ≤ 0.05
    result = water_balance([12000, 3000], [1200, 300], [11000], product_water=2000)
    assert result.total_out == Decimal(14500) and result.difference == Decimal(500)
    assert result.error_rate == Decimal(1) / Decimal(30)
    assert result.within_tolerance is True
    # with a 3% rule: 1/30 ≈ 0.0333 > 0.03
    assert water_balance([12000, 3000], [1200, 300], [11000], 2000, tolerance="0.03").within_tolerance is False


def test_water_balance_closes_exactly_with_scalars():
    # 1 000 = 100 + 900 + 0
    result = water_balance(1000, 100, 900)
    assert result.difference == 0 and result.error_rate == 0


def test_reuse_rate():
    # 8 500 / (8 500 + 1 500) = 8 500 / 10 000 = 0.85
    assert reuse_rate(8500, 1500) == Decimal("0.85")
    with pytest.raises(CalcError):
        reuse_rate(0, 0)


def test_default_tolerances_from_data():
    assert default_tolerance("material") == Decimal("0.05")
    assert default_tolerance("water") == Decimal("0.05")
    with pytest.raises(CalcError):
        default_tolerance("air")
