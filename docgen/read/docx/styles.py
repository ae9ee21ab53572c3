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
#: the children of a w:style, its w:pPr and its w:rPr that a style contributes (_Own)
_STYLE_PARTS = frozenset((NAME, BASED_ON, PPR, RPR))
_PARA_PROPS = frozenset((OUTLINE_LVL, NUMPR, PAGE_BREAK_BEFORE, JC))
_RUN_PROPS = frozenset((B, SZ, VANISH))


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


class _Own:
    """What one ``w:style`` element sets itself — the first ``w:name``, ``w:basedOn``, ``w:pPr``
    and ``w:rPr`` child and, in those, the first of each property (as ``find`` would return),
    read in one pass over the children. ``None`` = not set here (the chain goes on upwards)."""

    __slots__ = ("name", "based_on", "heading_level", "toc_level", "caption", "toc_heading", "outline", "num",
                 "pbb", "jc", "bold", "size", "vanish")

    def __init__(self, st):
        first = _first_children(st, _STYLE_PARTS)
        name_el, based, ppr, rpr = (first.get(tag) for tag in (NAME, BASED_ON, PPR, RPR))
        self.name = sname = (name_el.get(VAL) if name_el is not None else "") or ""
        self.based_on = based.get(VAL) if based is not None else None
        lowered = sname.strip().lower()
        sid_here = st.get(STYLE_ID) or ""
        m = _HEADING_NAME.match(lowered) or _HEADING_ID.match(sid_here)
        if m is None and lowered.isdigit() and len(lowered) == 1 and lowered != "0":
            m = re.match(r"(\d)", lowered)  # WPS names its heading styles "1", "2" …
        self.heading_level = int(m.group(1)) if m else None
        tm = _TOC_NAME.match(lowered) or _TOC_NAME.match(sid_here)
        self.toc_level = int(tm.group(1)) if tm else None
        self.caption = lowered in _CAPTION_NAMES or sid_here.lower() == "caption"
        self.toc_heading = lowered in _TOC_HEADING_NAMES or sid_here.lower() == "tocheading"
        self.outline = self.num = self.pbb = self.jc = self.bold = self.size = self.vanish = None
        if ppr is not None:
            first = _first_children(ppr, _PARA_PROPS)
            outline, numpr, pbb, jc = (first.get(tag) for tag in (OUTLINE_LVL, NUMPR, PAGE_BREAK_BEFORE, JC))
            if outline is not None:
                level = _int(outline.get(VAL))
                self.outline = level if level is not None else 9
            if numpr is not None:
                nid = numpr.find(NUMID)
                if nid is not None:
                    lvl = numpr.find(ILVL)
                    self.num = (nid.get(VAL), _int(lvl.get(VAL)) if lvl is not None else None, sid_here)
            if pbb is not None:
                self.pbb = on(pbb)
            if jc is not None:
                self.jc = jc.get(VAL)
        if rpr is not None:
            first = _first_children(rpr, _RUN_PROPS)
            b, sz, vanish = (first.get(tag) for tag in (B, SZ, VANISH))
            if b is not None:
                self.bold = on(b)
            if sz is not None:
                self.size = _int(sz.get(VAL))
            if vanish is not None:
                self.vanish = on(vanish)


def _first_children(parent, tags: frozenset) -> dict:
    """tag → the first child of ``parent`` with that tag, for ``tags`` (what ``find`` would return
    for each), in one pass over the children instead of one ``find`` per tag."""
    found: dict = {}
    for child in parent:
        tag = child.tag
        if tag in tags and tag not in found:
            found[tag] = child
    return found


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
        self._own: dict[str, _Own] = {}
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
    def _chain_ids(self, sid: str | None) -> list[str]:
        """The style ids from ``sid`` up its basedOn chain (cycles cut)."""
        out, seen = [], set()
        while sid is not None and sid in self._raw and sid not in seen:
            seen.add(sid)
            out.append(sid)
            sid = self._own_of(sid).based_on
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

    def _own_of(self, sid: str) -> _Own:
        own = self._own.get(sid)
        if own is None:
            own = self._own[sid] = _Own(self._raw[sid])
        return own

    def _resolve(self, sid: str | None) -> ParaStyle:
        """Each property from the first style up the chain that sets it (``_Own`` reads what one
        style element sets itself, once: a dozen ``find`` calls per element cost more than the
        rest of the resolution)."""
        chain = [self._own_of(s) for s in self._chain_ids(sid)]
        name = chain[0].name if chain else ""
        outline = heading_level = num_id = num_ilvl = num_style = jc = bold = size = toc_level = None
        pbb = vanish_set = None
        heading_style = caption = toc_heading = False
        for own in chain:
            if own.heading_level is not None and not heading_style:
                heading_style = True
                if heading_level is None:
                    heading_level = own.heading_level
            if toc_level is None:
                toc_level = own.toc_level
            if own.caption:
                caption = True
            if own.toc_heading:
                toc_heading = True
            if outline is None:
                outline = own.outline
            if num_id is None and own.num is not None:
                num_id, num_ilvl, num_style = own.num
            if pbb is None:
                pbb = own.pbb
            if jc is None:
                jc = own.jc
            if bold is None:
                bold = own.bold
            if size is None:
                size = own.size
            if vanish_set is None:
                vanish_set = own.vanish
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
