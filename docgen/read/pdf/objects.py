"""Page objects → ruling lines (for tables) and image boxes (for the health check and Image blocks).

Table borders reach a PDF in several shapes, all handled here:
* one stroked line per border (LibreOffice: a path of two points, 0.5 pt wide — every table of the
  rendered reports);
* thin filled rectangles (Word's "export to PDF" draws each cell border as a 0.5 pt filled box);
* one path object with many sub-paths (a whole grid), or a stroked rectangle around the table.
A sub-path that is thin in one direction is a rule; the edges of a *stroked* rectangle are rules;
a large *filled* rectangle is cell shading and is ignored (its edges coincide with real rules).
Curves are never rules (charts drawn as vectors).

Objects inside Form XObjects are reached through their matrices: some producers wrap the whole page
(scanners: the page image) in a form. A page with more path objects than ``MAX_PATHS`` is a vector
drawing, not a table page: its rules are skipped and the reader says so.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from itertools import pairwise

import pypdfium2.raw as pdfium_c

from docgen.read.pdf.text import View

THIN = 3.0          # pt: thicker than this in both directions is not a line
MIN_RULE = 4.0      # pt: shorter rules are glyph decorations
MAX_PATHS = 20_000  # per page
MAX_DEPTH = 4       # nested forms

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class PageObjects:
    hrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x0, x1, y)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (y0, y1, x)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)  # (x0, top, x1, bottom)
    paths: int = 0
    too_many_paths: bool = False

    def image_coverage(self, width: float, height: float) -> float:
        """Share of the page covered by images (overlaps counted once per image, capped at 1)."""
        area = 0.0
        for x0, top, x1, bottom in self.images:
            w = min(x1, width) - max(x0, 0.0)
            h = min(bottom, height) - max(top, 0.0)
            if w > 0 and h > 0:
                area += w * h
        return min(1.0, area / max(width * height, 1.0))


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _matrix(obj) -> Matrix:
    fs = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, fs):
        return IDENTITY
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def _bounds(obj) -> tuple[float, float, float, float] | None:
    vals = [ctypes.c_float() for _ in range(4)]
    if not pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in vals)):
        return None
    return tuple(v.value for v in vals)  # type: ignore[return-value]


class _Collector:
    def __init__(self, view: View, out: PageObjects):
        self.view = view
        self.out = out
        self._x = ctypes.c_float()
        self._y = ctypes.c_float()
        self._fill = ctypes.c_int()
        self._stroke = ctypes.c_int()

    # -- rules -------------------------------------------------------------

    def _add_box(self, x0: float, top: float, x1: float, bottom: float) -> None:
        w, h = x1 - x0, bottom - top
        if h <= THIN and w >= MIN_RULE:
            self.out.hrules.append((x0, x1, (top + bottom) / 2))
        elif w <= THIN and h >= MIN_RULE:
            self.out.vrules.append((top, bottom, (x0 + x1) / 2))

    def _add_segment(self, p: tuple[float, float], q: tuple[float, float]) -> None:
        (ax, ay), (bx, by) = self.view.point(*p), self.view.point(*q)
        if abs(ay - by) <= 0.5 and abs(ax - bx) >= MIN_RULE:
            self.out.hrules.append((min(ax, bx), max(ax, bx), (ay + by) / 2))
        elif abs(ax - bx) <= 0.5 and abs(ay - by) >= MIN_RULE:
            self.out.vrules.append((min(ay, by), max(ay, by), (ax + bx) / 2))

    def path(self, obj, outer: Matrix) -> None:
        self.out.paths += 1
        b = _bounds(obj)
        if b is None:
            return
        if outer is IDENTITY:
            x0, top, x1, bottom = self.view.rect(*b)
        else:  # bounds are in the form's space
            (ax, ay), (bx, by) = _apply(outer, b[0], b[1]), _apply(outer, b[2], b[3])
            x0, top, x1, bottom = self.view.rect(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        w, h = x1 - x0, bottom - top
        if w < MIN_RULE and h < MIN_RULE:
            return
        if w <= THIN or h <= THIN:
            self._add_box(x0, top, x1, bottom)
            return
        self._subpaths(obj, _mul(_matrix(obj), outer))

    def _subpaths(self, obj, m: Matrix) -> None:
        """A large path: split into sub-paths; thin ones are rules, stroked edges are rules."""
        pdfium_c.FPDFPath_GetDrawMode(obj, self._fill, self._stroke)
        stroked = bool(self._stroke.value)
        n = pdfium_c.FPDFPath_CountSegments(obj)
        if n <= 0 or n > 4000:
            return
        subpaths: list[tuple[list[tuple[float, float]], bool, bool]] = []
        points: list[tuple[float, float]] = []
        curved = closed = False
        for k in range(n):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            pdfium_c.FPDFPathSegment_GetPoint(seg, self._x, self._y)
            pt = _apply(m, self._x.value, self._y.value)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                if len(points) > 1:
                    subpaths.append((points, curved, closed))
                points, curved, closed = [pt], False, False
                continue
            if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                curved = True
            points.append(pt)
            if pdfium_c.FPDFPathSegment_GetClose(seg):
                closed = True
        if len(points) > 1:
            subpaths.append((points, curved, closed))
        for pts, is_curved, is_closed in subpaths:
            if is_curved:
                continue
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            x0, top, x1, bottom = self.view.rect(min(xs), min(ys), max(xs), max(ys))
            if (x1 - x0) <= THIN or (bottom - top) <= THIN:
                self._add_box(x0, top, x1, bottom)
            elif stroked:
                ring = pts + [pts[0]] if is_closed else pts
                for p, q in pairwise(ring):
                    self._add_segment(p, q)

    # -- images ------------------------------------------------------------

    def image(self, obj, outer: Matrix) -> None:
        b = _bounds(obj)
        if b is None:
            return
        if outer is not IDENTITY:
            (ax, ay), (bx, by) = _apply(outer, b[0], b[1]), _apply(outer, b[2], b[3])
            b = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        self.out.images.append(self.view.rect(*b))

    # -- walk --------------------------------------------------------------

    def walk_form(self, form, outer: Matrix, depth: int) -> None:
        m = _mul(_matrix(form), outer)
        for k in range(pdfium_c.FPDFFormObj_CountObjects(form)):
            self.visit(pdfium_c.FPDFFormObj_GetObject(form, k), m, depth + 1)

    def visit(self, obj, outer: Matrix, depth: int) -> None:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if self.out.paths >= MAX_PATHS:
                self.out.too_many_paths = True
                return
            self.path(obj, outer)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            self.image(obj, outer)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_DEPTH:
            self.walk_form(obj, outer, depth)


def scan_objects(page, view: View) -> PageObjects:
    """Rules and images of one page (``page``: a pypdfium2 ``PdfPage``)."""
    out = PageObjects()
    collector = _Collector(view, out)
    raw = page.raw
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        collector.visit(pdfium_c.FPDFPage_GetObject(raw, k), IDENTITY, 0)
    if out.too_many_paths:
        out.hrules.clear()
        out.vrules.clear()
    return out
