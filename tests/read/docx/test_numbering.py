"""Numbering labels rendered from numbering.xml, as Word prints them (checker.md §2.1, §7.2: no
Python DOCX library renders 第%1章 chineseCountingThousand)."""

from __future__ import annotations

from docgen.read import xmlsafe
from docgen.read.docx.numbering import Numbering
from docgen.read.model import Signal

LEGAL = """
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%1章"/>
    <w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/>
    <w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%1章"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
    <w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
  <w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
  <w:lvlText w:val="\u25cf"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="4"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="4"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
  <w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1、"/></w:lvl></w:lvlOverride></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="5"/></w:num>
"""


def numbered(text: str, num: int, ilvl: int = 0) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
            f'<w:r><w:t>{text}</w:t></w:r></w:p>')


def test_chapter_and_legal_sublevels_with_restart(docx):
    doc = docx("".join([numbered("筹划和组织", 1), numbered("取得领导支持", 1, 1), numbered("组建审核小组", 1, 1),
                        numbered("小组成员", 1, 2), numbered("预审核", 1), numbered("企业概况", 1, 1)]),
               numbering=LEGAL)
    got = [(h.label, h.title, h.level, h.text) for h in doc.headings]
    assert got == [("第一章", "筹划和组织", 1, "第一章 筹划和组织"), ("1.1", "取得领导支持", 2, "1.1 取得领导支持"),
                   ("1.2", "组建审核小组", 2, "1.2 组建审核小组"), ("1.2.1", "小组成员", 3, "1.2.1 小组成员"),
                   ("第二章", "预审核", 1, "第二章 预审核"), ("2.1", "企业概况", 2, "2.1 企业概况")]
    assert all(h.signal is Signal.NUMBERING for h in doc.headings)
    assert [h.location.heading_path for h in doc.headings][3] == ("筹划和组织", "组建审核小组", "小组成员")


def test_chinese_counting_sublevels_restart_per_chapter(docx):
    doc = docx("".join([numbered("总则", 2), numbered("目的", 2, 1), numbered("范围", 2, 1),
                        numbered("审核准备", 2), numbered("组织", 2, 1)]), numbering=LEGAL)
    assert [(h.label, h.level, h.text) for h in doc.headings] == [
        ("第一章", 1, "第一章总则"), ("（一）", 2, "（一）目的"), ("（二）", 2, "（二）范围"),
        ("第二章", 1, "第二章审核准备"), ("（一）", 2, "（一）组织")]


def test_instances_share_an_abstract_unless_start_overridden(docx):
    doc = docx("".join([numbered("一", 1), numbered("二（续编号）", 5), numbered("从五开始", 6)]), numbering=LEGAL)
    assert [h.label for h in doc.headings] == ["第一章", "第二章", "第五章"]


def test_plain_lists_keep_their_label_but_are_not_headings(docx, wml):
    cell = wml.tbl(wml.tr(f"<w:tc>{numbered('表中条目', 4)}</w:tc>"), cols=1)
    doc = docx("".join([numbered("加强管理；", 4), cell, numbered("更新设备；", 4), numbered("甲项内容；", 7),
                        numbered("乙项内容；", 7), numbered("要点", 8)]), numbering=LEGAL)
    assert doc.headings == []
    assert [p.text for p in doc.paragraphs] == ["1. 加强管理；", "3. 更新设备；", "甲、 甲项内容；", "乙、 乙项内容；",
                                                "要点"]
    assert doc.tables[0].grid[0][0].text == "2. 表中条目"


def test_style_numbering_and_num_id_zero(docx, wml):
    styles = wml.STYLES.replace(
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>',
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr>'
        '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>')
    unnumbered = '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>' \
                 '</w:pPr><w:r><w:t>前言</w:t></w:r></w:p>'
    doc = docx(unnumbered + wml.p("筹划和组织", style="Heading1") + wml.p("预审核", style="Heading1"),
               numbering=LEGAL, styles=styles)
    assert [(h.label, h.title, h.signal, h.level) for h in doc.headings] == [
        ("", "前言", Signal.STYLE, 1), ("第一章", "筹划和组织", Signal.STYLE, 1), ("第二章", "预审核", Signal.STYLE, 1)]
    assert doc.headings[1].signals == (Signal.STYLE, Signal.OUTLINE, Signal.NUMBERING, Signal.FORMAT)


def numbering_of(xml: str) -> Numbering:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return Numbering(xmlsafe.parse_xml(f"<w:numbering {ns}>{xml}</w:numbering>".encode()))


def test_counters_formats_and_restart_rules():
    n = numbering_of("""
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="9"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%1章"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/>
          <w:lvlText w:val="%1-%2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%3."/></w:lvl>
      </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>""")
    labels = [n.advance("1", lv).label for lv in (0, 1, 2, 2, 0, 1, 2, 0)]
    # lvlRestart 0: level 1 never restarts (10-1 → 十-2 … not 十-1); level 2 restarts after any higher level
    assert labels == ["第九章", "九-1", "甲.", "乙.", "第十章", "十-2", "甲.", "第十一章"]
    assert n.advance("99", 0) is None and n.advance("0", 0) is None
