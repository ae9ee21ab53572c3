"""Restylings of a rendered report: the same content written the way other consultancies write it.

Each variant is a function ``fn(pkg: Package) -> None`` changing the DOCX in place; every variant
must leave a report that still passes its pack with zero errors and zero warnings (the suite holds
a ``good-<variant>`` document for each). What varies is how a reader has to recognise the outline:

- ``heading-styles``  as rendered: Heading1–3 styles with numbering attached to the styles
  (第一章 / 1.1 / 1.1.1 come from numbering.xml, not from the text).
- ``bold-headings``   no heading style, no outline level, no numbering: Normal paragraphs with bold,
  larger runs and the label typed as text (“第一章 筹划和组织”, “1.1 …”) — the commonest layout of
  reports written in WPS.
- ``outline-levels``  Normal style with ``w:outlineLvl`` on the paragraph and the label typed as
  text; no bold (the outline level is the only formatting signal).
- ``auto-numbering``  the heading styles renamed to custom ids (MyChapter / MySection /
  MySubsection, names not “heading n”) that keep numbering and outline level: only the numbering
  and outline signals remain.
- ``naming-family``   the other family of chapter names (审核准备 / 预评估 / 评估 / 方案产生与筛选 /
  方案的确定 / 方案的实施 / 持续清洁生产计划).
- ``extra-chapter``   the unnumbered 前言 becomes a numbered first chapter 总论, so every stage
  chapter moves one number up (第二章 筹划和组织 … 第八章 持续清洁生产).
- ``traditional``     headings, captions and table header rows in traditional characters (OpenCC s2t).

The cached table of contents is rewritten from the restyled headings (TOC1–3 entries link to the
headings' bookmarks), as Word would after “更新目录”.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from docgen.check.conformance.package import W, Package, body_paragraphs, ppr, set_text, style_of, text
from docgen.read import numerals

HEADING_STYLES = {"Heading1": 1, "Heading2": 2, "Heading3": 3}
SIZES = {1: "32", 2: "28", 3: "24"}  # half-points: 三号 16pt, 四号 14pt, 小四 12pt


@dataclass
class HeadingInfo:
    p: etree._Element
    level: int
    numbered: bool
    label: str          # 第一章 / 1.1 / 1.1.1, or "" when unnumbered
    title: str

    @property
    def full(self) -> str:
        return f"{self.label} {self.title}" if self.label else self.title


def headings(root, styles: dict[str, int] = HEADING_STYLES) -> list[HeadingInfo]:
    """The headings of a report rendered by docgen, with the labels Word's numbering would show
    (one multilevel list: 第%1章 / %1.%2 / %1.%2.%3; ``w:numId w:val="0"`` switches it off)."""
    out: list[HeadingInfo] = []
    counters = [0, 0, 0]
    for p in body_paragraphs(root):
        level = styles.get(style_of(p) or "")
        if level is None:
            continue
        num_id = p.find(f"{W}pPr/{W}numPr/{W}numId")
        numbered = num_id is None or num_id.get(f"{W}val") != "0"
        label = ""
        if numbered:
            counters[level - 1] += 1
            for i in range(level, 3):
                counters[i] = 0
            label = f"第{numerals.counting_thousand(counters[0])}章" if level == 1 else ".".join(str(c) for c in counters[:level])
        out.append(HeadingInfo(p, level, numbered, label, text(p)))
    return out


def refresh_toc(root, labels: dict[str, str]) -> None:
    """Rewrite the cached TOC entries: ``labels`` maps a heading bookmark name to its new text."""
    for p in body_paragraphs(root):
        if not (style_of(p) or "").startswith("TOC") or style_of(p) == "TOCHeading":
            continue
        link = p.find(f"{W}hyperlink")
        if link is None:
            continue
        anchor = link.get(f"{W}anchor")
        if anchor in labels:
            first = link.find(f"{W}r/{W}t")
            if first is not None:
                first.text = labels[anchor]


def _bookmark(p) -> str | None:
    bm = p.find(f"{W}bookmarkStart")
    return bm.get(f"{W}name") if bm is not None else None


def _toc_from(infos: list[HeadingInfo], root) -> None:
    refresh_toc(root, {b: h.full for h in infos if (b := _bookmark(h.p))})


def _strip_heading_ppr(p, *, keep_page_break: bool) -> etree._Element:
    """Drop the paragraph's style and numbering; return its (left-aligned, unindented) pPr."""
    pr = ppr(p)
    for tag in ("pStyle", "numPr", "outlineLvl", "ind", "jc", "pageBreakBefore", "keepNext"):
        for el in pr.findall(f"{W}{tag}"):
            pr.remove(el)
    children = [etree.Element(f"{W}keepNext")]
    if keep_page_break:
        children.append(etree.Element(f"{W}pageBreakBefore"))
    ind = etree.Element(f"{W}ind")
    ind.set(f"{W}firstLine", "0")
    ind.set(f"{W}firstLineChars", "0")
    children.append(ind)
    # schema order inside pPr: pStyle, keepNext, …, pageBreakBefore, …, numPr, …, ind, …, outlineLvl
    for i, el in enumerate(children):
        pr.insert(i, el)
    return pr


