"""Ruling lines → table grids → ``Table`` pieces, captions, and pieces re-joined across pages.

Why rules and not text alignment: the rendered reports (LibreOffice) and Word's PDF export draw every
cell border, and a grid built from the borders gives merged cells for free — a missing border
between two grid positions *is* the merge. Borderless tables (and 三线表 with horizontal rules only)
are not detected; their text stays in paragraphs. pdfplumber does the same from rules but costs
≈ 4–5 s and +260 MB per report (checker.md §3.3); this costs a few ms on the same pages.

Confidence: a PDF table is a reconstruction, so ``Table.confidence`` is 0.8 (checker.md §3.3:
PDF tables feed softer checks than DOCX tables), 0.7 for a piece joined on geometry alone.

Split tables (checker.md §3.3: 59 physical pieces for 42 logical tables; a purely geometric merge
made 2 false joins): a piece is joined to the previous table only when the previous one ends its
page, this one starts its page, the columns line up, and there is positive evidence — the caption
says 续表, or the header rows repeat, or (weaker, confidence 0.7) this piece has no caption of its
own while the previous one had one. Choice: the pieces are MERGED into one ``Table`` (rows
concatenated, the repeated header dropped), located on the page where it starts; ``continued_from``
stays ``None`` because no separate piece survives.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from docgen.read.model import Cell
from docgen.read.normalize import squash
from docgen.read.pdf.text import Char, Line, build_lines, join_texts

SNAP = 2.0          # pt: rules closer than this are the same rule (double borders, 0.5 pt widths)
TOUCH = 3.0         # pt: a horizontal and a vertical rule this close intersect
COVER = 0.6         # share of a cell edge that must be ruled for the edge to exist
MIN_CELL = 3.0      # pt: thinner rows/columns are double borders, not cells
CONFIDENCE = 0.8
CONFIDENCE_GEOMETRIC_JOIN = 0.7

CAPTION = re.compile(r"^\s*(续\s*)?表\s*[0-9A-Za-z一二三四五六七八九十]+(\s*[-－—–.．]\s*[0-9A-Za-z]+)*")
_NUMBER = re.compile(r"^[-+−]?\d[\d,，]*(\.\d+)?\s*%?$")


# --------------------------------------------------------------------------- rules → grids


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted cluster centres of 1-D values."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def merge_rules(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear pieces of the same rule joined: (start, end, position)."""
    rules = sorted(rules, key=lambda r: r[2])
    groups: list[list[tuple[float, float, float]]] = []
    for r in rules:
        if groups and r[2] - groups[-1][-1][2] <= SNAP:
            groups[-1].append(r)
        else:
            groups.append([r])
    merged: list[tuple[float, float, float]] = []
    for g in groups:
        pos = sum(r[2] for r in g) / len(g)
        spans = sorted((r[0], r[1]) for r in g)
        start, end = spans[0]
        for s, e in spans[1:]:
            if s <= end + SNAP:
                end = max(end, e)
            else:
                merged.append((start, end, pos))
                start, end = s, e
        merged.append((start, end, pos))
    return merged


@dataclass
class Grid:
    xs: list[float]                         # column boundaries
    ys: list[float]                         # row boundaries (top-down)
    owner: list[list[int]]                  # region id per grid position
    regions: list[tuple[int, int, int, int]]  # (r0, c0, r1, c1), end-exclusive

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _coverage(spans: list[tuple[float, float]], lo: float, hi: float) -> float:
    covered = 0.0
    for s, e in spans:
        covered += max(0.0, min(e, hi) - max(s, lo))
    return covered / max(hi - lo, 1e-6)


