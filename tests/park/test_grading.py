"""Indicator grading methods (docgen/park/grading.py), pinned by hand-computed cases."""

from __future__ import annotations

from decimal import Decimal as D

from docgen.park.figures import compute
from docgen.park.grading import grade
from docgen.park.model import Grading, Indicator


def ind(id, level1, weight, direction, current, grades=None, benchmark=None, limiting=False):
    return Indicator(id=id, level1=level1, name=id, unit="u", weight=D(str(weight)), direction=direction,
                     grades=grades, benchmark=benchmark, current=D(str(current)), limiting=limiting, source="s")


G = {"I": D(1), "II": D(2), "III": D(3)}
H = {"I": D(90), "II": D(80), "III": D(70)}
K = {"I": D(10), "II": D(20), "III": D(30)}


def _graded(i3_current, limiting=False):
    inds = [ind("i1", "K1", "0.5", "lower_better", "1.5", G), ind("i2", "K1", "0.5", "higher_better", 95, H),
            ind("i3", "K2", 1, "lower_better", i3_current, K, limiting=limiting)]
    return grade(inds, Grading(method="graded", class_weights={"K1": D("0.6"), "K2": D("0.4")}))


def test_graded_level_three():
    r = _graded(25)
    # i1 1.5 meets II, III; i2 95 meets I–III; i3 25 meets III only
    # Y_I = 100 × 0.6 × 0.5 = 30; Y_II = 100 × 0.6 × 1 = 60; Y_III = 100 × (0.6 + 0.4) = 100
    assert r.index == {"I": D(30), "II": D(60), "III": D(100)}
    assert r.level == "III" and r.indicators["i1"].best == "II" and r.indicators["i3"].best == "III"


def test_graded_level_two_and_limiting_failure():
    assert _graded(15).level == "II"  # Y_II = 100 ≥ 85, Y_I = 30
    r = _graded(35, limiting=True)  # i3 meets nothing: Y_III = 60 and a limiting indicator fails
    assert r.level is None and r.index["III"] == D(60) and r.indicators["i3"].best is None


def test_graded_custom_level_table():
    from docgen.park.model import LevelRow

    levels = [LevelRow(level="I", label_zh="领先", index_min=D(85)), LevelRow(level="II", label_zh="先进", index_min=D(60)),
              LevelRow(level="III", label_zh="一般", index_min=D(100))]
    inds = [ind("i1", "K1", "0.5", "lower_better", "1.5", G), ind("i2", "K1", "0.5", "higher_better", 95, H),
            ind("i3", "K2", 1, "lower_better", 25, K)]
    r = grade(inds, Grading(method="graded", class_weights={"K1": D("0.6"), "K2": D("0.4")}, levels=levels))
    assert r.level == "II" and r.label_zh == "先进"  # Y_II = 60 ≥ 60 under this table


def _score(w1=0.5, w2=0.5, i3_current=8):
    inds = [ind("i1", "K1", w1, "lower_better", "2.5", benchmark=D(2)), ind("i2", "K1", w2, "higher_better", 60, benchmark=D(80)),
            ind("i3", "K2", 1, "lower_better", i3_current, benchmark=D(10))]
    return grade(inds, Grading(method="benchmark_score", class_weights={"K1": D("0.6"), "K2": D("0.4")}))


def test_benchmark_score():
    r = _score()
    # s1 = 100 × 2/2.5 = 80; s2 = 100 × 60/80 = 75; s3 = 100 × min(1, 10/8) = 100
    # S = 0.6 × (80 + 75)/2 + 0.4 × 100 = 46.5 + 40 = 86.5 → band ≥ 75
    assert r.indicators["i1"].score == D(80) and r.indicators["i2"].score == D(75) and r.indicators["i3"].score == D(100)
    assert r.index == {"S": D("86.5")} and r.label_zh == "园区清洁生产先进水平"


def test_benchmark_score_renormalises_weights_and_zero_current():
    assert _score(3, 1).index["S"] == D("87.25")  # K1 = (3 × 80 + 75)/4 = 78.75; 0.6 × 78.75 + 40
    assert _score(i3_current=0).indicators["i3"].score == D(100)  # nothing emitted: full score


def test_sample_park_grade(park_data):
    g = compute(park_data).grading
    # 资源能源利用 0.35: II met by I02 .25, I03 .25, I04 .20; 污染物 0.35: II by I05, I06, I08 (.75);
    # 碳排放 0.15: I09 2.6 > 2.0 → III only; 管理 0.15: I10, I11 → II. Y_II = 100 × (.35 × .7 + .35 × .75 + .15) = 65.75
    # Y_I: I04 (.35 × .2) + I08 (.35 × .25) + I11 (.15 × .5) = 23.25; Y_III = 100 (all meet III, limiting I08 meets)
    assert g.index == {"I": D("23.25"), "II": D("65.75"), "III": D(100)}
    assert g.level == "III" and g.label_zh == "园区清洁生产一般水平"


def test_weighted_average_bounds_are_exact_at_the_vertices():
    from docgen.check.kinds.park_index import weighted_average
    from docgen.check.numbers import Interval

    # weights 0.5 ± 0.05 and 0.5 ± 0.05, values 0 and 100 exactly: the average runs from
    # 100 × 0.45 / (0.55 + 0.45) = 45 to 100 × 0.55 / (0.45 + 0.55) = 55 (naive interval arithmetic: 40.9–61.1)
    w = [Interval.around(D("0.5"), D("0.05")), Interval.around(D("0.5"), D("0.05"))]
    r = weighted_average(w, [Interval.exact(0), Interval.exact(100)])
    assert (r.lo, r.hi, r.point) == (D(45), D(55), D(50))
