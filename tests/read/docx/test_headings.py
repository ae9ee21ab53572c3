"""The heading cascade (checker.md §2.2): style → outline level → numbering → TOC bookmark → text
pattern → bold and large; each heading records every agreeing signal."""

from __future__ import annotations

from docgen.read import normalize
from docgen.read.model import SIGNAL_CONFIDENCE, Heading, Signal

BOLD16 = '<w:b/><w:sz w:val="32"/>'
BOLD15 = '<w:b/><w:sz w:val="30"/>'


def heads(doc):
    return [(h.label, h.title, h.level, h.signal) for h in doc.headings]


def test_heading_styles_builtin_localised_wps_and_inherited(docx, wml):
    doc = docx(wml.p("第一章 总则", style="Heading1") + wml.p("1.1 目的", style="Heading2")
               + wml.p("适用范围", style="a3") + wml.p("WPS 四级", style="4") + wml.p("自定义章", style="MyChapter"))
    assert heads(doc) == [("第一章", "总则", 1, Signal.STYLE), ("1.1", "目的", 2, Signal.STYLE),
                          ("", "适用范围", 3, Signal.STYLE), ("", "WPS 四级", 4, Signal.STYLE),
                          ("", "自定义章", 1, Signal.STYLE)]
    first = doc.headings[0]
    assert first.signals == (Signal.STYLE, Signal.OUTLINE, Signal.PATTERN, Signal.FORMAT)
    assert first.confidence == SIGNAL_CONFIDENCE[Signal.STYLE] == 1.0
    assert first.text == "第一章 总则"


def test_outline_level_on_a_normal_paragraph(docx, wml):
    doc = docx(wml.p("企业概况", ppr='<w:outlineLvl w:val="1"/>')
               + wml.p("正文不是标题。", style="Heading1", ppr='<w:outlineLvl w:val="9"/>'))
    assert heads(doc) == [("", "企业概况", 2, Signal.OUTLINE)]
    assert doc.headings[0].confidence == 0.95
    assert doc.paragraphs[0].text == "正文不是标题。"


def test_unstyled_bold_headings_pattern_and_format(docx, wml):
    doc = docx(wml.p("封面大标题", rpr=BOLD16) + wml.PAGE_BREAK
               + wml.p("第三章 审核", rpr=BOLD16) + wml.p("审核结论", rpr=BOLD16) + wml.p("小结", rpr=BOLD15)
               + wml.p("这是一段加粗的正文，很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。", rpr=BOLD16))
    assert heads(doc) == [("第三章", "审核", 1, Signal.PATTERN), ("", "审核结论", 1, Signal.FORMAT),
                          ("", "小结", 2, Signal.FORMAT)]
    assert doc.headings[0].signals == (Signal.PATTERN, Signal.FORMAT)
    assert doc.headings[1].confidence == 0.6
    assert doc.paragraphs[0].text == "封面大标题"  # cover: bold and large alone is a title, not a chapter


def test_spaced_traditional_and_full_width_titles(docx, wml):
    doc = docx(wml.p("第二章　 预 审 核") + wml.p("第四章 審核準備") + wml.p("１．２　审 核 准 备")
               + wml.p("（三）　现 状 调 查"))
    assert heads(doc) == [("第二章", "预审核", 1, Signal.PATTERN), ("第四章", "審核準備", 1, Signal.PATTERN),
                          ("1.2", "审核准备", 2, Signal.PATTERN), ("（三）", "现状调查", 2, Signal.PATTERN)]
    assert doc.headings[0].text == "第二章　 预 审 核"  # what the reader sees, untouched
    assert normalize.norm(doc.headings[1].title) == "审核准备"


def test_level_of_yi_dun_depends_on_chapters(docx, wml):
    with_chapters = docx(wml.p("第一章 总则") + wml.p("一、企业概况") + wml.p("（一）基本情况"))
    assert [(h.label, h.level) for h in with_chapters.headings] == [("第一章", 1), ("一、", 2), ("（一）", 3)]
    without = docx(wml.p("一、企业概况") + wml.p("（一）基本情况") + wml.p("二、审核准备"))
    assert [(h.label, h.level) for h in without.headings] == [("一、", 1), ("（一）", 2), ("二、", 1)]


def test_bare_arabic_labels_need_formatting(docx, wml):
    doc = docx(wml.p("1 筹划与组织", rpr=BOLD15) + wml.p("1.1 审核小组") + wml.p("1. 加强管理")
               + wml.p("2. 更新设备", rpr="<w:b/>") + wml.p("（1）《中华人民共和国清洁生产促进法》")
               + wml.p("（2）《清洁生产审核办法》；"))
    assert [(h.label, h.level, h.signal) for h in doc.headings] == [
        ("1", 1, Signal.PATTERN), ("1.1", 2, Signal.PATTERN), ("2.", 1, Signal.PATTERN)]
    assert [p.text for p in doc.paragraphs] == ["1. 加强管理", "（1）《中华人民共和国清洁生产促进法》",
                                                "（2）《清洁生产审核办法》；"]


def test_toc_bookmark_makes_a_heading_with_the_toc_level(docx, wml):
    toc = ('<w:p><w:pPr><w:pStyle w:val="TOC2"/></w:pPr><w:hyperlink w:anchor="_Toc101"><w:r><w:t>审核范围</w:t></w:r>'
           '<w:r><w:tab/></w:r><w:r><w:t>3</w:t></w:r></w:hyperlink></w:p>')
    target = '<w:p><w:bookmarkStart w:id="1" w:name="_Toc101"/><w:r><w:t>审核范围</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>'
    caption = ('<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:bookmarkStart w:id="2" w:name="_Toc102"/>'
               '<w:r><w:t>表1-1 审核小组</w:t></w:r><w:bookmarkEnd w:id="2"/></w:p>')
    doc = docx(toc + target + caption)
    assert heads(doc) == [("", "审核范围", 2, Signal.TOC_BOOKMARK)]
    assert doc.headings[0].confidence == 0.9
    assert [p.text for p in doc.paragraphs] == ["表1-1 审核小组"]


def test_heading_path_and_locations(docx, wml):
    doc = docx(wml.p("第一章 总则", style="Heading1") + "<w:p/>" + wml.p("1.1 目的", style="Heading2")
               + wml.p("正文一。") + wml.p("第二章 审核", style="Heading1") + wml.p("正文二。"))
    blocks = doc.blocks
    assert [b.location.block for b in blocks] == list(range(len(blocks)))
    assert [(type(b).__name__, b.location.paragraph, b.location.heading_path) for b in blocks] == [
        ("Heading", 0, ("总则",)), ("Heading", 2, ("总则", "目的")), ("Paragraph", 3, ("总则", "目的")),
        ("Heading", 4, ("审核",)), ("Paragraph", 5, ("审核",))]
    assert all(isinstance(h, Heading) for h in doc.headings)


def test_captions_toc_titles_and_sentences_are_not_headings(docx, wml):
    doc = docx(wml.p("目　　录", rpr=BOLD16) + wml.p("表3-1 物料平衡表", rpr=BOLD16)
               + wml.p("一、加强管理，提高员工意识。") + wml.p("第一章 总则"))
    assert heads(doc) == [("第一章", "总则", 1, Signal.PATTERN)]
