"""削减量 / 削减率 (docgen.calc.reduction). Expected values by hand."""

from decimal import Decimal

import pytest

from docgen.calc.errors import CalcError
from docgen.calc.reduction import intensity, intensity_saving, reduction_amount, reduction_rate


def test_reduction_amount():
    # ΔX = 1 250 − 1 000 = 250
    assert reduction_amount(1250, 1000) == Decimal("250")


def test_reduction_rate_is_a_fraction():
    # r = (1 250 − 1 000) / 1 250 = 250 / 1 250 = 0.2
    assert reduction_rate(1250, 1000) == Decimal("0.2")


def test_reduction_rate_negative_when_indicator_rose():
    # r = (80 − 100) / 80 = −20 / 80 = −0.25
    assert reduction_rate(80, 100) == Decimal("-0.25")


def test_reduction_rate_zero_baseline_is_calc_error():
    with pytest.raises(CalcError) as info:
        reduction_rate(0, 5)
    assert "审核前" in str(info.value) and "为 0" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_mixed_input_types():
    # (12.5 − 10.0) / 12.5 = 2.5 / 12.5 = 0.2
    assert reduction_rate("12.5", 10.0) == Decimal("0.2")
    assert reduction_rate(Decimal("12.5"), 10) == Decimal("0.2")
    assert isinstance(reduction_amount(1, 0.5), Decimal)


def test_bad_numbers():
    with pytest.raises(CalcError):
        reduction_amount("十二", 1)
    with pytest.raises(CalcError):
        reduction_amount(True, 1)
    with pytest.raises(CalcError):
        reduction_amount(float("nan"), 1)


def test_intensity_and_normalised_saving():
    # x = 3 600 t water / 1 200 t product = 3 t/t
    assert intensity(3600, 1200) == Decimal("3")
    # ΔX = (3.0 − 2.5) t/t × 1 500 t = 0.5 × 1 500 = 750 t
    assert intensity_saving("3.0", "2.5", 1500) == Decimal("750")
    with pytest.raises(CalcError):
        intensity(1, 0)
