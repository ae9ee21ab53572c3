"""中/高费方案经济评估 (docgen.calc.economics). Expected values derived by hand.

NPV checks use the annuity closed form a(i, n) = (1 − (1 + i)^−n) / i, which is independent of the
code's year-by-year sum: NPV = F × a(i, n) − I.
"""

from decimal import Decimal

import pytest

from docgen.calc.economics import (
    FeasibilityInputs,
    default_tax_rate,
    evaluate,
    irr,
    irr_explained,
    irr_interpolated,
    npv,
    static_payback,
)
from docgen.calc.errors import CalcError


def annuity(rate: str, years: int) -> Decimal:
    """a(i, n) = (1 − (1+i)^−n) / i — the textbook present-value factor of an annuity."""
    i = Decimal(rate)
    return (1 - (1 + i) ** -years) / i


def test_full_worked_example():
    result = evaluate(FeasibilityInputs(120, 40, 10, "0.25", "0.10", 10))
    # D = 120 / 10 = 12; T = 40 − 12 = 28; E = 28 × (1 − 0.25) = 21; F = 21 + 12 = 33
    assert result.depreciation == Decimal(12)
    assert result.taxable_profit == Decimal(28)
    assert result.net_profit == Decimal(21)
    assert result.cash_flow == Decimal(33)
    # N = 120 / 33 = 40/11 = 3.6364
    assert result.payback_years == Decimal(40) / Decimal(11)
    assert result.payback_years.quantize(Decimal("0.0001")) == Decimal("3.6364")
    # 1.1^10 = 2.5937424601; a = (1 − 1/2.5937424601) / 0.1 = (1 − 0.3855432894) / 0.1 = 6.1445671057
    # NPV = 33 × 6.1445671057 − 120 = 202.7707144881 − 120 = 82.7707144881
    assert abs(result.npv - (33 * annuity("0.10", 10) - 120)) < Decimal("1e-20")
    assert result.npv.quantize(Decimal("0.0001")) == Decimal("82.7707")
    # NPVR = 82.7707144881 / 120 = 0.6897559541
    assert result.npvr.quantize(Decimal("0.0001")) == Decimal("0.6898")
    # IRR: a(24%,10) = (1 − 1.24^−10)/0.24 = (1 − 0.116354)/0.24 = 3.68186 > 120/33 = 3.63636
    #      a(25%,10) = (1 − 1.25^−10)/0.25 = (1 − 0.107374)/0.25 = 3.57050 < 3.63636 ⇒ 24% < IRR < 25%
    assert Decimal("0.24") < result.irr < Decimal("0.25")
    assert abs(npv(33, 120, result.irr, 10)) < Decimal("0.0001")
    assert result.irr_note == ""


def test_npv_by_annuity_formula():
    # 1.08^8 = 1.8509302102; a = (1 − 0.5402688724) / 0.08 = 5.7466390950
    # NPV = 20 × 5.7466390950 − 100 = 114.9327819 − 100 = 14.9327819
    value = npv(20, 100, "0.08", 8)
    assert abs(value - (20 * annuity("0.08", 8) - 100)) < Decimal("1e-20")
    assert value.quantize(Decimal("0.0001")) == Decimal("14.9328")


def test_npv_at_zero_rate_is_undiscounted():
    # 20 × 8 − 100 = 60
    assert npv(20, 100, 0, 8) == Decimal(60)


def test_irr_known_root_ten_percent():
    # choose F so that IRR = 10%: F = 100 × 0.1 / (1 − 1.1^−10) = 16.2745394883
    f = Decimal(100) * Decimal("0.1") / (1 - Decimal("1.1") ** -10)
    assert abs(irr(f, 100, 10) - Decimal("0.1")) <= Decimal("0.000001")


def test_irr_one_year():
    # 110 / (1 + r) = 100 ⇒ r = 0.1
    assert irr(110, 100, 1) == Decimal("0.1")


def test_irr_two_years_quadratic():
    # 60x + 60x² = 100 with x = 1/(1+r) ⇒ 3x² + 3x − 5 = 0 ⇒ x = (−3 + √69)/6
    # 1 + r = 6/(√69 − 3) = (√69 + 3)/10 = (8.3066238629 + 3)/10 ⇒ r = 0.1306623863
    expected = (Decimal(69).sqrt() + 3) / 10 - 1
    assert abs(irr(60, 100, 2) - expected) <= Decimal("0.000001")


def test_irr_no_root_when_cash_flow_not_positive():
    for cash_flow in (0, -5):
        value, note = irr_explained(cash_flow, 100, 10)
        assert value is None and "F ≤ 0" in note and "无解" in note
    assert irr(0, 100, 10) is None


