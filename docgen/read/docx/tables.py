"""Tables as real grids: merged cells resolved once, nested tables kept apart, header rows found.

Why (checker.md §2.1, §2.3): python-docx returns a merged cell once per covered position
(``row.cells``, #232), so totals get summed twice; docx2python flattens a nested table into the
outer one and breaks its grid. Here a ``w:tc`` becomes ONE ``Cell`` placed at every grid position
it covers — ``w:gridSpan`` across, ``w:vMerge restart/continue`` down (legacy ``w:hMerge`` too),
``w:gridBefore``/``w:gridAfter`` leave empty filler cells at the row ends — so a consumer that
takes only origin cells (``cell.is_origin(r, c)``) never counts a value twice.

Two ways to read a row, one result. Tables are most of a report's elements, and reading every
cell paragraph through the full final-view reader (``text.ParagraphReader``) made the model cost
more than twice the bare parse (bench/read_docx.py). So ONE C-filtered ``iter`` per table
surfaces only rows, cells, paragraphs, styles, text, merges — and the few elements the full
reader treats specially (fields, revisions, hidden text, drawings, breaks, numbering, nested
tables …). Rows are scanned as their elements come; a row that turns out to hold something
special is dropped from the scan and read through the full reader, cell by cell, when it ends.
tests/read/docx check that both paths give the same grid.

Header rows and paths: ``table_headers``. Tracked row deletions (``w:trPr/w:del``) drop the row:
final view.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from types import SimpleNamespace
from typing import Callable

from docgen.read.docx.ns import (
    ALTERNATE_CONTENT,
    CUSTOM_XML,
    DEL,
    GRID_AFTER,
    GRID_BEFORE,
    GRID_COL,
    GRID_SPAN,
    HMERGE,
    INS,
    NUMPR,
    PPR,
    PSTYLE,
    RPR,
    RSTYLE,
    SDT,
    SDT_CONTENT,
    SHD,
    TBL,
    TBL_GRID,
    TBL_HEADER,
    TC,
    TCPR,
    TR,
    TRPR,
    VAL,
    VANISH,
    VMERGE,
    B,
    P,
    R,
    T,
    w,
)
from docgen.read.docx.styles import on
from docgen.read.docx.table_headers import EMPHASIS_ROWS, detect_header_rows, header_paths
from docgen.read.docx.text import FULL_READER_TAGS, PText, choose_branch
from docgen.read.model import Cell, Location, Table

FILL = w("fill")
#: ``w:val`` as UTF-8 bytes: lxml parses a str key into namespace and name on every ``get``; the
#: bytes form skips the encoding step (≈ 35 ns of ≈ 155 per call, ~4,000 calls per report)
VAL_KEY = VAL.encode()
#: stands for the end of the table in the table scan: closes the last row like a next ``w:tr``
_TABLE_END = (SimpleNamespace(tag=TR),)


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


def _trpr(trpr) -> tuple[int, int, bool, str | None]:
    """(gridBefore, gridAfter, tblHeader, tracked change "del"/"ins"/None) of a ``w:trPr``."""
    before = after = 0
    header = False
    change = None
    for x in trpr:
        xt = x.tag
        if xt == GRID_BEFORE:
            before = _int(x.get(VAL))
        elif xt == GRID_AFTER:
            after = _int(x.get(VAL))
        elif xt == TBL_HEADER:
            header = on(x)
        elif xt == DEL:
            change = "del"
        elif xt == INS and change is None:
            change = "ins"
    return before, after, header, change


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


def _in_order(items):
    """(element, tag) of each of ``items`` in document order, a wrapper (content control, custom
    XML, alternate content) replaced by what it wraps, however deep — the rows of a table, the
    parts of a row, the content of a cell, as the full reader walks them."""
    pending = list(items)
    pending.reverse()
    while pending:
        el = pending.pop()
        tag = el.tag
        if tag in _WRAPPERS:
            inner = _unwrap(el)
            inner.reverse()
            pending.extend(inner)
        else:
            yield el, tag

#: what rules a row out of the plain-row scan: everything the full reader treats specially
#: (fields, revisions, hidden text, drawings, breaks, numbering, nested tables …), formatting
#: revisions (their old w:b would be misread) and legacy horizontal merges
_ROW_NEEDS_READER = FULL_READER_TAGS + (w("rPrChange"), w("pPrChange"), w("tcPrChange"), w("trPrChange"), HMERGE)
#: what the table scan surfaces (C-filtered: formatting never reaches Python): rows, cells,
#: paragraphs, styles, text, spans, vertical merges, bold and shading — and everything that
#: sends a row to the full reader
_ROW_PROPS = (GRID_BEFORE, GRID_AFTER, TBL_HEADER)
_SCAN_TAGS = (TR, TC, P, PSTYLE, T, GRID_SPAN, VMERGE, B, SHD) + _ROW_PROPS + _ROW_NEEDS_READER
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
        self._fast_ok = not reader.is_special(None)  # a numbered/hidden default style: no fast path
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
        if self._plain_rows(tbl):
            self._scan_table(tbl, index, grid, marked, n_cols)
        else:
            self._rows(list(tbl), index, grid, marked, n_cols)
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

    def _plain_rows(self, tbl) -> bool:
        """Whether plain rows of this table may be scanned (``_scan_table``) at all: not when the
        default paragraph style is numbered or hidden, nor inside a complex field spanning
        paragraphs. (tests/read/docx patch this to ``None`` to read every row the full way.)"""
        return self._fast_ok and not self.reader.fields.frames

    def _rows(self, items: list, index: int, grid: list, marked: list, n_cols: int) -> None:
        """Rows (and the rows inside content controls / custom XML / alternate content wrapping
        rows) through the full reader, in document order."""
        for el, tag in _in_order(items):
            if tag == TR:
                self._row(el, index, grid, marked, n_cols)

    def _abandon(self, line: list, r: int, undo: list) -> None:
        """Forget what a row scan made before it met something for the full reader: the emphasis
        entries of its new cells (an id may be reused by a later cell) and the row spans it
        extended (the row's ``line`` itself is dropped)."""
        emphasis = self._emphasis
        for cell in line:
            if cell is not None and cell.row == r:
                emphasis.pop(id(cell), None)
        for origin, rowspan in reversed(undo):
            origin.rowspan = rowspan

    def _scan_table(self, tbl, index: int, grid: list, marked: list, n_cols: int) -> None:
        """The fast path: ONE C-filtered ``tbl.iter()`` over the whole table surfaces only rows,
        cells, paragraphs, styles, text, spans, vertical merges, bold and shading — and every
        element the full reader treats specially. Formatting elements never reach Python, and
        they are most of a table. A row is scanned as its elements come; when one of its elements
        needs the full reader (or a numbered/hidden paragraph style, text outside a paragraph,
        text in a merged-away cell), what the scan made is dropped and the row goes through
        ``_row`` when it ends — rows stay in document order either way. (One iterator per table,
        not a pre-pass plus one per row: lxml's per-iterator set-up and the second pass over
        every node cost more than the extra tags; docs/benchmarks.md, issue 4.)

        Pre-order tells contexts apart: a ``w:shd`` between ``w:tc`` and its first ``w:p`` is the
        cell's; a ``w:b`` formats the run it sits in (``w:r/w:rPr/w:b``) or else the paragraph
        mark. Bold and shading matter for the header candidates only (the first rows).
        Table-level wrappers (``w:sdt``, ``w:customXml``, ``mc:AlternateContent``) are special
        elements themselves: their rows go through ``_rows``."""
        special_of = self.reader.special_styles.get
        is_special = self.reader.is_special
        default_bold = self._default_bold
        bold_cache = self._bold_of
        emphasis = self._emphasis
        # tags and the attribute name as locals: the loop below runs ~17,000 times per 100-page report
        _t, _p, _pstyle, _tc, _tr = T, P, PSTYLE, TC, TR
        _grid_span, _vmerge, _b, _shd, _r, val = GRID_SPAN, VMERGE, B, SHD, R, VAL_KEY
        row = None
        scanning = full = False  # the current top-level row: being scanned / left to the full reader
        # per-row state (set when a row starts)
        r = col = npar = span = after = 0
        header = heading_row = in_cell = False
        line: list = []
        above = vmerge = None
        undo: list = []
        buf = ""
        # header candidates only: cell shaded / any visible text / every visible run bold so far
        style_bold = cell_props = shaded = any_text = False
        all_bold = True
        bold_run = None  # the w:r whose w:rPr/w:b was seen last, and its value
        bold_val = False
        for el in chain(tbl.iter(*_SCAN_TAGS), _TABLE_END):
            tag = el.tag
            if scanning:
                if tag == _t:
                    if not npar:  # text outside any paragraph
                        self._abandon(line, r, undo)
                        scanning, full = False, True
                        continue
                    text = el.text
                    if text:
                        buf += text
                        if heading_row and not text.isspace():
                            any_text = True
                            if all_bold:
                                run_bold = bold_val if bold_run is not None and el.getparent() is bold_run else None
                                if not (run_bold if run_bold is not None else style_bold):
                                    all_bold = False
                    continue
                if tag == _p:
                    if not in_cell:  # a paragraph outside any cell
                        self._abandon(line, r, undo)
                        scanning, full = False, True
                        continue
                    if npar:
                        buf += "\n"
                    npar += 1
                    if heading_row:
                        style_bold = default_bold
                        cell_props = False
                    continue
                if tag == _pstyle:
                    sid = el.get(val)
                    special = special_of(sid)
                    if special is None:
                        special = is_special(sid)
                    if special:  # a numbered or hidden style: the full reader takes the row
                        self._abandon(line, r, undo)
                        scanning, full = False, True
                    elif heading_row:
                        style_bold = bold_cache.get(sid)
                        if style_bold is None:
                            style_bold = self._style_bold(sid)
                    continue
                if tag != _tc:
                    if tag == _grid_span:
                        span = max(1, _int(el.get(val), 1))
                        continue
                    if tag == _vmerge:
                        vmerge = el.get(val) or "continue"
                        continue
                    if tag == _b:
                        if heading_row:
                            run = el.getparent().getparent()
                            if run is not None and run.tag == _r:
                                bold_run, bold_val = run, on(el)
                        continue
                    if tag == _shd:
                        if heading_row and cell_props:  # the cell's own shading
                            fill = (el.get(FILL) or "").lower()
                            if fill not in ("", "auto", "ffffff"):
                                shaded = True
                        continue
                    if tag in _ROW_PROPS:  # w:trPr's, before the row's first cell (as ``_row`` reads them)
                        if not in_cell:
                            if tag == GRID_BEFORE:
                                col = _int(el.get(val))
                            elif tag == GRID_AFTER:
                                after = _int(el.get(val))
                            else:
                                header = on(el)
                        continue
                    if tag == _tr:
                        if el is not _TABLE_END[0] and el.getparent() is not tbl:
                            continue  # (not a row of this table: ignored, as by the full reader)
                    elif not (tag in _WRAPPERS and el.getparent() is tbl):
                        top = el
                        parent = top.getparent()
                        while parent is not None and parent is not tbl:
                            top, parent = parent, parent.getparent()
                        if top is row:  # something for the full reader inside this row
                            self._abandon(line, r, undo)
                            scanning, full = False, True
                        continue
                # a cell starts, or the row ends (next row, a table-level wrapper, the table's end)
                if in_cell:
                    text = buf if npar < 2 else buf.strip("\n")
                    if span == 1 and vmerge is None and col < n_cols:
                        line[col] = cell = Cell(text, "", r, col, 1, 1, ())  # the common case, inline
                        if heading_row:
                            emphasis[id(cell)] = shaded or (any_text and all_bold)
                        col += 1
                    else:
                        if vmerge == "continue" and above is not None and col < len(above) and above[col] is not None:
                            undo.append((above[col], above[col].rowspan))
                        col = self._scanned_cell(line, above, index, r, col, text, span, vmerge,
                                                 heading_row and (shaded or (any_text and all_bold)))
                        if col < 0:
                            self._abandon(line, r, undo)
                            scanning, full = False, True
                    buf = ""
                if tag == _tc:
                    if scanning:
                        in_cell = True
                        npar = 0
                        span = 1
                        vmerge = None
                        if heading_row:  # (the emphasis state is read in header candidates only)
                            cell_props = True
                            shaded = any_text = False
                            all_bold = True
                    continue
                if scanning:  # the row is complete (padded for gridAfter)
                    if col + after > len(line):
                        line.extend([None] * (col + after - len(line)))
                    grid.append(line)
                    marked.append(header)
                    self._started = True
                    scanning = False
            elif tag == _tr:
                if el is not _TABLE_END[0] and el.getparent() is not tbl:
                    continue  # a row of a nested table or inside a table-level wrapper
            elif not (tag in _WRAPPERS and el.getparent() is tbl):
                continue
            # a new top-level item: the row before it may still need the full reader
            if full:
                self._row(row, index, grid, marked, n_cols)
                full = False
            if tag != _tr:  # a table-level wrapper: its rows through the full reader
                self._rows([el], index, grid, marked, n_cols)
                continue
            if el is _TABLE_END[0]:
                break
            row = el
            scanning = True
            col = after = 0
            header = False
            r = len(grid)
            heading_row = r < EMPHASIS_ROWS
            above = grid[r - 1] if r else None
            line = [None] * n_cols
            undo = []
            buf = ""
            npar = 0
            in_cell = False

    def _scanned_cell(self, line: list, above, index: int, r: int, col: int, text: str, span: int,
                      vmerge: str | None, emphasis: bool) -> int:
        """Place a merged or header-candidate cell of the row scan; -1 when the full reader must
        take the row. (Paragraphs were joined with "\n" as they came: equal to
        ``"\n".join(paragraphs)``, stripped when there are several, as ``_cell`` does.)"""
        if vmerge == "continue" and text.strip():
            return -1  # merged-away text is appended to the origin cell: left to ``_row``
        return self._place(line, above, index, r, col, text, span, vmerge, None, (), None, emphasis)

    def _row(self, tr, index: int, grid: list, marked: list, n_cols: int) -> None:
        """A row through the full reader (fields, revisions, drawings … or no fast path)."""
        r = len(grid)
        above = grid[r - 1] if r else None
        line: list = [None] * n_cols
        header = False
        before = after = 0
        col = None
        for el, tag in _in_order(tr):
            if tag == TC:
                if col is None:
                    col = before
                col = self._cell(el, index, r, col, line, above)
            elif tag == TRPR:
                before, after, header, change = _trpr(el)
                if change:
                    self.revisions += 1
                if change == "del":  # a tracked row deletion: not in the final view
                    return
        end = (col if col is not None else before) + after
        if len(line) < end:
            line.extend([None] * (end - len(line)))
        grid.append(line)
        marked.append(header)

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
        for el, tag in _in_order(tc):
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
        if self.reader.is_special(sid):
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
