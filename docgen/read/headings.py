"""Heading label patterns shared by the DOCX and PDF readers (checker.md §2.2, domain.md §2.1).

Real reports write chapter labels many ways: 第一章 / 第1章 / 第二章審核準備 (no space) / 一、 /
2.筹划和组织 / 1筹划与组织 / 5.3 审核准备; sub-sections 1.1 / 2.2.3 with or without a space; （一）
and (1) below. A pattern alone is weak evidence (a numbered list item looks the same), so callers
combine it with shortness and formatting; the level of 一、 depends on the document (level 1 when
the document has no 第X章 headings, else 2) and is decided by the reader.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from docgen.read import numerals

_CN = "一二三四五六七八九十百零〇两"
MAX_TITLE_CHARS = 40

_PATTERNS: list[tuple[str, int, re.Pattern]] = [
    ("chapter", 1, re.compile(rf"^(第\s*[{_CN}\d]+\s*章)\s*(.*)$")),
    ("section", 2, re.compile(rf"^(第\s*[{_CN}\d]+\s*节)\s*(.*)$")),
    ("arabic3", 3, re.compile(r"^(\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*\d{1,2})\.?\s*(\D.*)$")),
    ("arabic2", 2, re.compile(r"^(\d{1,2}\s*\.\s*\d{1,2})\.?\s*(\D.*)$")),
    ("cn_dun", 1, re.compile(rf"^([{_CN}]+\s*[、.])\s*(.+)$")),
    ("cn_paren", 3, re.compile(rf"^(\(\s*[{_CN}]+\s*\))\s*(.+)$")),
    ("arabic_paren", 4, re.compile(r"^(\(\s*\d{1,2}\s*\))\s*(.+)$")),
    ("arabic1", 1, re.compile(r"^(\d{1,2}\s*[.、])\s*(\D.*)$")),
    ("arabic_bare", 1, re.compile(r"^(\d{1,2})\s*([^\d.\s、,，:：%％)].*)$")),
]

_SENTENCE_END = ("。", "；", ";", "，", ",", "：", ":")


@dataclass(frozen=True)
class PatternMatch:
    family: str     # chapter | section | arabic3 | arabic2 | cn_dun | cn_paren | arabic_paren | arabic1 | arabic_bare
    level: int      # default level for the family (cn_dun and arabic1 are context-dependent)
    label: str      # as written, spaces removed: 第二章, 2.1, 一、, （一）
    title: str
    number: int | None  # the last number of the label (第二章 → 2, 2.3 → 3)


def light_fold(text: str) -> str:
    """NFKC (full-width digits → ASCII), full-width brackets → ASCII, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("（", "(").replace("）", ")")
    return re.sub(r"[\s\u3000]+", " ", text).strip()


def _number(label: str) -> int | None:
    digits = re.findall(r"\d+", label)
    if digits:
        return int(digits[-1])
    chars = re.sub(rf"[^{_CN}]", "", label)
    return numerals.parse(chars) if chars else None


def match_heading_pattern(text: str) -> PatternMatch | None:
    """The label pattern of a heading-like line, or ``None``.

    Heading-like: at most 40 characters of title, not ending like a sentence.
    """
    folded = light_fold(text)
    if not folded or len(folded) > MAX_TITLE_CHARS + 8 or folded.endswith(_SENTENCE_END):
        return None
    for family, level, pattern in _PATTERNS:
        m = pattern.match(folded)
        if not m:
            continue
        label = re.sub(r"\s+", "", m.group(1))
        title = m.group(2).strip()
        if family == "arabic_bare" and not title:
            continue
        if family in ("chapter", "section") and not title:
            title = ""
        if len(title) > MAX_TITLE_CHARS:
            return None
        if family == "cn_paren":
            label = label.replace("(", "（").replace(")", "）")
        return PatternMatch(family, level, label, title, _number(label))
    return None


_TOC_LINE = re.compile(r"^(?P<title>.*?\S)\s*(?:[.…·．_\-]{3,}|\t+|\s{3,})\s*(?P<page>\d{1,4}|[IVXLivxl]{1,6})\s*$")


def match_toc_line(text: str) -> tuple[str, str] | None:
    """A TOC line ("第二章 预审核……12"): (title, page) — leader dots or a tab before a page number."""
    m = _TOC_LINE.match(text.strip())
    if not m:
        return None
    title = m.group("title").strip(" .…·．_-\t")
    return (title, m.group("page")) if title else None
