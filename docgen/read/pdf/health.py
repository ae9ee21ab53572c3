"""Per-page text-layer health: is the text a human sees the text we extracted?

checker.md §3.2: when an embedded subset font has no ToUnicode map, EVERY extractor returns garbage —
pypdfium2 returns C0 control characters (Identity-H CID fonts), pdfminer ``(cid:N)``; a WinAnsi
simple-font subset (LibreOffice's way of embedding) decodes to Latin-1 letters instead. A scanned page
has no characters at all, only an image. Such pages must not be checked as if their text were real
("silently passing is the worst bug", §1.3): they are marked and routed to OCR or to a human.

Signals, all cheap (counted while extracting characters):
* garbage share = (control + U+FFFD + private use + ``(cid:N)`` + Latin-1/Latin Extended letters)
  over visible characters — Chinese report pages have almost none (², °, ×, ±, µ only);
* CJK share, reported for information (a page of an English appendix is fine);
* characters versus the share of the page covered by images.
"""

from __future__ import annotations

import re

from docgen.read.model import PageHealth
from docgen.read.pdf.text import CharStats

CID = re.compile(r"\(cid:\d+\)")
GARBLED_SHARE = 0.15      # of visible characters
MIN_CHARS_GOOD = 20       # fewer characters than this on an image-covered page → image only
IMAGE_ONLY_COVERAGE = 0.5

# A few Latin-1 characters real Chinese reports print (units, signs).
_COMMON_LATIN1 = frozenset("²³°±×÷µ·¹½¼¾®©§¯´")


def latin_ext_count(text: str) -> int:
    return sum(1 for ch in text if 0x80 <= ord(ch) <= 0x24F and ch not in _COMMON_LATIN1)


def classify(page: int, stats: CharStats, text: str, image_coverage: float) -> PageHealth:
    """good | garbled | image_only | empty for one page.

    ``text`` is the page's line text (for ``(cid:N)`` and the Latin-1 recount that forgives ²/°/±).
    """
    visible = stats.visible
    cids = len(CID.findall(text))
    latin = latin_ext_count(text)
    bad = stats.control + stats.replacement + stats.private_use + latin + cids * 6
    cjk_share = stats.cjk / visible if visible else 0.0
    if visible == 0:
        if image_coverage >= 0.05:
            return PageHealth(page, "image_only", 0, 0.0, reason=f"no text layer; images cover {image_coverage:.0%} of the page")
        return PageHealth(page, "empty", 0, 0.0, reason="no characters and no images")
    share = bad / visible
    if share >= GARBLED_SHARE:
        parts = []
        if stats.control:
            parts.append(f"{stats.control} control characters")
        if cids:
            parts.append(f"{cids} (cid:N)")
        if stats.replacement:
            parts.append(f"{stats.replacement} U+FFFD")
        if stats.private_use:
            parts.append(f"{stats.private_use} private-use")
        if latin:
            parts.append(f"{latin} Latin-1/Extended letters")
        return PageHealth(page, "garbled", visible, round(cjk_share, 3),
                          reason=f"{share:.0%} of {visible} characters are garbage ({', '.join(parts)}); "
                                 "the font probably lacks a ToUnicode map")
    if visible < MIN_CHARS_GOOD and image_coverage >= IMAGE_ONLY_COVERAGE:
        return PageHealth(page, "image_only", visible, round(cjk_share, 3),
                          reason=f"only {visible} characters; images cover {image_coverage:.0%} of the page")
    return PageHealth(page, "good", visible, round(cjk_share, 3))


def evaluable(health: PageHealth) -> bool:
    """Text of this page may be used by checks (OCR text included, at lower confidence)."""
    return health.status == "good" or health.ocr
