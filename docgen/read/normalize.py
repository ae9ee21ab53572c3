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
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_BRACKETS))


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Everything a matcher should ignore: fold + traditional→simplified + 与/及→和. Memoised (pure)."""
    return to_simplified(fold(text)).translate(_CONJUNCTIONS)


def squash(text: str) -> str:
    """Whitespace only (for finding a printed title in extracted PDF text)."""
    return _SPACE.sub("", text)
