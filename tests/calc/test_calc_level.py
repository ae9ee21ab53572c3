"""清洁生产水平 comprehensive index (docgen.calc.level). Expected values by hand."""

from decimal import Decimal

import pytest

from docgen.calc.errors import CalcError
from docgen.calc.level import (
    PrimaryIndicator as P,
    SecondaryIndicator as S,
    comprehensive_index,
    determine_level,
    load_level_thresholds,
    meets_levels,
)

ENERGY = {"I": "0.30", "II": "0.35", "III": "0.40"}  # tce/t, lower is better
REUSE = {"I": "0.95", "II": "0.90", "III": "0.85"}  # 水重复利用率, higher is better


@pytest.mark.parametrize(
    "value, expected",
    [("0.28", {"I", "II", "III"}), ("0.33", {"II", "III"}), ("0.35", {"II", "III"}), ("0.38", {"III"}), ("0.45", set())],
)
def test_meets_levels_lower_better(value, expected):
    # 0.28 ≤ 0.30 (I); 0.33 ≤ 0.35 (II); 0.35 = II benchmark (inclusive); 0.38 ≤ 0.40 (III); 0.45 none
    assert meets_levels(value, ENERGY, "lower_better") == expected


@pytest.mark.parametrize("value, expected", [("0.96", {"I", "II", "III"}), ("0.92", {"II", "III"}), ("0.80", set())])
def test_meets_levels_higher_better(value, expected):
    assert meets_levels(value, REUSE, "higher_better") == expected


def test_meets_levels_missing_benchmark_and_cumulative():
    # no I benchmark: 0.97 ≥ 0.90 meets II and III only
    assert meets_levels("0.97", {"II": "0.90", "III": "0.85"}, "higher_better") == {"II", "III"}
    # only an I benchmark: meeting it implies II and III
    assert meets_levels("0.96", {"I": "0.95"}, "higher_better") == {"I", "II", "III"}


def test_meets_levels_rejects_bad_input():
    with pytest.raises(CalcError):
        meets_levels(1, {"I": 3, "II": 2, "III": 1}, "lower_better")  # I above II for lower_better
    with pytest.raises(CalcError):
        meets_levels(1, ENERGY, "sideways")
    with pytest.raises(CalcError):
        meets_levels(1, {"IV": 1}, "lower_better")


def test_secondary_levels_are_closed_upward():
    assert S("x", "0.5", {"II"}).levels == {"II", "III"}
    assert S("x", "0.5", "II").levels == {"II", "III"}  # a bare string is one level
    with pytest.raises(CalcError):
        S("x", "0.5", {"IV"})


def renormalised_case():
    return [
        P("能源消耗", "0.4", [S("单位产品综合能耗", "0.6", {"I"}, limiting=True), S("余热回收率", "0.4", {"II"})]),
        P("水资源消耗", "0.3", [
            S("单位产品新鲜水耗", "0.5", {"I"}),
            S("水重复利用率", "0.3", {"III"}),
            S("冷凝水回收率", "0.2", set(), applicable=False),
        ]),
        P("清洁生产管理", "0.3", [S("管理制度", "0.5", {"I"}), S("审核制度", "0.5", {"II"})]),
    ]


def test_comprehensive_index_with_renormalised_weights():
    # 水资源消耗: applicable Σω = 0.5 + 0.3 = 0.8 ⇒ ω' = 0.5/0.8 = 0.625 and 0.3/0.8 = 0.375
    # Y_I   = 100 × (0.4×0.6 + 0.3×0.625 + 0.3×0.5)           = 100 × (0.24 + 0.1875 + 0.15) = 57.75
    # Y_II  = 100 × (0.4×(0.6+0.4) + 0.3×0.625 + 0.3×(0.5+0.5)) = 100 × (0.4 + 0.1875 + 0.3) = 88.75
    # Y_III = 100 × (0.4×1 + 0.3×(0.625+0.375) + 0.3×1)      = 100
    # (without renormalisation Y_III would be 100 × (0.4 + 0.3×0.8 + 0.3) = 94 and fail III)
    index = comprehensive_index(renormalised_case())
    assert index == {"I": Decimal("57.75"), "II": Decimal("88.75"), "III": Decimal("100")}