def _set_runs(p, label_and_title: str, *, bold: bool, size: str | None) -> None:
    set_text(p, label_and_title)
    for r in p.iter(f"{W}r"):
        rpr = r.find(f"{W}rPr")
        if rpr is None:
            rpr = etree.Element(f"{W}rPr")
            r.insert(0, rpr)
        if bold:
            for tag in ("b", "bCs"):
                if rpr.find(f"{W}{tag}") is None:
                    rpr.append(etree.Element(f"{W}{tag}"))
        if size:
            for tag in ("sz", "szCs"):
                el = etree.SubElement(rpr, f"{W}{tag}")
                el.set(f"{W}val", size)


def heading_styles(pkg: Package) -> None:
    """As rendered."""


def bold_headings(pkg: Package) -> None:
    root = pkg.document
    infos = headings(root)
    for h in infos:
        _strip_heading_ppr(h.p, keep_page_break=h.level == 1)
        _set_runs(h.p, h.full, bold=True, size=SIZES[h.level])
    _toc_from(infos, root)


def outline_levels(pkg: Package) -> None:
    root = pkg.document
    infos = headings(root)
    for h in infos:
        pr = _strip_heading_ppr(h.p, keep_page_break=h.level == 1)
        lvl = etree.SubElement(pr, f"{W}outlineLvl")
        lvl.set(f"{W}val", str(h.level - 1))
        set_text(h.p, h.full)
    _toc_from(infos, root)


CUSTOM_STYLES = {"Heading1": ("MyChapter", "My Chapter"), "Heading2": ("MySection", "My Section"),
                 "Heading3": ("MySubsection", "My Subsection")}


def auto_numbering(pkg: Package) -> None:
    styles = pkg.xml("word/styles.xml")
    for st in styles.findall(f"{W}style"):
        new = CUSTOM_STYLES.get(st.get(f"{W}styleId"))
        if new:
            st.set(f"{W}styleId", new[0])
            st.find(f"{W}name").set(f"{W}val", new[1])
    for el in styles.iter(f"{W}basedOn", f"{W}next", f"{W}link"):
        if el.get(f"{W}val") in CUSTOM_STYLES:
            el.set(f"{W}val", CUSTOM_STYLES[el.get(f"{W}val")][0])
    for part in ("word/numbering.xml", "word/document.xml"):
        for el in pkg.xml(part).iter(f"{W}pStyle"):
            if el.get(f"{W}val") in CUSTOM_STYLES:
                el.set(f"{W}val", CUSTOM_STYLES[el.get(f"{W}val")][0])


CHAPTER_FAMILY = {"筹划和组织": "审核准备", "预审核": "预评估", "审核": "评估", "方案的产生和筛选": "方案产生与筛选",
                  "可行性分析": "方案的确定", "方案实施": "方案的实施", "持续清洁生产": "持续清洁生产计划"}


def naming_family(pkg: Package) -> None:
    root = pkg.document
    infos = headings(root)
    for h in infos:
        if h.level == 1 and h.title in CHAPTER_FAMILY:
            h.title = CHAPTER_FAMILY[h.title]
            set_text(h.p, h.title)
    _toc_from(infos, root)


def extra_chapter(pkg: Package) -> None:
    """前言 → 第一章 总论 (numbered, with its sub-headings numbered 1.1 …)."""
    root = pkg.document
    for h in headings(root):
        if h.level == 1 and h.title == "筹划和组织":
            break
        num = h.p.find(f"{W}pPr/{W}numPr")
        if num is not None:
            num.getparent().remove(num)
        if h.level == 1 and h.title == "前言":
            set_text(h.p, "总论")
    _toc_from(headings(root), root)


def traditional(pkg: Package) -> None:
    import opencc

    s2t = opencc.OpenCC("s2t").convert
    root = pkg.document
    infos = headings(root)
    for h in infos:
        h.title = s2t(h.title)
        set_text(h.p, h.title)
    for p in body_paragraphs(root):
        if style_of(p) == "Caption":
            set_text(p, s2t(text(p)))
    for tbl in root.iter(f"{W}tbl"):
        first = tbl.find(f"{W}tr")
        if first is None:
            continue
        for t in first.iter(f"{W}t"):
            t.text = s2t(t.text or "")
    _toc_from(infos, root)


VARIANTS: dict[str, Callable[[Package], None]] = {
    "heading-styles": heading_styles,
    "bold-headings": bold_headings,
    "outline-levels": outline_levels,
    "auto-numbering": auto_numbering,
    "naming-family": naming_family,
    "extra-chapter": extra_chapter,
    "traditional": traditional,
}