def test_irr_zero_when_cash_flow_just_recovers_investment():
    # F × n = 20 × 5 = 100 = I ⇒ NPV(0) = 0 ⇒ IRR = 0
    value, note = irr_explained(20, 100, 5)
    assert value == 0 and "为 0" in note


def test_loss_making_option_has_negative_irr():
    result = evaluate(FeasibilityInputs(200, 10, 10, "0.25", "0.08", 10))
    # D = 200/10 = 20; T = 10 − 20 = −10 (loss: no tax) ⇒ E = −10; F = −10 + 20 = 10; N = 200/10 = 20
    assert (result.depreciation, result.taxable_profit, result.net_profit, result.cash_flow) == (
        Decimal(20), Decimal(-10), Decimal(-10), Decimal(10))
    assert result.payback_years == Decimal(20)
    # a(8%,10) = (1 − 1/2.158925)/0.08 = (1 − 0.463193)/0.08 = 6.710081; NPV = 67.10081 − 200 = −132.89919
    assert result.npv.quantize(Decimal("0.001")) == Decimal("-132.899")
    # NPVR = −132.89919 / 200 = −0.66450
    assert result.npvr.quantize(Decimal("0.0001")) == Decimal("-0.6645")
    # F × n = 100 < 200 ⇒ IRR < 0: a(−10%,10) = (0.9^−10 − 1)/0.1 = (2.867972 − 1)/0.1 = 18.68 < 20
    #                                a(−12%,10) = (0.88^−10 − 1)/0.12 = (3.590664 − 1)/0.12 = 21.59 > 20
    assert Decimal("-0.12") < result.irr < Decimal("-0.10")
    assert "为负" in result.irr_note


def test_negative_cash_flow_option():
    result = evaluate(FeasibilityInputs(100, -5, 10, "0.25", "0.1", 10))
    # D = 10; T = −5 − 10 = −15; E = −15; F = −15 + 10 = −5 ⇒ no payback, no IRR
    assert result.cash_flow == Decimal(-5) and result.payback_years is None
    assert result.irr is None and "F ≤ 0" in result.irr_note
    # NPV = −5 × 6.1445671057 − 100 = −130.7228355
    assert result.npv.quantize(Decimal("0.0001")) == Decimal("-130.7228")


def test_manual_interpolation():
    # IRR ≈ 0.10 + 12 × (0.12 − 0.10) / (12 + |−4|) = 0.10 + 0.24/16 = 0.10 + 0.015 = 0.115
    assert irr_interpolated("0.10", 12, "0.12", -4) == Decimal("0.115")
    with pytest.raises(CalcError):
        irr_interpolated("0.10", 12, "0.12", 3)


def test_static_payback():
    # N = I / P = 120 / 40 = 3
    assert static_payback(120, 40) == Decimal(3)
    assert static_payback(120, 0) is None


def test_inputs_are_converted_and_validated():
    inputs = FeasibilityInputs("120", 40.0, "10", "0.25", "0.1", "10")
    assert inputs.investment == Decimal(120) and inputs.annual_saving == Decimal(40)
    assert inputs.lifetime == 10 and isinstance(inputs.lifetime, int)
    for bad in (
        dict(investment=0),
        dict(depreciation_years=0),
        dict(tax_rate="1.2"),
        dict(discount_rate=-1),
        dict(lifetime="2.5"),
        dict(lifetime=0),
    ):
        args = dict(investment=120, annual_saving=40, depreciation_years=10, tax_rate="0.25",
                    discount_rate="0.1", lifetime=10)
        args.update(bad)
        with pytest.raises(CalcError):
            FeasibilityInputs(**args)


def test_npv_argument_errors():
    with pytest.raises(CalcError):
        npv(10, 100, -1, 5)
    with pytest.raises(CalcError):
        npv(10, 100, "0.1", 0)


def test_default_tax_rate_from_data():
    assert default_tax_rate() == Decimal("0.25")


def _irr_all_decimal(f: Decimal, i0: Decimal, n: int) -> Decimal:
    """The IRR bisection with every step decided by Decimal NPV (what irr did before the float
    steering): the reference the steered bisection must reproduce digit for digit."""
    from decimal import ROUND_HALF_EVEN

    from docgen.calc.economics import _BISECTION_WIDTH, IRR_TOLERANCE, _npv

    at_zero = f * n - i0
    if at_zero == 0:
        return Decimal(0)
    if at_zero > 0:
        low, high = Decimal(0), Decimal(1)
        while _npv(f, i0, high, n) > 0:
            low, high = high, high * 2
    else:
        low, high = Decimal("-0.5"), Decimal(0)
        while _npv(f, i0, low, n) < 0:
            high, low = low, (low - 1) / 2
    while high - low > _BISECTION_WIDTH:
        middle = (low + high) / 2
        if _npv(f, i0, middle, n) > 0:
            low = middle
        else:
            high = middle
    return ((low + high) / 2).quantize(IRR_TOLERANCE, rounding=ROUND_HALF_EVEN)


