"""The table of contents: recognised as TOC, never as headings.

Why: a TOC repeats every chapter title ("第二章 预审核……12"); read naively it doubles every
heading and puts them all before the body. A paragraph belongs to the TOC when

* it shows text inside a TOC field (``fldChar`` with ``instrText`` "TOC \\o …" — Word's TOC is one
  field spanning many paragraphs), or lies in a block ``w:sdt`` whose ``w:docPartGallery`` is
  "Table of Contents" (how Word 2007+ wraps it), or
* it has a TOC style (``toc 1`` … ``toc 9``; Word writes those names in every language), or
* it is part of a run of at least three TOC-like lines (title, leader dots or a tab, page number —
  ``match_toc_line``) — a TOC typed by hand or pasted as plain text.

Entries keep the page number Word printed (the cached PAGEREF result) and a level (from the TOC
style, else from the label pattern). The TOC also links its lines to ``_Toc`` bookmarks: the
heading detector uses that map to give a bookmark-only heading its level (checker.md §2.2 item 5).
"""

from __future__ import annotations

import re

from docgen.read.docx.walker import ParaRec, TableRec
from docgen.read.headings import light_fold, match_heading_pattern, match_toc_line
from docgen.read.model import TocEntry

MIN_TOC_RUN = 3
_TOC_TITLES = {"目录", "目次", "contents", "tableofcontents"}
_PAGE = re.compile(r"^\d{1,4}$")


def is_toc_title(text: str) -> bool:
    if len(text) > 30 or not ("目" in text or "ontents" in text.lower()):
        return False
    return re.sub(r"[\s\u3000]+", "", text).lower() in _TOC_TITLES


def toc_line(text: str) -> tuple[str, str] | None:
    """``match_toc_line`` behind a cheap test: a TOC line ends in a page number."""
    last = text[-1:] if text else ""
    if not (last.isdigit() or last in "IVXLivxl"):
        return None
    return match_toc_line(text)


def mark_toc(items: list[ParaRec | TableRec]) -> None:
    """Set ``rec.toc`` on every TOC paragraph (field, sdt, style or a run of TOC-like lines)."""
    run: list[ParaRec] = []
    titled = False

    def close_run():
        if len(run) >= MIN_TOC_RUN or (run and titled):
            for r in run:
                r.toc = True
        run.clear()

    for item in items:
        if isinstance(item, TableRec):
            close_run()
            titled = False
            continue
        pt = item.pt
        text = pt.text.strip()
        if not text:
            continue
        if is_toc_title(text):
            close_run()
            titled = True
            continue
        if pt.toc or (item.toc_sdt and not is_toc_title(text)) or (pt.style is not None and pt.style.toc_level):
            item.toc = True
            continue
        if toc_line(text) is not None:
            run.append(item)
            continue
        close_run()
        titled = False
    close_run()


def entries(items: list[ParaRec | TableRec]) -> tuple[list[TocEntry], dict[str, int | None]]:
    """The TOC entries and a map ``_Toc`` anchor → entry level."""
    out: list[TocEntry] = []
    anchors: dict[str, int | None] = {}
    for item in items:
        if not isinstance(item, ParaRec) or not item.toc:
            continue
        text = item.pt.text.strip()
        if not text:
            continue
        title, page = split_entry(text)
        if not title:
            continue
        level = item.pt.style.toc_level if item.pt.style is not None else None
        if level is None:
            m = match_heading_pattern(title)
            level = {"chapter": 1, "section": 2, "arabic2": 2, "arabic3": 3}.get(m.family) if m else None
        out.append(TocEntry(title, page, level))
        for anchor in item.pt.anchors or ():
            if anchor.startswith("_Toc"):
                anchors.setdefault(anchor, level)
    return out, anchors


def split_entry(text: str) -> tuple[str, int | None]:
    """"第二章\\t预审核\\t12" → ("第二章 预审核", 12): the page is what follows the last tab (the
    PAGEREF result), or what ``match_toc_line`` finds after the leader dots."""
    title, page = text, None
    if "\t" in text:
        head, _, tail = text.rpartition("\t")
        tail = light_fold(tail)
        title = head
        page = int(tail) if _PAGE.match(tail) else None
    else:
        m = match_toc_line(text)
        if m is not None:
            title, raw_page = m
            raw_page = light_fold(raw_page)
            page = int(raw_page) if _PAGE.match(raw_page) else None
    title = re.sub(r"[\t ]+", " ", title).strip(" .…·．_\t")
    return title, page
