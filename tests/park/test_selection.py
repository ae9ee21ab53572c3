"""The ≥ 80 % 重点管控名单 (seed 004), pinned by hand-computed cases (docgen/park/selection.py docstring
states the rule: per element, largest first until the cumulative sum ≥ 80 % of the total; ties keep
the file order; zeros never taken; the list is the union)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from docgen.park.figures import compute
from docgen.park.selection import control_list, select_element

T = D("0.8")


def test_takes_the_largest_until_eighty_percent_inclusive():
    s = select_element("x", [("A", D(50)), ("B", D(30)), ("C", D(15)), ("D", D(5))], T)
    # 50 < 80; 50 + 30 = 80 ≥ 80 → stop: exactly 80 % counts as "80% 以上"
    assert s.selected == ("A", "B") and s.coverage == D("0.8") and s.tied_out == ()
    assert [r.cumulative for r in s.ranking] == [D("0.5"), D("0.8"), D("0.95"), D(1)]


def test_exact_comparison_no_rounding():
    s = select_element("x", [("A", D("79.99")), ("B", D("20.01"))], T)
    assert s.selected == ("A", "B")  # 79.99 % would round to 80.0 % but is below 80 %


def test_ties_keep_file_order_and_are_reported():
    s = select_element("x", [("A", D(40)), ("B", D(20)), ("C", D(20)), ("D", D(20))], T)
    assert s.selected == ("A", "B", "C") and s.tied_out == ("D",)  # 40+20+20 = 80; D equals C
    s = select_element("x", [("X", D(10)), ("Y", D(30)), ("Z", D(30)), ("W", D(30))], T)
    assert s.selected == ("Y", "Z", "W") and s.coverage == D("0.9") and s.tied_out == ()


def test_zero_values_never_taken_and_zero_total_not_applicable():
    s = select_element("x", [("A", D(0)), ("B", D(0)), ("C", D(10))], T)
    assert s.selected == ("C",) and s.coverage == 1
    s = select_element("x", [("A", D(0)), ("B", D(0))], T)
    assert s.selected == () and s.coverage is None and s.not_applicable


def test_threshold_must_be_a_fraction():
    with pytest.raises(ValueError):
        select_element("x", [("A", D(1))], D(80))


def test_union_over_elements_in_file_order_with_reasons():
    values = {"A": {"e1": D(60), "e2": D(10)}, "B": {"e1": D(25), "e2": D(0)}, "C": {"e1": D(10), "e2": D(50)},
              "D": {"e1": D(5), "e2": D(35)}, "E": {"e1": D(0), "e2": D(5)}}
    cl = control_list(list("ABCDE"), values, ["e1", "e2"], T)
    # e1: 60, 85 → {A, B}; e2: 50, 85 → {C, D}; E needed by neither
    assert cl.members == ("A", "B", "C", "D")
    assert cl.reasons == {"A": ("e1",), "B": ("e1",), "C": ("e2",), "D": ("e2",)}
    assert cl.listed_totals == {"e1": D(100), "e2": D(95)} and cl.coverage == {"e1": D(1), "e2": D("0.95")}


def test_sample_park_list(park_data):
    fig = compute(park_data)
    # energy by hand (GB/T 2589: 1 万kWh = 1.229 tce, coke 0.9714, raw coal 0.7143, washed coal 0.9, 1 万m³ gas = 12.143 tce)
    assert fig.values["E01"]["energy"] == D("104706.8")     # 52000 × 1.229 + 42000 × 0.9714
    assert fig.values["E03"]["energy"] == D("11338.56")     # 3100 × 1.229 + 620 × 12.143
    assert fig.totals["energy"] == D("1204012.105")
    # energy ranking: E06 592602.64, E10 164784, E01 104706.8, E11 76198 (77.93 %), E02 60616.6 → 82.96 %
    assert fig.control.elements["energy"].selected == ("E06", "E10", "E01", "E11", "E02")
    # SO2: 420 + 312 + 265 = 997 (72.2 %) + 188 = 1185 of 1381.0 (85.8 %)
    assert fig.control.elements["so2"].selected == ("E10", "E06", "E08", "E02")
    assert fig.control.members == ("E01", "E02", "E03", "E04", "E06", "E08", "E10", "E11", "E13", "E17")
    assert fig.control.listed_totals["so2"] == D("1346.4")  # 96+188+4.2+3.1+312+265+420+0+58+0.1
