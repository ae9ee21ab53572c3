"""Paragraph text in FINAL VIEW — what a reader sees in Word with "No Markup".

The policy (checker.md §2.1, "recommended text policy"), and the Word behaviour behind each rule:

* tracked insertions (``w:ins``, ``w:moveTo``) are in, deletions (``w:del``, ``w:moveFrom``) are
  out; the paragraph is flagged ``revised`` and every change is counted — python-docx drops
  insertions entirely (python-docx #340/#1123);
* hidden text (``w:vanish`` on the run, its character style or its paragraph style) is excluded
  but flagged: LibreOffice does not print it, so a human never sees it;
* fields show their cached result (see ``fields``), ``w:fldSimple`` included (python-docx and
  mammoth miss it);
* content controls (``w:sdt``), hyperlinks, smart tags and custom XML are transparent containers
  (python-docx loses ``w:sdt`` text, #155);
* ``mc:AlternateContent`` — Word writes a text box twice, as DrawingML in ``mc:Choice`` and as VML
  in ``mc:Fallback``; reading both doubles it (docx2python does, checker.md §2.1). We take the first
  Choice whose required namespaces we understand, else the Fallback — exactly one branch;
* text boxes are separate stories; their text is kept apart from the paragraph's own text (so a
  floating box cannot spoil heading detection) and joined to ``text`` after it;
* numbering labels Word generates are rendered (``numbering``) and put in front of the text, as
  printed.

This is a hot loop of the reader: children are dispatched by comparing tag strings (never
XPath), runs are handled inline, and a paragraph style's run defaults come in one prepared dict
per style, so a paragraph costs a few microseconds (bench/read_docx.py). Plain table rows do not
come here at all (``tables``).
"""

from __future__ import annotations

from docgen.read.docx import images as img
from docgen.read.docx.fields import FieldStack, field_argument, field_code
from docgen.read.docx.ns import (
    ALTERNATE_CONTENT,
    ANCHOR,
    BDO,
    BOOKMARK_START,
    BR,
    CHOICE,
    CR,
    CUSTOM_XML,
    DEL,
    DIR,
    DRAWING,
    FALLBACK,
    FLD_CHAR,
    FLD_CHAR_TYPE,
    FLD_SIMPLE,
    HYPERLINK,
    ILVL,
    INS,
    INSTR,
    INSTR_TEXT,
    JC,
    LAST_RENDERED,
    MC_REQUIRES,
    MOVE_FROM,
    MOVE_TO,
    NAME,
    NO_BREAK_HYPHEN,
    NUMID,
    NUMPR,
    OBJECT,
    OUTLINE_LVL,
    PAGE_BREAK_BEFORE,
    PICT,
    PPR,
    PSTYLE,
    PTAB,
    RPR,
    RSTYLE,
    SDT,
    SDT_CONTENT,
    SECT_PR,
    SMART_TAG,
    SYM,
    SZ,
    TAB,
    TBL,
    TC,
    TR,
    TXBX_CONTENT,
    TYPE,
    V_NS,
    VAL,
    VANISH,
    WPS_NS,
    B,
    P,
    R,
    T,
    w,
)
from docgen.read.docx.numbering import NumberedLabel, Numbering, separator
from docgen.read.docx.styles import ParaStyle, Styles, on

#: Namespaces of mc:Choice branches this reader understands (Word 2010+ shapes, text boxes,
#: groups, canvases, w14/w15 run properties, a14 pictures).
UNDERSTOOD = {
    WPS_NS,
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "http://schemas.microsoft.com/office/word/2010/wordml",
    "http://schemas.microsoft.com/office/word/2012/wordml",
    "http://schemas.microsoft.com/office/drawing/2010/main",
    V_NS,
}
_UNDERSTOOD_PREFIXES = {"wps", "wpg", "wpc", "wp14", "w14", "w15", "a14", "v"}

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
M_OMATH = "{%s}oMath" % M_NS
M_OMATH_PARA = "{%s}oMathPara" % M_NS
M_T = "{%s}t" % M_NS
V_TEXTPATH = "{%s}textpath" % V_NS
SYM_CHAR = w("char")
PARA_MARK_CHANGES = (INS, DEL, MOVE_FROM, MOVE_TO)
#: Elements whose presence in a table row needs this reader (``tables.TableBuilder._scan_table``
#: collects plain ``w:t`` text only): fields, revisions, hidden text, drawings, text boxes, breaks
#: and other characters, numbering, nested tables, content controls, math, foreign XML.
FULL_READER_TAGS = (FLD_CHAR, INSTR_TEXT, FLD_SIMPLE, INS, DEL, MOVE_FROM, MOVE_TO, VANISH, ALTERNATE_CONTENT, DRAWING,
                    PICT, OBJECT, SDT, CUSTOM_XML, TAB, PTAB, BR, CR, SYM, NO_BREAK_HYPHEN, w("softHyphen"),
                    LAST_RENDERED, NUMPR, TBL, SMART_TAG, TXBX_CONTENT, RSTYLE, w("cellIns"), w("cellDel"),
                    w("ruby"), w("delText"), w("delInstrText"), w("footnoteReference"), w("endnoteReference"),
                    "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath",
                    "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMathPara")
