"""Typography data → WordprocessingML style definitions (styles.xml) and numbering (numbering.xml).

Rules behind the XML (notes/generation.md §2):
* every style writes all four ``w:rFonts`` slots and no ``*Theme`` attribute — a theme attribute
  wins over the explicit name, and python-docx's ``font.name`` never sets ``w:eastAsia``;
* ``w:lang w:eastAsia="zh-CN"`` in the defaults drives line breaking and glyph variants;
* the first-line indent is written both as ``firstLineChars`` (Word) and ``firstLine`` in twips
  (LibreOffice 7.4 ignores ``*Chars``);
* headings are the built-in 标题 1–3 styles (names ``heading 1``…) with outline levels, bound to one
  multilevel list (第一章 / 1.1 / 1.1.1) so Word's navigation pane and the TOC work.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from docgen.render.ooxml import NSDECL

TWIPS_PER_MM = 1440 / 25.4
A4_TWIPS = (11906, 16838)


@lru_cache(maxsize=1)
def typography() -> dict:
    text = resources.files("docgen").joinpath("data/typography/report.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def half_points(size_name: str) -> int:
    return round(float(typography()["sizes_pt"][size_name]) * 2)


def margins_twips() -> dict[str, int]:
    return {k: round(v * TWIPS_PER_MM) for k, v in typography()["page"]["margins_mm"].items()}


def text_width_twips() -> int:
    m = margins_twips()
    return A4_TWIPS[0] - m["left"] - m["right"]


def _rpr(spec: dict) -> str:
    latin = typography()["latin_font"]
    east = spec["east_asia"]
    sz = half_points(spec["size"])
    bold = "<w:b/><w:bCs/>" if spec.get("bold") else ""
    return (
        f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"/>'
        f'{bold}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>'
    )


def _ppr(spec: dict, extra: str = "", first_line: bool = False) -> str:
    parts = [extra]
    spacing = []
    if "space_before_pt" in spec:
        spacing.append(f'w:before="{round(spec["space_before_pt"] * 20)}"')
    if "space_after_pt" in spec:
        spacing.append(f'w:after="{round(spec["space_after_pt"] * 20)}"')
    if "line_spacing_min_pt" in spec:
        spacing.append(f'w:line="{round(spec["line_spacing_min_pt"] * 20)}" w:lineRule="atLeast"')
    elif "line_spacing_pt" in spec:
        spacing.append(f'w:line="{round(spec["line_spacing_pt"] * 20)}" w:lineRule="atLeast"')
    if spacing:
        parts.append(f"<w:spacing {' '.join(spacing)}/>")
    if first_line and spec.get("first_line_chars"):
        chars = spec["first_line_chars"]
        twips = round(float(typography()["sizes_pt"][spec["size"]]) * 20 * chars)
        parts.append(f'<w:ind w:firstLineChars="{chars * 100}" w:firstLine="{twips}"/>')
    else:
        parts.append('<w:ind w:firstLine="0" w:firstLineChars="0"/>')
    align = spec.get("align")
    if align:
        parts.append(f'<w:jc w:val="{ "left" if align == "left" else align}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def _para_style(style_id: str, name: str, spec: dict, *, based_on: str | None = "Normal", extra_ppr: str = "",
                first_line: bool = False, ui_priority: int | None = None, qformat: bool = True) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    default = ' w:default="1"' if style_id == "Normal" else ""  # the document's default paragraph style
    prio = f'<w:uiPriority w:val="{ui_priority}"/>' if ui_priority is not None else ""
    q = "<w:qFormat/>" if qformat else ""
    return (
        f'<w:style w:type="paragraph"{default} w:styleId="{style_id}"><w:name w:val="{name}"/>{based}'
        f'<w:next w:val="Normal"/>{prio}{q}{_ppr(spec, extra_ppr, first_line)}{_rpr(spec)}</w:style>'
    )


def styles_xml() -> str:
    t = typography()
    s = t["styles"]
    latin = t["latin_font"]
    width = text_width_twips()
    body_sz = half_points(s["body"]["size"])
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{s["body"]["east_asia"]}" w:cs="{latin}"/>'
        f'<w:sz w:val="{body_sz}"/><w:szCs w:val="{body_sz}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    heading_ppr = lambda lvl: (  # noqa: E731
        f'<w:keepNext/><w:keepLines/>{"<w:pageBreakBefore/>" if lvl == 0 else ""}'
        f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="{lvl}"/>'
    )
    toc_tab = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
    table_spec = s["table"]
    styles = [
        _para_style("Normal", "Normal", s["body"], based_on=None, first_line=True, extra_ppr='<w:jc w:val="both"/>'),
        _para_style("Heading1", "heading 1", s["heading1"], extra_ppr=heading_ppr(0), ui_priority=9),
        _para_style("Heading2", "heading 2", s["heading2"], extra_ppr=heading_ppr(1), ui_priority=9),
        _para_style("Heading3", "heading 3", s["heading3"], extra_ppr=heading_ppr(2), ui_priority=9),
        _para_style("Caption", "caption", s["caption"], extra_ppr="<w:keepNext/>", ui_priority=35),
        _para_style("TableText", "表格文字", table_spec),
        _para_style("TableNumber", "表格数字", {**table_spec, "align": "right"}),
        _para_style("TableHeader", "表格标题行", {**table_spec, "bold": True, "align": "center"}),
        _para_style("TableNote", "表注", {**table_spec, "size": "小五"}),
        _para_style("CoverTitle", "封面标题", s["cover_title"]),
        _para_style("CoverText", "封面文字", s["cover_text"]),
        _para_style("TOCHeading", "目录标题", s["toc_title"]),
        _para_style("TOC1", "toc 1", {**s["body"], "first_line_chars": 0}, extra_ppr=toc_tab, ui_priority=39, qformat=False),
        _para_style("TOC2", "toc 2", {**s["body"], "first_line_chars": 0}, extra_ppr=toc_tab + '<w:ind w:left="420"/>', ui_priority=39, qformat=False),
        _para_style("TOC3", "toc 3", {**s["body"], "first_line_chars": 0}, extra_ppr=toc_tab + '<w:ind w:left="840"/>', ui_priority=39, qformat=False),
        _para_style("Footer", "footer", s["footer"]),
        _para_style("Header", "header", s["footer"]),
    ]
    table_style = (
        '<w:style w:type="table" w:styleId="DocgenTable"><w:name w:val="审核报告表格"/>'
        '<w:tblPr><w:jc w:val="center"/><w:tblBorders>'
        + "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        "</w:style>"
    )
    hyperlink = ('<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
                 '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="000000"/></w:rPr></w:style>')
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {NSDECL}>'
        + defaults + "".join(styles) + table_style + hyperlink + "</w:styles>"
    )


def numbering_xml() -> str:
    """One multilevel list bound to 标题 1–3: 第一章 / 1.1 / 1.1.1.

    Level 1 uses ``chineseCountingThousand`` (一 … 十 十一 … 一百, Word and LibreOffice agree;
    ``chineseCounting`` writes 100 as 一○○ in Word — generation.md §2.3). Levels 2–3 are legal
    numbering (``w:isLgl``) so the chapter number shows as an Arabic 1 in "1.1".
    """
    levels = [
        (0, "chineseCountingThousand", "第%1章", "Heading1", False),
        (1, "decimal", "%1.%2", "Heading2", True),
        (2, "decimal", "%1.%2.%3", "Heading3", True),
    ]
    lvl_xml = ""
    for ilvl, fmt, text, style, legal in levels:
        lvl_xml += (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'{"<w:isLgl/>" if legal else ""}<w:pStyle w:val="{style}"/><w:suff w:val="space"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {NSDECL}>'
        f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>{lvl_xml}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
