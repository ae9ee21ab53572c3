"""Derived figures of tests/data/minimal-audit.yaml, every expected value worked by hand.

Factors used (GB/T 2589-2020 附录A, domain.md §7.3): electricity 当量值 0.1229 kgce/kWh, so
1 万kWh = 10 000 kWh × 0.1229 kgce = 1 229 kgce = 1.229 tce; natural gas 1.2143 kgce/m³, so
1 万m³ = 12.143 tce. CO2 (default table, national grid 2023): 0.5306 kgCO2/kWh; natural gas
2.16 kgCO2/m³.
"""

from decimal import Decimal as D

import pytest

from docgen.derive import derive_figures
from tests.conftest import MINIMAL
from docgen.load import load_audit


@pytest.fixture(scope="module")
def figures():
    result = load_audit(MINIMAL)
    assert result.ok
    return derive_figures(result.audit)


def test_comprehensive_energy_per_year(figures):
    by_year = {e.year: e for e in figures.energy}
    # 2023: 电 120 万kWh × 1.229 = 147.48 tce; 天然气 12 万m³ × 12.143 = 145.716 tce; Σ = 293.196
    assert by_year[2023].by_carrier["电"].value == D("147.48")
    assert by_year[2023].by_carrier["天然气"].value == D("145.716")
    assert by_year[2023].total_tce == D("293.196")
    # 2021: 100 × 1.229 + 10 × 12.143 = 122.9 + 121.43 = 244.33
    assert by_year[2021].total_tce == D("244.33")
    # per unit 2023: 293.196 / 1200 t = 0.24433 tce/t
    assert by_year[2023].per_unit.value == D("0.24433")
    assert by_year[2023].per_unit.unit == "tce/t"


def test_co2_per_year(figures):
    by_year = {e.year: e for e in figures.energy}
    # 2021: 1 000 000 kWh × 0.5306 kg = 530.6 t; 100 000 m³ × 2.16 kg = 216 t; Σ 746.6 tCO2
    assert by_year[2021].co2_t == D("746.6")


def test_water_intensity_and_reuse(figures):
    w2023 = {w.year: w for w in figures.water}[2023]
    assert w2023.fresh.value == D("20000")
    # 20 000 m³ / 1 200 t = 16.666… m³/t
    assert round(w2023.per_unit.value, 3) == D("16.667")
    # reuse = 80 000 / (80 000 + 20 000) = 0.8
    assert w2023.reuse_rate == D("0.8")


def test_focus_ranking(figures):
    # C1: 10×9 + 8×8 = 90 + 64 = 154; C2: 10×5 + 8×6 = 50 + 48 = 98
    scores = {f.id: (f.score, f.rank, f.selected) for f in figures.focus}
    assert scores == {"C1": (D(154), 1, True), "C2": (D(98), 2, False)}


def test_targets_reduce_and_increase(figures):
    t1, t2 = figures.targets
    # T1 reduce: rate = (0.25 − 0.23)/0.25 = 0.08; completion = (0.25 − 0.22)/(0.25 − 0.23) = 1.5 → 超额完成
    assert t1.target_rate == D("0.08")
    assert t1.completion_rate == D("1.5") and t1.status == "超额完成" and t1.met
    # T2 increase: rate = (85 − 80)/80 = 0.0625; completion = (84 − 80)/(85 − 80) = 0.8 → 未完成
    assert t2.target_rate == D("0.0625")
    assert t2.completion_rate == D("0.8") and t2.status == "未完成" and not t2.met


def test_balances(figures):
    mb = figures.balances[0]
    # in 1000 + 60 = 1060; out 1000 + 25 + 20 = 1045; diff 15; rate 15/1060 = 0.014150943…
    assert (mb.total_in, mb.total_out, mb.difference) == (D(1060), D(1045), D(15))
    assert round(mb.error_rate, 6) == D("0.014151") and mb.within_tolerance
    wb = figures.water_balance
    # fresh 12 000 + 8 000 = 20 000; loss + discharge = 4 000 + 8 000 + 2 000 + 5 800 = 19 800
    assert (wb.total_in, wb.total_out, wb.difference) == (D(20000), D(19800), D(200))
    assert wb.error_rate == D("0.01")


