"""Header rows and header paths of a table grid (checker.md §5.3).

Why: required tables are recognised by their header signature (material balance: 名称, 单位,
审核前, 审核后, 削减量 …), and real headers have two or three levels — 污染物排放量 spanning
审核前/审核后, 序号 merged down through both rows. Which rows are headers: rows marked "repeat as
header row" (``w:tblHeader``, what Word authors set for tables that cross pages) when present;
else the leading bold or shaded rows, if a plain row follows; else the first row, extended while
the next row has no numeric cells and the header above it is multi-level (a horizontally merged
group, or a label merged down into it) — at most three rows. Paths join the levels with "/"; a
vertically merged label is written once ("序号", not "序号/序号").
"""

from __future__ import annotations

import re
import unicodedata

from docgen.read.model import Cell

MAX_HEADER_ROWS = 3
EMPHASIS_ROWS = MAX_HEADER_ROWS + 1  # rows whose bold/shading is looked at
_NUMERIC = re.compile(r"^[+\-−–]?(?:\d+(?:,\d{3})*|\d*)(?:\.\d+)?[%‰]?$")
_YEAR = re.compile(r"^(?:19|20)\d\d年?度?$")


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
