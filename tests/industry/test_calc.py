"""Hand-computed figures of an industry audit: list selection (80 %), coverage, level counts, target
attainment, reductions, GHG — on a four-enterprise industry whose arithmetic is written out here.

Factors used by hand (GB/T 2589-2020 当量值; CO2 table cn-grid-2023 of docgen/calc/data/co2):
electricity 0.1229 kgce/kWh → 1.229 tce per 万kWh, 0.5306 tCO2/MWh → 530.6 tCO2 per 100 万kWh;
natural gas 1.2143 kgce/m³ → 12.143 tce per 万m³, 2.16 kgCO2/m³ → 21.6 tCO2 per 万m³.
"""

from __future__ import annotations

import copy
from decimal import Decimal as D

import pytest

from docgen.industry.calc import compute, level_counts, rank_for_share, top_share
from docgen.industry.consistency import check_consistency
from docgen.industry.model import IndustryAuditData


def _fig(pollutant, elec, gas=None, water=1000, value=1000):
    energy = [{"carrier": "electricity", "amount": elec, "unit": "万kWh"}]
    if gas is not None:
        energy.append({"carrier": "natural_gas", "amount": gas, "unit": "万m³"})
    return {"output_value": value, "pollutant": pollutant, "energy": energy, "water": water}


def _ent(ident, pollutant, elec, gas=None, **extra):
    base = {"id": ident, "name": f"测试企业{ident}", "town": "甲街道", "scale": "小型", "process": "凹版印刷",
            "products": "软包装", "permit": "简化管理", "baseline": _fig(D(pollutant), D(elec), D(gas) if gas else None)}
    return base | extra


RAW = {
    "kind": "industry",
    "subject": {"name": "某区生态环境局", "kind": "生态环境主管部门"},
    "industry": {"code": "C2319", "name": "包装装潢及其他印刷", "common_name": "包装印刷行业", "region": "某区",
                 "description": "测试", "indicator_system": "印刷业清洁生产评价指标体系"},
    "audit": {"title": "某区包装印刷行业清洁生产审核报告", "cycle_start": "2025-01-01", "cycle_end": "2025-12-31",
              "baseline_year": 2024, "report_date": "2025-12-31", "scope": "全区", "basis": ["清洁生产促进法"],
              "main_pollutant": "VOCs", "compiled_by": ["甲"], "coverage_basis": ["pollutant"]},
    "team": [{"name": "甲", "organisation": "局", "role": "组长", "duty": "统筹"},
             {"name": "乙", "organisation": "院", "role": "成员", "duty": "技术"}],
    "plan": [{"stage": "审核准备", "content": "名单", "start": "2025-01-01", "end": "2025-02-01", "output": "名单"}],
    "enterprises": [
        _ent("A", 50, 100, selected=True, principles=["环境影响突出"], level_before="III级", level_after="II级",
             after=_fig(D(35), D(90))),
        _ent("B", 30, 50, 10, selected=True, principles=["环境影响突出"], level_before="未达III级", level_after="III级",
             after=_fig(D(20), D(45), D(9))),
        _ent("C", 15, 20),
        _ent("D", 5, 10),
    ],
    "focus": [{"id": "F1", "orientation": "污染物减排", "title": "凹印", "link": "印刷", "reason": "排放大"}],
    "targets": [
        {"id": "G1", "category": "污染物减排", "indicator": "VOCs", "unit": "t/a", "direction": "降低",
         "baseline": 80, "target": 60, "source": "pollutant"},
        {"id": "G2", "category": "清洁生产水平提升", "indicator": "I/II级比例", "unit": "%", "direction": "提高",
         "baseline": 0, "target": 40, "source": "level_share"},
        {"id": "G3", "category": "清洁生产水平提升", "indicator": "I/II级比例（高）", "unit": "%", "direction": "提高",
         "baseline": 0, "target": 60, "source": "level_share"},
    ],
    "diagnosis": [{"id": "P1", "dimension": "行业共性", "orientation": "污染物减排", "problem": "溶剂型油墨",
                   "cause": "成本", "method": "物料平衡"}],
    "industry_schemes": [{"id": "H1", "name": "源头替代", "kind": "技术推广", "content": "低VOCs油墨",
                          "problems": ["P1"], "period": "2025年"}],
    "enterprise_schemes": [
        {"id": "S1", "enterprise": "A", "name": "油墨替代", "kind": "原辅料替代", "cost_class": "无/低费",
         "industry_scheme": "H1", "investment": 10, "benefit": 4, "status": "已实施"},
        {"id": "S2", "enterprise": "B", "name": "烘箱改造", "kind": "工艺设备改造", "cost_class": "中高费",
         "investment": 30, "benefit": 6, "status": "已实施"},
    ],
}


