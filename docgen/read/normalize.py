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
_CONJUNCTIONS = str.maketrans({"与": "和", "及": "和"})


class _Replace:
    """``text.translate(table)`` for a small table of one-character replacements, faster: for a
    text that is not pure ASCII, str.translate looks every character up in the table (≈ 50 ns
    each: 2.5 ms for a report's ~4,400 texts, 1.8 ms more for its tables' joined cells). Here one
    C-level regex search tells whether any character to replace occurs (mostly not), and
    str.replace then swaps each one present. The same result as translate, because no
    replacement is itself a character to replace (checked here)."""

    def __init__(self, table: dict[int, str]):
        self.changes = {chr(k): v for k, v in table.items() if v != chr(k)}
        if set(self.changes) & set("".join(self.changes.values())):
            raise ValueError("a replacement would itself be replaced: not what translate does")
        self.finder = re.compile("[" + re.escape("".join(self.changes)) + "]")

    def __call__(self, text: str) -> str:
        if self.finder.search(text) is None:
            return text
        for old, new in self.changes.items():
            if old in text:
                text = text.replace(old, new)
        return text


_brackets = _Replace(_BRACKETS)
_conjunctions = _Replace(_CONJUNCTIONS)


#: The full-width forms of ASCII (！ … ～) and the ideographic space: the characters of Chinese text
#: that NFKC changes, each into one ASCII character (its whole compatibility decomposition).
_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_FULL_WIDTH_SET = frozenset(_FULL_WIDTH)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, fast for Chinese report text.

    Why: NFKC costs ≈ 65 ns per character of CJK text (2.5 ms for the cells of a 100-page
    report's tables), yet a report's text is already NFKC-normal but for its full-width
    punctuation （），：；. Those are swapped by str.replace first — each is its own compatibility
    decomposition, so NFKC of the result equals NFKC of the text — and when the result passes
    ``unicodedata.is_normalized`` (a quick check in C), it is the answer; otherwise (superscripts,
    ℃, compatibility ideographs …) NFKC runs as before."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    for char in _FULL_WIDTH_SET.intersection(text):
        text = text.replace(char, _FULL_WIDTH[char])
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
    return _SPACE.sub("", _brackets(nfkc(text)))


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Everything a matcher should ignore: fold + traditional→simplified + 与/及→和. Memoised (pure)."""
    return _conjunctions(to_simplified(fold(text)))


def squash(text: str) -> str:
    """Whitespace only (for finding a printed title in extracted PDF text)."""
    return _SPACE.sub("", text)
