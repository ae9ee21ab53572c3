"""required_table on defective documents made by editing the engine's own DOCX (word/document.xml):
a table deleted, a column renamed, rows emptied, a cell emptied, a table moved, a picture instead
of a table, a 续表, a consultancy's own header wording, a report without 中/高费 schemes.
Expected values are worked out by hand from the rule pack and the sample data."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from lxml import etree

from docgen.check.conditions import has_high_cost_schemes
from docgen.check.context import RuleContext
from docgen.check.engine import check_document
from docgen.check.profile import load_profile
from docgen.check.tables import recognise
from docgen.read import read_document
from tests.check.conftest import ROOT, W, edit_docx, paragraph_text

FINE = ("audit-shanghai-fine-chemical", "evaluation")
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PIC_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def check(path, kind="evaluation"):
    return check_document(read_document(path), load_profile(f"national-2018-{kind}"))


def tbl_findings(result, code=None):
    return [f for f in result.findings if f.rule.startswith("TBL-") and (code is None or f.rule == code)]


def table_after(root, caption: str):
    """The w:tbl right after the caption paragraph with this text."""
    for p in root.iter(f"{W}p"):
        if paragraph_text(p) == caption:
            tbl = p.getnext()
            assert tbl.tag == f"{W}tbl", caption
            return p, tbl
    raise AssertionError(f"caption {caption} not found")


def rows(tbl):
    return tbl.findall(f"{W}tr")


def set_text(tc, text: str) -> None:
    ts = list(tc.iter(f"{W}t"))
    if not ts:
        run = etree.SubElement(tc.find(f"{W}p"), f"{W}r")
        ts = [etree.SubElement(run, f"{W}t")]
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def cell(tbl, r: int, c: int):
    return rows(tbl)[r].findall(f"{W}tc")[c]


def delete_table(caption: str):
    def edit(root):
        p, tbl = table_after(root, caption)
        p.getparent().remove(p)
        tbl.getparent().remove(tbl)
    return edit


# ─── missing ────────────────────────────────────────────────────────────────────────────────────

def test_deleted_table_is_missing_with_the_nearest_candidates(rendered_reports, tmp_path):
    path = edit_docx(rendered_reports[FINE], tmp_path / "no-t8.docx", delete_table("表2-6 主要生产设备表"))
    result = check(path)
    (f,) = tbl_findings(result)
    assert (f.rule, f.target_id, f.severity, f.status, f.category) == ("TBL-007", "T-8", "error", "fail", "table")
    assert f.message == "未找到「主要生产设备表」（T-8）"
    # by hand: the balance table 项目|物料名称|物料类别|数量（t）|备注 has 物料名称 ⊃ 名称 (0.8) and 数量 (1)
    # of the three required concepts 设备名称/规格型号/数量 → (0.8 + 1 + 0) / 3 = 0.60; it was table #20,
    # #19 once the equipment table is gone, and it belongs to T-13.
    assert f.evidence.startswith("最接近的表格：#19 表3-1 物料平衡表：得分 0.60，缺少栏目 规格型号，已识别为 T-13")
    assert result.verdict == "fail"


def test_table_pasted_as_a_picture_is_not_evaluable(rendered_reports, tmp_path):
    drawing = (f'<w:p xmlns:w="{W[1:-1]}" xmlns:r="{R_NS}" '
               'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:r><w:drawing><wp:inline>'
               '<wp:extent cx="5400000" cy="3600000"/><wp:docPr id="77" name="设备表截图"/><a:graphic>'
               f'<a:graphicData uri="{PIC_URI}"><pic:pic><pic:blipFill><a:blip r:embed="rId999"/></pic:blipFill>'
               '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')

    def edit(root):
        _, tbl = table_after(root, "表2-6 主要生产设备表")
        tbl.addprevious(etree.fromstring(drawing))
        tbl.getparent().remove(tbl)

    result = check(edit_docx(rendered_reports[FINE], tmp_path / "picture.docx", edit))
    (f,) = tbl_findings(result)
    assert (f.rule, f.status) == ("TBL-007", "not_evaluable")
    assert "表格为图片，内容未能核查" in f.message and "表2-6 主要生产设备表" in f.message


# ─── header ─────────────────────────────────────────────────────────────────────────────────────

def test_renamed_required_column_is_listed(rendered_reports, tmp_path):
    def edit(root):
        _, tbl = table_after(root, "表6-1 方案实施计划表")
        assert paragraph_text(cell(tbl, 0, 4)) == "资金来源"
        set_text(cell(tbl, 0, 4), "备注说明")

    result = check(edit_docx(rendered_reports[FINE], tmp_path / "renamed.docx", edit))
    (f,) = tbl_findings(result)
    # 4 of 5 required concepts = 0.8 coverage, plus the caption: still T-21, with 资金来源 missing
    assert f.rule == "TBL-023" and f.message.startswith("表格「表6-1 方案实施计划表」缺少必备栏目：资金来源")
    assert f.location.table == 30 and "资金筹措" in f.evidence


def test_fewer_year_columns_than_three(rendered_reports, tmp_path):
    def edit(root):
        _, tbl = table_after(root, "表2-2 主要产品产量表")
        group = cell(tbl, 0, 4)
        assert paragraph_text(group) == "近三年实际产量"
        group.find(f"{W}tcPr/{W}gridSpan").set(f"{W}val", "2")
        for tr in rows(tbl)[1:]:
            tr.remove(tr.findall(f"{W}tc")[6])
        grid = tbl.find(f"{W}tblGrid")
        grid.remove(grid.findall(f"{W}gridCol")[6])

    result = check(edit_docx(rendered_reports[FINE], tmp_path / "two-years.docx", edit))
    (f,) = tbl_findings(result)
    assert f.rule == "TBL-004" and "「近三年实际产量」只有 2 列，应至少 3 列" in f.message
    assert "近三年实际产量/2021年、近三年实际产量/2022年" in f.evidence


# ─── content ────────────────────────────────────────────────────────────────────────────────────

def test_rows_emptied_below_min_rows(rendered_reports, tmp_path):
    def edit(root):
        _, tbl = table_after(root, "表1-1 审核小组成员表")
        for tr in rows(tbl)[3:]:                      # keep the header and the first two members
            for t in tr.iter(f"{W}t"):
                t.text = ""

    result = check(edit_docx(rendered_reports[FINE], tmp_path / "empty-rows.docx", edit))
    (f,) = tbl_findings(result)
    # the sample's team has 11 members (rows 1–11); min_rows of T-1 is 3
    assert f.rule == "TBL-001" and "填写的数据行不足：2 行，应至少 3 行" in f.message
    assert f.evidence.startswith("数据行 11 行（不含表头、合计行和分组行），其中已填写 2 行")
    assert f.location.table == 2


def test_empty_cell_and_na_marker_in_required_columns_are_located(rendered_reports, tmp_path):
    def edit(root):
        _, schemes = table_after(root, "表4-1 清洁生产方案汇总表")
        assert paragraph_text(cell(schemes, 2, 0)) == "W-1"
        set_text(cell(schemes, 2, 2), "")             # 方案名称 of W-1
        _, equipment = table_after(root, "表2-6 主要生产设备表")
        set_text(cell(equipment, 3, 1), "—")          # 设备名称 of the third machine

    result = check(edit_docx(rendered_reports[FINE], tmp_path / "empty-cell.docx", edit))
    by_rule = {f.rule: f for f in tbl_findings(result)}
    assert set(by_rule) == {"TBL-016", "TBL-007"}
    f = by_rule["TBL-016"]
    # two header rows (方案编号 … 预计效果 / 环境效益 经济效益): W-1 is grid row 2; 方案名称 is column 2
    assert (f.location.table, f.location.row, f.location.col) == (24, 2, 2)
    assert f.message.startswith("表格「表4-1 清洁生产方案汇总表」第 3 行「方案名称」栏为空")
    f = by_rule["TBL-007"]
    assert (f.location.table, f.location.row, f.location.col) == (11, 3, 1)
    assert "第 4 行「设备名称」栏填写为「—」（不适用标记）" in f.message


def test_empty_value_of_a_key_value_table(rendered_reports, tmp_path):
    def edit(root):
        _, tbl = table_after(root, "表2-1 企业基本情况表")
        assert paragraph_text(cell(tbl, 5, 0)) == "法定代表人"
        set_text(cell(tbl, 5, 1), "")

    result = check(edit_docx(rendered_reports[FINE], tmp_path / "kv.docx", edit))
    (f,) = tbl_findings(result)
    assert f.rule == "TBL-003" and "「法定代表人」未填写" in f.message
    assert (f.location.table, f.location.row, f.location.col) == (6, 5, 1)


def test_placeholder_cells_are_left_to_the_tpl_rules(rendered_reports, tmp_path):
    def edit(root):
        _, tbl = table_after(root, "表4-1 清洁生产方案汇总表")
        set_text(cell(tbl, 2, 2), "【方案名称】")

    result = check(edit_docx(rendered_reports[FINE], tmp_path / "placeholder.docx", edit))
    assert tbl_findings(result) == []


# ─── placement ──────────────────────────────────────────────────────────────────────────────────

def test_table_in_the_wrong_chapter_is_an_order_warning(rendered_reports, tmp_path):
    def edit(root):
        caption, tbl = table_after(root, "表7-1 持续清洁生产计划表")
        _, plan = table_after(root, "表6-1 方案实施计划表")
        plan.addnext(tbl)
        plan.addnext(caption)

    result = check(edit_docx(rendered_reports[FINE], tmp_path / "moved.docx", edit))
    (f,) = tbl_findings(result)
    assert (f.rule, f.category, f.severity) == ("TBL-024", "order", "warning")
    assert f.message == "表格「表7-1 持续清洁生产计划表」应位于「持续清洁生产」章（S7），实际位于「方案实施」"
    assert f.location.heading_path[0] == "方案实施"
    assert result.verdict == "pass"  # a warning does not block


def test_placement_is_not_judged_when_the_chapter_is_not_found_for_sure(rendered_reports, tmp_path):
    def edit(root):
        for p in root.iter(f"{W}p"):
            style = p.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val") == "Heading1" and paragraph_text(p) == "清洁生产绩效":
                set_text(p, "其他情况")
                return
        raise AssertionError("heading not found")

    result = check(edit_docx(rendered_reports[("audit-shanghai-fine-chemical", "acceptance")], tmp_path / "ac4.docx",
                             edit), "acceptance")
    # a sub-heading that merely resembles the chapter name ("4.1 方案实施绩效汇总") does not stand in
    # for it: the chapter is missing (error), and the tables are not blamed for its absence
    (sec,) = [f for f in result.findings if f.rule == "SEC-101"]
    assert (sec.target_id, sec.severity) == ("AC4", "error")
    assert tbl_findings(result) == []   # are not blamed for a chapter the SEC rule questions


def test_acceptance_table_missing(rendered_reports, tmp_path):
    path = edit_docx(rendered_reports[("audit-electroplating", "acceptance")], tmp_path / "no-a5.docx",
                     delete_table("表4-1 重点企业清洁生产审核绩效表"))
    (f,) = tbl_findings(check(path, "acceptance"))
    assert (f.rule, f.target_id, f.severity) == ("TBL-105", "A-5", "error")
    assert f.message == "未找到「重点企业清洁生产审核绩效表」（A-5）"


# ─── what must still pass ───────────────────────────────────────────────────────────────────────

def test_continued_table_is_one_table(rendered_reports, tmp_path):
    def edit(root):
        caption, tbl = table_after(root, "表2-6 主要生产设备表")
        second = copy.deepcopy(tbl)
        for tr in rows(tbl)[6:]:                      # first piece: header + 5 machines
            tbl.remove(tr)
        for tr in rows(second)[1:6]:                  # second piece: header + the rest
            second.remove(tr)
        cont = copy.deepcopy(caption)
        set_text(cont, "续表2-6 主要生产设备表")
        tbl.addnext(second)
        tbl.addnext(cont)

    path = edit_docx(rendered_reports[FINE], tmp_path / "continued.docx", edit)
    result = check(path)
    assert tbl_findings(result) == []
    doc = read_document(path)
    profile = load_profile("national-2018-evaluation")
    m = recognise(RuleContext(doc, profile.rules[0], profile, None, {}))["T-8"]
    assert [p.index for p in m.pieces] == [12] and doc.tables[12].continued_from == 11
    assert len(m.data_rows()) == 16                   # the sample lists 16 machines
    assert 12 not in {x.table.index for x in recognise(RuleContext(doc, profile.rules[0], profile, None, {})).values()}


def test_consultancy_wording_without_captions_is_recognised(rendered_reports, tmp_path):
    renames = {
        "表4-1 清洁生产方案汇总表": {2: "项目名称", 3: "方案内容", 5: "投资额(万元)"},
        "表6-1 方案实施计划表": {1: "项目名称", 3: "投资额（万元）", 4: "资金筹措", 6: "完成时间", 7: "负责部门"},
        "表1-1 审核小组成员表": {2: "姓 名", 3: "職務", 4: "所在部門", 7: "分工"},
    }

    def edit(root):
        for caption, new in renames.items():
            p, tbl = table_after(root, caption)
            for c, text in new.items():
                set_text(cell(tbl, 0, c), text)
            p.getparent().remove(p)

    path = edit_docx(rendered_reports[FINE], tmp_path / "wording.docx", edit)
    assert tbl_findings(check(path)) == []
    doc = read_document(path)
    profile = load_profile("national-2018-evaluation")
    found = recognise(RuleContext(doc, profile.rules[0], profile, None, {}))
    for target, index in (("T-16", 24), ("T-21", 30), ("T-1", 2)):
        assert found[target].table.index == index and found[target].how == "header" and not found[target].missing
    assert found["T-16"].columns["investment"] == 5 and found["T-21"].columns["funding"] == 4


def _no_high_cost_audit(tmp_path: Path) -> Path:
    """The packaging sample without its 中/高费 schemes (and the references to them)."""
    raw = yaml.safe_load((ROOT / "samples" / "audit-packaging-printing.yaml").read_text(encoding="utf-8"))
    high = {s["id"] for s in raw["schemes"] if s["cost_class"] != "无/低费"}
    assert high == {"Z1", "Z2", "Z3"}
    raw["schemes"] = [s for s in raw["schemes"] if s["id"] not in high]
    for target in raw["targets"]:
        target["related_schemes"] = [x for x in target.get("related_schemes", []) if x not in high]
    raw["continuous"]["conclusion"] = "本轮清洁生产审核提出的无/低费方案均已实施。"
    path = tmp_path / "no-high-cost.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_t19_rules_do_not_fire_without_high_cost_schemes(rendered_reports, tmp_path):
    from docgen.load import load_audit
    from docgen.render.docx import render_report_docx

    loaded = load_audit(_no_high_cost_audit(tmp_path))
    assert loaded.audit is not None
    path = tmp_path / "no-high-cost.docx"
    path.write_bytes(render_report_docx(loaded.audit, "evaluation").data)
    doc = read_document(path)
    profile = load_profile("national-2018-evaluation")
    assert not has_high_cost_schemes(RuleContext(doc, profile.rules[0], profile, None, {}))
    assert not any("经济评估表" in (t.caption or "") for t in doc.tables)   # the renderer left T-19 out
    assert tbl_findings(check(path)) == []
    # control: the sample itself has three 中/高费 schemes, and deleting its T-19c table is an error
    broken = edit_docx(rendered_reports[("audit-packaging-printing", "evaluation")], tmp_path / "no-t19c.docx",
                       delete_table("表5-3 中/高费方案经济评估表"))
    assert [f.rule for f in tbl_findings(check(broken))] == ["TBL-021"]
