"""Characters → lines, with font size and weight per line (pypdfium2 text page).

Why characters and not ``get_text_range``: the checker needs what a human sees — which line is large
and bold (a heading), which characters sit inside a ruled cell (a table), which line repeats at the
top of every page (a running header). pdfium's own text flow joins a whole table row into one line
(checker.md §3.2) and carries no font information.

Cost (checker.md §4: ``get_text_range`` ≈ 67 ms per 114 pages): the code points of a page in one
call, then three pdfium calls per character (loose box, origin, text object) — ≈ 2.5 µs per
character with the Python around it, ≈ 0.2 s of the ≈ 0.38 s ``read_pdf`` takes for 100 pages
(bench/read_pdf.py). Style (size, bold, clip) is looked up once per *text object*. The functions
are called through ``c_void_p`` prototypes of the pypdfium2.raw symbols, so a text object comes
back as a plain integer that can key a cache.

Bold is not one thing in PDF: a real bold face (``NotoSansCJKjp-Bold``, whose descriptor still says
weight 400: the rendered reports' chapter headings), a font weight ≥ 600, or "fake bold" — a CJK
face without a bold variant drawn with text render mode fill+stroke (the reports' 1.1 section
headings). Fake bold drawn by painting the glyph twice is removed as duplicates (pdfplumber #992,
#1155).
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

import pypdfium2.raw as pdfium_c

_VP = ctypes.c_void_p


def _proto(fn, restype, *argtypes):
    """The same pdfium symbol with plain ``c_void_p`` types (pointers come back as ints)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, _VP).value)


_count_chars = _proto(pdfium_c.FPDFText_CountChars, ctypes.c_int, _VP)
_get_unicode = _proto(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _VP, ctypes.c_int)
_get_loose_box = _proto(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, _VP, ctypes.c_int, _VP)
_get_text_object = _proto(pdfium_c.FPDFText_GetTextObject, _VP, _VP, ctypes.c_int)
_get_text = _proto(pdfium_c.FPDFText_GetText, ctypes.c_int, _VP, ctypes.c_int, ctypes.c_int, _VP)
_get_origin = _proto(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, _VP, ctypes.c_int, _VP, _VP)
_is_generated = _proto(pdfium_c.FPDFText_IsGenerated, ctypes.c_int, _VP, ctypes.c_int)
_get_font_size = _proto(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _VP, ctypes.c_int)
_obj_font = _proto(pdfium_c.FPDFTextObj_GetFont, _VP, _VP)
_obj_render_mode = _proto(pdfium_c.FPDFTextObj_GetTextRenderMode, ctypes.c_int, _VP)
_font_weight = _proto(pdfium_c.FPDFFont_GetWeight, ctypes.c_int, _VP)
_font_base_name = _proto(pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_ulong, _VP, ctypes.c_char_p, ctypes.c_ulong)
_obj_clip_path = _proto(pdfium_c.FPDFPageObj_GetClipPath, _VP, _VP)
_clip_count_paths = _proto(pdfium_c.FPDFClipPath_CountPaths, ctypes.c_int, _VP)
_clip_count_segments = _proto(pdfium_c.FPDFClipPath_CountPathSegments, ctypes.c_int, _VP, ctypes.c_int)
_clip_segment = _proto(pdfium_c.FPDFClipPath_GetPathSegment, _VP, _VP, ctypes.c_int, ctypes.c_int)
_segment_point = _proto(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int, _VP, _VP, _VP)

_FILL_STROKE = pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|ultrabold|W[6-9]\b", re.IGNORECASE)
_WHITESPACE = frozenset((0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x3000, 0xFEFF, *range(0x2000, 0x200C)))


_BY_BASELINE = attrgetter("baseline")
_BY_X = attrgetter("x0")


class Char(NamedTuple):
    """One visible character in view coordinates (points, origin top-left, y downwards)."""

    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    space_before: bool  # a space character preceded it in the content stream
    baseline: float     # y of the glyph origin: what lines are grouped by
    cjk: bool = False   # a CJK ideograph or full-width form (no spaces between such characters)


@dataclass(slots=True)
class Line:
    """Characters on one baseline, left to right. ``size`` is the most common font size (pt)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int = 0
    chars: int = 0
    ocr: bool = False

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class CharStats:
    """Raw counts for the text-layer health check (health.py)."""

    visible: int = 0
    cjk: int = 0
    control: int = 0        # C0/C1 control characters (missing ToUnicode with Identity-H)
    replacement: int = 0    # U+FFFD
    private_use: int = 0    # PUA code points (symbol fonts, broken CMaps)


class View:
    """Maps PDF user space to the displayed page (origin top-left), honouring /Rotate."""

    __slots__ = ("bottom", "height", "left", "right", "rotation", "top", "width")

    def __init__(self, box: tuple[float, float, float, float], rotation: int = 0):
        self.left, self.bottom, self.right, self.top = box
        self.rotation = rotation % 360
        w, h = self.right - self.left, self.top - self.bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 0:
            return x - self.left, self.top - y
        if r == 90:
            return y - self.bottom, x - self.left
        if r == 180:
            return self.right - x, y - self.bottom
        return self.top - y, self.right - x

    def rect(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) in view coordinates."""
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x2FA1F)