def find_grids(hrules: list[tuple[float, float, float]], vrules: list[tuple[float, float, float]]) -> list[Grid]:
    """Connected sets of horizontal and vertical rules that form at least one closed cell."""
    hs, vs = merge_rules(hrules), merge_rules(vrules)
    if len(hs) < 2 or len(vs) < 2 or len(hs) * len(vs) > 250_000:
        return []
    uf = _UnionFind(len(hs) + len(vs))
    for i, (hx0, hx1, hy) in enumerate(hs):
        for j, (vy0, vy1, vx) in enumerate(vs):
            if hx0 - TOUCH <= vx <= hx1 + TOUCH and vy0 - TOUCH <= hy <= vy1 + TOUCH:
                uf.union(i, len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(uf.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(uf.find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for gh, gv in groups.values():
        if len(gh) >= 2 and len(gv) >= 2:
            grid = _grid(gh, gv)
            if grid is not None:
                grids.append(grid)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


def _crossings(rule: tuple[float, float, float], others: list[tuple[float, float, float]]) -> int:
    """How many perpendicular rules this one meets (a border meets at least two)."""
    start, end, pos = rule
    return sum(1 for o0, o1, opos in others
               if start - TOUCH <= opos <= end + TOUCH and o0 - TOUCH <= pos <= o1 + TOUCH)


def _grid(hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]) -> Grid | None:
    # a rule touching the grid at one end only (an underline or strike-through that reaches a border)
    # is not a row or column boundary
    hs = [h for h in hs if _crossings(h, vs) >= 2]
    vs = [v for v in vs if _crossings(v, hs) >= 2]
    ys = _cluster([h[2] for h in hs], MIN_CELL)
    xs = _cluster([v[2] for v in vs], MIN_CELL)
    if len(ys) < 2 or len(xs) < 2 or xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 8:
        return None
    h_at = [[(h[0], h[1]) for h in hs if abs(h[2] - y) <= SNAP + 1] for y in ys]
    v_at = [[(v[0], v[1]) for v in vs if abs(v[2] - x) <= SNAP + 1] for x in xs]
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    uf = _UnionFind(n_rows * n_cols)
    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and _coverage(v_at[c + 1], ys[r], ys[r + 1]) < COVER:
                uf.union(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows and _coverage(h_at[r + 1], xs[c], xs[c + 1]) < COVER:
                uf.union(r * n_cols + c, (r + 1) * n_cols + c)
    ids: dict[int, int] = {}
    spans: list[list[int]] = []
    owner = [[0] * n_cols for _ in range(n_rows)]
    for r in range(n_rows):
        for c in range(n_cols):
            root = uf.find(r * n_cols + c)
            if root not in ids:
                ids[root] = len(spans)
                spans.append([r, c, r + 1, c + 1])
            k = ids[root]
            s = spans[k]
            s[0], s[1], s[2], s[3] = min(s[0], r), min(s[1], c), max(s[2], r + 1), max(s[3], c + 1)
            owner[r][c] = k
    # an outer frame with nothing inside is a box, not a table
    if len(spans) == 1 and n_rows * n_cols > 1:
        return None
    return Grid(xs, ys, owner, [tuple(s) for s in spans])  # type: ignore[misc]


# --------------------------------------------------------------------------- grids → pieces


@dataclass
class TablePiece:
    """One physical table on one page, before joining across pages."""

    page: int
    grid: Grid
    cells: list[list[Cell]]
    bold: list[bool]                 # per region: mostly bold characters
    header_rows: int
    caption: str | None = None
    caption_position: str | None = None
    caption_line: Line | None = None
    first_on_page: bool = False
    last_on_page: bool = False
    confidence: float = CONFIDENCE
    end_page: int = 0                # last page of the logical table after joining
    joined: int = 0                  # pieces appended to this one

    @property
    def top(self) -> float:
        return self.grid.ys[0]

    @property
    def bottom(self) -> float:
        return self.grid.ys[-1]

    @property
    def n_cols(self) -> int:
        return len(self.grid.xs) - 1

    def row_texts(self, r: int) -> list[str]:
        return [squash(c.text) for c in self.cells[r]]


def split_chars(grids: list[Grid], chars: list[Char]) -> tuple[list[list[list[Char]]], list[Char]]:
    """Characters inside each grid's regions, and the characters outside every grid."""
    if not grids:
        return [], chars
    per_grid: list[list[list[Char]]] = [[[] for _ in g.regions] for g in grids]
    boxes = [(g.bbox, g, per_grid[gi]) for gi, g in enumerate(grids)]
    lo = min(b[0][1] for b in boxes)
    hi = max(b[0][3] for b in boxes)
    rest: list[Char] = []
    for ch in chars:
        cy = (ch.top + ch.bottom) / 2
        if cy < lo or cy > hi:
            rest.append(ch)
            continue
        cx = (ch.x0 + ch.x1) / 2
        for (x0, top, x1, bottom), g, regions in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                r = min(max(bisect_right(g.ys, cy) - 1, 0), len(g.ys) - 2)
                c = min(max(bisect_right(g.xs, cx) - 1, 0), len(g.xs) - 2)
                regions[g.owner[r][c]].append(ch)
                break
        else:
            rest.append(ch)
    return per_grid, rest


def build_piece(grid: Grid, region_chars: list[list[Char]], page: int) -> TablePiece | None:
    """Cells with text (wrapped lines joined), one ``Cell`` object per merged region."""
    if not any(region_chars):
        return None  # a frame around a figure or an empty form box
    cell_objs: list[Cell] = []
    bold: list[bool] = []
    for (r0, c0, r1, c1), chars in zip(grid.regions, region_chars):
        text = join_texts([ln.text for ln in build_lines(chars, page)]) if chars else ""
        cell_objs.append(Cell(text=text, norm="", row=r0, col=c0,
                              rowspan=r1 - r0, colspan=c1 - c0))
        bold.append(bool(chars) and sum(c.bold for c in chars) >= 0.6 * len(chars))
    cells = [[cell_objs[k] for k in row] for row in grid.owner]
    piece = TablePiece(page=page, grid=grid, cells=cells, bold=bold, header_rows=1)
    piece.header_rows = header_row_count(piece)
    piece.end_page = page
    return piece


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip())) if text.strip() else False


def header_row_count(piece: TablePiece) -> int:
    """1–3 header rows: the leading bold rows, else the rows above the first row with a number
    (the 序号 column is skipped: it is numeric in every data row), extended over cells of the first
    row that span several rows (污染物排放量 above 审核前/审核后)."""
    grid, cells = piece.grid, piece.cells
    n_rows = len(cells)
    if n_rows <= 1:
        return n_rows
    count = 0
    for r in range(min(3, n_rows - 1)):
        regions = {grid.owner[r][c] for c in range(len(cells[r])) if cells[r][c].text}
        if regions and all(piece.bold[k] for k in regions):
            count = r + 1
        else:
            break
    if count == 0:
        first_numeric = None
        for r in range(n_rows):
            row = cells[r]
            start = 1 if len(row) > 1 else 0
            if any(_is_number(c.text) for c in row[start:] if c.row == r):
                first_numeric = r
                break
        count = first_numeric if first_numeric and first_numeric <= 3 else 1
    span = max((c.rowspan for c in cells[0]), default=1)
    if 1 < span <= 3:
        count = max(count, span)
    return min(count, n_rows - 1)


def header_paths(cells: list[list[Cell]], header_rows: int) -> list[str]:
    """One path per column: the distinct header cells above it joined with "/"."""
    n_cols = max((len(r) for r in cells), default=0)
    paths = []
    for c in range(n_cols):
        parts: list[str] = []
        seen: set[int] = set()
        for r in range(min(header_rows, len(cells))):
            if c >= len(cells[r]):
                continue
            cell = cells[r][c]
            if id(cell) in seen or not cell.text:
                continue
            seen.add(id(cell))
            parts.append(cell.text)
        paths.append("/".join(parts))
    return paths


# --------------------------------------------------------------------------- captions


def is_caption(text: str) -> bool:
    return bool(CAPTION.match(text)) and len(squash(text)) <= 60


def _nearest(lines: list[Line], piece: TablePiece, above: bool) -> Line | None:
    if above:
        near = [ln for ln in lines if ln.bottom <= piece.top + 1 and piece.top - ln.bottom <= 2.5 * max(ln.height, 8)]
        return max(near, key=lambda ln: ln.bottom, default=None)
    near = [ln for ln in lines if ln.top >= piece.bottom - 1 and ln.top - piece.bottom <= 2.5 * max(ln.height, 8)]
    return min(near, key=lambda ln: ln.top, default=None)


def attach_captions(pieces: list[TablePiece], lines: list[Line]) -> None:
    """The caption line right above a table (within two line heights), else right below.

    Above first for every table of the page: a continued table ending just above the next table's
    caption must not steal that caption as its "below" caption.
    """
    taken: set[int] = set()
    for piece in pieces:
        hit = _nearest(lines, piece, above=True)
        if hit is not None and is_caption(hit.text):
            piece.caption, piece.caption_position, piece.caption_line = hit.text.strip(), "above", hit
            taken.add(id(hit))
    for piece in pieces:
        if piece.caption is not None:
            continue
        hit = _nearest(lines, piece, above=False)
        if hit is None or id(hit) in taken or not is_caption(hit.text):
            continue
        if any(other is not piece and other.top >= hit.bottom - 1 and other.top - hit.bottom <= 2.5 * max(hit.height, 8)
               for other in pieces):
            continue  # it sits right above another table: that table's caption
        piece.caption, piece.caption_position, piece.caption_line = hit.text.strip(), "below", hit
        taken.add(id(hit))


# --------------------------------------------------------------------------- joining


def _same_columns(a: TablePiece, b: TablePiece) -> bool:
    if a.n_cols != b.n_cols:
        return False
    return all(abs(x - y) <= 3.0 for x, y in zip(a.grid.xs, b.grid.xs))


def _repeated_header(prev: TablePiece, piece: TablePiece) -> int:
    """How many leading rows of ``piece`` repeat the header rows of ``prev`` (0 if not)."""
    h = prev.header_rows
    if h == 0 or len(piece.cells) <= h:
        return 0
    for r in range(h):
        a, b = prev.row_texts(r), piece.row_texts(r)
        if len(a) != len(b) or sum(_cell_repeats(x, y) for x, y in zip(a, b)) < 0.8 * len(a):
            return 0
    return h


def _cell_repeats(a: str, b: str) -> bool:
    """Same header cell; a repeated header row may be shorter on the next page and clip its text
    ("单位产品消耗（2023" under "单位产品消耗（2023年）"), so a long enough prefix counts."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(short) and long.startswith(short) and len(short) >= 0.5 * len(long)


def continuation(prev: TablePiece, piece: TablePiece) -> tuple[bool, int, float]:
    """(is a continuation, header rows to drop, confidence of the joined table)."""
    continued_caption = bool(piece.caption and squash(piece.caption).startswith("续表"))
    if piece.page != prev.end_page + 1:
        return False, 0, prev.confidence
    if not (prev.last_on_page and piece.first_on_page) and not continued_caption:
        return False, 0, prev.confidence
    if not _same_columns(prev, piece):
        if continued_caption and prev.n_cols == piece.n_cols:
            return True, _repeated_header(prev, piece), prev.confidence
        return False, 0, prev.confidence
    repeated = _repeated_header(prev, piece)
    if continued_caption or repeated:
        return True, repeated, prev.confidence
    if piece.caption is None and prev.caption is not None:
        return True, 0, min(prev.confidence, CONFIDENCE_GEOMETRIC_JOIN)
    return False, 0, prev.confidence


def append_piece(prev: TablePiece, piece: TablePiece, drop: int, confidence: float) -> None:
    """Rows of ``piece`` (without its repeated header) appended to ``prev``; cells renumbered."""
    offset = len(prev.cells) - drop
    moved: set[int] = set()
    rows = piece.cells[drop:]
    for row in rows:
        for cell in row:
            if id(cell) in moved:
                continue
            moved.add(id(cell))
            if cell.row < drop:  # a header cell spanning into the data rows
                cell.rowspan -= drop - cell.row
                cell.row = drop
            cell.row += offset
    prev.cells.extend(rows)
    prev.last_on_page = piece.last_on_page
    prev.end_page = piece.page
    prev.confidence = confidence
    prev.joined += 1


def join_pieces(pieces: list[TablePiece]) -> tuple[list[TablePiece], dict[int, int]]:
    """Logical tables in document order, and for every piece (by id) the index of its table."""
    out: list[TablePiece] = []
    owner: dict[int, int] = {}
    for piece in pieces:
        if out:
            ok, drop, confidence = continuation(out[-1], piece)
            if ok:
                append_piece(out[-1], piece, drop, confidence)
                owner[id(piece)] = len(out) - 1
                continue
        owner[id(piece)] = len(out)
        out.append(piece)
    return out, owner
