"""Where each heading landed in the PDF, as the page number printed in the footer.

After LibreOffice has laid the report out, the PDF is the ground truth for pagination. Reading the
text of each page (pypdf — an independent reader, not LibreOffice's own TOC) finds the page of every
heading in document order; the body section starts at page 1 (cover and TOC sections are numbered
separately), so the footer number is the physical page minus the pages before the first body
heading. These numbers are written into the DOCX's cached TOC, so the DOCX and the PDF agree.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from docgen.read.normalize import squash as _squash
from docgen.render.postprocess import Heading


def page_texts(pdf: Path) -> list[str]:
    reader = PdfReader(str(pdf))
    return [_squash(page.extract_text() or "") for page in reader.pages]


def _is_toc_page(text: str) -> bool:
    return "目录" in text[:80] or text.count("……") + text.count("....") > 5


def heading_pages(pdf: Path, headings: list[Heading]) -> tuple[dict[str, int], int]:
    """Bookmark → footer page number, and the physical index (0-based) where the body starts."""
    texts = page_texts(pdf)
    if not headings:
        return {}, 0
    first = _squash(headings[0].text)
    body_start = next((i for i, t in enumerate(texts) if first in t and not _is_toc_page(t)), 0)
    pages: dict[str, int] = {}
    cursor = body_start
    for h in headings:
        needle = _squash(h.text)
        for i in range(cursor, len(texts)):
            if needle in texts[i]:
                pages[h.bookmark] = i - body_start + 1
                cursor = i
                break
    return pages, body_start