def _clip_box(obj: int, view: View) -> tuple[float, float, float, float] | None:
    """The bounding box of a text object's clip path, in view coordinates (None: not clipped).

    LibreOffice clips cell text that overflows a repeated header row whose height shrank on the
    next page: the text is in the content stream but a reader does not see it (rendered and
    checked on 表2-3 of the electroplating report). Only a handful of objects carry a clip path.
    """
    clip = _obj_clip_path(obj)
    if not clip or _clip_count_paths(clip) != 1:
        return None
    n = _clip_count_segments(clip, 0)
    if n <= 0 or n > 64:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    xs, ys = [], []
    for k in range(n):
        seg = _clip_segment(clip, 0, k)
        if seg and _segment_point(seg, ctypes.byref(x), ctypes.byref(y)):
            xs.append(x.value)
            ys.append(y.value)
    if not xs:
        return None
    return view.rect(min(xs), min(ys), max(xs), max(ys))


_NAME = ctypes.create_string_buffer(256)
_FONT_BOLD: dict[int, bool] = {}  # font handle → bold by weight or name; valid while its document is open


def _font_bold(font: int) -> bool:
    bold = _FONT_BOLD.get(font)
    if bold is None:
        _NAME.value = b""
        _font_base_name(font, _NAME, 256)
        bold = _FONT_BOLD[font] = (_font_weight(font) >= 600
                                   or bool(_BOLD_NAME.search(_NAME.value.decode("latin-1"))))
    return bold


def _style(obj: int, textpage: int, index: int, view: View) -> tuple[float, bool, tuple | None]:
    """(size rounded to 0.5 pt, bold, clip box) of the text object a character belongs to."""
    size = _get_font_size(textpage, index)
    bold = False
    clip = None
    if obj:
        font = _obj_font(obj)
        bold = (bool(font) and _font_bold(font)) or _obj_render_mode(obj) == _FILL_STROKE
        clip = _clip_box(obj, view)
    return round(size * 2) / 2, bold, clip


def _page_codes(tp: int, n: int) -> list[int] | None:
    """All code points of the page in one call (FPDFText_GetText), or None when a character
    outside the BMP makes UTF-16 units and character indexes disagree."""
    if n <= 0:
        return []
    buf = ctypes.create_string_buffer((n + 1) * 2)
    _get_text(tp, 0, n, buf)
    units = memoryview(buf.raw).cast("H")[:n].tolist()
    if any(0xD800 <= u <= 0xDFFF for u in units):
        return None
    return units


def extract_chars(textpage, view: View) -> tuple[list[Char], CharStats]:
    """Every visible character of a page with its box, size and weight, plus health counts.

    The loop is the reader's hot path (≈ 2.5 µs per character, ≈ 60 % of ``read_pdf``): the page's
    code points come in one call, style is looked up once per text object, locals instead of
    attributes, tuples built without NamedTuple's keyword machinery.
    """
    tp = ctypes.cast(textpage.raw, _VP).value
    n = _count_chars(tp)
    _FONT_BOLD.clear()  # handles are per document and may be reused after it closes
    codes = _page_codes(tp, n)
    rect = pdfium_c.FS_RECTF()
    prect = ctypes.addressof(rect)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.addressof(ox), ctypes.addressof(oy)
    chars: list[Char] = []
    append = chars.append
    new = tuple.__new__
    cache: dict = {}
    get_unicode, get_box, get_origin, get_obj = _get_unicode, _get_loose_box, _get_origin, _get_text_object
    whitespace = _WHITESPACE
    visible = control = cjk = replacement = private = 0
    space = False
    rot0 = view.rotation == 0
    vl, vt = view.left, view.top
    prev_ch, prev_x0, prev_top = "", -1e9, -1e9
    for k in range(n):
        code = codes[k] if codes is not None else get_unicode(tp, k)
        if code in whitespace:
            # pdfium invents spaces (and line breaks) at gaps between text objects; only real ones
            # count — the gap rule in join_chars decides for the rest
            if code != 0x0A and code != 0x0D and not _is_generated(tp, k):
                space = True
            continue
        visible += 1
        if code == 0x02 or code == 0xFFFE:
            code = 0x2D  # pdfium's marker for a hyphen at the end of a line ("LMG-Ni-" / "2400")
        elif code < 0x20 or 0x7F <= code < 0xA0:
            control += 1
            continue
        is_wide = code >= 0x3000 and is_cjk(code)
        if is_wide:
            cjk += 1
        elif code == 0xFFFD:
            replacement += 1
        elif 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
            private += 1
        get_box(tp, k, prect)
        get_origin(tp, k, pox, poy)  # per character: some faces give flat glyphs (一) a flat loose box
        obj = get_obj(tp, k)
        style = cache.get(obj)
        if style is None:
            style = cache[obj] = _style(obj, tp, k, view)
        if rot0:
            x0, x1, top, bottom = rect.left - vl, rect.right - vl, vt - rect.top, vt - rect.bottom
            baseline = vt - oy.value
        else:
            x0, top, x1, bottom = view.rect(rect.left, rect.bottom, rect.right, rect.top)
            baseline = view.point(ox.value, oy.value)[1]
        ch = chr(code)
        if ch == prev_ch and -1 < prev_x0 - x0 < 1 and -1 < prev_top - top < 1:
            continue  # fake bold: the same glyph painted twice
        clip = style[2]
        if clip is not None:
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            if not (clip[0] - 1 <= cx <= clip[2] + 1 and clip[1] - 1 <= cy <= clip[3] + 1):
                visible -= 1
                continue  # clipped away: in the content stream, not on the page
        append(new(Char, (ch, x0, x1, top, bottom, style[0], style[1], space, baseline, is_wide)))
        space = False
        prev_ch, prev_x0, prev_top = ch, x0, top
    return chars, CharStats(visible, cjk, control, replacement, private)


