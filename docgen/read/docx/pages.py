"""Approximate physical page numbers without rendering.

Word writes ``w:lastRenderedPageBreak`` where its last layout started a new page (ISO 29500
§17.3.3.13; checker.md §2.4: approximate, but the only page information a DOCX carries). Explicit
breaks are certain: ``w:br w:type="page"``, ``w:pageBreakBefore`` (direct or from the style — the
sample reports put it on Heading 1), and section breaks, whose kind is the ``w:type`` of the NEXT
section's ``w:sectPr`` (``nextPage`` when absent; ``oddPage``/``evenPage`` may insert a blank page).

Word also writes a rendered break right after an explicit one, so counting both would double every
explicit page: a break only counts when something (a paragraph mark, text, a table row) has been
laid out since the last one — ``at_top`` tracks that.
"""

from __future__ import annotations

from lxml import etree

from docgen.read.docx.ns import VAL, W_NS, w

NEW_PAGE_KINDS = {"nextPage", "oddPage", "evenPage"}
SECT_TYPE = w("type")


class PageCounter:
    __slots__ = ("page", "at_top", "_next_kind", "_alive")

    def __init__(self, body=None):
        self.page = 1
        self.at_top = True
        self._next_kind: dict[int, str] = {}
        # lxml keeps one proxy per node only while a reference exists: holding the sectPr proxies
        # keeps their id() stable for the lookups during the walk.
        self._alive = section_elements(body) if body is not None else []
        for here, following in zip(self._alive, self._alive[1:], strict=False):
            kind_el = following.find(SECT_TYPE)
            self._next_kind[id(here)] = (kind_el.get(VAL) if kind_el is not None else None) or "nextPage"

    @property
    def sections(self) -> list:
        """Every section's sectPr in document order (headers/footers are referenced there)."""
        return self._alive

    def content(self) -> None:
        self.at_top = False

    def brk(self) -> bool:
        """A page break (explicit or rendered); ``True`` when it starts a new page."""
        if self.at_top:
            return False
        self.page += 1
        self.at_top = True
        return True

    def section_end(self, sect) -> bool:
        """The section ended by ``sect`` is followed by one starting as its next sectPr says."""
        kind = self._next_kind.get(id(sect), "nextPage")
        if kind not in NEW_PAGE_KINDS:
            return False
        started = self.brk()
        if started and ((kind == "oddPage" and self.page % 2 == 0) or (kind == "evenPage" and self.page % 2 == 1)):
            self.page += 1  # Word inserts a blank page to reach the right parity
        return started


#: sectPr of top-level paragraphs (also inside block content controls and custom XML) and the
#: body's own last one, in document order — compiled XPath, evaluated in C over the body's
#: children only (a section break cannot sit in a table cell or a text box)
_SECTIONS = etree.XPath(
    "./w:p/w:pPr/w:sectPr | ./w:sdt/w:sdtContent/w:p/w:pPr/w:sectPr | ./w:customXml/w:p/w:pPr/w:sectPr"
    " | ./w:sectPr", namespaces={"w": W_NS})


def section_elements(body) -> list:
    """Every section's sectPr in order (a ``w:sectPrChange`` holds an old sectPr that is not a
    section: it is never at these paths)."""
    return _SECTIONS(body)
