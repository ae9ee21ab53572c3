"""One hand-checked table per builder module, on the tiny audit of tests/tables/data/tiny-audit.yaml.

The expected texts are worked out by hand in the header comment of that file.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tables_helpers import TINY, load

from docgen.tables import EMPTY, build_table, build_tables
from docgen.tables.cells import Num, Pct, format_number, render


@pytest.fixture(scope="module")
def audit():
    return load(TINY)


def without(audit, **changes):
    return audit.model_copy(update=changes)


# builders_s1 ---------------------------------------------------------------------------------
def test_t1_members_and_t4_barriers(audit):
    t1 = build_table(audit, "T-1")
    assert t1.header_rows == [["序号", "所属小组", "姓名", "审核小组职务", "来自部门及职务", "职称", "专业", "职责", "应投入的时间"]]
    assert t1.rows[0][:3] == ["1", "领导小组", "张三"]
    assert t1.rows[0][5] == EMPTY  # no 职称 given
    t2 = build_table(audit, "T-2")
    assert t2.rows[0][0] == "1.筹划和组织" and t2.rows[0][2] == "2024年4月30日"
    assert t2.raw_rows[0][2] == dt.date(2024, 4, 30)
    assert build_table(audit, "T-4").rows == [["1", "思想观念", "认为达标即可", "动员培训"]]
    organisation = audit.organisation.model_copy(update={"barriers": []})
    assert build_table(without(audit, organisation=organisation), "T-4") is None


# builders_baseline ---------------------------------------------------------------------------
def test_t7e_energy(audit):
    t = build_table(audit, "T-7e")
    assert t.header_rows[0][2:5] == ["近三年消耗量"] * 3
    assert t.header_rows[1][2:5] == ["2021年", "2022年", "2023年"]
    electricity = t.rows[0]
    assert electricity[0] == "电" and electricity[5] == "0.1229 kgce/kWh" and electricity[8] == "147.48"
    assert t.total_row[0] == "综合能耗" and t.total_row[8] == "293.20"
    assert t.raw_total[8] == Decimal("293.196")


def test_t9_pollution(audit):
    t = build_table(audit, "T-9a")
    assert t.header_rows[0][9] == "污染物排放量（2023年，t/a）"
    assert t.rows[0][8] == "达标" and t.rows[0][9] == "2.00"
    assert build_table(audit, "T-9d").rows == [["东厂界", "58.5", "65", "48", "55", "达标"]]


# builders_focus ------------------------------------------------------------------------------
def test_t11_scoring(audit):
    t = build_table(audit, "T-11")
    assert t.header_rows[0] == ["因素", "权重值 W", "合成车间", "合成车间", "包装车间", "包装车间"]
    assert t.header_rows[1] == ["因素", "权重值 W", "得分 R", "加权分 R×W", "得分 R", "加权分 R×W"]
    assert t.rows[0] == ["废弃物量", "10", "9", "90", "5", "50"]
    assert t.rows[-2] == ["总分 Σ(R×W)", EMPTY, EMPTY, "154", EMPTY, "98"]
    assert t.rows[-1] == ["排序", EMPTY, EMPTY, "1", EMPTY, "2"]
    t12 = build_table(audit, "T-12")
    assert t12.rows[0][6] == "8.0%"  # (0.25 − 0.23) / 0.25


# builders_audit ------------------------------------------------------------------------------
def test_t13_material_balance(audit):
    t = build_table(audit, "T-13")
    rows = {r[1]: r for r in t.rows}
    assert rows["输入总计"][3] == "1060.00" and rows["输出总计"][3] == "1045.00"
    assert rows["差值（输入总计−输出总计）"][3] == "15.00"
    assert rows["偏差率"][3] == "1.4%"
    assert t.header_rows == [["项目", "物料名称", "物料类别", "数量（t/a）", "备注"]]
    assert build_table(without(audit, water_balance=None), "T-14") is None
    assert build_table(audit, "T-14").total_row[1] == "20000"


# builders_schemes ----------------------------------------------------------------------------
def test_t16_t18_t19c(audit):
    t16 = build_table(audit, "T-16")
    assert t16.total_row[5] == "127.00" and t16.total_row[7] == "49.00"
    assert t16.total_row[2] == "共 3 项（无/低费 2 项，中/高费 1 项）"
    t18 = build_table(audit, "T-18")
    assert t18.total_row == ["合计", "共 2 项", EMPTY, "7.00", "12.29", EMPTY, "9.00"]
    t19c = build_table(audit, "T-19c")
    assert t19c.rows[0][2:9] == ["120.00", "40.00", "12.00", "28.00", "21.00", "33.00", "3.64"]
    assert t19c.rows[0][-1] == "可行"


# builders_results ----------------------------------------------------------------------------
def test_acceptance_tables(audit):
    a5 = build_table(audit, "A-5")
    assert a5.total_row[5] == "47.00"
    assert "经济效益是指节能降耗的经济效益与削减污染物排放的经济效益的加和" in a5.note
    a6 = build_table(audit, "A-6")
    assert a6.rows[0][3:7] == ["200", "150", "50", "25.0%"]
    t23 = build_table(audit, "T-23")
    assert t23.rows[0][6:] == ["150.0%", "超额完成"]
    assert [t.id for t in build_tables(without(audit, post_audit=None), "acceptance")] == []
    assert build_table(without(audit, post_audit=None), "A-1") is None
    targets = [t.model_copy(update={"actual": None}) for t in audit.targets]
    assert build_table(without(audit, targets=targets), "T-23") is None


def test_unknown_table_id(audit):
    with pytest.raises(KeyError):
        build_table(audit, "T-99")


# cells ---------------------------------------------------------------------------------------
def test_cell_formatting_rules():
    assert render(None, None) == EMPTY and render("", None) == EMPTY
    assert render(dt.date(2025, 3, 5), None) == "2025年3月5日"
    assert render(Pct(Decimal("0.1234")), None) == "12.3%"
    assert render(Num(Decimal("0.125"), places=2), None) == "0.13"  # ROUND_HALF_UP
    assert render(Num(Decimal("122.9"), "tce"), None) == "122.90"
    assert format_number(Decimal("0.352"), None, "natural") == "0.352"
    assert format_number(Decimal("16.666666"), None, "sig") == "16.67"
    assert format_number(Decimal("0.0016"), 2, "fixed") == "0.0016"  # never print a real value as 0.00
    assert format_number(Decimal("0"), 2, "fixed") == "0.00"
