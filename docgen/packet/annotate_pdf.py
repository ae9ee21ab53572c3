"""A PDF copy of the report with a highlight annotation at every finding, carrying the message.

Positions: the anchor text of a finding (the paragraph's text, a table's caption or first cell —
taken from the reader's document model) is searched with pypdfium2's text search, on the page the
finding names first, then on every page; the matched characters' rectangles become the highlight's
QuadPoints (PDF 32000-1 §12.5.6.10: four corners per highlighted line, counter-clockwise from top
left as viewers draw them). pypdf writes the annotation (pypdf.annotations.Highlight) with the
message in ``/Contents`` and the author in ``/T``, which every viewer shows as the note's popup.
A finding whose text cannot be found (a missing chapter has no text) gets a sticky note
(``/Text``) at the top left of its page, so no finding is silently dropped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docgen.packet.annotate_docx import AUTHOR, comment_text
from docgen.read.normalize import squash

#: characters of the anchor text searched for: long enough to be unique on a page, short enough
#: not to cross a line break inside the PDF's text (pdfium joins lines with \r\n)
SNIPPET = 12


@dataclass
class Mark:
    page: int                 # zero-based
    rects: list[tuple[float, float, float, float]]   # (left, bottom, right, top) in PDF points
    found: bool


def _search(textpage, snippet: str) -> list[tuple[float, float, float, float]]:
    searcher = textpage.search(snippet, match_case=True)
    hit = searcher.get_next()
    if not hit:
        return []
    start, count = hit
    n = textpage.count_rects(start, count)
    return [tuple(textpage.get_rect(i)) for i in range(n)]


def locate(pdf_path: Path, anchors: list[tuple[str, int | None]]) -> list[Mark]:
    """For each (anchor text, 1-based page hint), where it is in the PDF."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = [pdf[i].get_textpage() for i in range(len(pdf))]
        marks = []
        for text, hint in anchors:
            snippet = squash(text or "")[:SNIPPET]
            order = list(range(len(pages)))
            if hint and 1 <= hint <= len(pages):
                order.remove(hint - 1)
                order.insert(0, hint - 1)
            mark = Mark(order[0] if order else 0, [], False)
            if snippet:
                for i in order:
                    rects = _search(pages[i], snippet)
                    if rects:
                        mark = Mark(i, rects, True)
                        break
            marks.append(mark)
        return marks
    finally:
        pdf.close()


def annotate_pdf(pdf_path: Path, findings: list, anchors: list[tuple[str, int | None]]) -> tuple[bytes, list[Mark]]:
    """The PDF with one highlight (or sticky note) per finding; and where each went."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Highlight, Text
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    marks = locate(pdf_path, anchors)
    writer = PdfWriter(clone_from=PdfReader(pdf_path))
    for f, mark in zip(findings, marks):
        message = comment_text(f)
        if not writer.pages:
            break
        page = writer.pages[mark.page]
        if mark.found:
            quads = []
            for left, bottom, right, top in mark.rects:
                quads += [left, top, right, top, left, bottom, right, bottom]
            rect = (min(r[0] for r in mark.rects), min(r[1] for r in mark.rects),
                    max(r[2] for r in mark.rects), max(r[3] for r in mark.rects))
            annotation = Highlight(rect=rect, quad_points=ArrayObject(FloatObject(q) for q in quads),
                                   highlight_color="ffe14d" if f.severity != "error" else "ff9c9c", printing=True)
        else:
            box = page.mediabox
            top = float(box.top) - 36
            annotation = Text(rect=(float(box.left) + 18, top - 18, float(box.left) + 36, top), text=message, open=False)
        annotation[NameObject("/Contents")] = TextStringObject(message)
        annotation[NameObject("/T")] = TextStringObject(AUTHOR)
        writer.add_annotation(mark.page, annotation)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), marks


def anchor_texts(doc, findings: list) -> list[tuple[str, int | None]]:
    """(text to search, page hint) per finding, from the reader's document model of the report."""
    from docgen.read.model import Heading, Paragraph

    by_paragraph = {b.location.paragraph: b.text for b in doc.blocks
                    if isinstance(b, (Paragraph, Heading)) and b.location.paragraph is not None}
    by_path = {tuple(h.location.heading_path): h.text for h in doc.headings}
    out = []
    for f in findings:
        loc = f.location
        text = ""
        if loc.table is not None and loc.table < len(doc.tables):
            table = doc.tables[loc.table]
            cells = [c.text for row in table.grid for c in row if c is not None and c.text.strip()]
            text = table.caption or (cells[0] if cells else "")
        elif loc.paragraph is not None:
            text = by_paragraph.get(loc.paragraph, "")
        elif loc.heading_path:
            text = by_path.get(tuple(loc.heading_path), "")
        out.append((text, loc.page))
    return out
