"""TPL-001 placeholders: leftover fill-in marks in paragraphs, cells and headers are found with
their location; multiplications, model codes, citations and signature lines are not."""

from __future__ import annotations

import re

import pytest

from docgen.check.kinds.placeholders import default_patterns, find_placeholders
from docgen.read import read_document
from tests.check.data.fieldkit import (
    check,
    edit,
    edit_package,
    set_cell,
    set_header,
    set_paragraph,
)

FC = "audit-shanghai-fine-chemical"
NAME = "上海澄霖精细化学品有限公司"


@pytest.mark.parametrize("text, marks", [
    ("上海XXX有限公司", ["XXX"]),
    ("XX有限公司清洁生产审核报告", ["XX"]),
    ("20XX年", ["XX"]),
    ("×××有限公司", ["×××"]),
    ("××年××月", ["××年××"]),                  # adjacent marks are one occurrence
    ("×年×月×日", ["×年×月×"]),
    ("{{ enterprise.name }}清洁生产审核报告", ["{{ enterprise.name }}"]),
    ("{% if audit %}", ["{% if audit %}"]),
    ("【请填写企业名称】", ["【请填写企业名称】"]),
    ("【企业名称】", ["【企业名称】"]),
    ("【】", ["【】"]),
    ("联系人：______", ["______"]),
    ("日期：____年__月__日", ["____"]),
    ("方案实施时间待定", ["待定"]),
    ("近三年数据待补充", ["待补充"]),
    ("此处填写审核重点", ["此处填写"]),
    ("详见附件X", ["X"]),
    ("见表X-X", ["表X-X"]),
    ("某某有限公司", ["某某"]),
    # legitimate text: multiplication, model codes, citations, signature lines, ordinary phrases
    ("镀镍槽4×4.2 m³", []),
    ("加权分 R×W", []),
    ("186 t × 58%", []),
    ("55 kW工频 ×2", []),
    ("3×10", []),
    ("HX-30000 / XAZGF80/1000-U", []),
    ("XXL", []),
    ("NOx排放量", []),
    ("X射线荧光测厚仪", []),
    ("【GB 12348-2008】", []),
    ("【1】", []),
    ("经办人签字：________", []),
    ("管理制度有待完善", []),
    ("某些工序", []),
])
def test_patterns(text, marks):
    assert [m.text for m in find_placeholders(text, default_patterns())] == marks


def test_own_reports_pass(rendered_reports):
    for (stem, kind), path in rendered_reports.items():
        result = check(path, "TPL-001")
        assert result.findings == [], (stem, kind, [f.message for f in result.findings])


def test_xxx_in_a_paragraph(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "evaluation")]
    path = edit(src, tmp_path / "para.docx", set_paragraph("企业基本情况见表2-1。", "XXX有限公司基本情况见表2-1。"))
    (f,) = check(path, "TPL-001").findings
    assert f.message == "「2.1 企业概况」中的段落有未替换的占位内容「XXX」"
    assert (f.rule, f.category, f.severity) == ("TPL-001", "placeholder", "error")
    # 12 characters of context after the mark (context_chars), then an ellipsis
    assert f.evidence == "【XXX】有限公司基本情况见表2-…（识别为：XXX 占位符）"
    doc = read_document(path)
    (para,) = [p for p in doc.paragraphs if p.text.startswith("XXX有限公司")]
    assert f.location.paragraph == para.location.paragraph and f.location.heading_path == ["预审核", "企业概况"]
    assert f.location.table is None


def test_xxx_in_a_table_cell(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "evaluation")]
    path = edit(src, tmp_path / "cell.docx", set_cell("企业名称", 1, "XXX有限公司", expect=NAME))
    (f,) = check(path, "TPL-001").findings
    doc = read_document(path)
    (t5,) = [t for t in doc.tables if t.caption == "表2-1 企业基本情况表"]
    assert (f.location.table, f.location.row, f.location.col) == (t5.index, 1, 1)
    assert "「表2-1 企业基本情况表」第 2 行第 2 列" in f.message and "「XXX」" in f.message