def data(**changes) -> IndustryAuditData:
    raw = copy.deepcopy(RAW)
    for path, value in changes.items():
        node = raw
        *head, last = path.split("__")
        for key in head:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    return IndustryAuditData.model_validate(raw)


def test_rank_for_share_is_the_smallest_top_set():
    values = {"A": D(50), "B": D(30), "C": D(15), "D": D(5)}  # Σ 100
    assert rank_for_share(values, D("0.8")) == ["A", "B"]  # 50 % < 80 %, 80 % ≥ 80 % → stop
    assert rank_for_share(values, D("0.85")) == ["A", "B", "C"]  # 80 % < 85 % → C: 95 %
    assert rank_for_share(values, D("0.5")) == ["A"]
    assert rank_for_share({"x": D(1), "y": D(1)}, D("0.5")) == ["x"]  # ties keep order


def test_coverage_of_the_list():
    fig = compute(data())
    (cov,) = fig.coverage
    assert (cov.industry_total, cov.listed_total) == (D(100), D(80))  # A 50 + B 30 of 100
    assert cov.share == D("0.8") and cov.met  # exactly 80 % is enough (≥)


def test_a_list_below_80_percent_is_a_data_error_with_its_line():
    d = data(enterprises__1__selected=False, enterprises__2__selected=True, enterprises__2__principles=["代表性"],
             enterprises__2__level_before="III级")
    # A 50 + C 15 = 65 of 100 → 65.0 %
    messages = [p.message for p in check_consistency(d) if p.severity == "error"]
    assert any("占全行业 65.0%，低于 80%" in m for m in messages), messages


def test_level_counts_and_top_share():
    counts = level_counts(["III级", "未达III级", "II级", None, "II级", "I级"])
    assert counts == {"I级": 1, "II级": 2, "III级": 1, "未达III级": 1}  # None is not assessed
    assert top_share(counts) == D(3) / D(5)  # I + II = 3 of 5 assessed
    fig = compute(data())
    assert fig.levels_before == {"I级": 0, "II级": 0, "III级": 1, "未达III级": 1}
    assert fig.levels_after == {"I级": 0, "II级": 1, "III级": 1, "未达III级": 0}


def test_reductions_energy_and_co2_by_hand():
    fig = compute(data())
    r = fig.reductions
    assert (r["pollutant"].before, r["pollutant"].after, r["pollutant"].amount) == (D(80), D(55), D(25))
    assert r["pollutant"].rate == D("0.3125")  # 25 / 80
    # before: A 100 万kWh → 122.9; B 50 万kWh → 61.45 + 10 万m³ → 121.43; Σ 305.78 tce
    # after:  A 90 → 110.61; B 45 → 55.305 + 9 → 109.287; Σ 275.202 tce
    assert r["energy"].before == D("305.78") and r["energy"].after == D("275.202")
    assert r["energy"].amount == D("30.578")
    # CO2 before: 530.6 + 265.3 + 216 = 1011.9; after: 477.54 + 238.77 + 194.4 = 910.71 tCO2
    assert r["co2"].before == D("1011.9") and r["co2"].after == D("910.71")
    assert fig.before["C"].energy == D("24.58")  # not listed, still in the census: 20 × 1.229


def test_target_attainment_by_hand():
    fig = compute(data())
    by_id = {t.target.id: t for t in fig.targets}
    assert by_id["G1"].actual == D(55) and by_id["G1"].met  # reduce: 55 ≤ 60
    assert by_id["G2"].actual == D(50) and by_id["G2"].met  # increase: 1 of 2 at I/II = 50 % ≥ 40 %
    assert by_id["G3"].met is False and by_id["G3"].status == "未达标"  # 50 % < 60 %


def test_investment_and_return():
    fig = compute(data())
    assert fig.investment == D(40) and fig.benefit == D(10) and fig.payback_years == D(4)
    assert fig.scheme_counts == {"无/低费": 1, "中/高费": 1}  # 中高费 normalised to 中/高费


@pytest.mark.parametrize("change, message", [
    ({"targets__0__baseline": 81}, "现状值 81 与企业数据合计 80.00 不符"),
    ({"enterprise_schemes__0__enterprise": "C"}, "未纳入审核企业名单，不应有企业层面方案"),
    ({"enterprise_schemes__0__industry_scheme": "H9"}, "「H9」不在 industry_schemes 中"),
    ({"industry_schemes__0__problems": ["P9"]}, "「P9」不在 diagnosis 中"),
    ({"enterprises__0__principles": []}, "未说明入选原则"),
    ({"enterprises__0__feasible": False, "enterprises__0__principles": ["可行性"]}, "feasible 为 false"),
])
def test_consistency_rules(change, message):
    problems = check_consistency(data(**change))
    assert any(message in p.message and p.severity == "error" for p in problems), [p.message for p in problems]


