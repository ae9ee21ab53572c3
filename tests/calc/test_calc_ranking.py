"""权重总和计分排序法 (docgen.calc.ranking). Expected values by hand."""

from decimal import Decimal

import pytest

from docgen.calc.errors import CalcError
from docgen.calc.ranking import Ranked, rank, weighted_sum

WEIGHTS = {"废弃物量": 10, "主要消耗": 8, "环保费用": 8, "废弃物毒性": 7, "清洁生产潜力": 5, "车间积极性": 2}
CANDIDATES = {
    "电镀车间": {"废弃物量": 10, "主要消耗": 8, "环保费用": 9, "废弃物毒性": 10, "清洁生产潜力": 7, "车间积极性": 6},
    "机加车间": {"废弃物量": 5, "主要消耗": 6, "环保费用": 5, "废弃物毒性": 3, "清洁生产潜力": 6, "车间积极性": 9},
    "涂装车间": {"废弃物量": 8, "主要消耗": 9, "环保费用": 7, "废弃物毒性": 6, "清洁生产潜力": 8, "车间积极性": 8},
}


def test_weighted_sum():
    # 电镀: 10×10 + 8×8 + 8×9 + 7×10 + 5×7 + 2×6 = 100 + 64 + 72 + 70 + 35 + 12 = 353
    assert weighted_sum(WEIGHTS, CANDIDATES["电镀车间"]) == Decimal("353")


def test_rank_orders_by_score():
    # 电镀 353; 涂装 10×8 + 8×9 + 8×7 + 7×6 + 5×8 + 2×8 = 80+72+56+42+40+16 = 306;
    # 机加 10×5 + 8×6 + 8×5 + 7×3 + 5×6 + 2×9 = 50+48+40+21+30+18 = 207
    assert rank(WEIGHTS, CANDIDATES) == [
        Ranked("电镀车间", Decimal("353"), 1),
        Ranked("涂装车间", Decimal("306"), 2),
        Ranked("机加车间", Decimal("207"), 3),
    ]


def test_ties_share_rank_competition_style():
    weights = {"x": 10, "y": 5}
    candidates = {
        "P": {"x": 5, "y": 2},  # 50 + 10 = 60
        "Q": {"x": 4, "y": 4},  # 40 + 20 = 60
        "R": {"x": 3, "y": 1},  # 30 + 5 = 35
        "S": {"x": 2, "y": 2},  # 20 + 10 = 30
    }
    result = rank(weights, candidates)
    assert [(r.id, r.score, r.rank) for r in result] == [
        ("P", Decimal("60"), 1),
        ("Q", Decimal("60"), 1),
        ("R", Decimal("35"), 3),
        ("S", Decimal("30"), 4),
    ]


def test_decimal_weights_and_string_ratings():
    # 7.5 × 4 + 2 × 2.5 = 30 + 5 = 35
    assert weighted_sum({"a": "7.5", "b": 2}, {"a": "4", "b": 2.5}) == Decimal("35")


def test_missing_rating_is_calc_error():
    with pytest.raises(CalcError) as info:
        weighted_sum({"a": 1, "b": 2}, {"a": 3})
    assert "b" in str(info.value)
    with pytest.raises(CalcError) as info:
        rank({"a": 1, "b": 2}, {"甲": {"a": 1, "b": 1}, "乙": {"a": 1}})
    assert "乙" in str(info.value)


def test_rating_without_weight_is_calc_error():
    with pytest.raises(CalcError):
        weighted_sum({"a": 1}, {"a": 3, "c": 2})
