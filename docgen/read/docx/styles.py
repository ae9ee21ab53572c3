"""Paragraph and character styles, resolved through ``w:basedOn``.

Why resolve ourselves: what makes a heading is usually not on the paragraph but in its style
chain — ``w:outlineLvl`` and ``w:numPr`` are inherited through ``w:basedOn`` (checker.md §2.2), and
``run.bold is None`` means "inherited", a classic source of false positives in thesis checkers
(checker.md §1.2). Localised Word and WPS name the same built-in styles differently (``heading 1``,
``标题 1``; WPS numeric ids ``1``/``2``), so we go by outline level and the canonical ``w:name``
first, and by the styleId only as a fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.read.docx.ns import (
    ILVL,
    JC,
    NAME,
    NUMID,
    NUMPR,
    OUTLINE_LVL,
    PAGE_BREAK_BEFORE,
    PPR,
    RPR,
    STYLE_ID,
    SZ,
    TYPE,
    VAL,
    VANISH,
    B,
    W,
    w,
)

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_HEADING_ID = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^(?:toc|目录)\s*([1-9])$", re.IGNORECASE)
_CAPTION_NAMES = {"caption", "题注"}
_TOC_HEADING_NAMES = {"toc heading", "tocheading", "目录标题"}

BASED_ON = w("basedOn")
STYLE = w("style")
DOC_DEFAULTS = w("docDefaults")
DEFAULT = w("default")


def on(el) -> bool:
    """An OOXML on/off property: present means on unless ``w:val`` is false/0/off."""
    if el is None:
        return False
    val = el.get(VAL)
    return val is None or val not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class ParaStyle:
    """What a paragraph inherits from its style chain (``None`` = not set anywhere)."""

    style_id: str | None
    name: str
    outline: int | None          # 0–8; 9 (body text) is stored as None
    heading_level: int | None    # from a built-in heading style name/id (1–9)
    heading_style: bool          # the chain reaches a heading style (Heading 1 / 标题 1 / WPS "1")
    num_id: str | None           # numbering inherited from the style ("0" = explicitly none)
    num_ilvl: int | None
    num_style: str | None        # the style that carried the numPr (numbering levels link to it)
    page_break_before: bool
    jc: str | None
    bold: bool | None
    size_half_pt: int | None
    vanish: bool
    toc_level: int | None        # toc 1 … toc 9
    caption: bool
    toc_heading: bool


class Styles:
    """styles.xml, parsed once; styles are resolved lazily, on first use, and cached (Word writes
    a hundred or more style definitions; a report uses a dozen)."""

    def __init__(self, root=None):
        self._raw: dict[str, object] = {}
        self._char_raw: dict[str, object] = {}
        self.default_para: str | None = None
        self.default_bold: bool | None = None
        self.default_size: int | None = None
        self._cache: dict[str | None, ParaStyle] = {}
        self._char_cache: dict[str, tuple[bool | None, int | None, bool]] = {}
        self.numbering_styles: dict[str, str] = {}  # list styleId → numId (numStyleLink targets)
        if root is None:
            return
        for st in root.iter(STYLE):
            sid = st.get(STYLE_ID)
            if sid is None:
                continue
            kind = st.get(TYPE)
            if kind == "paragraph":
                self._raw[sid] = st
                if st.get(DEFAULT) in ("1", "true", "on"):
                    self.default_para = sid
            elif kind == "character":
                self._char_raw[sid] = st
            elif kind == "numbering":  # a list style: numbering definitions may link to it
                nid = st.find(f"{PPR}/{NUMPR}/{NUMID}")
                if nid is not None:
                    self.numbering_styles[sid] = nid.get(VAL)
        defaults = root.find(DOC_DEFAULTS)
        if defaults is not None:
            rpr = defaults.find(f"{W}rPrDefault/{RPR}")
            if rpr is not None:
                b = rpr.find(B)
                self.default_bold = on(b) if b is not None else None
                sz = rpr.find(SZ)
                self.default_size = _int(sz.get(VAL)) if sz is not None else None

    # -- paragraph styles ----------------------------------------------------------------------
    def chain(self, sid: str | None) -> list:
        """The style elements from ``sid`` up its basedOn chain (cycles cut)."""
        out, seen = [], set()
        while sid is not None and sid in self._raw and sid not in seen:
            seen.add(sid)
            st = self._raw[sid]
            out.append(st)
            based = st.find(BASED_ON)
            sid = based.get(VAL) if based is not None else None
        return out

    def para(self, sid: str | None) -> ParaStyle:
        if sid is None or sid not in self._raw:
            sid = self.default_para
        cached = self._cache.get(sid)
        if cached is not None:
            return cached
        result = self._resolve(sid)
        self._cache[sid] = result
        return result

    def _resolve(self, sid: str | None) -> ParaStyle:
        chain = self.chain(sid)
        name = ""
        if chain:
            n = chain[0].find(NAME)
            name = (n.get(VAL) if n is not None else "") or ""
        outline = heading_level = num_id = num_ilvl = num_style = jc = bold = size = toc_level = None
        pbb = vanish_set = None
        heading_style = caption = toc_heading = False
        for st in chain:
            sname_el = st.find(NAME)
            sname = (sname_el.get(VAL) if sname_el is not None else "") or ""
            lowered = sname.strip().lower()
            sid_here = st.get(STYLE_ID) or ""
            m = _HEADING_NAME.match(lowered) or _HEADING_ID.match(sid_here)
            if m is None and lowered.isdigit() and len(lowered) == 1 and lowered != "0":
                m = re.match(r"(\d)", lowered)  # WPS names its heading styles "1", "2" …
            if m and not heading_style:
                heading_style = True
                if heading_level is None:
                    heading_level = int(m.group(1))
            if toc_level is None:
                tm = _TOC_NAME.match(lowered) or _TOC_NAME.match(sid_here)
                if tm:
                    toc_level = int(tm.group(1))
            if lowered in _CAPTION_NAMES or sid_here.lower() == "caption":
                caption = True
            if lowered in _TOC_HEADING_NAMES or sid_here.lower() == "tocheading":
                toc_heading = True
            ppr = st.find(PPR)
            if ppr is not None:
                if outline is None:
                    ol = ppr.find(OUTLINE_LVL)
                    if ol is not None:
                        outline = _int(ol.get(VAL))
                        outline = outline if outline is not None else 9
                if num_id is None:
                    numpr = ppr.find(NUMPR)
                    if numpr is not None:
                        nid = numpr.find(NUMID)
                        lvl = numpr.find(ILVL)
                        if nid is not None:
                            num_id = nid.get(VAL)
                            num_ilvl = _int(lvl.get(VAL)) if lvl is not None else None
                            num_style = sid_here
                if pbb is None:
                    el = ppr.find(PAGE_BREAK_BEFORE)
                    if el is not None:
                        pbb = on(el)
                if jc is None:
                    el = ppr.find(JC)
                    if el is not None:
                        jc = el.get(VAL)
            rpr = st.find(RPR)
            if rpr is not None:
                if bold is None:
                    el = rpr.find(B)
                    if el is not None:
                        bold = on(el)
                if size is None:
                    el = rpr.find(SZ)
                    if el is not None:
                        size = _int(el.get(VAL))
                if vanish_set is None:
                    el = rpr.find(VANISH)
                    if el is not None:
                        vanish_set = on(el)
        if outline is not None and outline >= 9:
            # explicitly body text: a style based on Heading 1 but set to outline level 9 (Word's
            # own "TOC Heading" is one) is not a heading style
            outline = None
            heading_style = False
            heading_level = None
        return ParaStyle(sid, name, outline, heading_level, heading_style, num_id, num_ilvl, num_style, bool(pbb), jc,
                         bold if bold is not None else self.default_bold,
                         size if size is not None else self.default_size, bool(vanish_set), toc_level, caption,
                         toc_heading)

    # -- character styles ----------------------------------------------------------------------
    def char(self, sid: str) -> tuple[bool | None, int | None, bool]:
        """(bold, size in half-points, vanish) of a character style, through its basedOn chain."""
        cached = self._char_cache.get(sid)
        if cached is not None:
            return cached
        bold = size = vanish = None
        seen = set()
        cur = sid
        while cur is not None and cur in self._char_raw and cur not in seen:
            seen.add(cur)
            st = self._char_raw[cur]
            rpr = st.find(RPR)
            if rpr is not None:
                if bold is None and rpr.find(B) is not None:
                    bold = on(rpr.find(B))
                if size is None and rpr.find(SZ) is not None:
                    size = _int(rpr.find(SZ).get(VAL))
                if vanish is None and rpr.find(VANISH) is not None:
                    vanish = on(rpr.find(VANISH))
            based = st.find(BASED_ON)
            cur = based.get(VAL) if based is not None else None
        result = (bold, size, bool(vanish))
        self._char_cache[sid] = result
        return result


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
