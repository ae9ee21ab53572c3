"""The numeric relation rules (NUM-0xx, tests/check/data/national-rules-numeric.yaml) on docgen's own
rendered reports: every sample passes every rule with zero findings, and for each kind a number
changed in the rendered DOCX XML produces the finding, at the right cell, with the evidence worked
out by hand below (the comments show the arithmetic on the printed figures).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.check.engine import check_document
from docgen.check.profile import Profile, _rule
from docgen.read import read_document
from tests.check.conftest import W, edit_docx, paragraph_text

RULES = Path(__file__).parent / "data" / "national-rules-numeric.yaml"
SH = "audit-shanghai-fine-chemical"


def profile(kind: str, codes: list[str] | None = None) -> Profile:
    raw = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    rules = tuple(_rule(r, RULES.name) for r in raw[kind] if codes is None or r["code"] in codes)
    return Profile(id=f"numeric-{kind}", title="numeric", version="test", kind=kind, effective=None,
                   source=raw["source"], rules=rules)


def check(path: Path, kind: str, *codes: str):
    return check_document(read_document(path), profile(kind, list(codes) or None))


# ─── XML surgery on the rendered DOCX ─────────────────────────────────────────────────────────────

def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _set(el, new: str) -> None:
    ts = list(el.iter(f"{W}t"))
    ts[0].text = new
    for t in ts[1:]:
        t.text = ""


def _table_after(root, caption: str):
    for tbl in root.iter(f"{W}tbl"):
        prev = tbl.getprevious()
        if prev is not None and _text(prev).startswith(caption):
            return tbl
    raise AssertionError(f"table {caption} not found")


def _row(tbl, label: str):
    for tr in tbl.iter(f"{W}tr"):
        if any(_text(tc).strip() == label for tc in tr.findall(f"{W}tc")):
            return tr
    raise AssertionError(f"row {label} not found")


def cell(caption: str, row_label: str, old: str, new: str):
    """Change the cell reading ``old`` in the row labelled ``row_label`` of the table captioned ``caption``."""
    def edit(root):
        tcs = [tc for tc in _row(_table_after(root, caption), row_label).findall(f"{W}tc") if _text(tc).strip() == old]
        assert tcs, (caption, row_label, old)
        _set(tcs[0], new)
    return edit


def drop_row(caption: str, row_label: str):
    def edit(root):
        tr = _row(_table_after(root, caption), row_label)
        tr.getparent().remove(tr)
    return edit


def text(old: str, new: str):
    """Replace ``old`` by ``new`` in the first body paragraph containing it."""
    def edit(root):
        for p in root.iter(f"{W}p"):
            t = paragraph_text(p)
            if old in t and p.getparent().tag != f"{W}tc":
                _set(p, t.replace(old, new))
                return
        raise AssertionError(old)
    return edit


def mutate(src: Path, tmp_path: Path, *edits, name: str = "mutated.docx") -> Path:
    return edit_docx(src, tmp_path / name, lambda root: [e(root) for e in edits])


def table_index(path: Path, caption_start: str) -> int:
    doc = read_document(path)
    return next(t.index for t in doc.tables if (t.caption or "").startswith(caption_start))


def only(result, code: str):
    found = [f for f in result.findings if f.rule == code]
    assert len(found) == 1, [(f.rule, f.message) for f in result.findings]
    return found[0]


@pytest.fixture
def sh_eval(rendered_reports):
    return rendered_reports[(SH, "evaluation")]


@pytest.fixture
def sh_acc(rendered_reports):
    return rendered_reports[(SH, "acceptance")]


# ─── round trip ───────────────────────────────────────────────────────────────────────────────────

def test_own_reports_pass_every_numeric_rule(rendered_reports):
    assert len(rendered_reports) == 6
    for (stem, kind), path in rendered_reports.items():
        result = check(path, kind)
        assert result.findings == [], (stem, kind, [(f.rule, f.status, f.message, f.evidence) for f in result.findings])
        assert result.verdict == "pass"


def test_rule_entries_are_complete_and_codes_unique():
    raw = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    codes = [r["code"] for kind in ("evaluation", "acceptance") for r in raw[kind]]
    assert len(codes) == len(set(codes))
    for kind in ("evaluation", "acceptance"):
        for r in raw[kind]:
            rule = _rule(r, RULES.name)
            assert rule.category == "numeric" and rule.code.startswith("NUM-")
            assert rule.rationale and "§7" in rule.review_point and rule.examples.get("fail")
            assert rule.target_id.startswith(("T-", "A-"))
            # arithmetic contradictions are errors; only the tolerance/plausibility rules warn
            assert rule.severity == ("warning" if rule.code in ("NUM-006", "NUM-013") else "error"), rule.code


# ─── column_total ─────────────────────────────────────────────────────────────────────────────────

def test_changed_total_of_low_cost_results_is_an_error_at_the_cell(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表4-3", "合计", "70.90", "72.90"))
    f = only(check(path, "evaluation", "NUM-002"), "NUM-002")
    # 投资 W-1…W-14: 3.20+0.60+7.60+6.30+8.40+2.40+7.50+8.80+0.50+1.60+9.50+6.20+3.80+4.50 = 70.90;
    # 15 printed figures × 0.005 = 0.075; two header rows, so W-1…W-14 are table rows 3–16
    assert f.severity == "error" and f.status == "fail" and f.category == "numeric" and f.target_id == "T-18"
    assert f.evidence == "Σ 第3–16行 = 70.90 万元 ≠ 合计 72.90 万元（差 2.00，容差 ±0.075）"
    assert "「投资（万元）」列的合计与各行之和不符" in f.message
    assert (f.location.table, f.location.row, f.location.col) == (table_index(path, "表4-3"), 16, 3)


def test_total_row_of_a_group_sums_only_its_group(sh_acc, tmp_path):
    path = mutate(sh_acc, tmp_path, cell("表4-1", "经济效益合计", "237.79", "247.79"))
    f = only(check(path, "acceptance", "NUM-033"), "NUM-033")
    # "经济效益合计" closes only the 经济效益 rows: 191.52 + 46.27 = 237.79 (tolerance 3 × 0.005);
    # 1 header row + 40 indicator rows above, so they are table rows 42–43
    assert f.evidence == "Σ 第42–43行 = 237.79 万元/a ≠ 经济效益合计 247.79 万元/a（差 10.00，容差 ±0.015）"


def test_a_term_written_in_yuan_is_converted_to_the_column_unit(sh_eval, tmp_path):
    # 32000元 = 3.20 万元: the total still holds
    ok = mutate(sh_eval, tmp_path, cell("表4-3", "W-1", "3.20", "32000元"), name="yuan.docx")
    assert check(ok, "evaluation", "NUM-002").findings == []
    # without a unit the cell is read in the header's 万元: 70.90 − 3.20 + 32000 = 32067.70
    bad = mutate(sh_eval, tmp_path, cell("表4-3", "W-1", "3.20", "32000"), name="wan.docx")
    assert "Σ 第3–16行 = 32067.70 万元 ≠ 合计 70.90 万元" in only(check(bad, "evaluation", "NUM-002"), "NUM-002").evidence


def test_missing_totals_row_is_reported_as_a_warning(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, drop_row("表4-3", "合计"))
    f = only(check(path, "evaluation", "NUM-002"), "NUM-002")
    assert f.severity == "warning" and "没有合计行" in f.message


def test_energy_total_row_named_comprehensive_consumption(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表2-4", "综合能耗", "4772.16", "4872.16"))
    f = only(check(path, "evaluation", "NUM-004"), "NUM-004")
    # 2023 折标准煤: 1079.06 + 701.87 + 2991.24 = 4772.17 (the printed rows; 4 figures × 0.005 = 0.020)
    assert f.evidence == "Σ 第3–5行 = 4772.17 tce ≠ 综合能耗 4872.16 tce（差 99.99，容差 ±0.020）"


# ─── row_difference / row_rate ────────────────────────────────────────────────────────────────────

def test_changed_reduction_in_performance_table(sh_acc, tmp_path):
    path = mutate(sh_acc, tmp_path, cell("表4-1", "综合能耗", "541.93", "551.93"))
    f = only(check(path, "acceptance", "NUM-034"), "NUM-034")
    # 4772.16 − 4230.23 = 541.93; tolerance 3 × 0.005
    assert f.evidence == "审核前 4772.16 − 审核后 4230.23 = 541.93 ≠ 削减（节约）量 551.93（容差 ±0.015）"
    assert "「能源 综合能耗」行" in f.message and f.location.col == 5


def test_increase_targets_compare_the_magnitude(sh_eval, tmp_path):
    # 水重复利用率 93.1 → 94.0 prints its 提高量 0.9 = |93.1 − 94.0| (passes in the round trip); 1.9 does not
    path = mutate(sh_eval, tmp_path, cell("表2-14", "水重复利用率", "0.9", "1.9"))
    f = only(check(path, "evaluation", "NUM-009"), "NUM-009")
    assert "|93.1 − 94.0| = 0.9，表中为 1.9" in f.message and "（容差 ±0.15）" in f.evidence   # 3 × 0.05


def test_changed_reduction_rate(sh_acc, tmp_path):
    path = mutate(sh_acc, tmp_path, cell("表4-1", "COD", "23.7%", "32.7%"))
    f = only(check(path, "acceptance", "NUM-035"), "NUM-035")
    # 4.10 / 17.29 = 23.71 %; bounds 4.095/17.295 = 23.677 % and 4.105/17.285 = 23.749 %
    assert f.evidence == "削减率 = 削减（节约）量 / 审核前 = 4.10 / 17.29 = 23.71%（按显示精度 23.677–23.749%）≠ 表中 32.7%"


def test_changed_achievement_rate_with_pair_operands(sh_acc, tmp_path):
    path = mutate(sh_acc, tmp_path, cell("表5-1", "单位产品综合能耗", "135.6%", "153.6%"))
    f = only(check(path, "acceptance", "NUM-038"), "NUM-038")
    # (1.224 − 1.083) / (1.224 − 1.12) = 0.141 / 0.104 = 135.58 %; printed precision allows
    # [0.1400 / 0.1095, 0.1420 / 0.0985] = 127.854 %–144.162 %, so the printed 135.6 % passes and 153.6 % fails
    assert "= （1.224 − 1.083） / （1.224 − 1.12） = 135.58%（按显示精度 127.854–144.162%）≠ 表中 153.6%" in f.evidence


# ─── product_column ───────────────────────────────────────────────────────────────────────────────

def test_changed_standard_coal_figure(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表2-4", "电力", "1079.06", "1097.06"))
    f = only(check(path, "evaluation", "NUM-005"), "NUM-005")
    # 878.00 万kWh × 0.1229 kgce/kWh = 8 780 000 × 0.1229 kgce = 1079.06 tce; bounds
    # 877.995e4 × 0.12285 = 1078.617 and 878.005e4 × 0.12295 = 1079.507 → ±0.445, + 0.005 for the result
    assert f.evidence == ("折标准煤（tce）/2023年 = 878.00 万kWh × 0.1229 kgce/kWh = 1079.06 tce ≠ 表中 1097.06"
                          "（容差 ±0.450）")
    assert (f.location.row, f.location.col) == (2, 8)


def test_wrong_unit_of_quantity_is_caught(sh_eval, tmp_path):
    # the 电力 row in kWh instead of 万kWh: 812.00 kWh × 0.1229 = 99.8 kgce = 0.10 tce ≠ 997.95 (and 2022, 2023)
    path = mutate(sh_eval, tmp_path, cell("表2-4", "电力", "万kWh", "kWh"))
    found = [f for f in check(path, "evaluation", "NUM-005").findings]
    assert len(found) == 3
    assert found[0].evidence.startswith("折标准煤（tce）/2021年 = 812.00 kWh × 0.1229 kgce/kWh = 0.10 tce ≠ 表中 997.95")


def test_factor_from_the_factor_table_when_the_table_shows_none(sh_eval, tmp_path):
    dash = cell("表2-4", "电力", "0.1229 kgce/kWh", "—")
    assert check(mutate(sh_eval, tmp_path, dash, name="nofactor.docx"), "evaluation", "NUM-005").findings == []
    path = mutate(sh_eval, tmp_path, dash, cell("表2-4", "电力", "1079.06", "1097.06"))
    f = only(check(path, "evaluation", "NUM-005"), "NUM-005")
    # exact reference factor: only the quantity's ±50 kWh (= ±0.006 tce) and the result's ±0.005 remain
    assert "= 1079.06 tce ≠ 表中 1097.06（容差 ±0.011）" in f.evidence
    assert "表中未列折标系数，按系数表 gbt2589-2020「电力（当量值）」0.1229 kgce/kWh 核算" in f.evidence


def test_factor_differing_from_the_standard_is_a_warning(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表2-4", "电力", "0.1229 kgce/kWh", "0.1329 kgce/kWh"))
    f = only(check(path, "evaluation", "NUM-006"), "NUM-006")
    assert f.severity == "warning"
    assert "折标系数 0.1329 kgce/kWh 与系数表 gbt2589-2020" in f.message
    assert "电力（当量值） 0.1229 kgce/kWh" in f.evidence


# ─── balance ──────────────────────────────────────────────────────────────────────────────────────

def test_changed_input_total_breaks_total_difference_and_rate(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表3-1", "输入总计", "2226.00", "2262.00"))
    found = check(path, "evaluation", "NUM-012").findings
    assert [f.severity for f in found] == ["error"] * 3
    # Σ输入 = 931.00 + 676.00 + 323.00 + 118.00 + 82.00 + 96.00 = 2226.00 (7 figures × 0.005 = 0.035)
    assert found[0].evidence == "Σ输入 第2–7行 = 2226.00 ≠ 输入总计 2262.00（容差 ±0.035）"
    # 差值 = 2262.00 − 2207.20 = 54.80 ≠ 18.80
    assert found[1].evidence == "差值 = 2262.00 − 2207.20 = 54.80 ≠ 表中 18.80（容差 ±0.015）"
    # 偏差率 = 54.80 / 2262.00 = 2.4226 % ≠ 0.8 %
    assert found[2].evidence.startswith("偏差率 = (2262.00 − 2207.20) / 2262.00 = 2.423%")
    assert [f.location.row for f in found] == [7, 15, 16]


def test_balance_beyond_tolerance_is_a_warning_not_an_error(sh_eval, tmp_path):
    # a consistent but poor balance: product 1020.00 instead of 1320.00, totals and 差值 adjusted
    path = mutate(sh_eval, tmp_path, cell("表3-1", "UV-531成品", "1320.00", "1020.00"),
                  cell("表3-1", "输出总计", "2207.20", "1907.20"),
                  cell("表3-1", "差值（输入总计−输出总计）", "18.80", "318.80"), cell("表3-1", "偏差率", "0.8%", "14.3%"))
    result = check(path, "evaluation", "NUM-012", "NUM-013")
    f = only(result, "NUM-013")
    assert not [x for x in result.findings if x.rule == "NUM-012"]
    # 318.80 / 2226.00 = 14.32 % > 5 %
    assert f.severity == "warning" and "偏差率 14.32% 超出允许偏差 ±5.0%" in f.message


# ─── weighted_score ───────────────────────────────────────────────────────────────────────────────

def test_changed_total_score(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表2-13", "总分 Σ(R×W)", "350", "330"))
    f = only(check(path, "evaluation", "NUM-014"), "NUM-014")
    # 10×9 + 8×8 + 8×9 + 7×9 + 5×9 + 2×8 = 90 + 64 + 72 + 63 + 45 + 16 = 350
    assert f.evidence.startswith("Σ(W×R) = 10×9 + 8×8 + 8×9 + 7×9 + 5×9 + 2×8 = 350 ≠ 330；按表重算总分：")
    # the other candidates recomputed: 7·10+9·8+6·8+7·7+7·5+8·2 = 290; 3·10+7·8+3·8+2·7+7·5+7·2 = 173;
    # 7·10+4·8+8·8+6·7+5·5+6·2 = 245
    assert "合成一车间（UV-531生产线） 350；合成二车间（光稳定剂770、抗氧剂1076生产线） 290；" in f.evidence
    assert "公用工程（导热油炉、冷冻站、空压站、循环水系统） 173；污水处理站及RTO等环保设施 245" in f.evidence


def test_changed_weighted_cell(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表2-13", "主要消耗", "64", "46"))
    f = only(check(path, "evaluation", "NUM-014"), "NUM-014")
    assert f.evidence == "R×W = 8 × 8 = 64 ≠ 46"


def test_stated_focus_must_be_the_top_score_unless_justified(sh_eval, tmp_path):
    other = "确定「合成二车间（光稳定剂770、抗氧剂1076生产线）」为本轮审核重点"
    path = mutate(sh_eval, tmp_path, text("确定「合成一车间（UV-531生产线）」为本轮审核重点", other))
    f = only(check(path, "evaluation", "NUM-014"), "NUM-014")
    assert "不是权重总和计分最高者（最高者为「合成一车间（UV-531生产线）」）" in f.message
    assert f.evidence.endswith("「合成二车间（光稳定剂770、抗氧剂1076生产线）」290 分，排第 2 位")
    justified = mutate(sh_eval, tmp_path, text("确定「合成一车间（UV-531生产线）」为本轮审核重点", "综合考虑改造计划，" + other),
                       name="justified.docx")
    assert check(justified, "evaluation", "NUM-014").findings == []


# ─── economics ────────────────────────────────────────────────────────────────────────────────────

def test_changed_npv(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表5-3", "Z-1", "50.06", "60.06"))
    found = check(path, "evaluation", "NUM-015").findings
    # Σ_{j=1..10} 1.08^-j = 6.7101; NPV = 32.50 × 6.7101 − 168.00 = 218.08 − 168.00 = 50.08;
    # tolerance 0.005 × 6.7101 (F) + 0.005 (I) + 0.005 (NPV) = 0.044
    assert found[0].evidence == ("NPV = F × Σ1/(1+i)^j − I = 32.50 × 6.7101 − 168.00（i = 8.0%，n = 10） = 50.08"
                                 " ≠ 表中 60.06（容差 ±0.044）")
    # the printed NPVR no longer matches the printed NPV: 60.06 / 168.00 = 35.75 % ≠ 29.8 %
    assert found[1].evidence == "NPVR = NPV / I = 60.06 / 168.00 = 35.75% ≠ 表中 29.8%"
    assert len(found) == 2 and found[0].location.col == 9


def test_changed_irr(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表5-3", "Z-3", "34.3%", "24.3%"))
    f = only(check(path, "evaluation", "NUM-015"), "NUM-015")
    # 49.95 × Σ 1/(1+r)^j = 138.00 over 10 years → r = 34.30 % (24.3 % gives NPV ≈ +40, not 0)
    assert "→ IRR = 34.30%" in f.evidence and f.evidence.endswith("≠ 表中 24.3%")


def test_missing_inputs_make_the_scheme_not_evaluable(sh_eval, tmp_path):
    def drop_note(root):
        for p in root.iter(f"{W}p"):
            if paragraph_text(p).startswith("注：D = I/Y"):
                _set(p, "注：见上。")
                return
        raise AssertionError("note")
    path = mutate(sh_eval, tmp_path, drop_note)
    found = check(path, "evaluation", "NUM-015").findings
    assert [f.status for f in found] == ["not_evaluable"] * 3
    # i is still stated per scheme in 5.4 ("净现值50.06万元（贴现率8%）"); Y, t and n are not
    assert found[0].evidence == ("缺少：年折旧 D 需要 折旧期 Y；净利润 E 需要 所得税率 t；净现值 NPV 需要 项目寿命 n；"
                                 "内部收益率 IRR 需要 项目寿命 n")


# ─── scheme_counts ────────────────────────────────────────────────────────────────────────────────

def test_changed_count_sentence(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, text("其中无/低费方案14项、中/高费方案3项，预计总投资", "其中无/低费方案12项、中/高费方案3项，预计总投资"))
    f = only(check(path, "evaluation", "NUM-016"), "NUM-016")
    # T-16 lists W-1…W-14 (无/低费) and Z-1…Z-3 (中/高费); the stated total 17 still matches
    assert f.message == "正文所述方案数与方案表不符：无/低费方案 12 项（表中 14 项）"
    assert f.evidence.endswith("「表4-1 清洁生产方案汇总表」列出无/低费方案 14 项、中/高费方案 3 项，合计 17 项")
    assert f.location.paragraph is not None


def test_changed_item_count_in_a_totals_row(sh_eval, sh_acc, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表4-3", "合计", "共 14 项", "共 15 项"))
    f = only(check(path, "evaluation", "NUM-016"), "NUM-016")
    assert f.message == "「表4-3 已实施无/低费方案实施效果表」合计行写“共 15 项”，但表中列出 14 项"
    path = mutate(sh_acc, tmp_path, cell("表3-1", "合计", "共 14 项", "共 13 项"), name="acc.docx")
    assert "合计行写“共 13 项”，但表中列出 14 项" in only(check(path, "acceptance", "NUM-039"), "NUM-039").message


# ─── same_figure ──────────────────────────────────────────────────────────────────────────────────

def test_investment_of_one_scheme_differs_between_tables(sh_eval, tmp_path):
    path = mutate(sh_eval, tmp_path, cell("表6-1", "Z-2", "285.00", "258.00"))
    result = check(path, "evaluation", "NUM-017", "NUM-018")
    f17, f18 = only(result, "NUM-017"), only(result, "NUM-018")
    assert f17.evidence == ("「表4-1 清洁生产方案汇总表」「Z-2」的「预计投资（万元）」 285.00 万元 ≠ "
                            "「表6-1 方案实施计划表」「Z-2」的「投资（万元）」 258.00 万元（差 -27.00 万元，容差 ±0.010）")
    assert f18.location.table == table_index(path, "表5-3")


def test_plan_in_yuan_agrees_with_options_in_wan_yuan(sh_eval, tmp_path):
    yuan = [cell("表6-1", "方案编号", "投资（万元）", "投资（元）"), cell("表6-1", "Z-1", "168.00", "1680000"),
            cell("表6-1", "Z-3", "138.00", "1380000"), cell("表6-1", "合计", "591.00", "5910000")]
    ok = mutate(sh_eval, tmp_path, *yuan, cell("表6-1", "Z-2", "285.00", "2850000"), name="yuan-ok.docx")
    # 168.00 万元 = 1 680 000 元 …; 591.00 万元 (所需资金 in the text) = 5 910 000 元
    assert check(ok, "evaluation", "NUM-003", "NUM-017", "NUM-018", "NUM-022").findings == []
    bad = mutate(sh_eval, tmp_path, *yuan, cell("表6-1", "Z-2", "285.00", "2580000"), name="yuan-bad.docx")
    f = only(check(bad, "evaluation", "NUM-017"), "NUM-017")
    # 285.00 万元 ± 0.005 万元 = 2 850 000 ± 50 元; 2 580 000 ± 0.5 元: differ by 270 000 元
    assert f.evidence == ("「表4-1 清洁生产方案汇总表」「Z-2」的「预计投资（万元）」 285.00 万元（= 2850000 元） ≠ "
                          "「表6-1 方案实施计划表」「Z-2」的「投资（元）」 2580000 元（差 -270000 元，容差 ±50.5）")


def test_total_stated_in_text_differs_from_table(sh_eval, sh_acc, tmp_path):
    path = mutate(sh_eval, tmp_path, text("预计总投资662.50万元", "预计总投资626.50万元"))
    f = only(check(path, "evaluation", "NUM-020"), "NUM-020")
    assert f.message.startswith("正文「预计总投资626.50万元」的 626.50 万元 与「表4-1 清洁生产方案汇总表」「合计」行")
    assert f.location.paragraph is not None and f.location.table is None
    path = mutate(sh_acc, tmp_path, text("综合能耗由4772.16 tce/a", "综合能耗由4727.16 tce/a"), name="acc.docx")
    f = only(check(path, "acceptance", "NUM-040"), "NUM-040")
    assert "4772.16 tce/a ≠ 正文「综合能耗由4727.16 tce/a」 4727.16 tce/a（差 -45.00 tce/a" in f.evidence


# ─── tri-state ────────────────────────────────────────────────────────────────────────────────────

def test_a_table_that_is_not_there_makes_the_rule_not_evaluable(sh_acc):
    # the acceptance report has no material balance and no scoring table
    result = check(sh_acc, "evaluation", "NUM-012", "NUM-014")
    assert [(f.rule, f.status) for f in result.findings] == [("NUM-012", "not_evaluable"), ("NUM-014", "not_evaluable")]
    assert "未找到" in result.findings[0].message


# ─── synthetic tables: layouts the samples do not have ────────────────────────────────────────────

def synthetic(caption: str, rows: list[list[str]], paragraphs: tuple[str, ...] = (), header_rows: int = 1):
    from docgen.read.model import Cell, Document, Location, Paragraph, Table

    grid = [[Cell(text, row=r, col=c) for c, text in enumerate(row)] for r, row in enumerate(rows)]
    table = Table(index=0, grid=grid, header_rows=header_rows, header_paths=list(rows[0]),
                  location=Location(block=1, table=0), caption=caption)
    blocks = [Paragraph(caption, Location(block=0, paragraph=0)), table]
    blocks += [Paragraph(p, Location(block=2 + i, paragraph=1 + i)) for i, p in enumerate(paragraphs)]
    return Document(path="synthetic.docx", format="docx", sha256="0", blocks=blocks, tables=[table])


def run_rule(doc, raw: dict):
    rule = _rule({"code": "NUM-T", "title_zh": "t", "title_en": "t", "category": "numeric", "severity": "error",
                  "review_point": "test", "target_id": "T-18", **raw}, "test")
    return check_document(doc, Profile(id="t", title="t", version="t", kind="evaluation", effective=None,
                                       source="t", rules=(rule,))).findings


INVEST_SPEC = {"target_id": "T-18", "name": "投资表", "aliases": ["投资表"],
               "columns": [{"id": "id", "aliases": ["方案编号"]}, {"id": "investment", "aliases": ["投资"]}]}


def test_subtotals_and_grand_total():
    rows = [["方案编号", "投资（万元）"], ["A", "1.00"], ["B", "2.00"], ["小计", "3.00"], ["C", "4.00"],
            ["小计", "4.00"], ["合计", "7.00"]]
    rule = {"kind": "column_total", "params": {"table": INVEST_SPEC}}
    assert run_rule(synthetic("表1 投资表", rows), rule) == []
    # the grand total adds the detail rows A, B, C (rows 2, 3, 5), never the 小计 rows: 1 + 2 + 4 = 7.00
    rows[-1][1] = "10.00"
    (f,) = run_rule(synthetic("表1 投资表", rows), rule)
    assert f.evidence == "Σ 第2、3、5行 = 7.00 万元 ≠ 合计 10.00 万元（差 3.00，容差 ±0.020）"
    # a wrong 小计 is reported against its own block only: 4.00 (row 5) ≠ 5.00
    rows[-1][1], rows[5][1] = "7.00", "5.00"
    (f,) = run_rule(synthetic("表1 投资表", rows), rule)
    assert f.evidence == "Σ 第5行 = 4.00 万元 ≠ 小计 5.00 万元（差 1.00，容差 ±0.010）" and f.location.row == 5


def test_total_written_first_closes_the_rows_below():
    rows = [["方案编号", "投资（万元）"], ["合计", "6.50"], ["A", "1.25"], ["B", "5.00"]]
    (f,) = run_rule(synthetic("表1 投资表", rows), {"kind": "column_total", "params": {"table": INVEST_SPEC}})
    # 1.25 + 5.00 = 6.25 ≠ 6.50 (3 × 0.005)
    assert f.evidence == "Σ 第3–4行 = 6.25 万元 ≠ 合计 6.50 万元（差 0.25，容差 ±0.015）"


def test_merged_and_dash_cells_are_skipped_not_counted():
    from docgen.read.model import Cell
    rows = [["方案编号", "投资（万元）", "备注"], ["A", "1.00", "—"], ["B", "—", ""], ["合计", "1.00", "—"]]
    doc = synthetic("表1 投资表", rows)
    spanning = Cell("2.00 见说明", row=2, col=1, colspan=2)   # a figure spanning two columns belongs to neither
    doc.tables[0].grid[2][1] = doc.tables[0].grid[2][2] = spanning
    assert run_rule(doc, {"kind": "column_total", "params": {"table": INVEST_SPEC}}) == []


def test_side_by_side_balance_layout():
    rows = [["输入/物料名称", "输入/数量（kg）", "输出/物料名称", "输出/数量（kg）"],
            ["原料A", "600", "产品", "700"], ["原料B", "400", "废水", "250"], ["合计", "1000", "合计", "950"],
            ["差值", "60", "偏差率", "5.0%"]]
    spec = {"target_id": "T-13", "name": "物料平衡表", "aliases": ["物料平衡表"],
            "columns": [{"id": "name", "aliases": ["物料名称"]}, {"id": "quantity", "aliases": ["数量"]}]}
    found = run_rule(synthetic("表3-1 物料平衡表", rows), {"kind": "balance", "params": {"table": spec}})
    # 差值 = 1000 − 950 = 50 ≠ 60; 偏差率 = 50 / 1000 = 5.0 % as printed (the rate is checked from the totals)
    assert [f.evidence for f in found] == ["差值 = 1000 − 950 = 50 ≠ 表中 60（容差 ±1.5）"]


def test_candidates_as_rows_scoring_layout():
    rows = [["备选审核重点", "废弃物量", "主要消耗", "总分", "排序"], ["权重值", "10", "8", "—", "—"],
            ["车间甲", "9", "8", "154", "1"], ["车间乙", "7", "9", "142", "2"]]
    spec = {"target_id": "T-11", "name": "权重总和计分排序表", "aliases": ["权重总和计分排序表"],
            "columns": [{"id": "candidate", "aliases": ["备选审核重点"]}]}
    rule = {"kind": "weighted_score", "params": {"table": spec}}
    para = ("经权重总和计分排序，确定车间甲为本轮审核重点。",)
    assert run_rule(synthetic("表2-13 权重总和计分排序表", rows, para), rule) == []
    # 车间乙: 10×7 + 8×9 = 142; printed 124 → error; the rank is still right (154 > 142)
    rows[3][3] = "124"
    (f,) = run_rule(synthetic("表2-13 权重总和计分排序表", rows, para), rule)
    assert f.evidence.startswith("Σ(W×R) = 10×7 + 8×9 = 142 ≠ 124")


def test_count_statement_variants():
    from docgen.check.kinds.numeric_counts import _count_rx, parse_counts
    low = _count_rx(["无/低费", "无低费", "无、低费"])
    high = _count_rx(["中/高费", "中高费", "中、高费"])
    assert parse_counts("共提出清洁生产方案15项，其中无/低费方案12项、中/高费方案3项", low, high) == {"low": 12, "high": 3, "total": 15}
    assert parse_counts("按审核报告9个无/低费方案，1个中/高费方案实施", low, high) == {"low": 9, "high": 1}
    assert parse_counts("无低费方案 12 项，中高费方案 3 项，合计 15 项", low, high) == {"low": 12, "high": 3, "total": 15}
    assert parse_counts("其中无、低费方案十二项，中、高费方案三项", low, high) == {"low": 12, "high": 3}
    assert parse_counts("共提出无/低费方案7项", low, high) is None                 # one class only: a stage count
    assert parse_counts("无/低费方案71.50万元、中/高费方案591.00万元", low, high) is None  # money, not counts


def test_options_list_missing_is_not_evaluable_not_read_from_the_plan(sh_eval, tmp_path):
    def drop_options(root):
        tbl = _table_after(root, "表4-1")
        tbl.getparent().remove(tbl)
    path = mutate(sh_eval, tmp_path, drop_options)
    (f,) = check(path, "evaluation", "NUM-001").findings
    # the plan T-21 shares 方案编号/方案名称/费用类别/投资 but shows 资金来源 (the spec's exclude): not taken for T-16
    assert f.status == "not_evaluable" and "未找到清洁生产方案汇总表（T-16）" in f.message


# ─── every sample, not only the Shanghai one ──────────────────────────────────────────────────────

@pytest.mark.parametrize("stem, total", [(SH, "662.50"), ("audit-electroplating", "255.40"),
                                         ("audit-packaging-printing", "595.40")])
def test_options_total_changed_in_each_sample(rendered_reports, tmp_path, stem, total):
    # the 合计 of 预计投资 in T-16 raised by 100.00: the printed rows still add up to the old total
    changed = f"{float(total) + 100:.2f}"
    path = mutate(rendered_reports[(stem, "evaluation")], tmp_path, cell("表4-1", "合计", total, changed))
    f = only(check(path, "evaluation", "NUM-001"), "NUM-001")
    assert f" = {total} 万元 ≠ 合计 {changed} 万元（差 100.00，" in f.evidence


@pytest.mark.parametrize("stem, total", [(SH, "237.79"),
                                         ("audit-electroplating", "133.19"),
                                         ("audit-packaging-printing", "324.80")])
def test_benefit_total_changed_in_each_sample(rendered_reports, tmp_path, stem, total):
    changed = f"{float(total) + 1:.2f}"
    path = mutate(rendered_reports[(stem, "acceptance")], tmp_path, cell("表4-1", "经济效益合计", total, changed))
    f = only(check(path, "acceptance", "NUM-033"), "NUM-033")
    assert f"= {total} 万元/a ≠ 经济效益合计 {changed} 万元/a（差 1.00，容差 ±0.015）" in f.evidence


def test_diesel_in_tonnes_against_a_per_kg_factor(rendered_reports, tmp_path):
    src = rendered_reports[("audit-electroplating", "evaluation")]
    path = mutate(src, tmp_path, cell("表2-4", "柴油", "5.97", "59.70"))
    f = only(check(path, "evaluation", "NUM-005"), "NUM-005")
    # 4.10 t × 1.4571 kgce/kg = 4100 kg × 1.4571 = 5974.11 kgce = 5.97 tce; bounds 4095 × 1.45705 = 5966.62
    # and 4105 × 1.45715 = 5981.60 kgce → ±0.00749 tce, + 0.005 for the result = 0.01249 → 0.012
    assert f.evidence == "折标准煤（tce）/2023年 = 4.10 t × 1.4571 kgce/kg = 5.97 tce ≠ 表中 59.70（容差 ±0.012）"


def test_options_grouped_by_class_rows_instead_of_a_column():
    from docgen.read.model import Cell
    rows = [["方案编号", "方案名称", "预计投资（万元）"], ["", "", ""], ["W-1", "照明改造", "1.00"], ["W-2", "查漏", "0.50"],
            ["", "", ""], ["Z-1", "余热回收", "80.00"], ["合计", "共 3 项（无/低费 2 项，中/高费 1 项）", "81.50"]]
    spec = {"target_id": "T-16", "name": "清洁生产方案汇总表", "aliases": ["清洁生产方案汇总表"],
            "columns": [{"id": "id", "aliases": ["方案编号"]}, {"id": "investment", "aliases": ["预计投资"]}]}
    rule = {"kind": "scheme_counts", "params": {"sources": [{"table": spec, "category_column": "cost_class"}],
                                                "row_count_tables": [spec]}}

    def doc(sentence):
        d = synthetic("表4-1 清洁生产方案汇总表", rows, (sentence,))
        grid = d.tables[0].grid
        for r, label in ((1, "一、无/低费方案"), (4, "二、中/高费方案")):   # group rows merged across the table
            merged = Cell(label, row=r, col=0, colspan=3)
            grid[r] = [merged, merged, merged]
        return d

    assert run_rule(doc("共提出清洁生产方案3项，其中无/低费方案2项、中/高费方案1项。"), rule) == []
    (f,) = run_rule(doc("共提出清洁生产方案3项，其中无/低费方案3项、中/高费方案1项。"), rule)
    # the group rows classify W-1, W-2 (无/低费) and Z-1 (中/高费): 2 + 1 = 3; the sentence says 3 + 1
    assert f.message == "正文所述方案数与方案表不符：无/低费方案 3 项（表中 2 项）"


def test_economics_with_parameters_stated_once_and_static_payback():
    # I = 100.00, P = 25.00, Y = 10, t = 25 %, i = 8 %, n = 10 (stated once, for every scheme):
    # D = 10.00; T = 25.00 − 10.00 = 15.00; E = 15.00 × 0.75 = 11.25; F = 11.25 + 10.00 = 21.25;
    # static N = I / P = 4.00 (I / F would be 4.71); NPV = 21.25 × 6.7101 − 100.00 = 42.59; NPVR = 42.6 %;
    # IRR: 21.25 × Σ(1+r)^-j = 100 → A(r) = 4.7059, between A(16.5 %) = 4.7447 and A(17 %) = 4.6586 → 16.7 %
    header = ["方案编号", "总投资 I（万元）", "年运行费用节省 P（万元/a）", "年折旧 D（万元/a）", "应税利润 T（万元/a）",
              "净利润 E（万元/a）", "年增现金流量 F（万元/a）", "投资偿还期 N（年）", "净现值 NPV（万元）", "净现值率 NPVR",
              "内部收益率 IRR"]
    row = ["Z-1", "100.00", "25.00", "10.00", "15.00", "11.25", "21.25", "4.00", "42.59", "42.6%", "16.7%"]
    note = ("注：各方案折旧期 Y = 10 年，项目寿命 n = 10 年，所得税率 t = 25%，贴现率 i = 8%。",)
    spec = {"target_id": "T-19c", "name": "中/高费方案经济评估表", "aliases": ["中/高费方案经济评估表"], "columns": [
        {"id": "id", "aliases": ["方案编号"]}, {"id": "I", "aliases": ["总投资I"]},
        {"id": "P", "aliases": ["年运行费用节省P"], "required": False}, {"id": "D", "aliases": ["年折旧D"], "required": False},
        {"id": "T", "aliases": ["应税利润T"], "required": False}, {"id": "E", "aliases": ["净利润E"], "required": False},
        {"id": "F", "aliases": ["年增现金流量F"], "required": False}, {"id": "N", "aliases": ["投资偿还期N"]},
        {"id": "NPV", "aliases": ["净现值NPV"]}, {"id": "NPVR", "aliases": ["净现值率NPVR"], "required": False},
        {"id": "IRR", "aliases": ["内部收益率IRR"]}]}
    doc = synthetic("表5-3 中/高费方案经济评估表", [header, row], note)
    assert run_rule(doc, {"kind": "economics", "params": {"table": spec}}) == []
    (f,) = run_rule(doc, {"kind": "economics", "params": {"table": spec, "payback": "cash_flow"}})
    # tolerance: (100.005 / 21.245 − 99.995 / 21.255) / 2 = (4.70728 − 4.70461) / 2 = 0.0013, + 0.005 = 0.006
    assert f.evidence == "N = I / F = 100.00 / 21.25 = 4.71 ≠ 表中 4.00（容差 ±0.006）"
