"""docgen.check.numbers: printed figures, their precision, interval arithmetic and units.

Expected values are worked out by hand from the printed text (comments show the arithmetic).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from docgen.calc.errors import UnitError
from docgen.check.kinds.numeric import column_unit
from docgen.check.numbers import (
    Interval,
    convert_interval,
    parse_number,
    tolerance,
    unit_factor,
)
from docgen.read.model import Cell, Location, Table


@pytest.mark.parametrize("text, value, places, unit, percent", [
    ("1,234.5", D("1234.5"), 1, None, False),          # thousands separator
    ("１２３．４", D("123.4"), 1, None, False),          # full-width digits and point (NFKC)
    ("−3.2", D("-3.2"), 1, None, False),                # U+2212 minus
    ("-3.2", D("-3.2"), 1, None, False),
    ("‑3.2", D("-3.2"), 1, None, False),                # U+2011 non-breaking hyphen
    ("–3.2", D("-3.2"), 1, None, False),                # U+2013 en dash
    ("12.3％", D("12.3"), 1, None, True),               # full-width percent
    ("12.3%", D("12.3"), 1, None, True),
    ("百分之五", D(5), 0, None, True),
    ("百分之十二点五", D("12.5"), 1, None, True),
    ("12.5万元", D("12.5"), 1, "万元", False),          # unit written in the cell
    ("0.1229 kgce/kWh", D("0.1229"), 4, "kgce/kWh", False),
    ("8.60 万kWh/a", D("8.60"), 2, "万kWh/a", False),
    ("12 000", D(12000), 0, None, False),             # space as thousands separator
    ("70.90", D("70.90"), 2, None, False),
    ("0", D(0), 0, None, False),
])
def test_parse_number_accepts_report_spellings(text, value, places, unit, percent):
    n = parse_number(text)
    assert n is not None, text
    assert (n.value, n.places, n.unit, n.percent) == (value, places, unit, percent)


@pytest.mark.parametrize("text", [
    "—", "——", "/", "无", "不适用", "", "  ",            # not applicable / empty
    "1.2e-5", "1.2E+03", "1.2×10^3", "1.2×10⁻³",        # scientific-ish forms are skipped
    "2024年9月26日", "W-1", "K-5000L",                   # dates and codes
    "甲苯 2.00 t/a；VOCs 0.35 t/a",                      # several figures in one cell
    "5500–7000", "≥99.5%", "<0.5", "1,23",               # ranges, limits, a broken separator
])
def test_parse_number_refuses_what_is_not_one_figure(text):
    assert parse_number(text) is None


def test_bare_multiplier_scales_value_and_step():
    # "12.5万" = 125 000 printed to the nearest 0.1万 = 1 000, so it stands for 124 500 … 125 500
    n = parse_number("12.5万")
    assert n.value == 125000 and n.step == 1000 and n.unit is None
    assert (n.interval().lo, n.interval().hi) == (124500, 125500)


def test_approximate_marker_is_kept():
    n = parse_number("约87 t/a")
    assert n.approx and n.value == 87 and n.unit == "t/a"


def test_tolerance_is_half_a_unit_of_the_last_digit_summed_over_terms():
    # 70.90 → 0.005; 3.20 → 0.005; 0.5 → 0.05; 12 → 0.5: Σ = 0.56
    terms = [parse_number(t) for t in ("70.90", "3.20", "0.5", "12")]
    assert tolerance(*terms) == D("0.56")
    assert tolerance(parse_number("12.3%")) == D("0.05")      # in percentage points


def test_interval_sum_carries_the_summed_tolerance():
    # 0.10 + 0.10 + 0.10: each ±0.005 → 0.30 ± 0.015
    s = Interval.exact(0)
    for _ in range(3):
        s = s + parse_number("0.10").interval()
    assert (s.lo, s.hi, s.point) == (D("0.285"), D("0.315"), D("0.30"))


def test_interval_quotient_bounds_and_point():
    # 削减率 = 4.10 / 17.29: bounds 4.095/17.295 = 0.23677… and 4.105/17.285 = 0.23749…; point 0.23713…
    q = parse_number("4.10").interval() / parse_number("17.29").interval()
    assert D("0.236773") < q.lo < D("0.236774")
    assert D("0.237489") < q.hi < D("0.237490")
    assert D("0.237131") < q.point < D("0.237132")
    assert q.meets(parse_number("23.7%").fraction_interval())       # 23.65 %–23.75 % overlaps
    assert not q.meets(parse_number("32.7%").fraction_interval())
    with pytest.raises(ZeroDivisionError):
        _ = q / Interval(D("-0.1"), D("0.1"))


def test_unit_normalisation_between_registry_units():
    assert unit_factor("万元", "元") == 10000
    assert unit_factor("元", "万元") * 10000 == 1
    # 591.00 万元 ± 0.005 万元 → 5 910 000 元 ± 50 元
    iv = convert_interval(parse_number("591.00").interval(), "万元", "元")
    assert (iv.lo, iv.hi) == (5909950, 5910050)
    # 1.5 万t = 15 000 t = 15 000 000 kg; 8.60 万kWh = 86 000 kWh; 2.5 万m³ = 25 000 m³
    assert convert_interval(Interval.exact("1.5"), "万t", "kg").point == 15000000
    assert convert_interval(Interval.exact("1.5"), "万t", "t").point == 15000
    assert convert_interval(Interval.exact("8.60"), "万kWh", "kWh").point == 86000
    assert convert_interval(Interval.exact("2.5"), "万m³", "m³").point == 25000
    with pytest.raises(UnitError):
        unit_factor("t", "m³")          # water in t is not water in m³ (no density guess)


def _table(headers: list[str]) -> Table:
    return Table(index=0, grid=[[Cell(h, row=0, col=c) for c, h in enumerate(headers)]], header_rows=1,
                 header_paths=headers, location=Location(block=0))


def test_column_unit_takes_only_real_units_from_headers():
    t = _table(["预计投资（万元）", "现状值（2023年）", "近期目标（本轮审核结束）", "废水量（2023年，t/a）", "削减率（%）", "方案名称"])
    assert [column_unit(t, c) for c in range(6)] == ["万元", None, None, "t/a", "%", None]
