"""Table-of-contents pages → ``Document.toc`` (never headings).

A TOC line looks exactly like a heading followed by leader dots and a page number ("第一章 筹划和
组织……4"), so without this step every chapter would be found twice. checker.md §2.2 (signal 5): the
TOC is what the author *thinks* the chapters are; the checker compares it with the headings found
in the body ("TOC out of date"). Page numbers in a TOC are the printed labels (the rendered reports
number the body from 1 after a roman-numbered front matter), not physical pages.

A page is a TOC page when it carries a 目录/目次 title near its top, or when most of its lines are TOC
lines; pages right after a TOC page continue it while most of their lines are TOC lines.
"""

from __future__ import annotations

from docgen.read.headings import match_heading_pattern, match_toc_line
from docgen.read.model import TocEntry
from docgen.read.normalize import squash
from docgen.read.pdf.headings import pattern_level
from docgen.read.pdf.text import Line

TITLES = frozenset({"目录", "目次", "contents", "tableofcontents"})


def is_title(line: Line) -> bool:
    return squash(line.text).lower() in TITLES


def _toc_share(lines: list[Line]) -> float:
    hits = sum(1 for ln in lines if match_toc_line(ln.text))
    return hits / len(lines) if lines else 0.0


def find_toc_pages(pages: list[tuple[int, list[Line]]]) -> set[int]:
    """Page numbers whose lines form the TOC (``pages``: (page, body lines) in order)."""
    toc: set[int] = set()
    previous_was_toc = False
    for page, lines in pages:
        titled = any(is_title(ln) for ln in lines[:5])
        share = _toc_share(lines)
        hits = share * len(lines)
        if titled and hits >= 1:
            is_toc = True
        elif previous_was_toc:
            is_toc = hits >= 2 and share >= 0.5
        else:
            is_toc = hits >= 5 and share >= 0.6
        if is_toc:
            toc.add(page)
        previous_was_toc = is_toc
    return toc


def _indent_levels(xs: list[float], tolerance: float = 4.0) -> list[float]:
    levels: list[float] = []
    for x in sorted(xs):
        if not levels or x - levels[-1] > tolerance:
            levels.append(x)
    return levels


def _page_label(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def entries(lines: list[Line]) -> list[TocEntry]:
    """TOC entries from the lines of all TOC pages; a title wrapped onto two lines is joined."""
    raw: list[tuple[str, str, Line]] = []
    carry = ""
    for ln in lines:
        if is_title(ln):
            continue
        hit = match_toc_line(carry + ln.text if carry else ln.text)
        if hit is None:
            carry = (carry + ln.text.strip()) if len(carry) < 80 else ""
            continue
        carry = ""
        raw.append((hit[0], hit[1], ln))
    if not raw:
        return []
    steps = _indent_levels([ln.x0 for _, _, ln in raw])
    has_chapters = any((m := match_heading_pattern(t)) and m.family == "chapter" for t, _, _ in raw)
    out = []
    for title, page, ln in raw:
        match = match_heading_pattern(title)
        if match is not None:
            level = pattern_level(match, has_chapters)
        else:
            level = max(1, sum(1 for x in steps if x <= ln.x0 + 0.5))
        out.append(TocEntry(text=title, page=_page_label(page), level=level))
    return out