def test_scheme_summary_and_economics(figures):
    s = figures.schemes
    assert (s.total, s.low_cost, s.high_cost, s.implemented) == (3, 2, 1, 3)
    # 5 + 2 = 7 (low); 120 (high); actual 5 + 2 + 118 = 125
    assert (s.investment_low, s.investment_high, s.actual_investment) == (D(7), D(120), D(125))
    (e,) = s.economics
    # D = 120/10 = 12; T = 40 − 12 = 28; E = 28 × 0.75 = 21; F = 21 + 12 = 33; N = 120/33 = 3.6364
    assert (e.depreciation, e.taxable_profit, e.net_profit, e.cash_flow) == (D(12), D(28), D(21), D(33))
    assert round(e.payback_years, 4) == D("3.6364")
    # NPV = 33 × (1 − 1.08^−10)/0.08 − 120 = 33 × 6.7100814 − 120 = 101.43269
    assert round(e.npv, 2) == D("101.43")
    # NPVR = 101.43269 / 120 = 0.84527
    assert round(e.npvr, 4) == D("0.8453")
    # IRR: 33 × annuity(r, 10) = 120 → annuity factor 3.6364 → r ≈ 24.4 % (table: 24 % → 3.6819, 25 % → 3.5705)
    assert D("0.2435") < e.irr < D("0.2445")
    assert e.feasible


def test_savings_totals(figures):
    assert figures.resource_savings["电"].value == D(10)
    assert figures.resource_savings["新鲜水"].value == D(2000)
    assert figures.environmental_reductions["VOCs"].value == D("1.5")
    # energy saving: 10 万kWh × 1.229 = 12.29 tce
    assert figures.energy_saving_tce == D("12.29")


def test_level_before_and_after(figures):
    before, after = figures.level
    # before: 单位产品综合能耗 0.244 meets II (≤0.24? no: 0.244 > 0.24) → only III; weight 0.6
    #   管理: 环境管理体系 II → {II, III} (ω 0.5); 清洁生产审核 I → {I, II, III} (ω 0.5); weight 0.4
    #   Y_I = 0.6×0 + 0.4×(0.5×0 + 0.5×100) = 20; Y_II = 0.6×0 + 0.4×(50 + 50) = 40; Y_III = 60 + 40 = 100
    assert before.index == {"I": D(20), "II": D(40), "III": D(100)} and before.level == "III"
    # after: 0.22 meets II and III (I is 0.20) → Y_I = 0 + 0.4×100 = 40; Y_II = 60 + 40 = 100 → II级
    assert after.index == {"I": D(40), "II": D(100), "III": D(100)} and after.level == "II"


def test_performance_table(figures):
    rows = {r.item: r for r in figures.performance}
    # after: 112 × 1.229 + 12 × 12.143 = 137.648 + 145.716 = 283.364; reduction 293.196 − 283.364 = 9.832
    total = rows["综合能耗"]
    assert (total.before, total.after, total.reduction) == (D("293.196"), D("283.364"), D("9.832"))
    # VOCs 3.5 → 2.0: reduction 1.5, rate 1.5/3.5 = 0.428571…
    assert rows["VOCs"].reduction == D("1.5") and round(rows["VOCs"].rate, 4) == D("0.4286")
    # 经济效益 = 节能降耗 30 + 削减污染物排放 17 = 47 (绩效表 footnote, domain.md §3.2)
    assert figures.economic_benefit_total == D(47)


def test_json_output_is_plain(figures):
    import json

    text = json.dumps(figures.to_json(), ensure_ascii=False)
    assert '"total_tce": 293.196' in text