def test_float_steered_irr_equals_the_all_decimal_bisection():
    import random

    rng = random.Random(20261122)
    cases = [("10", "100", 10), ("1", "10", 10), ("100", "1", 5), ("0.01", "1000", 30), ("1000", "0.01", 1),
             ("16.2745", "100", 10), ("33", "120", 10)]
    cases += [(str(round(rng.uniform(0.5, 500), rng.choice([0, 1, 2]))),
               str(round(rng.uniform(1, 3000), rng.choice([0, 1, 2]))), rng.randint(1, 30)) for _ in range(400)]
    cases += _near_rounding_boundaries()
    for f, i0, n in cases:
        # str: the same digits AND the same sign of a zero ("-0.000000" for a root just below 0)
        assert str(irr(f, i0, n)) == str(_irr_all_decimal(Decimal(f), Decimal(i0), n)), (f, i0, n)


def _near_rounding_boundaries():
    """(F, I, n) whose IRR lies within 1e-9 … 1e-13 of a 6-decimal rounding boundary (x.xxxxxx5) or
    of 0 (the sign of the rounded zero), both sides: where the bisection's early stop (the bracket
    already rounds to one figure) must not cut short. I = F × Σ 1/(1+r)^j for the chosen r."""
    from docgen.calc.economics import _npv

    cases = []
    for n in (1, 5, 10, 25):
        for base in (Decimal("0.1234565"), Decimal("0.0000005"), Decimal("-0.0000005"), Decimal(0),
                     Decimal("-0.2500005"), Decimal("1.5000005")):
            for offset in ("1e-9", "-1e-9", "3e-11", "-3e-11", "1e-13", "-1e-13"):
                rate = base + Decimal(offset)
                investment = _npv(Decimal(10), Decimal(0), rate, n)
                cases.append(("10", str(investment), n))
    return cases


def test_irr_estimate_is_within_its_error_of_irr():
    """irr_estimate is within IRR_ESTIMATE_ERROR of irr on ~2,000 random and edge cases (roots
    near rounding boundaries, near 0, negative, above 100 %), and None wherever irr is None."""
    import random

    from docgen.calc.economics import IRR_ESTIMATE_ERROR, irr_estimate

    rng = random.Random(20261122)
    cases = [(Decimal(f), Decimal(i0), n) for f, i0, n in _near_rounding_boundaries()]
    cases += [(Decimal(str(round(rng.uniform(0.01, 500), rng.choice([0, 1, 2, 3])))),
               Decimal(str(round(rng.uniform(0.5, 3000), rng.choice([0, 1, 2, 3])))), rng.randint(1, 40))
              for _ in range(2000)]
    cases += [(Decimal("0"), Decimal("100"), 10), (Decimal("-5"), Decimal("100"), 10), (Decimal("10"), Decimal("100"), 10),
              (Decimal("1000"), Decimal("1"), 3), (Decimal("0.5"), Decimal("100"), 10), (Decimal("1"), Decimal("100"), 1)]
    estimated = 0
    for f, i0, n in cases:
        exact, guess = irr(f, i0, n), irr_estimate(f, i0, n)
        if exact is None:
            assert guess is None, (f, i0, n)
        elif guess is not None:
            estimated += 1
            assert abs(float(exact) - guess) <= IRR_ESTIMATE_ERROR, (f, i0, n, exact, guess)
    assert estimated > 1900


def test_annuity_factor_in_closed_form_equals_the_year_by_year_sum():
    """_annuity_factor (irr_estimate's closed form) gives Σ (1+r)^−j and its derivative
    −Σ j (1+r)^−(j+1) summed year by year, at zero, tiny, negative and large rates."""
    from docgen.calc.economics import _annuity_factor

    for years in (1, 2, 10, 40):
        for rate in (0.0, 1e-12, -1e-9, 1e-6, 0.08, -0.3, -0.9, 0.5, 3.0, 1000.0):
            value = sum((1 + rate) ** -j for j in range(1, years + 1))
            slope = -sum(j * (1 + rate) ** -(j + 1) for j in range(1, years + 1))
            got_value, got_slope = _annuity_factor(rate, years)
            assert abs(got_value - value) <= 1e-12 * abs(value), (years, rate)
            # (the slope steers Newton steps only: it may lose digits near 0, never its sign or size)
            assert abs(got_slope - slope) <= 1e-3 * abs(slope) + 1e-12, (years, rate)