RUBY = w("ruby")
RUBY_BASE = w("rubyBase")


def choose_branch(ac):
    """The one branch of an ``mc:AlternateContent`` to read (never both — checker.md §2.1)."""
    fallback = None
    for branch in ac:
        if branch.tag == CHOICE:
            requires = (branch.get(MC_REQUIRES) or "").split()
            if all((branch.nsmap.get(prefix) in UNDERSTOOD) or prefix in _UNDERSTOOD_PREFIXES for prefix in requires):
                return branch
        elif branch.tag == FALLBACK:
            fallback = branch
    if fallback is not None:
        return fallback
    return next(iter(ac), None)


class PText:
    """One paragraph as read: final-view text plus everything the walker needs to classify it.

    Class attributes are the defaults; an instance only stores its style's defaults (one
    ``__dict__.update``) and what its paragraph sets, which keeps reading a paragraph cheap."""

    text = ""
    own = ""                                   # the author's text: no label, no text boxes
    label: NumberedLabel | None = None         # rendered numbering label
    label_sep = ""
    style: ParaStyle | None = None
    style_id: str | None = None
    direct_outline: int | None = None          # w:outlineLvl on the paragraph itself (9 = body text)
    page_break_before = False
    jc: str | None = None
    sect = None                                # the w:sectPr ending a section at this paragraph
    revised = False
    hidden = False
    toc = False                                # visible text inside an open TOC field
    bookmarks: list[str] | None = None         # _Toc… bookmarks
    anchors: list[str] | None = None           # hyperlink anchors and PAGEREF targets (TOC lines)
    events: list[tuple[int, bool]] | None = None  # page breaks: (visible chars before, rendered?)
    images: list[img.ImageInfo] | None = None
    textboxes: list[str] | None = None
    bold = True                                # every visible, non-blank run bold
    size = 0                                   # largest visible run size, half-points
    plain = 0                                  # visible characters by where they came from
    sdt = 0
    field = 0
    _bold = False                              # the paragraph style's run defaults
    _size = 0
    _numpr: tuple | None = None                # (numId, ilvl) set directly on the paragraph
    _vanish = False

    def __init__(self, defaults: dict | None = None):
        if defaults is not None:
            self.__dict__.update(defaults)
        self.parts: list[str] = []

    @property
    def source(self) -> str:
        if self.plain or not (self.sdt or self.field):
            return "body"
        return "sdt" if self.sdt >= self.field else "field"


