"""Page layout: running headers and footers stripped, body lines joined into paragraphs.

Running headers and footers (checker.md §3.2): every extractor found only ~90% of long paragraphs
verbatim because the header and footer land in the middle of a paragraph broken by a page break.
A line is running when the same text (digits masked, so "— 12 —" matches "— 13 —") sits at the same
distance from the top (header) or bottom (footer) edge on most pages. Page-number lines in those
zones are stripped even when they do not repeat (the cover, a landscape page). The texts are kept in
``Document.headers``/``footers``: the header carries the enterprise name the checker compares.

Paragraphs: a new paragraph starts at a larger vertical gap than the page's usual line pitch, at a
first-line indent, after a line that stops short of the right margin, at a change of size or weight,
or at a list marker; a paragraph broken by a page break is re-joined when the page's last line runs
to the margin without closing punctuation and the next page starts flush left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from docgen.read.normalize import squash
from docgen.read.pdf.tables import is_caption
from docgen.read.pdf.text import Line

ZONE = 0.15               # top/bottom share of the page where running lines live
MIN_SHARE = 0.5           # on at least half of the pages with text
Y_TOLERANCE = 3.0         # pt

_DIGITS = re.compile(r"\d+")
_ROMAN = re.compile(r"(?<![A-Za-z])[IVXLCivxlc]{1,7}(?![A-Za-z])")
_PAGE_NUMBER = re.compile(r"^[-—–_·.\s]*(第#页(共#页)?|#(/#)?|page#(of#)?|#页)[-—–_·.\s]*$", re.IGNORECASE)
_END = ("。", "！", "？", "!", "?", "；", ";", "：", ":", "…", ".")
_LIST_START = re.compile(r"^\s*([（(]\s*\d{1,2}\s*[)）]|[①-⑳]|[一二三四五六七八九十]+\s*、|[（(][一二三四五六七八九十]+[)）]"
                         r"|附[件表图]\s*\d+)")
_BARE_NUMBER = re.compile(r"^\s*\d{1,2}\s*[、)）.](?!\d)")  # "1）…": a list only after a closed sentence


def mask(text: str) -> str:
    return _ROMAN.sub("#", _DIGITS.sub("#", squash(text)))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(mask(text)))


@dataclass
class Running:
    headers: list[str]
    footers: list[str]
    dropped: set[int]    # id() of the running lines


def find_running(pages: list[tuple[float, list[Line]]]) -> Running:
    """``pages``: (page height, lines sorted top to bottom) for every page with usable text.

    Pass 1: a text (digits masked) at the same distance from the edge on at least half of the pages,
    or a page number, is running; its position and size become a *slot*. Pass 2: any other line in
    a slot is running too — headers that change per chapter or alternate between odd and even pages
    sit where the frequent one sits. A table caption (续表2-3 at the top of several pages) never is.
    """
    candidates: dict[tuple[str, str], list[tuple[float, Line]]] = {}
    for height, lines in pages:
        if not lines:
            continue
        for ln in lines[:2]:
            if ln.top < ZONE * height and not is_caption(ln.text):
                candidates.setdefault(("header", mask(ln.text)), []).append((ln.top, ln))
        for ln in lines[-2:]:
            if ln.bottom > (1 - ZONE) * height and not is_caption(ln.text):
                candidates.setdefault(("footer", mask(ln.text)), []).append((height - ln.bottom, ln))
    n_pages = sum(1 for _, lines in pages if lines)
    threshold = max(2, MIN_SHARE * n_pages)
    running: dict[str, list[Line]] = {"header": [], "footer": []}
    slots: list[tuple[str, float, float]] = []
    rest: list[tuple[str, float, Line]] = []
    for (zone, key), hits in candidates.items():
        number = _PAGE_NUMBER.match(key) is not None
        ys = sorted(round(y) for y, _ in hits)
        mode = max(set(ys), key=ys.count)
        same = [(y, ln) for y, ln in hits if abs(y - mode) <= Y_TOLERANCE]
        if number or len({ln.page for _, ln in same}) >= threshold:
            chosen = hits if number else same
            running[zone].extend(ln for _, ln in chosen)
            if not number:
                slots.append((zone, mode, chosen[0][1].size))
            rest.extend((zone, y, ln) for y, ln in hits if (y, ln) not in chosen)
        else:
            rest.extend((zone, y, ln) for y, ln in hits)
    for zone, y, ln in rest:
        if any(z == zone and abs(y - sy) <= Y_TOLERANCE and abs(ln.size - size) < 0.5 for z, sy, size in slots):
            running[zone].append(ln)
    dropped = {id(ln) for lines in running.values() for ln in lines}
    texts: dict[str, list[str]] = {"header": [], "footer": []}
    for zone, lines in running.items():
        seen: set[str] = set()
        for ln in sorted(lines, key=lambda ln: ln.page):
            key = mask(ln.text)
            if key not in seen:
                seen.add(key)
                texts[zone].append(ln.text.strip())
    return Running(texts["header"], texts["footer"], dropped)


# --------------------------------------------------------------------------- paragraphs


@dataclass
class Margins:
    left: float
    right: float
    pitches: dict[float, float]  # font size → usual distance between the tops of consecutive lines

    def pitch(self, size: float) -> float:
        return self.pitches.get(size, 0.0)


def page_margins(lines: list[Line], width: float) -> Margins:
    long = [ln for ln in lines if ln.chars >= 8] or lines
    if not long:
        return Margins(0.0, width, {})
    xs = sorted(ln.x0 for ln in long)
    ends = sorted(ln.x1 for ln in long)
    left = xs[len(xs) // 10]
    right = ends[min(len(ends) - 1, (len(ends) * 9) // 10)]
    by_size: dict[float, list[float]] = {}
    for a, b in pairwise(lines):
        if a.size == b.size and 0 < b.top - a.top < 3 * max(a.size, 1):
            by_size.setdefault(a.size, []).append(b.top - a.top)
    return Margins(left, right, {size: median(v) for size, v in by_size.items()})


def is_full(line: Line, m: Margins) -> bool:
    return line.x1 >= m.right - 1.5 * max(line.size, 1)


def is_indented(line: Line, m: Margins) -> bool:
    return line.x0 - m.left >= 1.0 * max(line.size, 1)


def is_centered(line: Line, m: Margins) -> bool:
    left_gap, right_gap = line.x0 - m.left, m.right - line.x1
    return left_gap > 2 * line.size and abs(left_gap - right_gap) < 1.5 * max(line.size, 1)


def continues(a: Line, b: Line, ma: Margins, mb: Margins) -> bool:
    """Is ``b`` the next line of the paragraph whose last line is ``a``?"""
    if abs(a.size - b.size) >= 0.5 or a.bold != b.bold:
        return False
    if not is_full(a, ma):
        return False
    ended = a.text.rstrip().endswith(_END)
    if _LIST_START.match(b.text) or (ended and _BARE_NUMBER.match(b.text)):
        return False  # "（2）…" starts an item — but "…评分（表2-" / "13），…" is one sentence
    if b.page != a.page:
        return not ended and not is_indented(b, mb)
    pitch, usual = b.top - a.top, ma.pitch(a.size)
    if pitch <= 0 or (usual and pitch > 1.35 * usual) or (not usual and pitch > 2.2 * a.size):
        return False
    # a first-line indent starts a paragraph; a block indented as a whole (hanging list) does not
    return not (is_indented(b, mb) and abs(b.x0 - a.x0) > 0.5 * b.size)
