"""Heading detection for DOCX: the signal cascade of checker.md §2.2.

Authors of consultancy reports rarely use Heading styles consistently: the synthetic report of
checker.md mixes Heading 1, bold 16 pt Normal paragraphs and direct ``outlineLvl``; WPS renames
the styles; chapter labels come from numbering.xml or are typed by hand, sometimes spaced out
("第二章  预 审 核"). So every signal is tried, every agreeing one recorded, and the strongest
decides level and confidence (``SIGNAL_CONFIDENCE``):

1. outline level — on the paragraph, or inherited through the style chain; a built-in heading
   style (``heading N`` / ``标题 N`` / WPS ``1``) gives STYLE, otherwise OUTLINE;
2. numbering — a numbered paragraph whose rendered label is chapter-like (章/节, 第X章, X.Y) or
   sits below a 第%1章 level of the same list (e.g. ``（%2）`` sub-levels) → NUMBERING;
3. text patterns (``match_heading_pattern``) on short paragraphs, CJK spacing removed first
   ("预 审 核" → 预审核); bare Arabic labels ("1 ", "1.", "(1)") look exactly like list items, so
   they need formatting support (bold, larger than body text, centred, or first on a page);
4. a ``_Toc…`` bookmark (Word puts one on every heading its TOC links to) → TOC_BOOKMARK;
5. bold and ≥ 15 pt (小三 15 pt, 三号 16 pt) short paragraphs → FORMAT, the weakest: alone it is
   not trusted on the cover or in the front matter before the TOC (cover titles are big and bold).

Levels of text patterns depend on the document's scheme: with 第X章 chapters 一、 is level 2 (else
1), （一） sits below 一、, and "1." below （一） — the 公文 order 一、（一）1.（1） (GB/T 9704);
without Chinese labels but with 1.1 sections, "1 " / "1." are chapters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from docgen.read.docx.captions import is_caption_text
from docgen.read.docx.toc import is_toc_title
from docgen.read.docx.walker import ParaRec, TableRec
from docgen.read.headings import MAX_TITLE_CHARS, PatternMatch, match_heading_pattern
from docgen.read.model import Signal

_CJK = "\u2e80-\u2fff\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[\s\u3000]+(?=[{_CJK}])")
_SPACES = re.compile(r"[\s\u3000]+")
_HAS_CJK = re.compile(rf"[{_CJK}]")
_SENTENCE_END = ("。", "；", ";", "，", ",", "：", ":", "？", "?", "！", "!")
_LABEL_START = set("第一二三四五六七八九十百零〇两(（")
NEED_FORMAT = {"arabic1", "arabic_bare", "arabic_paren"}
RANK = [Signal.STYLE, Signal.OUTLINE, Signal.NUMBERING, Signal.TOC_BOOKMARK, Signal.PATTERN, Signal.FORMAT]
FORMAT_MIN_HALF_PT = 30      # 15 pt (小三)
FORMAT_LEVEL1_HALF_PT = 32   # 16 pt (三号) and larger → level 1
MAX_STYLED_CHARS = 200


@dataclass
class HeadingInfo:
    level: int
    label: str
    title: str
    text: str
    signal: Signal
    signals: tuple[Signal, ...]


def squeeze(text: str) -> str:
    """"第二章  预 审 核" → "第二章 预审核": spaces BETWEEN CJK characters removed (they only
    spread a title out), other runs of white space collapsed to one."""
    return _SPACES.sub(" ", _CJK_GAP.sub("", text)).strip()


@lru_cache(maxsize=512)
def label_family(label: str) -> str | None:
    m = match_heading_pattern(f"{label} 标题")
    return m.family if m else None


def _original_title(squeezed: str, pm: PatternMatch) -> str:
    """The title as written (match_heading_pattern folds NFKC: （ → (, Ｘ → X …)."""
    folded = unicodedata.normalize("NFKC", squeezed).replace("（", "(").replace("）", ")")
    if len(folded) == len(squeezed) and folded.endswith(pm.title) and pm.title:
        return squeezed[len(squeezed) - len(pm.title):]
    return pm.title


def _pattern(own: str) -> PatternMatch | None:
    """``match_heading_pattern`` on the squeezed text, behind cheap tests that reject what it
    would reject anyway (body sentences: too long, ending like a sentence, no label first)."""
    text = own.strip()
    if not text or len(text) > MAX_TITLE_CHARS + 30 or text.endswith(_SENTENCE_END):
        return None
    first = text[0]
    if not (first.isdigit() or first in _LABEL_START):
        return None
    return match_heading_pattern(squeeze(text))


class HeadingDetector:
    def __init__(self, items: list[ParaRec | TableRec], body_size_half_pt: int | None,
                 toc_anchor_levels: dict[str, int | None], pages: int):
        self.body_size = body_size_half_pt or 24
        self.toc_levels = toc_anchor_levels
        self.multi_page = pages > 1
        paras = [i for i in items if isinstance(i, ParaRec)]
        toc_indexes = [r.index for r in paras if r.toc]
        self.toc_start = min(toc_indexes) if toc_indexes else None
        self._patterns: dict[int, PatternMatch | None] = {}
        families: set[str] = set()
        for rec in paras:
            if rec.toc:
                continue
            label = rec.pt.label
            if label is not None and label.label and label.level.fmt != "bullet":
                fam = label_family(label.label.strip())
                if fam:
                    families.add(fam)
                continue
            pm = self.pattern(rec)
            if pm is not None and (pm.family not in NEED_FORMAT or self.format_support(rec)):
                families.add(pm.family)
        self.families = families
        self.has_chapters = "chapter" in families
        base = 1 if self.has_chapters else 0
        self.levels = {"chapter": 1, "section": 2, "arabic2": 2, "arabic3": 3}
        cn_dun = base + 1
        cn_paren = cn_dun + 1 if "cn_dun" in families else base + 1
        if "arabic2" in families and not families & {"chapter", "cn_dun", "cn_paren"}:
            arabic1 = 1  # "1 筹划和组织" / "1.1 …": Arabic chapter numbering
        elif "cn_paren" in families:
            arabic1 = cn_paren + 1
        elif "cn_dun" in families:
            arabic1 = cn_dun + 1
        else:
            arabic1 = base + 1
        self.levels.update(cn_dun=cn_dun, cn_paren=cn_paren, arabic1=arabic1, arabic_bare=arabic1,
                           arabic_paren=arabic1 + 1)

    # -- evidence ------------------------------------------------------------------------------
    def pattern(self, rec: ParaRec) -> PatternMatch | None:
        key = rec.index
        if key not in self._patterns:
            self._patterns[key] = _pattern(rec.pt.own)
        return self._patterns[key]

    def format_support(self, rec: ParaRec) -> bool:
        pt = rec.pt
        return bool(pt.bold or pt.size > self.body_size or pt.jc == "center" or rec.starts_page)

    # -- the cascade ---------------------------------------------------------------------------
    def classify(self, rec: ParaRec) -> HeadingInfo | None:
        pt = rec.pt
        own = pt.own.strip()
        if not own or rec.toc or len(own) > MAX_STYLED_CHARS:
            return None
        style = pt.style
        if not self._may_be_heading(rec, own):
            return None  # the common case, decided without regular expressions
        if is_toc_title(own) or is_caption_text(own, style.caption) or style.toc_heading:
            return None
        squeezed = squeeze(own)
        heading_like = len(squeezed) <= MAX_TITLE_CHARS and not squeezed.endswith(_SENTENCE_END)
        signals: dict[Signal, int | None] = {}

        # 1. outline level, direct or through the style chain
        direct = pt.direct_outline
        outline = (direct if direct < 9 else None) if direct is not None else style.outline
        if outline is not None:
            if style.heading_style and direct is None:
                signals[Signal.STYLE] = outline + 1
            signals[Signal.OUTLINE] = outline + 1
        elif style.heading_style and direct is None:
            signals[Signal.STYLE] = style.heading_level

        # 2. numbering rendered from numbering.xml
        label = ""
        numbered = pt.label is not None and pt.label.label.strip() and pt.label.level.fmt != "bullet"
        if numbered:
            label = pt.label.label.strip()
            fam = label_family(label)
            chapterish = "章" in label or "节" in label or fam in ("chapter", "section", "arabic2", "arabic3")
            below_chapter = pt.label.level.ilvl >= 1 and "章" in pt.label.first_level_text
            if chapterish or below_chapter:
                signals[Signal.NUMBERING] = self.levels.get(fam, pt.label.level.ilvl + 1) if chapterish and fam \
                    else pt.label.level.ilvl + 1

        # 3. text pattern on the paragraph's own text
        pm = None if numbered else self.pattern(rec)
        pattern_ok = False
        if pm is not None:
            pattern_ok = True
            if pm.family in NEED_FORMAT or not _HAS_CJK.search(pm.title):
                pattern_ok = self.format_support(rec)
            if pattern_ok:
                signals[Signal.PATTERN] = self.levels.get(pm.family, pm.level)

        # 4. a _Toc bookmark (the TOC links here)
        if pt.bookmarks and len(squeezed) <= MAX_TITLE_CHARS + 20:
            level = next((self.toc_levels[b] for b in pt.bookmarks if self.toc_levels.get(b)), None)
            signals[Signal.TOC_BOOKMARK] = level

        # 5. bold and large
        if heading_like and pt.bold and pt.size >= FORMAT_MIN_HALF_PT:
            signals[Signal.FORMAT] = 1 if pt.size >= FORMAT_LEVEL1_HALF_PT else 2

        if not signals:
            return None
        if set(signals) == {Signal.FORMAT} and self._front_matter(rec):
            return None
        ranked = tuple(s for s in RANK if s in signals)
        strongest = ranked[0]
        level = signals[strongest]
        if level is None:
            level = next((signals[s] for s in ranked if signals[s]), 1)

        if numbered:
            title = squeezed
            text = pt.label.label + pt.label_sep + own
        elif pm is not None and (pattern_ok or pm.family not in NEED_FORMAT):
            label = pm.label
            title = _original_title(_SPACES.sub(" ", _CJK_GAP.sub("", own)).strip(), pm)
            text = own
        else:
            title = squeezed
            text = own
        return HeadingInfo(level=max(1, min(level, 9)), label=label, title=title, text=text, signal=strongest,
                           signals=ranked)

    def _may_be_heading(self, rec: ParaRec, own: str) -> bool:
        pt = rec.pt
        style = pt.style
        return bool(pt.direct_outline is not None or style.outline is not None or style.heading_style
                    or pt.label is not None or pt.bookmarks
                    or (pt.bold and pt.size >= FORMAT_MIN_HALF_PT and len(own) <= MAX_TITLE_CHARS + 20)
                    or self.pattern(rec) is not None)

    def _front_matter(self, rec: ParaRec) -> bool:
        """Cover and front matter: big bold lines there are titles, not chapters."""
        if self.toc_start is not None and rec.index < self.toc_start:
            return True
        return self.multi_page and rec.page == 1
