"""docgen.check.tables on hand-written tables: header matching (levels, units, exact before
contains), units, filled/placeholder cells, captions, recognition and 续表 pieces."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from docgen.check.tables import (
    CAPTION_BONUS,
    CONTAINS_SCORE,
    caption_title,
    find_column,
    header_unit,
    is_filled,
    is_placeholder,
    recognise,
    score_table,
)
from docgen.read.model import Cell, Document, Location, Table

LEFT, UP = "<", "^"  # header shorthand: merged with the cell to the left / above


def make_table(header: list[list[str]], rows: list[list[str]] = (), *, caption: str | None = None, index: int = 0,
               continued_from: int | None = None) -> Table:
    """A Table as the reader builds it: merged header cells are ONE Cell at every position."""
    grid: list[list[Cell]] = []
    for r, texts in enumerate(header):
        row: list[Cell] = []
        for c, text in enumerate(texts):
            if text == LEFT:
                cell = row[c - 1]
                cell.colspan += 1
            elif text == UP:
                cell = grid[r - 1][c]
                cell.rowspan += 1
            else:
                cell = Cell(text, row=r, col=c)
            row.append(cell)
        grid.append(row)
    for r, texts in enumerate(rows, start=len(header)):
        grid.append([Cell(t, row=r, col=c) for c, t in enumerate(texts)])
    paths = []
    for c in range(len(header[0])):
        levels = []
        for r in range(len(header)):
            if not levels or levels[-1] is not grid[r][c]:
                levels.append(grid[r][c])
        paths.append("/".join(x.text for x in levels if x.text))
    return Table(index=index, grid=grid, header_rows=len(header), header_paths=paths,
                 location=Location(block=index, table=index), caption=caption, continued_from=continued_from)


# ─── find_column ────────────────────────────────────────────────────────────────────────────────

def test_every_header_level_is_a_candidate():
    t = make_table([["污染物", "污染物排放量", LEFT, "削减率（%）"],
                    [UP, "审核前", "审核后", UP]])
    assert t.header_paths == ["污染物", "污染物排放量/审核前", "污染物排放量/审核后", "削减率（%）"]
    assert find_column(t, ["审核前"]) == 1          # lower level
    assert find_column(t, ["审核后", "实施后"]) == 2
    assert find_column(t, ["污染物排放量/审核后"]) == 2  # the whole path
    assert find_column(t, ["削减率"]) == 3           # unit split off
    assert find_column(t, ["排放浓度"]) is None


def test_exact_before_contains_and_leftmost_on_ties():
    t = make_table([["产品名称", "名称", "规格"]])
    assert find_column(t, ["名称"]) == 1             # exact beats 产品名称 ⊃ 名称 on the left
    t = make_table([["预计投资（万元）", "实际投资额（万元）"]])
    assert find_column(t, ["投资"]) == 0             # both contain, the leftmost wins
    assert find_column(t, ["投资"], exclude={0}) == 1


def test_matching_form_ignores_width_spaces_script_and_conjunctions():
    t = make_table([["方 案 編 號", "投资额(万元)", "原辅材料及能源", "I 级基准值"]])
    assert find_column(t, ["方案编号"]) == 0         # spaces + traditional
    assert find_column(t, ["投资额（万元）"]) == 1    # full-width brackets in the alias, half-width in the header
    assert find_column(t, ["原辅材料和能源"]) == 2    # 及 → 和
    assert find_column(t, ["Ⅰ级基准值"]) == 3        # Roman numeral Ⅰ (U+2160) → I by NFKC


def test_single_character_aliases_never_match_by_containment():
    t = make_table([["设备名称", "数量"]])
    assert find_column(t, ["量"]) is None            # a one-character alias would match everything
    assert find_column(t, ["数量"]) == 1


# ─── header_unit ────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("header, unit", [
    ("投资（万元）", "万元"),
    ("削减率（%）", "%"),
    ("废水量(t/a)", "t/a"),
    ("电 （万kWh/a）", "万kWh/a"),
    ("风量（m³/h）", "m3/h"),                        # folded by NFKC: ³ → 3, as the numeric rules read units
    ("方案名称", None),
])
def test_header_unit(header, unit):
    assert header_unit(make_table([[header]]), 0) == unit


def test_header_unit_of_a_group_applies_to_its_columns():
    t = make_table([["名称", "近三年产生量（t/a）", LEFT],
                    [UP, "2022年", "2023年（万t）"]])
    assert header_unit(t, 1) == "t/a"               # from the group
    assert header_unit(t, 2) == "万t"               # the lowest level wins
    assert header_unit(t, 0) is None


# ─── filled / placeholder ───────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("text", ["X", "×", "XXX有限公司", "20XX年", "【企业名称】", "{{ enterprise.name }}", "____",
                                  "待定", "待补充", "数据待补充"])
def test_placeholders_are_not_filled(text):
    assert is_placeholder(text)
    assert not is_filled(text)
    assert not is_filled(text, na_markers=())


@pytest.mark.parametrize("text", ["12.50", "LDAR检测频次由每年1次提高到每季度1次", "NOx", "环办科技〔2018〕5号",
                                  "2×3 台", "有机溶剂X1"])
def test_real_content_is_filled(text):
    assert not is_placeholder(text)
    assert is_filled(text)


@pytest.mark.parametrize("text", ["—", "-", "/", "无", "不适用", "／"])
def test_not_applicable_markers_count_only_where_allowed(text):
    assert not is_filled(text)                      # default: a column that must hold a value
    assert is_filled(text, na_markers=())           # a column that allows n/a


def test_empty_is_never_filled():
    assert not is_filled("") and not is_filled("  \u3000") and not is_filled("", na_markers=())


# ─── captions ───────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("caption, title", [
    ("表2-3 主要原辅材料消耗表", "主要原辅材料消耗表"),
    ("表 4-1  清洁生产方案汇总表", "清洁生产方案汇总表"),
    ("续表2-3 主要原辅材料消耗表", "主要原辅材料消耗表"),
    ("附表1 审核小组成员表", "审核小组成员表"),
    ("表3.2：物料平衡表", "物料平衡表"),
    (None, ""),
])
def test_caption_title(caption, title):
    assert caption_title(caption) == title


# ─── recognition ────────────────────────────────────────────────────────────────────────────────

SCHEMES = {"target_id": "T-16", "name": "清洁生产方案汇总表", "aliases": ["方案汇总表"],
           "columns": [{"id": "scheme_id", "name": "方案编号"},
                       {"id": "scheme_name", "name": "方案名称", "aliases": ["项目名称"]},
                       {"id": "investment", "name": "预计投资", "aliases": ["投资"]},
                       {"id": "remark", "name": "备注", "required": False}]}
PLAN = {"target_id": "T-21", "name": "方案实施计划表",
        "columns": [{"id": "scheme_name", "name": "方案名称"}, {"id": "investment", "name": "投资"},
                    {"id": "funding", "name": "资金来源"}]}


def _ctx(*tables: Table):
    doc = Document(path="x.docx", format="docx", sha256="0", blocks=list(tables), tables=list(tables))
    return SimpleNamespace(doc=doc, cache={}, profile=None)


def test_score_is_coverage_plus_caption_bonus():
    t = make_table([["方案编号", "项目名称", "投资额（万元）"]], caption="表4-1 清洁生产方案汇总表")
    m = score_table(t, SCHEMES)
    # 方案编号 exact 1, 项目名称 exact alias 1, 投资额 ⊃ 投资 0.8 → (1 + 1 + 0.8) / 3; caption exact
    assert m.coverage == pytest.approx(2.8 / 3, abs=1e-4)
    assert m.score == pytest.approx(2.8 / 3 + CAPTION_BONUS, abs=1e-4)
    assert m.columns == {"scheme_id": 0, "scheme_name": 1, "investment": 2} and m.missing == []
    assert m.how == "caption+header"


def test_a_table_goes_to_one_target_best_score_first():
    schemes = make_table([["方案编号", "方案名称", "投资（万元）"]], [["W-1", "LED", "6.2"]], index=0)
    plan = make_table([["方案名称", "投资（万元）", "资金来源"]], [["LED", "6.2", "自筹"]], index=1)
    found = recognise(_ctx(schemes, plan), [SCHEMES, PLAN])
    assert found["T-16"].table is schemes and found["T-21"].table is plan
    # without the plan table, T-21 cannot take the options list (2 of 3 concepts: 0.67 < 0.8) …
    found = recognise(_ctx(schemes), [SCHEMES, PLAN])
    assert "T-21" not in found and found["T-16"].table is schemes


def test_caption_rescues_a_table_with_one_column_renamed():
    header = [["方案编号", "方案名称", "金额"]]
    assert "T-16" not in recognise(_ctx(make_table(header)), [SCHEMES])     # 2/3 = 0.67
    m = recognise(_ctx(make_table(header, caption="表4-1 方案汇总表")), [SCHEMES])["T-16"]
    assert m.how == "caption" and m.missing == ["investment"]
    assert m.score == pytest.approx(2 / 3 + CAPTION_BONUS, abs=1e-4)


def test_continued_table_is_a_piece_not_a_second_table():
    first = make_table([["方案编号", "方案名称", "投资（万元）"]], [["W-1", "a", "1"]],
                       caption="表4-1 清洁生产方案汇总表", index=0)
    rest = make_table([["方案编号", "方案名称", "投资（万元）"]], [["W-2", "b", "2"], ["W-3", "c", "3"]],
                      caption="续表4-1 清洁生产方案汇总表", index=1, continued_from=0)
    m = recognise(_ctx(first, rest), [SCHEMES])["T-16"]
    assert m.table is first and m.pieces == [rest]
    assert [cells[0].text for _, _, cells in m.data_rows()] == ["W-1", "W-2", "W-3"]


def test_cell_concepts_find_row_labels_and_contains_matches():
    spec = {"target_id": "T-13", "name": "物料平衡表",
            "columns": [{"id": "material", "name": "物料名称"}, {"id": "quantity", "name": "数量"},
                        {"id": "input", "name": "输入", "where": "cell"},
                        {"id": "output", "name": "输出", "where": "cell"}]}
    balance = make_table([["项目", "物料名称", "数量（t）"]], [["输入", "甲苯", "10"], ["输出物料", "产品", "9"]])
    m = score_table(balance, spec)
    # 输入 exact 1, 输出物料 starts with 输出 0.8
    assert m.coverage == pytest.approx((1 + 1 + 1 + CONTAINS_SCORE) / 4, abs=1e-4)
    assert m.cells == {"input": (1, 0), "output": (2, 0)}
    equipment = make_table([["设备名称", "数量（台）"]], [["反应釜", "3"]])
    assert score_table(equipment, spec).missing == ["material", "input", "output"]


def test_exclude_penalises_a_sibling_table():
    spec = dict(SCHEMES, exclude=["资金来源"])
    plan_like = make_table([["方案编号", "方案名称", "投资（万元）", "资金来源"]])
    assert score_table(plan_like, SCHEMES).score == pytest.approx(1.0, abs=1e-4)
    assert score_table(plan_like, spec).score == pytest.approx(0.7, abs=1e-4)


# ─── the kind on hand-made documents ────────────────────────────────────────────────────────────

def _run_kind(rule_params: dict, *tables: Table, target_id: str = "T-5"):
    from docgen.check.context import RuleContext
    from docgen.check.kinds import load_kinds
    from docgen.check.profile import Profile, Rule

    rule = Rule(code="TBL-900", kind="required_table", title_zh="测试", title_en="test", category="table",
                severity="error", review_point="test", target_id=target_id, target=rule_params["name"],
                params=rule_params)
    profile = Profile(id="test", title="test", version="0", kind="evaluation", effective=None, source="test",
                      rules=(rule,))
    doc = Document(path="x.docx", format="docx", sha256="0", blocks=list(tables), tables=list(tables))
    return list(load_kinds()["required_table"](RuleContext(doc, rule, profile, None, {})))


KEY_VALUE = {"name": "企业基本情况表", "layout": "key_value",
             "columns": [{"id": "enterprise_name", "name": "企业名称"}, {"id": "industry", "name": "所属行业"},
                         {"id": "legal_rep", "name": "法定代表人", "aliases": ["法人代表"]},
                         {"id": "address", "name": "地址"}]}


def test_key_value_form_with_four_columns_and_no_header():
    t = make_table([["企业名称", "上海某化工有限公司", "所属行业", "化学试剂和助剂制造"]],
                   [["法人代表", "", "地址及邮政编码", "上海市金山区 201512"]])
    (f,) = _run_kind(KEY_VALUE, t)
    # 法人代表 (alias) at row 1 col 0; its value is the next cell to the right, empty
    assert f.message.startswith("表格「企业基本情况表」中「法人代表」未填写")
    assert (f.location.table, f.location.row, f.location.col) == (0, 1, 1)


def test_summary_and_section_rows_are_not_data_rows():
    spec = {"name": "已实施无/低费方案实施效果表", "min_rows": 2,
            "columns": [{"id": "scheme_id", "name": "方案编号"}, {"id": "scheme_name", "name": "方案名称"},
                        {"id": "investment", "name": "投资"}]}
    t = make_table([["方案编号", "方案名称", "投资（万元）"]], [
        ["一、无/低费方案", "", ""],      # section label, other cells empty
        ["W-1", "LED照明改造", "6.20"],
        ["W-2", "冷却水回用", "3.10"],
        ["合计", "—", "9.30"],            # computed row: "—" in 方案名称 is not a missing value
    ], caption="表4-3 已实施无/低费方案实施效果表")
    assert _run_kind(spec, t, target_id="T-18") == []
    t.grid[3][2] = Cell("", row=3, col=2)  # W-2 without investment: 2 of 3 required filled → still a data row
    (f,) = _run_kind(spec, t, target_id="T-18")
    assert (f.location.row, f.location.col) == (3, 2) and "「投资」栏为空" in f.message
    spec_more = dict(spec, min_rows=3)
    assert any("填写的数据行不足：2 行，应至少 3 行" in f.message for f in _run_kind(spec_more, t, target_id="T-18"))