def test_level_two_from_renormalised_case():
    # Y_I = 57.75 < 85 ⇒ not I; Y_II = 88.75 ≥ 85 and the limiting indicator meets I ⊇ II ⇒ II
    result = determine_level(renormalised_case())
    assert result.level == "II" and result.label_zh == "国内清洁生产先进水平"
    assert "II 级" in result.reason_zh


def downgrade_case(limiting: bool):
    return [
        P("能源消耗", "0.5", [S("单位产品综合能耗", "0.7", {"I"}), S("单位产品电耗", "0.3", {"II"}, limiting=limiting)]),
        P("污染物产生", "0.5", [S("COD 产生量", "1", {"I"})]),
    ]


def test_limiting_indicator_downgrades_from_one_to_two():
    # Y_I = 100 × (0.5×0.7 + 0.5×1) = 100 × 0.85 = 85 ≥ 85, but 单位产品电耗 (限定性) only meets II
    # Y_II = 100 × (0.5×(0.7+0.3) + 0.5×1) = 100 ≥ 85 and 单位产品电耗 meets II ⇒ II级
    result = determine_level(downgrade_case(limiting=True))
    assert result.index["I"] == Decimal("85") and result.index["II"] == Decimal("100")
    assert result.level == "II"
    assert "单位产品电耗" in result.reason_zh


def test_same_case_without_limiting_reaches_one_at_boundary():
    # Y_I = 85 exactly, no 限定性指标 ⇒ I级 (≥ is inclusive)
    result = determine_level(downgrade_case(limiting=False))
    assert result.level == "I" and result.label_zh == "国际清洁生产领先水平"


def test_limiting_indicator_failing_every_level_gives_none():
    # Y_I = Y_II = Y_III = 100 × 0.9 = 90; III needs Y_III = 100 and the limiting indicator meets none
    primaries = [P("能源消耗", 1, [S("单位产品综合能耗", "0.9", {"I"}), S("淘汰类设备", "0.1", set(), limiting=True)])]
    result = determine_level(primaries)
    assert result.index == {"I": Decimal(90), "II": Decimal(90), "III": Decimal(90)}
    assert result.level is None and "不达标" in result.reason_zh


def test_level_three():
    # every indicator meets only III: Y_I = Y_II = 0, Y_III = 100 ⇒ III级
    primaries = [P("A", "0.6", [S("a", 1, {"III"}, limiting=True)]), P("B", "0.4", [S("b", 1, {"III"})])]
    result = determine_level(primaries)
    assert result.index == {"I": Decimal(0), "II": Decimal(0), "III": Decimal(100)}
    assert result.level == "III"


def test_thirds_give_exactly_one_hundred():
    # three secondaries of ω = 0.333 renormalise to exactly 1/3 each: Y_III = 100 × 3 × 1/3 = 100
    primaries = [P("A", 1, [S("a", "0.333", {"III"}), S("b", "0.333", {"III"}), S("c", "0.333", {"III"})])]
    assert comprehensive_index(primaries)["III"] == Decimal(100)
    assert determine_level(primaries).level == "III"


def test_inapplicable_limiting_indicator_is_ignored():
    primaries = [P("A", 1, [S("a", 1, {"I"}), S("b", 1, set(), limiting=True, applicable=False)])]
    # only a is assessed: ω' = 1 ⇒ Y_I = 100 ⇒ I级
    assert determine_level(primaries).level == "I"


def test_whole_class_not_applicable_renormalises_primary_weights():
    # class B has no applicable indicator ⇒ w' of A = 0.6/0.6 = 1 ⇒ Y_I = 100 × 1 × 1 = 100
    primaries = [P("A", "0.6", [S("a", 1, {"I"})]), P("B", "0.4", [S("b", 1, set(), applicable=False)])]
    assert comprehensive_index(primaries)["I"] == Decimal(100)


def test_primary_weights_must_sum_to_one():
    # 0.5 + 0.4 = 0.9 ≠ 1
    with pytest.raises(CalcError):
        comprehensive_index([P("A", "0.5", [S("a", 1, {"I"})]), P("B", "0.4", [S("b", 1, {"I"})])])


def test_thresholds_come_from_data():
    thresholds = load_level_thresholds()
    assert [(r.level, r.index_min) for r in thresholds.rules] == [
        ("I", Decimal(85)), ("II", Decimal(85)), ("III", Decimal(100))]
    assert thresholds.id == "gbt43329-2023"