def test_the_sample_is_consistent_and_covers_the_list(sample):
    assert len(sample.listed) >= 20
    fig = compute(sample)
    assert all(c.met for c in fig.coverage)
    # levels before/after of the 22 listed enterprises (samples/industry-packaging-printing.yaml)
    assert sum(fig.levels_before.values()) == sum(fig.levels_after.values()) == len(sample.listed) == 22


# ─── grading against the indicator system (GB/T 43329 comprehensive index, docgen.calc.level) ──────

def _system(weight_a="0.6", weight_b="0.4"):
    from docgen.industry.model import IndicatorSystem

    return IndicatorSystem.model_validate({"name": "测试指标体系", "source": "测试", "classes": [
        {"name": "甲", "weight": D(weight_a), "indicators": [
            {"id": "X", "name": "单耗", "unit": "t/t", "weight": D("0.5"), "direction": "降低", "limiting": True,
             "benchmarks": {"I": D(10), "II": D(20), "III": D(30)}},
            {"id": "Y", "name": "回收率", "unit": "%", "weight": D("0.5"), "direction": "提高",
             "benchmarks": {"I": D(90), "II": D(80), "III": D(70)}}]},
        {"name": "乙", "weight": D(weight_b), "indicators": [
            {"id": "Z", "name": "排放强度", "unit": "kg/t", "weight": D(1), "direction": "降低",
             "benchmarks": {"I": D(1), "II": D(2), "III": D(3)}}]}]})


@pytest.mark.parametrize("values, index, level", [
    # X 8 meets I; Y 85 meets II; Z 1.5 meets II: Y_I = 100 × 0.6 × 0.5 = 30; Y_II = Y_III = 100 → II级
    ({"X": 8, "Y": 85, "Z": "1.5"}, ("30", "100", "100"), "II级"),
    # X 25 only III; Y 95 I; Z 0.5 I: Y_I = Y_II = 100 × (0.3 + 0.4) = 70 < 85; Y_III = 100 → III级
    ({"X": 25, "Y": 95, "Z": "0.5"}, ("70", "70", "100"), "III级"),
    # X 35 meets nothing: Y_III = 70 < 100 → 未达III级
    ({"X": 35, "Y": 95, "Z": "0.5"}, ("70", "70", "70"), "未达III级"),
    # Z not given: class 乙 dropped, weights renormalised over 甲 alone: X 9 and Y 92 meet I → Y_I = 100 → I级
    ({"X": 9, "Y": 92}, ("100", "100", "100"), "I级"),
])
def test_grading_by_hand(values, index, level):
    from docgen.industry.grading import graded_level

    got, result = graded_level(_system(), {k: D(v) for k, v in values.items()})
    assert got == level
    assert tuple(result.index[g] for g in ("I", "II", "III")) == tuple(D(v) for v in index)


def test_limiting_indicator_caps_the_level():
    """Weights 0.2 / 0.8: X 25 (III only), Y 95 (I), Z 0.5 (I) → Y_I = Y_II = 100 × (0.1 + 0.8) = 90 ≥ 85,
    but the 限定性 X meets only III → III级."""
    from docgen.industry.grading import graded_level

    level, result = graded_level(_system("0.2", "0.8"), {"X": D(25), "Y": D(95), "Z": D("0.5")})
    assert level == "III级" and result.index["I"] == D(90) and "限定性指标未达到 I 级" in result.reason_zh


def test_stated_level_must_match_the_grading():
    raw_system = _system().model_dump()
    d = data(indicator_system=raw_system, enterprises__0__indicators_before={"X": 8, "Y": 85, "Z": "1.5"})  # II级
    problems = [p for p in check_consistency(d) if p.path[:3] == ("enterprises", 0, "level_before")]
    assert problems and "填写为III级，按指标对标应为II级" in problems[0].message
    ok = data(indicator_system=raw_system, enterprises__0__indicators_before={"X": 25, "Y": 95, "Z": "0.5"})  # III级
    assert not [p for p in check_consistency(ok) if "对标" in p.message]
    unknown = data(indicator_system=raw_system, enterprises__0__indicators_before={"Q": 1})
    assert any("「Q」不在 indicator_system 中" in p.message for p in check_consistency(unknown))


def test_sample_levels_are_the_graded_levels(sample):
    from docgen.industry.grading import graded_level

    for e in sample.listed:
        assert graded_level(sample.indicator_system, e.indicators_before)[0] == e.level_before, e.id
        assert graded_level(sample.indicator_system, e.indicators_after)[0] == e.level_after, e.id
