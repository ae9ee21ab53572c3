"""Economic evaluation of 中/高费方案 (T-19c) — the manual method of domain.md §7.5.

The 《企业清洁生产审核手册》 evaluates each 中/高费方案 with a constant annual cash flow:

* 年折旧费 ``D = I / Y``;  应税利润 ``T = P − D``;
* 净利润 ``E = T × (1 − t)`` when ``T > 0`` (no income tax on a loss, so ``E = T`` otherwise);
* 年增现金流量 ``F = E + D``;  投资偿还期 ``N = I / F`` (undefined when F ≤ 0);
* 净现值 ``NPV = Σ_{j=1..n} F / (1+i)^j − I``;  净现值率 ``NPVR = NPV / I``;
* 内部收益率 IRR: the i with NPV(i) = 0.

Like the manual, F is the same every year of the lifetime n (depreciation is not stopped after
Y years when n > Y, and there is no salvage value); reports that model uneven flows need a
different calculator.  Rates are fractions (0.08), money in whatever unit I and P share (万元).

IRR: for F > 0 and I > 0, NPV(r) is strictly decreasing on (−1, ∞) from +∞ to −I, so exactly one
root exists; it is found by bisection on Decimal to better than 1e-6.  Decision on the edge cases
(documented in ``irr_note``):

* F ≤ 0 → ``None`` — NPV < 0 for every rate, no IRR exists ("年增现金流量 F ≤ 0，内部收益率无解");
* F × n < I → the (unique) root is **negative** and is returned as such, with a note that the
  investment is not recovered within the lifetime; F × n = I → IRR = 0.
Returning the negative value keeps the acceptance test "IRR ≥ i" meaningful and lets a checker
compare with a report that prints a negative IRR.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from docgen.calc._resources import load_yaml
from docgen.calc.errors import CalcError
from docgen.calc.num import Number, to_decimal

__all__ = [
    "FeasibilityInputs",
    "EconomicResult",
    "default_tax_rate",
    "evaluate",
    "npv",
    "irr",
    "irr_explained",
    "irr_estimate",
    "IRR_ESTIMATE_ERROR",
    "irr_interpolated",
    "static_payback",
    "IRR_TOLERANCE",
]

#: Resolution of the IRR solver (fraction): results are rounded to 6 decimal places.
IRR_TOLERANCE = Decimal("0.000001")
_BISECTION_WIDTH = Decimal("1e-10")
_MAX_STEPS = 400
#: how far (as a fraction) a bisection midpoint must lie from the float estimate of the root for
#: the float to decide its side (the estimate is good to ≈ 1e-15; see ``_float_root``)
_FLOAT_GUARD = Decimal("1e-9")
#: bounds how far (relative) a 28-digit Decimal bisection midpoint strays from the exact one, with
#: a wide margin (≈ 1e-27 per step, a few hundred steps at most); see ``_settled``
_ROUNDING_SLACK = Decimal("1e-20")


def default_tax_rate() -> Decimal:
    """Default 所得税率 t from ``data/economics.yaml`` (25%, 企业所得税法 第四条)."""
    return to_decimal(load_yaml("economics.yaml")["parameters"]["tax_rate"]["value"], "默认所得税率")


def _positive_int(value: Number, what: str) -> int:
    number = to_decimal(value, what)
    if number != number.to_integral_value() or number < 1:
        raise CalcError(f"{what}应为正整数（年）：{value}")
    return int(number)


@dataclass(frozen=True)
class FeasibilityInputs:
    """Inputs of T-19c: I 总投资, P 年运行费用总节省金额, Y 折旧期, t 所得税率, i 贴现率, n 寿命 (a).

    Numbers are converted to ``Decimal`` (``lifetime`` to ``int``) and validated on creation.
    """

    investment: Decimal
    annual_saving: Decimal
    depreciation_years: Decimal
    tax_rate: Decimal
    discount_rate: Decimal
    lifetime: int

    def __post_init__(self) -> None:
        investment = to_decimal(self.investment, "总投资 I")
        if investment <= 0:
            raise CalcError(f"总投资 I 必须大于 0：{investment}")
        years = to_decimal(self.depreciation_years, "折旧期 Y")
        if years <= 0:
            raise CalcError(f"折旧期 Y 必须大于 0：{years}")
        tax = to_decimal(self.tax_rate, "所得税率 t")
        if not Decimal(0) <= tax < Decimal(1):
            raise CalcError(f"所得税率 t 应为 0 到 1 之间的小数（如 0.25）：{tax}")
        rate = to_decimal(self.discount_rate, "贴现率 i")
        if rate <= -1:
            raise CalcError(f"贴现率 i 必须大于 −1：{rate}")
        object.__setattr__(self, "investment", investment)
        object.__setattr__(self, "annual_saving", to_decimal(self.annual_saving, "年运行费用节省 P"))
        object.__setattr__(self, "depreciation_years", years)
        object.__setattr__(self, "tax_rate", tax)
        object.__setattr__(self, "discount_rate", rate)
        object.__setattr__(self, "lifetime", _positive_int(self.lifetime, "项目寿命 n"))


@dataclass(frozen=True)
class EconomicResult:
    """Derived columns of T-19c (money in the unit of I and P; rates as fractions)."""

    depreciation: Decimal  # D
    taxable_profit: Decimal  # T
    net_profit: Decimal  # E
    cash_flow: Decimal  # F
    payback_years: Decimal | None  # N = I / F
    npv: Decimal
    npvr: Decimal
    irr: Decimal | None
    irr_note: str


def _npv(cash_flow: Decimal, investment: Decimal, rate: Decimal, years: int) -> Decimal:
    growth = Decimal(1) + rate
    discount = Decimal(1)
    present = Decimal(0)
    for _ in range(years):
        discount *= growth
        present += cash_flow / discount
    return present - investment


def npv(cash_flow: Number, investment: Number, rate: Number, years: Number) -> Decimal:
    """净现值 NPV = Σ_{j=1..n} F / (1+i)^j − I for a constant annual cash flow F."""
    r = to_decimal(rate, "贴现率 i")
    if r <= -1:
        raise CalcError(f"贴现率 i 必须大于 −1：{r}")
    return _npv(to_decimal(cash_flow, "年增现金流量 F"), to_decimal(investment, "总投资 I"), r, _positive_int(years, "项目寿命 n"))


def irr_explained(cash_flow: Number, investment: Number, years: Number) -> tuple[Decimal | None, str]:
    """IRR (fraction, 6 decimals) and a Chinese note; ``(None, reason)`` when no root exists."""
    f = to_decimal(cash_flow, "年增现金流量 F")
    i0 = to_decimal(investment, "总投资 I")
    n = _positive_int(years, "项目寿命 n")
    if i0 <= 0:
        raise CalcError(f"总投资 I 必须大于 0 才能计算内部收益率：{i0}")
    if f <= 0:
        return None, "年增现金流量 F ≤ 0，任何贴现率下净现值均为负，内部收益率无解"
    at_zero = f * n - i0
    if at_zero == 0:
        return Decimal(0), "F × n = I：寿命期内累计现金流量恰好收回投资，内部收益率为 0"
    if at_zero > 0:
        low, high = Decimal(0), Decimal(1)
        while _npv(f, i0, high, n) > 0:
            low, high = high, high * 2
        note = ""
    else:
        low, high = Decimal("-0.5"), Decimal(0)
        steps = 0
        while _npv(f, i0, low, n) < 0:
            high, low = low, (low - 1) / 2  # halve the distance to −1
            steps += 1
            if steps > _MAX_STEPS:
                return None, "内部收益率低于 −100% 附近的可求解范围，视为无解"
        note = "F × n < I：寿命期内累计现金流量不能收回投资，内部收益率为负值"
    root = Decimal(_float_root(float(f), float(i0), n, float(low), float(high)))
    for _ in range(_MAX_STEPS):
        width = high - low
        if width <= _BISECTION_WIDTH:
            break
        if width < IRR_TOLERANCE:
            settled = _settled(low, high)
            if settled is not None:
                return settled, note
        middle = (low + high) / 2
        if abs(middle - root) > _FLOAT_GUARD:
            positive = middle < root   # NPV is decreasing: positive left of the root
        else:
            positive = _npv(f, i0, middle, n) > 0
        if positive:
            low = middle
        else:
            high = middle
    return ((low + high) / 2).quantize(IRR_TOLERANCE, rounding=ROUND_HALF_EVEN), note


#: how far ``irr_estimate`` may be from ``irr``: the rounding to 6 decimals (5e-7), the bisection's
#: final width (1e-10) and the float root's error (trusted to ``_FLOAT_GUARD`` by the bisection),
#: with a wide margin (tests/calc/test_calc_economics.py measures the largest gap on ~2,000 cases)
IRR_ESTIMATE_ERROR = 1e-6


def irr_estimate(cash_flow: Decimal, investment: Decimal, years: int) -> float | None:
    """``irr(cash_flow, investment, years)`` to within ``IRR_ESTIMATE_ERROR``, in floating point
    alone; None when ``irr`` gives None or the root is not one the estimate is trusted with (F ≤ 0,
    I ≤ 0, IRR below −90 % or above 10⁶ %). For a checker that only needs to know whether the IRR
    lies clearly inside a printed figure's interval.

    The root of F × a(r) = I with the annuity factor a(r) = Σ_{j=1..n} (1+r)^−j in closed form
    (``_annuity_factor``): ≈ 3 µs, where Newton steps on the year-by-year sum (``_float_root``,
    which the Decimal bisection keeps for its guarded steps) took ≈ 10 µs — the checker estimates
    two IRRs per 中/高费方案. (tests/calc/test_calc_economics.py measures the largest gap to irr on
    ~2,000 cases.)"""
    if cash_flow <= 0 or investment <= 0 or years < 1:
        return None
    f, i0 = float(cash_flow), float(investment)
    if f * years == i0:
        return 0.0
    target = i0 / f  # the annuity factor at the root (a(0) = n; a decreases as r grows)
    if f * years > i0:
        low, high = 0.0, 1.0
        while _annuity_factor(high, years)[0] > target:
            low, high = high, high * 2
            if high > 1e4:
                return None
    else:
        low, high = -0.9, 0.0
        if _annuity_factor(low, years)[0] < target:
            return None
    def excess(rate: float) -> tuple[float, float]:
        value, slope = _annuity_factor(rate, years)
        return value - target, slope

    return _bracketed_newton(excess, low, high)


def _annuity_factor(rate: float, years: int) -> tuple[float, float]:
    """(a(r), a′(r)) for a(r) = Σ_{j=1..n} (1+r)^−j = (1 − (1+r)^−n) / r, from expm1 and log1p:
    no cancellation near r = 0 in a(r) (the slope, only a Newton step's direction and size,
    may lose digits there: the bracket keeps every step safe)."""
    if rate == 0:
        return float(years), -years * (years + 1) / 2
    log_growth = math.log1p(rate)
    value = -math.expm1(-years * log_growth) / rate
    discounted = math.exp(-(years + 1) * log_growth)  # (1+r)^−(n+1)
    return value, (years * discounted - value) / rate


def _settled(low: Decimal, high: Decimal) -> Decimal | None:
    """The bisection's result when the bracket [low, high] already decides it, else None.

    Why: the result is the final bracket's midpoint rounded to 6 decimals, and every later
    bracket lies inside this one (each step keeps one half); the midpoints are computed with 28
    significant digits, so they may stray outside by a rounding error, far below
    ``_ROUNDING_SLACK`` × the bracket's magnitude. When both ends, widened by that slack, round to
    the same 6-decimal figure (sign of a zero included), so does every value between them: the
    remaining ≈ 12 halvings (and the ≈ 5 Decimal NPV sums of the steps near the root) cannot change
    the result. Measured: ≈ 43 → 23 µs per IRR; the checker solves three per 中/高费方案."""
    slack = (abs(low) + abs(high) + 1) * _ROUNDING_SLACK
    first = (low - slack).quantize(IRR_TOLERANCE, rounding=ROUND_HALF_EVEN)
    last = (high + slack).quantize(IRR_TOLERANCE, rounding=ROUND_HALF_EVEN)
    return first if first.compare_total(last) == 0 else None


def _float_root(f: float, i0: float, n: int, low: float, high: float) -> float:
    """The IRR in binary floating point: Newton steps on the NPV sum, kept inside the bracket.

    Why: the Decimal bisection above needs ≈ 35 NPV evaluations of n divisions each, and the
    checker solves three IRRs per 中/高费方案 (the printed figure's interval ends and its point).
    NPV is strictly decreasing, so the sign of NPV at a midpoint is known from which side of the
    root it lies on; this float root (a sum of positive terms, no cancellation near 0 %: good to
    ≈ 1e-14) decides every step whose midpoint is farther than ``_FLOAT_GUARD`` from it, and
    Decimal NPV decides the few steps closer than that — the bracket, and so the result, is the one
    the all-Decimal bisection reaches (tests/calc/test_calc_economics.py compares the two)."""
    def value_and_slope(rate: float) -> tuple[float, float]:
        growth, discount, present, slope = 1.0 + rate, 1.0, 0.0, 0.0
        for year in range(1, n + 1):
            discount *= growth
            term = f / discount
            present += term
            slope -= year * term / growth
        return present - i0, slope

    return _bracketed_newton(value_and_slope, low, high)


def _bracketed_newton(value_and_slope, low: float, high: float) -> float:
    """The root of a strictly decreasing function in [low, high] (value > 0 left of it): Newton
    steps from the midpoint, each value narrowing the bracket, a step that would leave the bracket
    replaced by a bisection — Newton's speed near the root, the bisection's guarantee elsewhere.
    ``value_and_slope(rate)`` gives the function's value and derivative."""
    rate = (low + high) / 2
    for _ in range(200):
        value, slope = value_and_slope(rate)
        if value > 0:
            low = rate
        else:
            high = rate
        step = value / slope if slope else 0.0
        if abs(step) < 1e-15 or high - low < 1e-15:
            break
        nxt = rate - step
        rate = nxt if low < nxt < high else (low + high) / 2  # a Newton step outside the bracket: bisect
    return rate


def irr(cash_flow: Number, investment: Number, years: Number) -> Decimal | None:
    """内部收益率: the rate with NPV = 0 (fraction, to 1e-6); ``None`` when F ≤ 0 (no root)."""
    return irr_explained(cash_flow, investment, years)[0]


def irr_interpolated(rate1: Number, npv1: Number, rate2: Number, npv2: Number) -> Decimal:
    """The manual's linear interpolation between a positive and a negative NPV.

    ``IRR ≈ i1 + NPV1 × (i2 − i1) / (NPV1 + |NPV2|)`` with NPV1 > 0 > NPV2 — used to recheck
    reports that computed IRR by hand.  (domain.md §7.5 prints the denominator as
    ``NPV1 − |NPV2|``; with NPV2 < 0 the interpolation needs ``NPV1 + |NPV2| = NPV1 − NPV2``.)
    """
    i1, v1 = to_decimal(rate1, "试算贴现率 i1"), to_decimal(npv1, "净现值 NPV1")
    i2, v2 = to_decimal(rate2, "试算贴现率 i2"), to_decimal(npv2, "净现值 NPV2")
    if not (v1 > 0 > v2):
        raise CalcError(f"插值法要求 NPV1 > 0 > NPV2：NPV1 = {v1}，NPV2 = {v2}")
    return i1 + v1 * (i2 - i1) / (v1 - v2)


def static_payback(investment: Number, annual_saving: Number) -> Decimal | None:
    """Static payback N = I / P used by many reports instead of I / F; ``None`` if P ≤ 0."""
    p = to_decimal(annual_saving, "年运行费用节省 P")
    return None if p <= 0 else to_decimal(investment, "总投资 I") / p


def evaluate(inputs: FeasibilityInputs) -> EconomicResult:
    """All derived T-19c values for one 中/高费方案 (formulas in the module docstring)."""
    d = inputs.investment / inputs.depreciation_years
    t = inputs.annual_saving - d
    e = t * (Decimal(1) - inputs.tax_rate) if t > 0 else t
    f = e + d
    value = _npv(f, inputs.investment, inputs.discount_rate, inputs.lifetime)
    rate, note = irr_explained(f, inputs.investment, inputs.lifetime)
    return EconomicResult(
        depreciation=d,
        taxable_profit=t,
        net_profit=e,
        cash_flow=f,
        payback_years=inputs.investment / f if f > 0 else None,
        npv=value,
        npvr=value / inputs.investment,
        irr=rate,
        irr_note=note,
    )
