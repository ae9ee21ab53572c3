"""Dates as Chinese reports write them, found in running text (month arithmetic: docgen.track.periods).

Formats (checker.md §5.3, seen in real reports): ``2024年6月15日`` / ``2024年6月`` (spaces allowed,
``号`` for ``日``), Chinese numerals ``二〇二四年六月十五日`` / ``二○二四年六月`` (the zero written
〇 U+3007, ○ U+25CB, 零, a letter O or a digit 0 — all occur in typed opinions), ``2024.6.15``,
``2024-06-15`` and ``2024/6/15``. Full-width digits and separators are folded one character for one
character, so spans always index the ORIGINAL text.

Deliberately not dates: a dotted, dashed or slashed year-month (``2024.6`` is as often a number with
one decimal as a month; ``2024-06`` looks like a standard number ``GB 2024-06``); a bare year
(``2029年前``); a four-digit run glued to a longer number (``UV-5312021``: the reader joined a
product code and a year). Years outside 1949–2100 are ignored (numbers, not dates).

``find_dates`` returns valid dates only; ``find_invalid_dates`` returns the date-shaped strings
that name no calendar day (``2024年2月30日``, ``2024年13月``) with the reason in Chinese.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Literal, NamedTuple

from docgen.numfmt import fmt_date
from docgen.read.numerals import parse as parse_numeral

Precision = Literal["day", "month"]

MIN_YEAR, MAX_YEAR = 1949, 2100

#: one-for-one folding (spans stay valid): full-width digits, letters O, dots, dashes, slashes
_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "－": "-", "／": "/",
                       "‐": "-", "‑": "-", "–": "-", "Ｏ": "O", "ｏ": "o"})

_ZERO = "〇○零0OoΟ"            # zero as typed in Chinese years (incl. letter O and Greek omicron)
_CN_DIGIT = f"[{_ZERO}一二三四五六七八九]"
_CN_MONTH = r"(?:十[一二]?|[一二三四五六七八九]|正)"
_CN_DAY = r"(?:三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"

_ARABIC_CN = re.compile(r"(?<![\d.])(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?")
_CHINESE = re.compile(rf"(?P<y>{_CN_DIGIT}{{4}})\s*年\s*(?P<m>{_CN_MONTH})\s*月(?:\s*(?P<d>{_CN_DAY})\s*[日号])?")
_SEPARATED = re.compile(r"(?<![0-9A-Za-z_.\-/])(?P<y>\d{4})(?P<sep>[.\-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
                        r"(?![0-9A-Za-z_\-/]|\.\d)")


class DateMatch(NamedTuple):
    date: dt.date
    span: tuple[int, int]
    precision: Precision


class InvalidDate(NamedTuple):
    text: str
    span: tuple[int, int]
    reason: str            # Chinese, e.g. "2024年2月只有29天"


def _cn_year(text: str) -> int:
    return int("".join("0" if ch in _ZERO else str(parse_numeral(ch)) for ch in text))


def _cn_value(text: str) -> int:
    return 1 if text == "正" else int(parse_numeral(text) or 0)


#: Every date form needs 年 or four digits followed by a separator: texts with neither (most of a
#: report's ≈ 2,700 paragraphs and cells) skip the three full scans. (Kept as the gate it has
#: always been: a text with a separated date in other digits than 0-9/０-９, ٢٠٢٤.6.15, and no 年 is
#: not searched.)
_SEPARATORS = ".-/．－／‐‑–"   # as written: _FOLD makes the last six one of the first three
_SEP = "[" + re.escape(_SEPARATORS) + "]"
_SEPARATED_HINT = re.compile("[0-9０-９]{4}" + _SEP)


def may_hold_date(text: str) -> bool:
    """False only for a text without any date form: no 年 and no four digits with a separator."""
    return "年" in text or _SEPARATED_HINT.search(text) is not None


#: What every match of ``_ARABIC_CN`` / ``_CHINESE`` leaves in the text AS WRITTEN: 年, spaces, then
#: the month's first character (a digit — ``_FOLD`` only makes digits of full-width digits, which are
#: ``\d`` too — or a Chinese month numeral). Led by the literal 年, the regex engine finds it at
#: memchr speed: 0.04 ms over a 100-page report's paragraphs and cells, where ``年`` alone has 300
#: hits (年产量, 年度, a bare year "2023年" in a header) and only ≈ 130 are followed by a month.
_YEAR_MONTH_HINT = re.compile(r"年\s*[\d十一二三四五六七八九正]")
#: What every match of ``_SEPARATED`` leaves in the text as written: a separator (or a character
#: ``_FOLD`` makes one), 1–2 digits, a separator, a digit. Led by the separator rather than by the
#: four digits of the year: a report's tables are full of digits (every one would start an attempt),
#: separators are rarer: 0.23 ms over the report's texts against 0.45 ms for ``\d{4}[.\-/]``. (The
#: test of one text; over many texts joined, ``DATE_HINTS`` splits it by separator.)
_SEPARATED_SHAPE = re.compile(_SEP + r"\d{1,2}" + _SEP + r"\d")
#: The characters ``_FOLD`` changes: a text without any is its own folded form (no translate: it
#: costs ≈ 50 ns a character, 0.4 ms over the paragraphs that name a year).
_FOLDED_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")

#: Found in every text that holds a date shape (``_candidates`` not empty), never across two texts
#: joined by a character that is no digit, space or separator (JOIN: the text rules' prefilter, one
#: search of a table's or of the paragraphs' joined texts instead of a test of each text). Each
#: pattern is searched on its own: one alternation of them searches at the speed of none (0.44 ms
#: against 0.27 ms over a 100-page report); and ``_SEPARATED_SHAPE`` as one pattern per separator,
#: each led by its character (a literal is found at memchr speed, and a hint whose character is not
#: in the text is skipped: docgen.check.kinds.placeholders ``_hit_starts``), 0.10 ms instead of 0.21.
DATE_HINTS = (_YEAR_MONTH_HINT,) + tuple(re.compile(re.escape(sep) + r"\d{1,2}" + _SEP + r"\d")
                                        for sep in _SEPARATORS)


def _shape_hints(text: str) -> tuple[bool, bool]:
    """(may hold a 年…月 form, may hold a separated form) — False only when it certainly holds none."""
    if not may_hold_date(text):
        return False, False
    return _YEAR_MONTH_HINT.search(text) is not None, _SEPARATED_SHAPE.search(text) is not None


@lru_cache(maxsize=8192)
def _candidates(text: str) -> tuple:
    """(year, month, day | None, span, strict) for every date-shaped string, in text order.

    ``strict``: 年月日 forms name a date whatever the numbers are (so 2024年13月 is an error);
    separated forms are only dates when month and day are in range at all. Memoised: the date
    rules scan the same paragraphs and cells (validity, report date, every event of every deadline).
    Each scan is made only where its hint (``DATE_HINTS``) is found: the scans and the folding cost
    ≈ 12 µs per paragraph that names a year, and most of those name no month."""
    year_month, separated = _shape_hints(text)
    if not (year_month or separated):
        return ()
    folded = text.translate(_FOLD) if _FOLDED_CHARS.search(text) else text
    found = []
    if year_month:
        for m in _ARABIC_CN.finditer(folded):
            found.append((int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None, m.span(), True))
        for m in _CHINESE.finditer(folded):
            found.append((_cn_year(m["y"]), _cn_value(m["m"]), _cn_value(m["d"]) if m["d"] else None, m.span(),
                          True))
    if separated:
        for m in _SEPARATED.finditer(folded):
            found.append((int(m["y"]), int(m["m"]), int(m["d"]), m.span(), False))
    found.sort(key=lambda c: c[3][0])
    return tuple(found)


#: The date-shaped strings of a text (``_candidates``; memoised): empty for a text in which
#: ``find_dates`` and ``find_invalid_dates`` both find nothing. The date rules ask it once per text
#: and document, then look for dates only in the few texts that have one (~100 of ~4,400).
date_shapes = _candidates


#: days per month of a common year (calendar.mdays); February gains a day in a leap year
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _problem(year: int, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12:
        return f"月份「{month}」不存在"
    if day is not None:
        # calendar.monthrange's day count, without the weekday it also works out (a date object
        # per call: a third of find_dates' time over a report's ≈ 120 dates)
        last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]
        if not 1 <= day <= last:
            return f"{year}年{month}月只有{last}天" if day > last else f"日期「{day}日」不存在"
    return None


def find_dates(text: str) -> list[DateMatch]:
    """Every valid date in ``text`` with its span and precision (day or month), in text order."""
    out = []
    for year, month, day, span, _strict in _candidates(text):
        if not MIN_YEAR <= year <= MAX_YEAR or _problem(year, month, day):
            continue
        out.append(DateMatch(dt.date(year, month, day or 1), span, "day" if day else "month"))
    return out


def find_invalid_dates(text: str) -> list[InvalidDate]:
    """Date-shaped strings that name no calendar day, with the reason."""
    out = []
    for year, month, day, span, strict in _candidates(text):
        if not MIN_YEAR <= year <= MAX_YEAR:
            continue
        if not strict and not (1 <= month <= 12 and 1 <= day <= 31):
            continue  # 2024.15.3 is more likely a number than a broken date
        reason = _problem(year, month, day)
        if reason:
            out.append(InvalidDate(text[span[0]:span[1]], span, reason))
    return out


# The period arithmetic lives with the Civil-Code period rules (docgen.track.periods); re-exported
# here because the date parsing and the deadline kind have always imported it from this module.
from docgen.track.periods import add_months, month_end  # noqa: E402,F401


def show(d: dt.date, precision: Precision = "day") -> str:
    """A date the way a Chinese reader expects it: 2024年6月15日 / 2024年6月."""
    return fmt_date(d) if precision == "day" else f"{d.year}年{d.month}月"


def same_or_before(a: dt.date, a_prec: Precision, b: dt.date, b_prec: Precision) -> bool:
    """a ≤ b at the coarser of the two precisions (a month-precise date is the whole month)."""
    if "month" in (a_prec, b_prec):
        return (a.year, a.month) <= (b.year, b.month)
    return a <= b
