"""Headings in a PDF: a label pattern AND a font clearly above the body text.

A PDF has no styles or outline levels, so the cascade of checker.md §2.2 shrinks to its last two
signals: the text pattern (第X章, 1.1, 一、 … via ``match_heading_pattern``) and formatting. A
pattern alone is weak — a numbered list item "1、加强管理" looks the same — so it counts only on a
line whose size or weight is clearly above the body size (the most common size by characters).
A clearly larger short line without a pattern (前言, 企业概况, 附件) is a FONT-only heading with a lower
confidence. Measured on the rendered reports: body 12 pt; 第X章/前言 16 pt bold (a Bold face);
1.1 sections 14 pt with the CJK part in fake bold (render mode fill+stroke); unnumbered sections
14 pt regular; captions 10.5 pt.

Levels: from the pattern family (第X章 1, 1.1 and 第X节 2, 1.1.1 3, （一） 3, (1) 4); 一、 is level 2
when the document has 第X章 headings, else 1 (as for DOCX); FONT-only headings take the level whose
pattern headings have the nearest size. Text from OCR pages gets confidence × 0.6.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from docgen.read.headings import MAX_TITLE_CHARS, PatternMatch, match_heading_pattern
from docgen.read.model import SIGNAL_CONFIDENCE, Signal
from docgen.read.normalize import squash
from docgen.read.pdf.tables import is_caption
from docgen.read.pdf.text import Line

PATTERN_AND_FONT = 0.9
FONT_ONLY_BOLD = round(SIGNAL_CONFIDENCE[Signal.FONT] * 0.7, 2)      # 0.49
FONT_ONLY_REGULAR = round(SIGNAL_CONFIDENCE[Signal.FONT] * 0.6, 2)   # 0.42
OCR_FACTOR = 0.6
FONT_ONLY_MAX_CHARS = 30
_END = ("。", "；", ";", "，", ",", "：", ":", "、")
_FAMILY_LEVEL = {"chapter": 1, "section": 2, "arabic2": 2, "arabic3": 3, "cn_paren": 3, "arabic_paren": 4}


@dataclass
class HeadingCandidate:
    line: Line
    match: PatternMatch | None
    signals: tuple[Signal, ...]
    confidence: float
    level: int = 0


def body_size(lines: list[Line]) -> float:
    """The most common font size, weighted by characters (12 pt in the rendered reports)."""
    weights: dict[float, int] = {}
    for ln in lines:
        if not ln.ocr:
            weights[ln.size] = weights.get(ln.size, 0) + ln.chars
    if not weights:
        sizes = [ln.size for ln in lines]
        return median(sizes) if sizes else 12.0
    return max(weights.items(), key=lambda kv: (kv[1], -kv[0]))[0]


def larger(line: Line, body: float) -> bool:
    return line.size >= body + max(1.0, 0.08 * body)


def _font_strong(line: Line, body: float) -> bool:
    return larger(line, body) or (line.bold and line.size >= body - 0.5)


def classify(line: Line, body: float, font_only: bool) -> HeadingCandidate | None:
    """A heading candidate (level still open), or ``None`` for body text."""
    text = line.text.strip()
    if not text or is_caption(text):
        return None
    match = match_heading_pattern(text)
    if line.ocr:
        if match and match.family in ("chapter", "section", "arabic2", "arabic3") and len(squash(text)) <= 30:
            signals = (Signal.PATTERN, Signal.FONT) if larger(line, body) else (Signal.PATTERN,)
            base = PATTERN_AND_FONT if len(signals) == 2 else SIGNAL_CONFIDENCE[Signal.PATTERN]
            return HeadingCandidate(line, match, signals, round(base * OCR_FACTOR, 2))
        return None
    if match is not None:
        if _font_strong(line, body):
            return HeadingCandidate(line, match, (Signal.PATTERN, Signal.FONT), PATTERN_AND_FONT)
        return None
    if not font_only or text.endswith(_END) or len(squash(text)) > FONT_ONLY_MAX_CHARS:
        return None
    if len(squash(text)) < 2 or squash(text).replace(".", "").isdigit():
        return None
    if line.size >= body * 1.15 or (line.bold and line.size >= body * 1.08):
        return HeadingCandidate(line, None, (Signal.FONT,), FONT_ONLY_BOLD if line.bold else FONT_ONLY_REGULAR)
    return None


def pattern_level(match: PatternMatch, has_chapters: bool) -> int:
    if match.family in _FAMILY_LEVEL:
        return _FAMILY_LEVEL[match.family]
    if match.family == "cn_dun":
        return 2 if has_chapters else 1
    return 3 if has_chapters else 1  # arabic1 / arabic_bare: "1 筹划和组织" without 第X章


def assign_levels(candidates: list[HeadingCandidate]) -> None:
    """Pattern levels first; FONT-only headings take the level of the nearest pattern size."""
    has_chapters = any(c.match and c.match.family == "chapter" for c in candidates)
    sizes: dict[int, list[float]] = {}
    for c in candidates:
        if c.match is not None:
            c.level = pattern_level(c.match, has_chapters)
            sizes.setdefault(c.level, []).append(c.line.size)
    typical = {level: median(v) for level, v in sizes.items()}
    font_only = [c for c in candidates if c.match is None]
    if typical:
        by_size = sorted(typical.items(), key=lambda kv: (-kv[1], kv[0]))  # largest first
        for c in font_only:
            fits = [lv for lv, size in by_size if size <= c.line.size + 0.5]
            c.level = fits[0] if fits else min(max(typical) + 1, 4)
    else:
        ranks = sorted({c.line.size for c in font_only}, reverse=True)
        for c in font_only:
            c.level = min(ranks.index(c.line.size) + 1, 3)


def merge_wrapped(candidate: HeadingCandidate, following: Line) -> bool:
    """A long heading wrapped onto a second line of the same font (joined by the reader)."""
    a = candidate.line
    return (not following.ocr and abs(following.size - a.size) < 0.5 and following.bold == a.bold
            and 0 < following.top - a.bottom <= 0.6 * a.size
            and len(squash(a.text + following.text)) <= MAX_TITLE_CHARS + 8
            and match_heading_pattern(following.text) is None
            and not following.text.rstrip().endswith(_END))
