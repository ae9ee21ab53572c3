"""Tables as real grids: merged cells resolved once, nested tables kept apart, header rows found.

Why (checker.md §2.1, §2.3): python-docx returns a merged cell once per covered position
(``row.cells``, #232), so totals get summed twice; docx2python flattens a nested table into the
outer one and breaks its grid. Here a ``w:tc`` becomes ONE ``Cell`` placed at every grid position
it covers — ``w:gridSpan`` across, ``w:vMerge restart/continue`` down (legacy ``w:hMerge`` too),
``w:gridBefore``/``w:gridAfter`` leave empty filler cells at the row ends — so a consumer that
takes only origin cells (``cell.is_origin(r, c)``) never counts a value twice.

Headers (checker.md §5.3): rows marked "repeat as header row" (``w:tblHeader``) when present; else
the leading bold/shaded rows; else the first row, extended while the next row has no numeric
cells and the header above it is multi-level (a horizontally merged group such as 污染物排放量
over 审核前/审核后) — at most three rows. Paths join the levels with "/" and a vertically merged
label is written once ("序号", not "序号/序号").

Tracked row deletions (``w:trPr/w:del``) drop the row: final view.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from docgen.read.docx.ns import (ALTERNATE_CONTENT, CUSTOM_XML, DEL, GRID_AFTER, GRID_BEFORE, GRID_COL, GRID_SPAN,
                                 HMERGE, INS, NUMPR, PPR, PSTYLE, RPR, RSTYLE, SDT, SDT_CONTENT, SHD, SZ, TBL,
                                 TBL_GRID, TBL_HEADER, TC, TCPR, TR, TRPR, VAL, VANISH, VMERGE, B, P, R, T, w)
from docgen.read.docx.styles import on
from docgen.read.docx.text import FULL_READER_TAGS, PText, choose_branch
from docgen.read.model import Cell, Location, Table

MAX_HEADER_ROWS = 3
EMPHASIS_ROWS = MAX_HEADER_ROWS + 1  # rows whose bold/shading is looked at (header detection)
FILL = w("fill")
_NUMERIC = re.compile(r"^[+\-−–]?(?:\d+(?:,\d{3})*|\d*)(?:\.\d+)?[%‰]?$")
_YEAR = re.compile(r"^(?:19|20)\d\d年?度?$")


@dataclass
class CellImage:
    info: object          # images.ImageInfo
    row: int
    col: int


def _int(value, default=0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _unwrap(el):
    """Children of a content control / custom XML / alternate content wrapping rows, cells or blocks."""
    if el.tag == SDT:
        content = el.find(SDT_CONTENT)
        return list(content) if content is not None else []
    if el.tag == ALTERNATE_CONTENT:
        branch = choose_branch(el)
        return list(branch) if branch is not None else []
    return list(el)


_WRAPPERS = (SDT, CUSTOM_XML, ALTERNATE_CONTENT)

# what the fast row scan (TableBuilder._scan_row) does with each element; tags not listed are
# formatting and are skipped
# (codes are literals in the loop: comparing with a constant is cheaper than a global lookup)
_KIND = {T: 0, R: 1, P: 2, PSTYLE: 3, TC: 4, B: 5, SHD: 6, GRID_SPAN: 7, VMERGE: 8, HMERGE: 9, GRID_BEFORE: 10,
         GRID_AFTER: 11, TBL_HEADER: 12, TR: 13}
_K_FULL = 99
for _tag in FULL_READER_TAGS + (w("rPrChange"), w("pPrChange"), w("tcPrChange"), w("trPrChange")):
    _KIND[_tag] = _K_FULL
# the quick cell-paragraph path (TableBuilder._quick): run properties / paragraph properties /
# paragraph children it must leave to the full reader, and children it may ignore
_RPR_FULL = {VANISH, RSTYLE, INS, DEL}
_PPR_FULL = {NUMPR, RPR, w("sectPr"), w("pageBreakBefore"), w("outlineLvl")}
_PARA_SKIP = {w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"), w("commentRangeStart"), w("commentRangeEnd"),
              w("permStart"), w("permEnd")}


class TableBuilder:
    """Builds ``Table`` objects for one top-level ``w:tbl`` and the tables nested in it.

    The grid is built row by row while reading (a ``vMerge continue`` extends the cell above, which
    is already placed). Cell paragraphs are read with the walker's reader (fields, numbering and
    page breaks stay in document order); ``alloc`` hands out table indexes in document order of
    their start.
    """

    def __init__(self, reader, pages, alloc: Callable[[], int]):
        self.reader = reader
        self.pages = pages
        self.alloc = alloc
        self.tables: list[Table] = []
        self.images: list[tuple[int, CellImage]] = []  # (table index, image)
        self.revisions = 0
        self._started = False
        self._emphasis: dict[int, bool] = {}  # id(cell) → bold or shaded (header detection only)
        self._special_styles, self._fast_ok = reader.plain_styles()
        self._default_bold = bool(reader.styles.para(None).bold)
        self._bold_of: dict[str, bool] = {}

    def build(self, tbl, nested_in: tuple[int, int, int] | None = None) -> Table:
        index = self.alloc()
        grid_cols = tbl.find(TBL_GRID)
        n_cols = sum(1 for c in grid_cols if c.tag == GRID_COL) if grid_cols is not None else 0
        table = Table(index=index, grid=[], header_rows=0, header_paths=[], location=Location(block=-1, table=index),
                      nested_in=nested_in)
        self.tables.append(table)
        grid: list[list] = []
        marked: list[bool] = []
        pending = list(tbl)
        pending.reverse()
        while pending:
            el = pending.pop()
            tag = el.tag
            if tag == TR:
                self._row(el, index, grid, marked, n_cols)
            elif tag in _WRAPPERS:
                inner = _unwrap(el)
                inner.reverse()
                pending.extend(inner)
        width = max([n_cols] + [len(line) for line in grid])
        for r, line in enumerate(grid):
            if len(line) < width:
                line.extend([None] * (width - len(line)))
            if not all(line):  # (not ``None in line``: that calls Cell.__eq__ per element)
                _fill(line, r)
        table.grid = grid
        table.header_rows = detect_header_rows(grid, marked, self._emphasis)
        table.header_paths = header_paths(grid, table.header_rows)
        return table

    def _row(self, tr, index: int, grid: list, marked: list, n_cols: int) -> None:
        r = len(grid)
        if self._fast_ok and self._scan_row(tr, index, grid, marked, n_cols):
            return
        above = grid[r - 1] if r else None
        line: list = [None] * n_cols
        header = False
        before = after = 0
        col = None
        pending = list(tr)
        pending.reverse()
        while pending:
            el = pending.pop()
            tag = el.tag
            if tag == TC:
                if col is None:
                    col = before
                col = self._cell(el, index, r, col, line, above)
            elif tag == TRPR:
                for x in el:
                    xt = x.tag
                    if xt == GRID_BEFORE:
                        before = _int(x.get(VAL))
                    elif xt == GRID_AFTER:
                        after = _int(x.get(VAL))
                    elif xt == TBL_HEADER:
                        header = on(x)
                    elif xt == DEL:  # a tracked row deletion: not in the final view
                        self.revisions += 1
                        return
                    elif xt == INS:
                        self.revisions += 1
            elif tag in _WRAPPERS:
                inner = _unwrap(el)
                inner.reverse()
                pending.extend(inner)
        end = (col if col is not None else before) + after
        if len(line) < end:
            line.extend([None] * (end - len(line)))
        grid.append(line)
        marked.append(header)

    def _scan_row(self, tr, index: int, grid: list, marked: list, n_cols: int) -> bool:
        """The fast path for a plain row: one ``tr.iter()`` pass collecting ``w:t`` text per
        paragraph per cell (and, for header candidates, whether every run is bold or the cell
        shaded). Pre-order tells the contexts apart: a ``w:b`` before the paragraph's first
        ``w:r`` formats the paragraph mark, a ``w:shd`` between ``w:tc`` and its first ``w:p`` is
        the cell's. Anything that needs the full reader (fields, revisions, hidden text, drawings,
        breaks, tabs, numbering, character styles, nested tables, content controls …) makes it
        return ``False`` before anything was changed, and the row is read normally."""
        if self.reader.fields.frames:
            return False
        kind = _KIND.get
        special = self._special_styles
        style_bold_of = self._style_bold
        bold_cache = self._bold_of
        default_bold = self._default_bold
        cells: list[list] = []
        cell = par = None
        before = after = 0
        header = False
        style_bold = run_bold = None
        in_run = cell_props = False
        for el in tr.iter():
            k = kind(el.tag)
            if k is None:
                continue  # formatting
            if k == 0:  # w:t
                if par is None:
                    return False
                text = el.text
                if text:
                    par.append(text)
                    if not text.isspace():
                        cell[5] = True
                        if cell[4] and not (run_bold if run_bold is not None else style_bold):
                            cell[4] = False
            elif k == 1:  # w:r
                in_run = True
                run_bold = None
            elif k == 2:  # w:p
                if cell is None:
                    return False
                par = []
                cell[0].append(par)
                style_bold = default_bold
                in_run = cell_props = False
            elif k == 4:  # w:tc
                cell = [[], 1, None, None, True, False, False]  # pars, span, vMerge, hMerge, bold, text, shaded
                cells.append(cell)
                par = None
                cell_props = True
            elif k == 5:  # w:b
                if in_run:
                    run_bold = on(el)
            elif k == 3:  # w:pStyle
                sid = el.get(VAL)
                style_bold = bold_cache.get(sid)
                if style_bold is None:
                    if special and sid in special:
                        return False
                    style_bold = style_bold_of(sid)
            elif k == 6:  # w:shd
                if cell_props:
                    fill = (el.get(FILL) or "").lower()
                    if fill not in ("", "auto", "ffffff"):
                        cell[6] = True
            elif k == 7:  # w:gridSpan
                if cell is not None:
                    cell[1] = max(1, _int(el.get(VAL), 1))
            elif k == 8:  # w:vMerge
                if cell is not None:
                    cell[2] = el.get(VAL) or "continue"
            elif k == 9:  # w:hMerge
                if cell is not None:
                    cell[3] = el.get(VAL) or "continue"
            elif k == 10:  # w:gridBefore
                before = _int(el.get(VAL))
            elif k == 11:  # w:gridAfter
                after = _int(el.get(VAL))
            elif k == 12:  # w:tblHeader
                header = on(el)
            elif k == 13:  # w:tr
                if el is not tr:
                    return False
            else:
                return False
        r = len(grid)
        above = grid[r - 1] if r else None
        line: list = [None] * n_cols
        col = before
        keep = r < EMPHASIS_ROWS
        for pars, span, vmerge, hmerge, bold, any_text, shaded in cells:
            if len(pars) == 1:
                text = "".join(pars[0])
            else:
                text = "\n".join(["".join(p) for p in pars]).strip("\n")
            if not keep and span == 1 and vmerge is None and hmerge is None and col < n_cols:
                line[col] = Cell(text, "", r, col, 1, 1, ())  # the common case, inline
                col += 1
            else:
                col = self._place(line, above, index, r, col, text, span, vmerge, hmerge, (), None,
                                  shaded or (any_text and bold))
        end = col + after
        if len(line) < end:
            line.extend([None] * (end - len(line)))
        grid.append(line)
        marked.append(header)
        self._started = True
        return True

    def _cell(self, tc, table_index: int, r: int, c: int, line: list, above: list | None) -> int:
        """Read one ``w:tc`` and place it; returns the next grid column."""
        read = self.reader.read
        texts: list[str] = []
        any_text = False
        bold = True
        span = 1
        vmerge = hmerge = None
        shaded = False
        nested: tuple[int, ...] = ()
        images = None
        pending = list(tc)
        pending.reverse()
        while pending:
            el = pending.pop()
            tag = el.tag
            if tag == P:
                quick = self._quick(el)
                if quick is not None:
                    text, run_bold = quick
                    texts.append(text)
                    if text and not text.isspace():
                        any_text = True
                        if not run_bold:
                            bold = False
                    continue
                pt = read(el)
                if pt.events:
                    self._page_events(pt)
                self._started = True
                texts.append(pt.text)
                own = pt.own
                if own and not own.isspace():
                    any_text = True
                    if not pt.bold:
                        bold = False
                if pt.images:
                    images = (images or []) + pt.images
            elif tag == TCPR:
                for x in el:
                    xt = x.tag
                    if xt == GRID_SPAN:
                        span = max(1, _int(x.get(VAL), 1))
                    elif xt == VMERGE:
                        vmerge = x.get(VAL) or "continue"
                    elif xt == HMERGE:
                        hmerge = x.get(VAL) or "continue"
                    elif xt == SHD:
                        fill = (x.get(FILL) or "").lower()
                        if fill not in ("", "auto", "ffffff"):
                            shaded = True
            elif tag == TBL:
                nested += (self.build(el, nested_in=(table_index, r, c)).index,)
            elif tag in _WRAPPERS:
                inner = _unwrap(el)
                inner.reverse()
                pending.extend(inner)
        text = texts[0] if len(texts) == 1 else "\n".join(texts).strip("\n")
        return self._place(line, above, table_index, r, c, text, span, vmerge, hmerge, nested, images,
                           shaded or (any_text and bold))

    def _place(self, line: list, above: list | None, table_index: int, r: int, c: int, text: str, span: int,
               vmerge: str | None, hmerge: str | None, nested: tuple[int, ...], images, emphasis: bool) -> int:
        """Put a cell into the grid row ``line``: a ``vMerge continue`` extends the cell above, an
        ``hMerge continue`` the cell to the left; otherwise a new Cell covers ``span`` columns."""
        end = c + span
        if len(line) < end:
            line.extend([None] * (end - len(line)))
        if vmerge == "continue" and above is not None and c < len(above):
            origin = above[c]
            if origin is not None and origin.col == c and origin.colspan == span:
                origin.rowspan = r - origin.row + 1
                for x in range(c, end):
                    line[x] = origin
                if text.strip():
                    origin.text = f"{origin.text}\n{text}" if origin.text else text
                self._keep_images(images, origin, table_index)
                return end
        if hmerge == "continue" and c and line[c - 1] is not None and line[c - 1].row == r:
            left = line[c - 1]
            left.colspan += span
            for x in range(c, end):
                line[x] = left
            self._keep_images(images, left, table_index)
            return end
        cell = Cell(text, "", r, c, 1, span, nested)
        self._emphasis[id(cell)] = emphasis
        if span == 1:
            line[c] = cell
        else:
            for x in range(c, end):
                line[x] = cell
        if images:
            self._keep_images(images, cell, table_index)
        return end

    def _quick(self, p) -> tuple[str, bool] | None:
        """(text, every visible run bold) of a plain cell paragraph — a style, runs of text and
        formatting, bookmarks — without the full reader; ``None`` (nothing consumed, no state
        changed) for anything else, which ``read`` then handles. Most cell paragraphs are plain,
        and skipping the general machinery for them is most of the table cost."""
        if self.reader.fields.frames:
            return None
        sid = None
        parts: list[str] = []
        all_bold = True
        style_bold = None
        for c in p:
            tag = c.tag
            if tag == R:
                bold = None
                for x in c:
                    xt = x.tag
                    if xt == T:
                        text = x.text
                        if text:
                            parts.append(text)
                            if all_bold and not text.isspace():
                                if bold is None:
                                    if style_bold is None:
                                        style_bold = self._style_bold(sid)
                                        if style_bold is None:
                                            return None
                                    bold = style_bold
                                if not bold:
                                    all_bold = False
                    elif xt == RPR:
                        for y in x:
                            yt = y.tag
                            if yt == B:
                                bold = on(y)
                            elif yt in _RPR_FULL:
                                return None
                    else:
                        return None
            elif tag == PPR:
                for y in c:
                    yt = y.tag
                    if yt == PSTYLE:
                        sid = y.get(VAL)
                    elif yt in _PPR_FULL:
                        return None
            elif tag not in _PARA_SKIP:
                return None
        if style_bold is None and self._style_bold(sid) is None:
            return None  # a numbered or hidden style: the reader counts/hides it
        self._started = True
        return (parts[0] if len(parts) == 1 else "".join(parts)), all_bold

    def _style_bold(self, sid: str | None) -> bool | None:
        """The run bold default of a plain paragraph style; ``None`` when the style is numbered
        or hidden (not plain)."""
        if sid is None:
            return self._default_bold if self._fast_ok else None
        if sid in self._special_styles:
            return None
        cached = self._bold_of.get(sid)
        if cached is None:
            cached = self._bold_of[sid] = bool(self.reader.styles.para(sid).bold)
        return cached

    def _page_events(self, pt: PText) -> None:
        pages = self.pages
        for pos, _rendered in pt.events:
            if pos > 0 or self._started:
                pages.content()
            pages.brk()

    def _keep_images(self, images, cell: Cell, index: int) -> None:
        for info in images or ():
            self.images.append((index, CellImage(info, cell.row, cell.col)))


def _fill(line: list, r: int) -> None:
    """gridBefore / gridAfter / short rows: one empty filler cell per gap."""
    n = len(line)
    c = 0
    while c < n:
        if line[c] is None:
            start = c
            while c < n and line[c] is None:
                c += 1
            filler = Cell("", "", r, start, 1, c - start)
            for x in range(start, c):
                line[x] = filler
        else:
            c += 1


# -- header rows ---------------------------------------------------------------------------------
def is_numeric(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\n", "")
    return bool(t) and bool(_NUMERIC.match(t)) and any(ch.isdigit() for ch in t)


def _origins(grid, r):
    seen = set()
    for cell in grid[r]:
        if cell.row == r and id(cell) not in seen:
            seen.add(id(cell))
            yield cell


def _emphasised(grid, r, emphasis: dict[int, bool]) -> bool:
    cells = [c for c in _origins(grid, r) if c.text.strip()]
    return bool(cells) and all(emphasis.get(id(c), False) for c in cells)


def _grouped(grid, r) -> bool:
    """Row ``r`` carries a horizontally merged group label (a multi-level header above)."""
    return any(c.colspan > 1 and c.text.strip() for c in _origins(grid, r))


def _continues_header(grid, r: int) -> bool:
    """Row ``r`` is a further header level: no numeric data, under a grouped header row or inside
    a vertical merge that started in the header."""
    spans_into = any(c.row < r for c in grid[r])
    grouped = _grouped(grid, r - 1)
    if not (spans_into or grouped):
        return False
    for c in _origins(grid, r):
        t = c.text.strip()
        if is_numeric(t):
            return False
        if _YEAR.match(unicodedata.normalize("NFKC", t)) and not grouped:
            return False
    return True


def detect_header_rows(grid: list[list[Cell]], marked_rows: list[bool], emphasis: dict[int, bool]) -> int:
    n = len(grid)
    if n == 0:
        return 0
    limit = min(MAX_HEADER_ROWS, n)
    marked = 0
    while marked < len(marked_rows) and marked_rows[marked]:
        marked += 1
    if marked:
        h = min(marked, limit)
    else:
        emph = 0
        while emph < limit and _emphasised(grid, emph, emphasis):
            emph += 1
        # emphasis only tells a header apart if a plain row follows within the first rows
        informative = emph < min(EMPHASIS_ROWS, n) and not _emphasised(grid, emph, emphasis)
        h = emph if emph and informative else 0
        if h == 0:
            h = 1
            while h < limit and _continues_header(grid, h):
                h += 1
    while h < limit and any(c.row < h for c in grid[h] if c.text.strip()):
        h += 1  # a header label merged down into the next row makes that row a header too
    return min(h, n)


def header_paths(grid: list[list[Cell]], h: int) -> list[str]:
    if not grid:
        return []
    paths = []
    for col in range(len(grid[0])):
        labels: list[str] = []
        prev = None
        for r in range(h):
            cell = grid[r][col]
            if cell is prev:
                continue
            prev = cell
            label = cell.text.replace("\n", "").strip()
            if label and (not labels or labels[-1] != label):
                labels.append(label)
        paths.append("/".join(labels))
    return paths