class ParagraphReader:
    """Reads paragraphs of one story in document order (fields may span paragraphs, numbering
    counters run through the whole body)."""

    def __init__(self, styles: Styles, numbering: Numbering | None, rels: dict, *, body: bool = True):
        self.styles = styles
        self.numbering = numbering if body else None
        self.rels = rels
        self.fields = FieldStack()
        self.revisions = 0
        self.hidden_any = False
        self._defaults: dict[str | None, dict] = {}
        self.special_styles: dict[str | None, bool] = {}  # styleId → numbered or hidden (is_special)
        self._special = 0        # inside an inline content control or a fldSimple
        self._in_field_simple = 0

    # -- paragraph ---------------------------------------------------------------------------
    def is_special(self, sid: str | None) -> bool:
        """Paragraphs of this style are numbered or hidden: a table-row fast path must leave them
        to ``read`` (cached; styles are resolved on first use only)."""
        special = self.special_styles.get(sid)
        if special is None:
            st = self.styles.para(sid)
            special = self.special_styles[sid] = bool((st.num_id is not None and st.num_id != "0") or st.vanish)
        return special

    def _defaults_for(self, sid: str | None) -> dict:
        """This style's paragraph defaults, set on each of its paragraphs with one
        ``__dict__.update`` (a PText subclass per style did the same through class attributes, but
        creating a class costs ~25 µs, a dozen per document, and leaves cyclic garbage behind)."""
        defaults = self._defaults.get(sid)
        if defaults is None:
            style = self.styles.para(sid)
            defaults = self._defaults[sid] = {
                "style": style, "style_id": sid if sid is not None else style.style_id, "jc": style.jc,
                "page_break_before": style.page_break_before, "_bold": bool(style.bold),
                "_size": style.size_half_pt or 0, "_vanish": style.vanish}
        return defaults

    def read(self, p) -> PText:
        sid = None
        direct = None
        if len(p):
            ppr = p[0]
            if ppr.tag == PPR:
                for c in ppr:
                    tag = c.tag
                    if tag == PSTYLE:
                        sid = c.get(VAL)
                    else:
                        if direct is None:
                            direct = []
                        direct.append(c)
        defaults = self._defaults.get(sid) or self._defaults_for(sid)
        pt = PText(defaults)
        if direct is not None:
            self._ppr(direct, pt)
        self._walk(p, pt, pt._vanish)
        style = pt.style
        parts = pt.parts
        own = parts[0] if len(parts) == 1 else "".join(parts)
        pt.own = own
        text = own
        if self.numbering is not None and (pt._numpr is not None or style.num_id is not None):
            self._number(pt, style)
            if pt.label is not None and pt.label.label and pt.label.level.fmt != "bullet":
                text = pt.label.label + pt.label_sep + own
        if pt.textboxes:
            boxed = "\n".join(t for t in pt.textboxes if t)
            if boxed:
                text = f"{text}\n{boxed}" if text else boxed
        pt.text = text
        if not pt.size:
            pt.size = pt._size
        if pt.hidden:
            self.hidden_any = True
        if not pt.plain and not own.strip():
            pt.bold = pt._bold
        return pt

    def _ppr(self, props: list, pt: PText) -> None:
        """Direct paragraph properties other than the style."""
        num_id = ilvl = None
        numpr = False
        for c in props:
            tag = c.tag
            if tag == NUMPR:
                numpr = True
                for x in c:
                    if x.tag == NUMID:
                        num_id = x.get(VAL)
                    elif x.tag == ILVL:
                        try:
                            ilvl = int(x.get(VAL))
                        except (TypeError, ValueError):
                            ilvl = 0
            elif tag == OUTLINE_LVL:
                try:
                    pt.direct_outline = int(c.get(VAL))
                except (TypeError, ValueError):
                    pt.direct_outline = 9
            elif tag == PAGE_BREAK_BEFORE:
                pt.page_break_before = on(c)
            elif tag == JC:
                pt.jc = c.get(VAL)
            elif tag == SECT_PR:
                pt.sect = c
            elif tag == RPR:
                for x in c:  # a tracked change of the paragraph mark itself
                    if x.tag in PARA_MARK_CHANGES:
                        self.revisions += 1
                        pt.revised = True
        if numpr:
            pt._numpr = (num_id, ilvl)

    def _number(self, pt: PText, style: ParaStyle) -> None:
        """The numbering of this paragraph: direct numPr, else the style's (``numId 0`` removes an
        inherited list — how Word writes an unnumbered "前言" in a numbered heading style)."""
        has_numpr = pt._numpr is not None
        num_id, ilvl = pt._numpr if has_numpr else (None, None)
        from_style = False
        if num_id is None:
            if style.num_id is None:
                return
            num_id = style.num_id
            from_style = True
        if num_id == "0":
            return
        if ilvl is None:
            if from_style or not has_numpr:
                ilvl = style.num_ilvl
                if ilvl is None:
                    ilvl = self.numbering.level_for_style(num_id, style.num_style)
            ilvl = ilvl or 0
        label = self.numbering.advance(num_id, ilvl)
        if label is not None:
            pt.label = label
            pt.label_sep = separator(label.level)

    # -- inline content ----------------------------------------------------------------------
    def _walk(self, el, pt: PText, vanish: bool) -> None:
        """Paragraph content in order. Runs are handled inline (the hot path); containers recurse."""
        fields = self.fields
        frames = fields.frames
        parts = pt.parts
        for c in el:
            tag = c.tag
            if tag == R:
                hidden = vanish
                bold = pt._bold
                size = pt._size
                for x in c:
                    xt = x.tag
                    if xt == T:
                        text = x.text
                        if not text or fields.hiding:
                            continue
                        if hidden:
                            pt.hidden = True
                            continue
                        parts.append(text)
                        if frames or self._special:
                            self._count_special(pt, len(text))
                        else:
                            pt.plain += len(text)
                        if not bold and pt.bold and not text.isspace():
                            pt.bold = False
                        if size > pt.size:
                            pt.size = size
                    elif xt == RPR:
                        for y in x:
                            yt = y.tag
                            if yt == B:
                                bold = on(y)
                            elif yt == SZ:
                                try:
                                    size = int(y.get(VAL))
                                except (TypeError, ValueError):
                                    pass
                            elif yt == VANISH:
                                hidden = on(y)
                            elif yt == RSTYLE:
                                cb, cs, cv = self.styles.char(y.get(VAL) or "")
                                if cb is not None:
                                    bold = cb
                                if cs is not None:
                                    size = cs
                                if cv:
                                    hidden = True
                    else:
                        self._run_item(x, xt, pt, hidden, vanish)
            elif tag == PPR:
                continue  # read before the walk (ParagraphReader.read)
            elif tag == HYPERLINK:
                anchor = c.get(ANCHOR)
                if anchor:
                    if pt.anchors is None:
                        pt.anchors = []
                    pt.anchors.append(anchor)
                self._walk(c, pt, vanish)
            elif tag == BOOKMARK_START:
                name = c.get(NAME) or ""
                if name.startswith("_Toc"):
                    if pt.bookmarks is None:
                        pt.bookmarks = []
                    pt.bookmarks.append(name)
            elif tag == INS or tag == MOVE_TO:
                self.revisions += 1
                pt.revised = True
                self._walk(c, pt, vanish)
            elif tag == DEL or tag == MOVE_FROM:
                self.revisions += 1
                pt.revised = True
            elif tag == SDT:
                content = c.find(SDT_CONTENT)
                if content is not None:
                    self._special += 1
                    self._walk(content, pt, vanish)
                    self._special -= 1
            elif tag == FLD_SIMPLE:
                instr = c.get(INSTR) or ""
                if field_code(instr) == "PAGEREF":
                    if pt.anchors is None:
                        pt.anchors = []
                    pt.anchors.append(field_argument(instr))
                self._special += 1
                self._in_field_simple += 1
                self._walk(c, pt, vanish)
                self._in_field_simple -= 1
                self._special -= 1
            elif tag == SMART_TAG or tag == CUSTOM_XML or tag == DIR or tag == BDO:
                self._walk(c, pt, vanish)
            elif tag == RUBY:  # phonetic guide: the base text is what is printed in the line
                base = c.find(RUBY_BASE)
                if base is not None:
                    self._walk(base, pt, vanish)
            elif tag == ALTERNATE_CONTENT:
                branch = choose_branch(c)
                if branch is not None:
                    self._walk(branch, pt, vanish)
            elif tag == M_OMATH or tag == M_OMATH_PARA:
                if not fields.hiding:
                    math = "".join(t.text or "" for t in c.iter(M_T))
                    if math:
                        parts.append(math)
                        pt.plain += len(math)

    def _count_special(self, pt: PText, n: int) -> None:
        if self.fields.frames or self._in_field_simple:
            pt.field += n
            if self.fields.toc_open:
                pt.toc = True
        else:
            pt.sdt += n

    def _run_item(self, c, tag: str, pt: PText, hidden: bool, vanish: bool) -> None:
        """Run content other than text and run properties (less frequent, kept out of the loop)."""
        fields = self.fields
        if tag == TAB or tag == PTAB:
            if not fields.hiding and not hidden:
                pt.parts.append("\t")
        elif tag == BR:
            if fields.hiding or hidden:
                return
            kind = c.get(TYPE)
            if kind == "page":
                self._event(pt, False)
            elif kind != "column":
                pt.parts.append("\n")
        elif tag == FLD_CHAR:
            kind = c.get(FLD_CHAR_TYPE)
            if kind == "begin":
                fields.begin()
            elif kind == "separate":
                fields.separate()
            elif kind == "end":
                before = len(fields.pagerefs)
                fields.end()
                if len(fields.pagerefs) > before:
                    if pt.anchors is None:
                        pt.anchors = []
                    pt.anchors.append(fields.pagerefs[-1])
        elif tag == INSTR_TEXT:
            fields.instr(c.text)
        elif tag == LAST_RENDERED:
            self._event(pt, True)
        elif tag == DRAWING:
            if not hidden:
                self._drawing(c, pt)
        elif tag == PICT or tag == OBJECT:
            if not hidden:
                self._vml(c, pt)
        elif tag == ALTERNATE_CONTENT:
            branch = choose_branch(c)
            if branch is not None and not hidden:
                for x in branch:
                    self._run_item(x, x.tag, pt, hidden, vanish)
        elif tag == CR:
            if not fields.hiding and not hidden:
                pt.parts.append("\n")
        elif tag == NO_BREAK_HYPHEN:
            if not fields.hiding and not hidden:
                pt.parts.append("-")
        elif tag == SYM:
            if not fields.hiding and not hidden:
                try:
                    code = int(c.get(SYM_CHAR) or "", 16)
                except ValueError:
                    return
                if code >= 0xF000:  # symbol fonts map into the private use area
                    code -= 0xF000
                if code >= 0x20:
                    pt.parts.append(chr(code))

    def _event(self, pt: PText, rendered: bool) -> None:
        if pt.events is None:
            pt.events = []
        pt.events.append((sum(len(s) for s in pt.parts), rendered))

    # -- drawings, VML and text boxes ----------------------------------------------------------
    def _drawing(self, d, pt: PText) -> None:
        found = img.drawing_image(d, self.rels)
        if found is not None:
            if pt.images is None:
                pt.images = []
            pt.images.append(found)
        self._textboxes(d, pt)

    def _vml(self, el, pt: PText) -> None:
        found = img.vml_image(el, self.rels)
        if found is not None:
            if pt.images is None:
                pt.images = []
            pt.images.append(found)
        self._textboxes(el, pt)
        for path in el.iter(V_TEXTPATH):  # WordArt / watermark text (usually in a header)
            string = path.get("string")
            if string:
                if pt.textboxes is None:
                    pt.textboxes = []
                pt.textboxes.append(string)

    def _textboxes(self, el, pt: PText) -> None:
        for box in el.iter(TXBX_CONTENT):
            parent = box.getparent()
            nested = False
            while parent is not None and parent is not el:
                if parent.tag == TXBX_CONTENT:
                    nested = True
                    break
                parent = parent.getparent()
            if nested:
                continue  # read with the enclosing box's story
            sub = ParagraphReader(self.styles, None, self.rels, body=False)
            texts: list[str] = []
            for para in story_paragraphs(box, sub):
                if para.text:
                    texts.append(para.text)
                if para.images:
                    if pt.images is None:
                        pt.images = []
                    pt.images.extend(para.images)
            self.revisions += sub.revisions
            if sub.hidden_any:
                pt.hidden = True
            if pt.textboxes is None:
                pt.textboxes = []
            pt.textboxes.append("\n".join(texts))


def story_paragraphs(container, reader: ParagraphReader):
    """Every paragraph of a story (header, footer, note, comment, text box) in reading order,
    table cells included; tables inside are flattened row by row (these stories only need text)."""
    for el in container:
        tag = el.tag
        if tag == P:
            yield reader.read(el)
        elif tag == TBL:
            for row in el:
                if row.tag == TR:
                    for cell in row:
                        if cell.tag == TC:
                            yield from story_paragraphs(cell, reader)
        elif tag == SDT:
            content = el.find(SDT_CONTENT)
            if content is not None:
                yield from story_paragraphs(content, reader)
        elif tag == CUSTOM_XML:
            yield from story_paragraphs(el, reader)
        elif tag == ALTERNATE_CONTENT:
            branch = choose_branch(el)
            if branch is not None:
                yield from story_paragraphs(branch, reader)


def story_text(container, reader: ParagraphReader) -> str:
    """The visible text of a whole story, one line per non-empty paragraph."""
    return "\n".join(t for t in (p.text.strip() for p in story_paragraphs(container, reader)) if t)