# --------------------------------------------------------------------------- lines


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Cluster characters into lines by baseline, each line sorted left to right.

    The baseline (glyph origin), not the box: a CJK face and the Latin face beside it have different
    ascents, so their boxes differ by several points on one printed line (the packaging report's
    "塑料薄膜（BOPP、PET…）" came apart into a CJK and a Latin line when grouped by box centre).
    A superscript in a smaller size set 1/3 em higher stays on its line (tolerance 0.4 em).
    """
    if not chars:
        return []
    ordered = sorted(chars, key=_BY_BASELINE)
    lines: list[list[Char]] = []
    first = ordered[0]
    current = [first]
    base, size = first.baseline, first.size
    for c in ordered[1:]:
        csize = c.size
        limit = 0.4 * (size if size > csize else csize)  # noqa: FURB136
        if c.baseline - base <= (limit if limit > 0.4 else 0.4):  # noqa: FURB136
            current.append(c)
            if csize > size:  # noqa: PLR1730
                size = csize
            continue
        lines.append(current)
        current, base, size = [c], c.baseline, csize
    lines.append(current)
    for line in lines:
        line.sort(key=_BY_X)
    return lines


def _cjk_char(ch: str) -> bool:
    return is_cjk(ord(ch))


def join_chars(chars: list[Char]) -> str:
    """Text of one line: a space where the gap is wide (Latin words, separated columns)."""
    prev = chars[0]
    out = [prev.ch]
    for c in chars[1:]:
        gap = c.x0 - prev.x1
        size = prev.size if prev.size > c.size else c.size  # noqa: FURB136
        if size < 1.0:  # noqa: PLR1730
            size = 1.0
        latin = not prev.cjk and not c.cjk
        if (gap > (0.15 if latin else 0.6) * size
                or (c.space_before and gap > (0.05 if latin else 0.2) * size)):
            out.append(" ")
        out.append(c.ch)
        prev = c
    return "".join(out)


def make_line(chars: list[Char], page: int) -> Line:
    """One line's text, box, dominant size and weight. Runs once per character of the document, so
    comparisons are written out instead of min()/max() calls (the noqa markers)."""
    sizes: dict[float, int] = {}
    bold = 0
    first = chars[0]
    x0, x1, top, bottom = first.x0, first.x1, first.top, first.bottom
    for c in chars:
        sizes[c.size] = sizes.get(c.size, 0) + 1
        bold += c.bold
        if c.x0 < x0:  # noqa: PLR1730
            x0 = c.x0
        if c.x1 > x1:  # noqa: PLR1730
            x1 = c.x1
        if c.top < top:  # noqa: PLR1730
            top = c.top
        if c.bottom > bottom:  # noqa: PLR1730
            bottom = c.bottom
    size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0] if len(sizes) > 1 else first.size
    return Line(text=join_chars(chars), x0=x0, x1=x1, top=top, bottom=bottom, size=size,
                bold=bold >= 0.6 * len(chars), page=page, chars=len(chars))


def build_lines(chars: list[Char], page: int) -> list[Line]:
    return [make_line(group, page) for group in group_lines(chars)]


_NUMERIC = frozenset("0123456789.,%")


def _same_token(left: str, right: str) -> bool:
    """A wrap inside one token: a number broken in a narrow cell ("46800" / "0" is 468000), or a
    hyphenated word. Words of running Latin text are separated by a space."""
    return left == "-" or (left in _NUMERIC and right in _NUMERIC)


def join_texts(parts: list[str]) -> str:
    """Join wrapped lines of one paragraph or cell: no space between CJK, one between Latin words."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not _cjk_char(out[-1]) and not _cjk_char(part[0]) and not _same_token(out[-1], part[0]):
            out += " "
        out += part
    return out
