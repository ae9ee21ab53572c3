"""Pictures with size, name and position hint; approximate pages from breaks (checker.md §2.4)."""

from __future__ import annotations

from docgen.read.model import Image, PageBreak

PIC_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def inline(rid: str, cx: int, cy: int, descr: str = "", name: str = "图片 1") -> str:
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="{name}" '
            f'descr="{descr}"/><a:graphic><a:graphicData uri="{PIC_URI}"><pic:pic><pic:blipFill>'
            f'<a:blip r:embed="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def anchored(rid: str) -> str:
    return (f'<w:r><w:drawing><wp:anchor behindDoc="1" simplePos="0" relativeHeight="2" locked="0" layoutInCell="1" '
            f'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:extent cx="1440000" cy="1440000"/>'
            f'<wp:docPr id="2" name="印章" descr="企业公章"/><a:graphic><a:graphicData uri="{PIC_URI}"><pic:pic>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:anchor>'
            f'</w:drawing></w:r>')


def test_images_sizes_names_and_hints(docx, wml):
    vml = ('<w:r><w:pict><v:shape style="width:72pt;height:36pt"><v:imagedata r:id="rIdImg3" o:title="流程图"/>'
           '</v:shape></w:pict></w:r>')
    alt = (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{inline("rIdImg2", 720000, 360000)[5:-6]}'
           f'</mc:Choice><mc:Fallback>{vml[5:-6]}</mc:Fallback></mc:AlternateContent></w:r>')
    body = (f'<w:p>{inline("rIdImg1", 1800000, 900000, descr="企业logo")}</w:p>' + wml.p("某公司清洁生产审核报告")
            + wml.PAGE_BREAK + wml.p("第一章 总则", style="Heading1")
            + f'<w:p>{inline("rIdImg2", 3600000, 1800000)}</w:p>' + f"<w:p>{vml}</w:p>" + f"<w:p>{alt}</w:p>"
            + wml.p("第二章 结论", style="Heading1") + wml.p("本报告内容属实。")
            + wml.p("企业法定代表人（签字）：") + f'<w:p>{anchored("rIdImg1")}</w:p>' + wml.p("企业（公章）")
            + wml.p("2024年6月15日"))
    doc = docx(body, media={"rIdImg1": wml.PNG, "rIdImg2": wml.PNG, "rIdImg3": wml.PNG})
    got = [(i.hint, i.width_mm, i.height_mm, i.name, i.location.page) for i in doc.images]
    assert got == [("cover", 50.0, 25.0, "企业logo", 1), ("body", 100.0, 50.0, "rIdImg2.png", 2),
                   ("body", 25.4, 12.7, "流程图", 2), ("body", 20.0, 10.0, "rIdImg2.png", 2),
                   ("signature", 40.0, 40.0, "企业公章", 2)]
    assert all(isinstance(i, Image) for i in doc.images)
    assert doc.images[1].location.paragraph == 4


def test_image_near_seal_words_but_mid_section_is_body(docx, wml):
    tail = "".join(wml.p(f"正文第{i}段。") for i in range(10))
    body = (wml.p("第一章 总则", style="Heading1") + wml.PAGE_BREAK + wml.p("须加盖公章的材料如下：")
            + f'<w:p>{inline("rIdImg1", 360000, 360000)}</w:p>' + tail)
    doc = docx(body, media={"rIdImg1": wml.PNG})
    assert [i.hint for i in doc.images] == ["body"]


def test_explicit_breaks_and_page_numbers(docx, wml):
    # as Word saves it: after an explicit break the first run of the new page carries a rendered
    # break too — the same page, counted once
    body = (wml.p("封面")
            + '<w:p><w:r><w:t>前半</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>'
            + '<w:p><w:r><w:lastRenderedPageBreak/><w:t>Word 也记下了这次分页</w:t></w:r></w:p>'
            + wml.p("分页前", ppr="<w:pageBreakBefore/>")
            + wml.p("第三页", style="Heading1", ppr="<w:pageBreakBefore/>")
            # a section's w:type says how IT starts: the one after 节末 is continuous (no new page),
            # the last one (body sectPr, no type) starts on a new page
            + '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr><w:r><w:t>节末</w:t></w:r></w:p>'
            + '<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr><w:r><w:t>连续节</w:t></w:r></w:p>'
            + wml.p("新节一页")
            + '<w:p><w:r><w:t>排版到</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>下一页</w:t></w:r></w:p>')
    doc = docx(body)
    pages = [(b.text, b.location.page) for b in doc.blocks if hasattr(b, "text")]
    assert pages == [("封面", 1), ("前半", 1), ("Word 也记下了这次分页", 2), ("分页前", 3), ("第三页", 4),
                     ("节末", 4), ("连续节", 4), ("新节一页", 5), ("排版到下一页", 5)]
    breaks = [(b.location.page, b.rendered, b.location.paragraph) for b in doc.blocks if isinstance(b, PageBreak)]
    assert breaks == [(2, False, 1), (3, False, 3), (4, False, 4), (5, False, 6), (6, True, 8)]
    assert doc.pages == 6
    # the explicit break comes after the text before it and before the paragraph after it
    kinds = [type(b).__name__ for b in doc.blocks[:4]]
    assert kinds == ["Paragraph", "Paragraph", "PageBreak", "Paragraph"]


def test_odd_page_section_inserts_a_blank_page(docx, wml):
    body = ('<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr><w:r><w:t>封面</w:t></w:r></w:p>'
            + wml.p("从奇数页开始的正文。"))
    doc = docx(body, sect='<w:sectPr><w:type w:val="oddPage"/></w:sectPr>')
    assert [b.location.page for b in doc.paragraphs] == [1, 3]
    assert doc.pages == 3
