"""One pass over the rendered document.xml: numbers, references and the TOC's cached entries.

Why after rendering: which tables and sections exist depends on the data (``{%p if %}`` blocks), so
表 X-Y numbers (per chapter, in document order) and cross-references ("见表4-1") are only known
once the template has been rendered. The TOC field's cached result is rewritten with the actual
headings (number label + title, linked to bookmarks, with page numbers when a PDF pass supplied
them), so viewers that never update fields (WPS preview, text extractors, our own checker) see a
real TOC; Word refreshes it on open (``updateFields``) and LibreOffice before PDF export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from docgen.read.numerals import counting_thousand
from docgen.render.ooxml import W_NS
from docgen.render.tablexml import CAPTION_MARK, REF_MARK

W = f"{{{W_NS}}}"
_CAPTION = re.compile(f"{CAPTION_MARK}([^{CAPTION_MARK}]*){CAPTION_MARK}")
_REF = re.compile(f"{REF_MARK}([^{REF_MARK}]*){REF_MARK}")


@dataclass
class Heading:
    level: int
    label: str  # 第一章 / 1.1 / 1.1.1, "" when unnumbered
    title: str
    bookmark: str

    @property
    def text(self) -> str:
        return f"{self.label} {self.title}" if self.label else self.title


@dataclass
class Outline:
    headings: list[Heading]
    tables: dict[str, str]  # table id → number of its first occurrence ("4-1")


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _style(p) -> str | None:
    ps = p.find(f"{W}pPr/{W}pStyle")
    return ps.get(f"{W}val") if ps is not None else None


def _unnumbered(p) -> bool:
    num = p.find(f"{W}pPr/{W}numPr/{W}numId")
    return num is not None and num.get(f"{W}val") == "0"


def _add_bookmark(p, name: str, ident: int) -> None:
    start = etree.Element(f"{W}bookmarkStart", {f"{W}id": str(ident), f"{W}name": name})
    end = etree.Element(f"{W}bookmarkEnd", {f"{W}id": str(ident)})
    ppr = p.find(f"{W}pPr")
    index = 1 if ppr is not None else 0
    p.insert(index, start)
    p.append(end)


def _number_headings_and_captions(body) -> Outline:
    counters = [0, 0, 0]
    chapter_tables: dict[int, int] = {}
    headings: list[Heading] = []
    tables: dict[str, str] = {}
    bookmark_id = 9000
    # headings and captions are paragraphs of the body itself, never inside table cells (which hold
    # most paragraphs of a report): walking only the body's children keeps this pass cheap
    for p in body.iterchildren(f"{W}p"):
        style = _style(p)
        if style in ("Heading1", "Heading2", "Heading3"):
            level = int(style[-1])
            title = _text(p).strip()
            label = ""
            if not _unnumbered(p):
                counters[level - 1] += 1
                for k in range(level, 3):
                    counters[k] = 0
                if level == 1:
                    label = f"第{counting_thousand(counters[0])}章"  # as Word renders 第%1章 in chineseCountingThousand
                else:
                    label = ".".join(str(c) for c in counters[:level])
            bookmark_id += 1
            name = f"_Toc{bookmark_id}"
            _add_bookmark(p, name, bookmark_id)
            headings.append(Heading(level, label, title, name))
        elif style == "Caption":
            for t in p.iter(f"{W}t"):
                if t.text and CAPTION_MARK in t.text:
                    chapter = counters[0]
                    chapter_tables[chapter] = chapter_tables.get(chapter, 0) + 1
                    number = f"{chapter}-{chapter_tables[chapter]}"

                    def fill(match, number=number):
                        tables.setdefault(match.group(1), number)
                        return number

                    t.text = _CAPTION.sub(fill, t.text)
    return Outline(headings, tables)


def _resolve_references(body, tables: dict[str, str]) -> None:
    """References sit in the report's prose (body paragraphs), not in table cells."""
    for t in (t for p in body.iterchildren(f"{W}p") for t in p.iter(f"{W}t")):
        if t.text and REF_MARK in t.text:
            t.text = _REF.sub(lambda m: f"表{tables[m.group(1)]}" if m.group(1) in tables else "相关表格", t.text)


def _toc_entry(h: Heading, page: int | None, first: bool, last: bool, instr: str) -> etree._Element:
    xml = f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="TOC{h.level}"/></w:pPr>'
    if first:
        xml += ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    cached = "" if page is None else str(page)
    xml += (f'<w:hyperlink w:anchor="{h.bookmark}" w:history="1">'
            '<w:r><w:t xml:space="preserve"></w:t></w:r>'
            '<w:r><w:tab/></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {h.bookmark} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{cached}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>')
    if last:
        xml += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    xml += "</w:p>"
    element = etree.fromstring(xml)
    element.find(f".//{W}hyperlink/{W}r/{W}t").text = h.text
    return element


def _rewrite_toc(body, headings: list[Heading], pages: dict[str, int] | None) -> None:
    for instr in body.iter(f"{W}instrText"):
        if instr.text and instr.text.strip().startswith("TOC"):
            field_p = instr.getparent().getparent()
            break
    else:
        return
    entries = [h for h in headings if h.level <= 3]
    if not entries:
        return
    parent = field_p.getparent()
    index = parent.index(field_p)
    parent.remove(field_p)
    for k, h in enumerate(entries):
        parent.insert(index + k, _toc_entry(h, (pages or {}).get(h.bookmark), k == 0, k == len(entries) - 1, instr.text))


def postprocess_root(root, pages: dict[str, int] | None = None) -> Outline:
    """The pass on a parsed document (docxtpl's own tree: no second parse and serialise)."""
    body = root.find(f"{W}body")
    outline = _number_headings_and_captions(body)
    _resolve_references(body, outline.tables)
    _rewrite_toc(body, outline.headings, pages)
    return outline


def postprocess(document_xml: bytes, pages: dict[str, int] | None = None) -> tuple[bytes, Outline]:
    """Number captions, resolve table references, bookmark headings, fill the TOC."""
    root = etree.fromstring(document_xml)
    outline = postprocess_root(root, pages)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), outline


def fill_toc_pages(document_xml: bytes, pages: dict[str, int]) -> bytes:
    """Write page numbers (bookmark → page) into the cached results of the TOC's PAGEREF fields."""
    root = etree.fromstring(document_xml)
    for hyperlink in root.iter(f"{W}hyperlink"):
        page = pages.get(hyperlink.get(f"{W}anchor"))
        if page is None:
            continue
        texts = hyperlink.findall(f"{W}r/{W}t")
        if len(texts) >= 2:
            texts[-1].text = str(page)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
