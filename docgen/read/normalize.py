"""Text normalisation for MATCHING (never for display): the variants real reports use.

Measured in checker.md §5: NFKC turns full-width digits and letters into ASCII but not the
full-width brackets （）【】, which must be mapped explicitly; titles are spaced out ("预 审 核",
U+3000 ideographic spaces); Hong Kong/Taiwan consultancies write traditional characters (OpenCC
t2s); 与/及 and 和 are interchangeable in section names (筹划与组织 = 筹划和组织).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "〔": "[", "〕": "]", "［": "[", "］": "]",
                           "｛": "{", "｝": "}", "《": "《", "》": "》", "－": "-", "—": "-", "–": "-", "‑": "-", "−": "-",
                           "、": "、", "．": ".", "。": "。"})
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
#: what _SPACE matches that ``str.split()`` keeps: zero-width space and BOM (``\s`` is exactly
#: ``str.isspace``, which already covers U+3000 and U+00A0: tests/read/test_normalize_fold.py)
_INVISIBLE = ("\u200b", "\ufeff")
_CONJUNCTIONS = str.maketrans({"与": "和", "及": "和"})


class _Replace:
    """``text.translate(table)`` for a table of one-character replacements, faster: for a text
    that is not pure ASCII, str.translate looks every character up in the table (≈ 50 ns each:
    2.5 ms for a report's ~4,400 texts, 1.8 ms more for its tables' joined cells). Here one C-level
    regex scan finds the characters to replace that occur (mostly none), and str.replace swaps
    each of them. The same result as translate, because no replacement is itself a character to
    replace (checked here)."""

    def __init__(self, table: dict[int, str]):
        self.changes = {chr(k): v for k, v in table.items() if v != chr(k)}
        if set(self.changes) & set("".join(self.changes.values())):
            raise ValueError("a replacement would itself be replaced: not what translate does")
        self.finder = re.compile("[" + re.escape("".join(self.changes)) + "]")
        # a table of a few characters (与/及 → 和): str.replace each, a memchr-speed scan per
        # character, where the regex scan costs ≈ 3 ns a character (0.13 → 0.01 ms for a
        # 100-page report's 37,000 characters of table text)
        self.few = tuple(self.changes.items()) if len(self.changes) <= _FEW else None

    def __call__(self, text: str) -> str:
        if self.few is not None:
            for old, new in self.few:
                if old in text:
                    text = text.replace(old, new)
            return text
        if len(text) < _LONG:  # (a cell, a paragraph: one findall, mostly empty, is quickest)
            found = self.finder.findall(text)
            if found:
                for old in set(found):
                    text = text.replace(old, self.changes[old])
            return text
        # a long text (a table's joined cells): the first character to replace from ``at`` on,
        # swapped everywhere at once; the scan goes on from there (before it, nothing is left to
        # replace) — one pass, one str.replace per distinct character, where findall listed
        # every occurrence (≈ 1,700 of 14 characters in a 100-page report's table text: 0.31 →
        # 0.20 ms for its 33 tables)
        search, changes = self.finder.search, self.changes
        at = 0
        while True:
            m = search(text, at)
            if m is None:
                return text
            at = m.start()
            old = m.group()
            text = text.replace(old, changes[old])


_FEW = 3  # up to how many characters a _Replace swaps by str.replace alone
_LONG = 512  # from how many characters a _Replace scans by search instead of findall

_brackets = _Replace(_BRACKETS)
_conjunctions = _Replace(_CONJUNCTIONS)


#: Where the characters lie that NFKC changes in Chinese report text: Latin-1 (½, ², °…), general
#: punctuation to CJK compatibility (…, ℃, Ⅱ, ①, ㎡, the ideographic space), the CJK
#: compatibility and small forms, and the half- and full-width forms (（），：；).
_COMPAT_RANGES = ((0x00A0, 0x00FF), (0x2000, 0x33FF), (0xFE30, 0xFE6F), (0xFF00, 0xFFEF))


@lru_cache(maxsize=1)
def _compat_forms() -> _Replace:
    """Each character of those ranges that NFKC changes, swapped for its NFKC form (built on first
    use: ≈ 9,000 code points looked at once)."""
    return _Replace({code: unicodedata.normalize("NFKC", chr(code))
                     for first, last in _COMPAT_RANGES for code in range(first, last + 1)})


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, fast for Chinese report text.

    Why: NFKC costs ≈ 65 ns per character of CJK text (2.5 ms for the cells of a 100-page
    report's tables), yet a report's text is NFKC-normal but for a few kinds of character — its
    full-width punctuation （），：；, ℃, m³, ……. Those are swapped for their NFKC forms by
    str.replace (which leaves the text's compatibility decomposition, and so its NFKC, as it
    was), and when the result passes ``unicodedata.is_normalized`` (a quick check in C) it is the
    answer; otherwise (combining marks, Hangul jamo, compatibility ideographs …) NFKC runs."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    text = _compat_forms()(text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC, full-width brackets and dashes to ASCII, whitespace removed — keeps 与/及 and script.

    Memoised (pure): the checker's rules fold the same paragraphs and cells again and again."""
    return _fold(text)


def _fold(text: str) -> str:
    """``fold`` unmemoised: ``squash(_brackets(nfkc(text)))``, with the NFKC compatibility swap and
    the bracket map done in ONE scan (``_fold_forms``) when that is the same thing — a table's
    joined cell texts (~37,000 characters for a 100-page report) are folded once per document,
    and each pass over them costs ≈ 0.15 ms."""
    if text.isascii():
        return squash(text)  # (no bracket map key is ASCII, and NFKC leaves ASCII alone)
    if unicodedata.is_normalized("NFKC", text):
        return squash(_brackets(text))
    swapped = _fold_forms()(text)
    if unicodedata.is_normalized("NFKC", swapped):
        return squash(swapped)
    return squash(_brackets(unicodedata.normalize("NFKC", text)))


@lru_cache(maxsize=1)
def _fold_forms() -> _Replace:
    """Each character that the compatibility swap (``_compat_forms``) or the bracket map changes,
    swapped for ``_brackets`` of its swapped form. When the swapped text is NFKC-normal, it is
    ``_brackets(nfkc(text))``: the compatibility swap leaves the NFKC of a text as it was, and the
    bracket map only puts ASCII punctuation ( ) [ ] { } - . in place of characters that compose
    with nothing — the normality of the text is that of its other characters either way."""
    compat = _compat_forms().changes
    return _Replace({ord(ch): _brackets(compat.get(ch, ch))
                     for ch in set(compat) | set(_brackets.changes)})


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Everything a matcher should ignore: fold + traditional→simplified + 与/及→和. Memoised (pure)."""
    return folded_to_norm(fold(text))


def folded_to_norm(folded: str) -> str:
    """``norm`` of a text already folded (``fold``): traditional→simplified and 与/及→和."""
    return _conjunctions(to_simplified(folded))


def squash(text: str) -> str:
    """Every whitespace character removed (``_SPACE``), and zero-width spaces and BOMs with them
    (also for finding a printed title in extracted PDF text). By ``str.split``, which is C code
    per character where the regex ``sub`` is an interpreted match per character: ≈ 5× faster on
    a table's joined text (0.40 → 0.08 ms for 37,000 characters), 2× on a cell."""
    if _INVISIBLE[0] in text or _INVISIBLE[1] in text:
        text = text.replace(_INVISIBLE[0], "").replace(_INVISIBLE[1], "")
    return "".join(text.split())