def test_pending_in_a_cell(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "evaluation")]
    # 表1-1 row 10 (陈晓东), column 职称 holds "—"
    path = edit(src, tmp_path / "pending.docx", set_cell("10", 5, "待补充", expect="—"))
    (f,) = check(path, "TPL-001").findings
    assert "「表1-1 审核小组成员表」第 11 行第 6 列" in f.message and "「待补充」" in f.message
    assert (f.location.row, f.location.col) == (10, 5)


def test_placeholder_in_the_running_header(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "acceptance")]
    path = edit_package(src, tmp_path / "header.docx", {"word/header1.xml": set_header(NAME, "XX有限公司")})
    (f,) = check(path, "TPL-001").findings
    assert f.message == "页眉有未替换的占位内容「XX」"


def test_multiplication_inserted_is_not_reported(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "evaluation")]
    path = edit(src, tmp_path / "times.docx",
                set_paragraph("企业基本情况见表2-1。", "反应釜2台×3 m³，规格3×10。企业基本情况见表2-1。"))
    assert check(path, "TPL-001").findings == []


def test_cap_with_a_summary(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "evaluation")]
    path = edit(src, tmp_path / "many.docx", set_paragraph("企业基本情况见表2-1。", "待定，其后为正文。" * 5))
    findings = check(path, "TPL-001", max_findings=3).findings
    # "待定，其后为正文。" repeated: marks 9 characters apart, so 5 separate occurrences
    assert len(findings) == 4
    assert findings[-1].message == "另有 2 处占位内容未逐一列出（共 5 处）"


def test_trigger_characters_cover_every_shipped_pattern():
    """The prefilter: a text without any trigger character cannot hold a mark. Derived from the
    regexes (x-run needs X/x, template-tag a brace or $, bracket-fill 【, pending 待/此/请 …).
    x-reference (表X-X) needs one of 表 图 and one of X Ｘ: the Latin one is chosen, 表 being in a
    quarter of a report's candidate texts and X in almost none."""
    from docgen.check.kinds.placeholders import regex_needs
    from docgen.check.kinds.placeholders import TextSpot, candidate_spots

    trigger = default_patterns().trigger
    assert trigger is not None
    for ch in "XxＸ×✕╳{$【_＿待此请某":
        assert trigger.search(ch), ch
    for ch in "0年月（）。，A一表图":
        assert not trigger.search(ch), ch
    assert regex_needs(re.compile(r"[表图]\s*[XＸ]\s*[-－—.．]")) == frozenset("XＸ")
    assert regex_needs(re.compile(r"[表图]\s*[XＸ]|某")) == frozenset("XＸ某")
    texts = ["本公司年产电镀件 30 万平方米。", "上海XXX有限公司", "3×10", "合计", "【请填写】", "无", "见表2-1", "见表Ｘ-1"]
    spots = [TextSpot(t, None, "段落") for t in texts]
    assert [s.text for s in candidate_spots(spots, default_patterns())] == ["上海XXX有限公司", "3×10", "【请填写】",
                                                                           "见表Ｘ-1"]
    marks = find_placeholders("见表Ｘ-1", default_patterns())
    assert [m.ids for m in marks] == [("x-reference",)]  # (X before "-": no x-single)


def test_no_trigger_when_a_pattern_has_no_mandatory_character():
    """A pattern made only of a huge class or of lookarounds gives no prefilter: every text is
    searched with every pattern, as before."""
    from docgen.check.kinds.placeholders import load_patterns

    assert load_patterns(extra=({"id": "cjk", "regex": "[\u4e00-\u9fff]{30,}"},)).trigger is None
    assert load_patterns(extra=({"id": "ci", "regex": "(?i)tbd"},)).trigger is None
    assert load_patterns(extra=({"id": "opt", "regex": "a?b*"},)).trigger is None
    assert load_patterns(extra=({"id": "alt", "regex": "(?:ab|c)d?"},)).trigger.search("c")
