"""The body walk: one pass over ``w:body`` in document order, producing raw records.

Why one pass in order: complex fields span paragraphs (the TOC field), numbering counters run
through the whole body (table cells included), and page estimates accumulate — all three are
only right when every paragraph is read exactly once, in order. Classification (TOC, headings,
captions, image hints) needs the whole document (e.g. "一、 is level 2 if the document has 第X章
headings"), so it runs afterwards on these records (``build``).

Block-level containers are transparent: ``w:sdt`` (a block content control — python-docx loses its
text, checker.md §2.1), ``w:customXml`` and ``mc:AlternateContent`` (one branch). A block ``w:sdt``
whose ``w:docPartGallery`` is "Table of Contents" is Word's TOC wrapper.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.read.docx.ns import ALTERNATE_CONTENT, CUSTOM_XML, SDT, SDT_CONTENT, SDT_PR, TBL, VAL, P, w
from docgen.read.docx.pages import PageCounter
from docgen.read.docx.tables import CellImage, TableBuilder
from docgen.read.docx.text import ParagraphReader, PText, choose_branch
from docgen.read.model import Table

DOC_PART_GALLERY = w("docPartGallery")


class ParaRec:
    """One body paragraph as walked (a plain class with slots: one is made per paragraph)."""

    __slots__ = ("pt", "index", "page", "starts_page", "breaks_before", "breaks_after", "in_sdt", "toc_sdt", "toc")

    def __init__(self, pt: PText, index: int, page: int, starts_page: bool, in_sdt: bool = False,
                 toc_sdt: bool = False):
        self.pt = pt
        self.index = index              # body paragraph number (every top-level w:p, empty ones included)
        self.page = page
        self.starts_page = starts_page  # first thing on a page (after a break, a section start, at the top)
        self.breaks_before: list[tuple[bool, int]] = []  # (rendered, new page)
        self.breaks_after: list[tuple[bool, int]] = []
        self.in_sdt = in_sdt
        self.toc_sdt = toc_sdt
        self.toc = False                # decided by toc.py


@dataclass
class TableRec:
    table: Table                # the top-level table
    tables: list[Table]         # it and every table nested in it, by index
    images: list[tuple[int, CellImage]]
    page: int
    paragraph: int              # number of body paragraphs before it


class BodyWalker:
    def __init__(self, reader: ParagraphReader, body):
        self.reader = reader
        self.pages = PageCounter(body)
        self.items: list[ParaRec | TableRec] = []
        self.tables: list[Table] = []
        self.paragraphs = 0
        self.table_revisions = 0

    def walk(self, body) -> None:
        self._blocks(body, False, False)

    # -- blocks --------------------------------------------------------------------------------
    def _blocks(self, container, in_sdt: bool, toc_sdt: bool) -> None:
        for el in container:
            tag = el.tag
            if tag == P:
                self._paragraph(el, in_sdt, toc_sdt)
            elif tag == TBL:
                self._table(el)
            elif tag == SDT:
                content = el.find(SDT_CONTENT)
                if content is not None:
                    self._blocks(content, True, toc_sdt or _is_toc_sdt(el))
            elif tag == CUSTOM_XML:
                self._blocks(el, in_sdt, toc_sdt)
            elif tag == ALTERNATE_CONTENT:
                branch = choose_branch(el)
                if branch is not None:
                    self._blocks(branch, in_sdt, toc_sdt)

    def _paragraph(self, p, in_sdt: bool, toc_sdt: bool) -> None:
        pt = self.reader.read(p)
        pages = self.pages
        rec = ParaRec(pt, self.paragraphs, pages.page, pages.at_top, in_sdt=in_sdt, toc_sdt=toc_sdt)
        self.paragraphs += 1
        if pt.page_break_before and pages.brk():
            rec.breaks_before.append((False, pages.page))
        rec.starts_page = pages.at_top
        rec.page = pages.page
        if pt.events:
            for pos, rendered in pt.events:
                if pos > 0:
                    pages.content()
                if pages.brk():
                    (rec.breaks_before if pos == 0 else rec.breaks_after).append((rendered, pages.page))
                if pos == 0:
                    rec.page = pages.page
                    rec.starts_page = True
        if not pt.events or pt.events[-1][0] < len(pt.own):
            # the paragraph mark is laid out; but the bare remainder of a paragraph ending in a page
            # break is not counted, or Word's rendered break in the next paragraph would count twice
            pages.content()
        if pt.sect is not None and pages.section_end(pt.sect):
            rec.breaks_after.append((False, pages.page))
        self.items.append(rec)

    def _table(self, tbl) -> None:
        page = self.pages.page
        builder = TableBuilder(self.reader, self.pages, self._alloc)
        table = builder.build(tbl)
        for built in builder.tables:
            self.tables[built.index] = built
        self.pages.content()
        self.table_revisions += builder.revisions
        self.items.append(TableRec(table, builder.tables, builder.images, page, self.paragraphs))

    def _alloc(self) -> int:
        self.tables.append(None)  # type: ignore[arg-type]  (filled by build)
        return len(self.tables) - 1


def _is_toc_sdt(sdt) -> bool:
    pr = sdt.find(SDT_PR)
    if pr is None:
        return False
    for gallery in pr.iter(DOC_PART_GALLERY):
        if (gallery.get(VAL) or "").strip().lower() == "table of contents":
            return True
    return False
