"""The table of contents goes to Document.toc and never becomes headings or paragraphs."""

from __future__ import annotations

from docgen.read.model import Heading, TocEntry


def fld(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def instr(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'


def toc_line(text: str, anchor: str, page: str, *, style: str | None, first: bool = False) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    start = fld("begin") + instr(' TOC \\o "1-3" \\h \\z \\u ') + fld("separate") if first else ""
    pageref = fld("begin") + instr(" PAGEREF " + anchor + " \\h ") + fld("separate")
    return (f'<w:p>{ppr}{start}<w:hyperlink w:anchor="{anchor}"><w:r><w:t>{text}</w:t></w:r><w:r><w:tab/></w:r>'
            f'{pageref}<w:r><w:t>{page}</w:t></w:r>{fld("end")}</w:hyperlink></w:p>')


def heading(text: str, style: str, anchor: str) -> str:
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:bookmarkStart w:id="{anchor[-1]}" w:name="{anchor}"/>'
            f'<w:r><w:t>{text}</w:t></w:r><w:bookmarkEnd w:id="{anchor[-1]}"/></w:p>')


BODY = (heading("第一章 筹划和组织", "Heading1", "_Toc1") + heading("1.1 审核小组", "Heading2", "_Toc2")
        + '<w:p><w:r><w:t>正文。</w:t></w:r></w:p>' + heading("第二章 预审核", "Heading1", "_Toc3"))


def test_toc_field_with_cached_entries(docx, wml):
    toc = (wml.p("目　　录") + toc_line("第一章 筹划和组织", "_Toc1", "1", style="TOC1", first=True)
           + toc_line("1.1 审核小组", "_Toc2", "2", style="TOC2") + toc_line("第二章 预审核", "_Toc3", "5", style="TOC1")
           + f"<w:p>{fld('end')}</w:p>")
    doc = docx(toc + wml.PAGE_BREAK + BODY)
    assert doc.toc == [TocEntry("第一章 筹划和组织", 1, 1), TocEntry("1.1 审核小组", 2, 2), TocEntry("第二章 预审核", 5, 1)]
    assert [h.text for h in doc.headings] == ["第一章 筹划和组织", "1.1 审核小组", "第二章 预审核"]
    assert all(h.location.page == 2 for h in doc.headings)
    assert [p.text for p in doc.paragraphs] == ["目　　录", "正文。"]
    assert not any(isinstance(b, Heading) and b.location.paragraph < 5 for b in doc.blocks)


def test_toc_field_without_toc_styles_levels_from_labels(docx, wml):
    toc = (toc_line("第一章 筹划和组织", "_Toc1", "1", style=None, first=True)
           + toc_line("1.1 审核小组", "_Toc2", "2", style=None) + f"<w:p>{fld('end')}</w:p>")
    doc = docx(toc + BODY)
    assert doc.toc == [TocEntry("第一章 筹划和组织", 1, 1), TocEntry("1.1 审核小组", 2, 2)]
    assert len(doc.headings) == 3


def test_toc_in_a_content_control(docx, wml):
    sdt = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
           '</w:docPartObj></w:sdtPr><w:sdtContent>' + wml.p("目录")
           + wml.p("第一章 筹划和组织\t1") + wml.p("第二章 预审核\t5") + "</w:sdtContent></w:sdt>")
    doc = docx(sdt + BODY)
    assert doc.toc == [TocEntry("第一章 筹划和组织", 1, 1), TocEntry("第二章 预审核", 5, 1)]
    assert [p.text for p in doc.paragraphs] == ["目录", "正文。"]


def test_typed_toc_lines(docx, wml):
    lines = wml.p("目 录") + wml.p("第一章 总则……………………1") + wml.p("1.1 目的....................2") + \
        wml.p("第二章 审核准备　　　　5")
    doc = docx(lines + wml.p("第一章 总则") + wml.p("正文。"))
    assert doc.toc == [TocEntry("第一章 总则", 1, 1), TocEntry("1.1 目的", 2, 2), TocEntry("第二章 审核准备", 5, 1)]
    assert [h.text for h in doc.headings] == ["第一章 总则"]
