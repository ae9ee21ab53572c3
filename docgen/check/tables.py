"""Recognising the required tables of a report by their header row and caption (checker.md §5.3).

Why by header and not by caption alone: consultancies number and name tables their own way
("表3-2 物料平衡表", "表 4 全厂物料输入输出一览", or no caption at all), but the column concepts of a
required table are stable — an options list always has a scheme number, a scheme name, a type, an
investment … So each required table is declared in the rule pack as a set of column CONCEPTS, each
with aliases (the renderer's own header, docgen/data/tables.yaml, and the wording seen in real
reports), and a table is scored by how many of the required concepts its header shows:

* header cells are compared in their matching form (docgen.read.normalize.norm: NFKC, full-width
  brackets to ASCII, spaces and U+3000 removed, traditional→simplified, 与/及→和) with the unit
  split off: "削减率（%）" → name 削减率, unit %; "投资(万元)" → 投资, 万元;
* every header row level is a candidate, so a two-level header "污染物排放量/审核前" matches the
  alias 审核前 as well as 污染物排放量/审核前;
* an alias equal to a header level scores 1.0, an alias contained in it (投资额 ⊃ 投资) 0.8 —
  exact first, so 方案名称 is never taken by the alias 名称 when a column 名称 exists;
* score = weighted coverage of the required concepts (Σ best score / number required) plus a
  bonus (CAPTION_BONUS) when the caption title (表X-Y removed) matches the table's name or aliases;
* a header that shows a column of a sibling table (the spec's ``exclude``: 排气筒 for the
  wastewater table, 资金来源 for the options list) costs EXCLUDE_PENALTY;
* the tables of a document are assigned to targets best score first, each table to at most one
  target, and accepted at score ≥ ``min_coverage`` (default 0.8); a 续表 / split piece (``Table.
  continued_from``, set by the reader) belongs to the target of the table it continues.

The result is computed once per document (``ctx.cache["tables"]``) and shared: the required_table
rules report missing tables and columns from it, the numeric rules find their columns in it.

"Filled" (checker.md §5.3): a cell is filled when it is not empty, not a placeholder (X, ×,
【…】, {{…}}, ____, 待定, 待补充 …) and — for columns that do not allow it — not a not-applicable
marker (—, -, /, 无, 不适用).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from docgen.check.formsearch import FormSearch, form_search
from docgen.check.memo import IdentityMemo, data_key
from docgen.check.textindex import (
    JOIN,
    piece_numbers,
    piece_starts,
    pieces_containing,
    table_text,
)
from docgen.read.model import Cell, Document, Image, Paragraph, Table
from docgen.read.normalize import fold, norm, squash

#: Added to the column coverage when the caption title matches the table's name or an alias
#: (exact; 0.75 × this when the caption only contains it).
CAPTION_BONUS = 0.2
#: Score of a header that contains an alias (vs 1.0 for an exact match).
CONTAINS_SCORE = 0.8
#: Subtracted when the header shows a column of a sibling table (the spec's ``exclude``): measured on
#: the rendered samples, without it the options list (T-16) scores 1.00 on the implementation plan
#: (T-21) and the waste-gas table (T-9b) 1.00 on the wastewater table (T-9a) from headers alone.
EXCLUDE_PENALTY = 0.3
#: Weight of an optional column concept relative to a required one (tie-breaks only).
OPTIONAL_WEIGHT = 0.05
DEFAULT_MIN_COVERAGE = 0.8
NA_MARKERS = ("—", "-", "/", "无", "不适用")

_UNIT = re.compile(r"^(.*?)\(([^()]*)\)$")
_CAPTION_PREFIX = re.compile(r"^(?:续)?(?:附)?表\s*[\dA-Za-z一二三四五六七八九十]*[\dA-Za-z.\-]*[:：.、\s]*")

# Placeholder patterns, consistent with docgen's template conventions and the TPL rules: a cell that
# is only X/×/x, runs of XX/××, 【…】 and {{…}} slots, ____ blanks, and "to be decided" words.
_PLACEHOLDER = re.compile(
    r"^[Xx×]$|[X×]{2,}|【[^】]*】|\{\{.*?\}\}|\{%.*?%\}|_{3,}|待定|待补充|待填|待核实|待完善|TBD",
)


@dataclass
class TableMatch:
    """A required table found in the document.

    ``target_id``: the T-n / A-n id of the spec; ``table``: the (first piece of the) table;
    ``score``: coverage + caption bonus; ``how``: caption | header | caption+header (what carried
    the match: "caption" when the header coverage alone was below the threshold); ``columns``:
    concept id → column index in ``table``; ``missing``: required concept ids not found in the
    header; ``confidence``: how sure the match is (score capped at 1 × the reader's table confidence);
    ``pieces``: the 续表 / split pieces after the first (their rows are data rows of the same table);
    ``cells``: concept id → (row, col) of the matched cell, for concepts found in the body
    (``where: cell``: row labels, key–value fields); ``coverage``/``caption_score``: the two parts
    of ``score``.
    """

    target_id: str
    table: Table
    score: float
    how: str
    columns: dict[str, int] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    confidence: float = 1.0
    coverage: float = 0.0
    caption_score: float = 0.0
    pieces: list[Table] = field(default_factory=list)
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)

    def data_rows(self) -> list[tuple[Table, int, list]]:
        """(table, row index, cells) of every data row, over the first table and its 续表 pieces."""
        out = []
        for t in [self.table] + self.pieces:
            for r in range(t.header_rows, t.n_rows):
                out.append((t, r, t.grid[r]))
        return out


# ─── header analysis ──────────────────────────────────────────────────────────────────────────────

@lru_cache(maxsize=65536)
def split_unit(text: str) -> tuple[str, str | None]:
    """Matching form of a header text and its unit: "削减率（%）" → ("削减率", "%")."""
    return _split_normalised(norm(text))


def _split_normalised(t: str) -> tuple[str, str | None]:
    """``split_unit`` of a text already in matching form (``Cell.norm``)."""
    if not t.endswith((")", ")\n")):
        return t, None  # what _UNIT needs at the end (most cells have no unit): no regex run
    m = _UNIT.match(t)
    if m and m.group(1):
        return m.group(1), m.group(2) or None
    return t, None


def _header_levels(table: Table) -> tuple[list[list[str]], list[tuple[str, ...]]]:
    """Per column, the text of each header level, top level first, one per distinct header cell
    (the header path stands in for a column without header text), and the column's matching
    names: each level's name (``split_unit``: its matching form without the unit), and all of
    them joined by "/" when there are several.

    The matching form is the cell's ``Cell.norm`` — set for every cell of the table by one batch
    normalisation (docgen.check.textindex), where ``norm`` of each header text was an OpenCC call
    per text (≈ 300 header cells in a 100-page report) for a new report; a header path is
    normalised on its own. All columns in one pass over the header rows, texts and names
    together: per column, a function call and a generator per level cost more than the test
    itself (≈ 260 columns per report; the names in the same pass: 0.30 → 0.21 ms for the 33
    tables' indexes)."""
    n_cols = table.n_cols
    levels: list[list[str]] = [[] for _ in range(n_cols)]
    names: list[list[str]] = [[] for _ in range(n_cols)]
    seen: list[list] = [[] for _ in range(n_cols)]
    for row in table.grid[:table.header_rows]:
        for col, cell in enumerate(row):
            if cell in seen[col]:  # (cells compare by identity)
                continue
            seen[col].append(cell)
            if cell.text.strip():
                levels[col].append(cell.text)
                name = _split_normalised(cell.norm)[0]
                if name:
                    names[col].append(name)
    paths = table.header_paths
    for col, found in enumerate(levels):
        if not found and col < len(paths) and paths[col]:
            found.append(paths[col])
            name = _split_normalised(norm(paths[col]))[0]
            if name:
                names[col].append(name)
    for found in names:
        if len(found) > 1:
            found.append("/".join(found))
    return levels, [tuple(found) for found in names]


def header_names(table: Table, col: int) -> list[str]:
    """Matching candidates of a column: each level's name (unit removed) and the joined path."""
    columns = _index(table).columns
    return list(columns[col]) if col < len(columns) else []


class _Index:
    """What matching needs of a table, computed once per table (kept on the Table object, like
    Cell.norm): the header names and levels of each column and — on first use, since only cell
    concepts need them — the name of a short cell. ``header_blob`` joins the header names with
    NUL, ``cells_blob`` is the table's joined matching form (``docgen.check.textindex``): an alias
    found in neither cannot match, which lets a table be ruled out for a spec with a few C-level
    substring tests instead of a full scoring."""

    def __init__(self, table: Table):
        # the joined texts and the grid, not the table: kept on the table, a reference back would
        # make a cycle, and a document's tables would then wait for the cyclic collector
        self.text = table_text(table)
        self.grid = table.grid
        self.levels, self.columns = _header_levels(table)
        self.units: dict[int, str | None] = {}  # header_unit of each column asked for
        self.header_blob = "\0".join(n for names in self.columns for n in names)
        self._names: dict[int, str] = {}

    def name(self, i: int) -> str:
        """The name (matching form without its unit) of cell number ``i`` of ``table_text(table)``
        — each distinct non-empty cell once, in row-major order of first appearance — or "" for
        a long cell (over 60 characters: running text, not a label)."""
        name = self._names.get(i)
        if name is None:
            cell = self.text.cells[i]
            name = self._names[i] = _split_normalised(cell.norm)[0] if len(cell.text) <= 60 else ""
        return name

    def position(self, i: int) -> tuple[int, int]:
        """(row, col) where cell number ``i`` first appears in the grid (row-major). Cells are
        numbered in that order, so the first cell by number is the first by position: only the
        cell finally chosen needs this walk."""
        cell = self.text.cells[i]
        for r, row in enumerate(self.grid):
            for c, x in enumerate(row):
                if x is cell:
                    return r, c
        raise LookupError(i)  # every numbered cell is in the grid

    @property
    def cells_blob(self) -> str:
        """Every cell text of the table in matching form, in one string (``normalise_cells``): a
        cell name (its matching form without the unit) is a prefix of its normalised text, so an
        alias found in no cell name is not in here either."""
        return self.text.norm


def normalise_cells(table: Table) -> str:
    """Fill in ``Cell.norm`` of every cell of the table with ONE ``norm`` call over all their
    texts joined (``docgen.check.textindex``: once per table, shared with the other rules' blob
    prefilters), and return that normalised string."""
    return table_text(table).norm


def _index(table: Table) -> _Index:
    index = table.__dict__.get("_match_index")
    if index is None:
        index = table.__dict__["_match_index"] = _Index(table)
    return index


def _alias_forms(aliases) -> tuple[str, ...]:
    return _alias_forms_cached(tuple(aliases))


@lru_cache(maxsize=4096)
def _alias_forms_cached(aliases: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for a in aliases:
        name = split_unit(a)[0]
        if name and name not in out:
            out.append(name)
    return tuple(out)


@lru_cache(maxsize=65536)
def _header_score(names: tuple[str, ...], forms: tuple[str, ...]) -> float:
    """Memoised: the same header names (序号, 单位, 合计 …) meet the same alias forms across every
    table and spec of a document and across documents of a batch (51k comparisons per report)."""
    best = 0.0
    for n in names:
        for a in forms:
            if n == a:
                return 1.0
            if not best and len(a) >= 2 and a in n:
                best = CONTAINS_SCORE
    return best


def column_score(table: Table, col: int, aliases: list[str]) -> float:
    """1.0 when a header level (or the whole path) equals an alias, CONTAINS_SCORE when one contains
    an alias of ≥ 2 characters, else 0."""
    columns = _index(table).columns
    return _header_score(columns[col], _alias_forms(aliases)) if col < len(columns) else 0.0


def find_column(table: Table, aliases: list[str], exclude: set[int] | frozenset = frozenset()) -> int | None:
    """The column whose header matches one of ``aliases``: exact before contains, leftmost on ties.

    Every header row level is checked ("污染物排放量/审核前" matches "审核前"); units in （）/() are
    split off before comparing ("投资（万元）" matches "投资"). ``exclude``: columns already taken.
    """
    best, best_col = 0.0, None
    for col in range(table.n_cols):
        if col in exclude:
            continue
        s = column_score(table, col, aliases)
        if s > best:
            best, best_col = s, col
    return best_col


def header_unit(table: Table, col: int) -> str | None:
    """The unit written in the header of column ``col`` (（万元）, (t/a), 万kWh …), lowest level
    first, in folded form (NFKC: full-width brackets and digits to ASCII, m³ → m3); None when no
    level has one. Kept per table and column: the numeric rules ask it for every value they read."""
    index = _index(table)
    if col in index.units:
        return index.units[col]
    unit = None
    paths = table.header_paths
    if col < len(index.levels):
        levels = index.levels[col]
    else:  # beyond the grid: only a header path can stand there
        levels = [paths[col]] if col < len(paths) and paths[col] else []
    for text in reversed(levels):
        m = _UNIT.match(fold(text))
        if m and m.group(1) and m.group(2):
            unit = m.group(2)
            break
    index.units[col] = unit
    return unit


# ─── cells ────────────────────────────────────────────────────────────────────────────────────────

def is_placeholder(text: str) -> bool:
    """A template slot or a "to be filled" marker: X, ×, XXX, 【…】, {{…}}, ____, 待定, 待补充 …
    (on NFKC text with spaces removed; 【】 are kept as written, 〔2018〕 is not a slot)."""
    if not text:
        return False
    t = unicodedata.normalize("NFKC", text)
    trigger = _placeholder_trigger()
    if trigger is not None and not trigger.search(t):
        return False  # no character any alternative needs (spaces are none of them): most cells
    t = squash(t)
    return bool(t) and bool(_PLACEHOLDER.search(t))


@lru_cache(maxsize=1)
def _placeholder_trigger():
    from docgen.check.kinds.placeholders import trigger_class

    return trigger_class((_PLACEHOLDER,))


@lru_cache(maxsize=256)
def _folded_markers(markers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(m) for m in markers)


def is_na(text: str, na_markers=NA_MARKERS) -> bool:
    t = fold(text or "")
    return bool(t) and t in _folded_markers(tuple(na_markers))


def is_filled(text: str, na_markers=NA_MARKERS) -> bool:
    """A cell with real content: not empty, not a placeholder and not one of ``na_markers``.

    Pass ``na_markers=()`` for a column that allows "not applicable": "—" or "/" then counts as filled.
    """
    t = fold(text or "")
    if not t:
        return False
    if is_placeholder(text):
        return False
    return not is_na(t, na_markers)


# The same three tests for the cells of a table, answered from the table's joined text
# (docgen.check.textindex): a table rule asks them for every cell of every data row, and each
# call above folds and NFKC-normalises its text again — about 4,000 calls per report, each a
# handful of Python calls. Here the cells' folded forms come from ONE fold of the table's joined
# text (which its matching form already needed) and the few cells that are not plainly filled are
# found by searching it, and the NFKC + regex placeholder test runs only for the cells that hold
# a character a placeholder needs. Same answers as the text functions.

@lru_cache(maxsize=1)
def _placeholder_probe() -> tuple[str, ...] | None:
    """The placeholder trigger characters as they look after ``fold``: the trigger is searched in
    the NFKC text, and fold only maps each character of that (brackets, dashes: 【 → [) or drops
    whitespace, so a cell whose folded text holds none of these is no placeholder. None when the
    trigger is not a plain character class (then every cell is tested in full). Strings, not a
    regex: one ``str.find`` per string (a memchr-speed scan) finds them in a table's joined text
    ≈ 3× faster than one regex alternation (0.026 vs 0.085 ms for the 8 of them over a 100-page
    report's 37,000 characters of tables)."""
    trigger = _placeholder_trigger()
    if trigger is None or not (trigger.pattern.startswith("[") and trigger.pattern.endswith("]")):
        return None
    members = {ch for ch in trigger.pattern if trigger.fullmatch(ch)}
    if trigger.pattern != "[" + "".join(re.escape(c) for c in sorted(members)) + "]":
        return None  # not trigger_class's plain class of escaped characters
    folded = {fold(ch) for ch in members}
    if not members or "" in folded or any(JOIN in f for f in folded):
        return None
    return tuple(sorted(folded))


@lru_cache(maxsize=256)
def _piece_probe(forms: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...], re.Pattern | None]:
    """What ``CellTests._equal_to`` searches for a set of forms: the forms (a one-piece text equal
    to one), each followed by a joining character (the first piece), each preceded by one (the
    last piece), and a regex: a joining character, one of the forms, and another joining
    character ahead (not taken: it opens the next piece; the alternatives are tried in turn where
    the lookahead fails, so a form that is the start of another — 无 of 无无 — hides nothing).
    Forms holding the joining character are left out (no piece holds it); so is "": an n/a
    marker that folds to nothing is never met (is_na and is_filled ask a non-empty text). None
    for the regex when no form is left."""
    kept = sorted(f for f in forms if f and JOIN not in f)
    if not kept:
        return frozenset(), (), (), None
    between = re.compile(re.escape(JOIN) + "(?:" + "|".join(map(re.escape, kept)) + ")(?=" + re.escape(JOIN) + ")")
    return frozenset(kept), tuple(f + JOIN for f in kept), tuple(JOIN + f for f in kept), between


def _occurrences(text: str, needles: tuple[str, ...]) -> list[int]:
    """Where each of ``needles`` starts in ``text`` (every occurrence, no overlap missed), sorted."""
    found = []
    for needle in needles:
        pos = text.find(needle)
        while pos >= 0:
            found.append(pos)
            pos = text.find(needle, pos + 1)
    return sorted(set(found))


class CellTests:
    """``is_filled`` / ``is_placeholder`` / ``is_na`` for the cells of one table (kept on the Table
    object), answered from the table's folded joined text (``TableText.folded``) without a string
    per cell: most cells are plainly filled, and only the few that are not need naming — those
    whose folded text is empty (``blank``: whitespace only), equal to an n/a marker (``_na``, per
    set of markers) or a placeholder (``placeholders``). Each is found by C-level searches of the
    joined text (a marker between two joining characters), where splitting the joined text into
    a folded string per cell made ≈ 3,000 string objects for the 24 required tables of a 100-page
    report (≈ 0.3 ms of ≈ 6 ms for the required_table rules in a batch).

    That needs each cell's folded form to be its piece of the joined text (``aligned``, as for
    ``norm``), and — for ``filled``, which folds the folded text once more (``is_filled`` passes
    its folded text to ``is_na``) — that piece to be NFKC-normal, so that folding it again leaves it
    as it is: one test of the whole joined text (the joining character composes with nothing, so
    the pieces are normal when the whole is). Otherwise (rare: a cell holding the joining
    character, a text such as "e ́" that folds to a text that folds again to "é") each non-empty
    cell's folded form is kept in ``folded`` and tested as the text functions do. (Keyed by the
    cells themselves: they hash by identity in C.)"""

    __slots__ = ("_cells", "_joined", "_na", "_refused", "_unfilled", "blank", "folded", "placeholders")

    def __init__(self, table: Table):
        text = table_text(table)
        joined = text.folded
        self.folded: dict[Cell, str] | None = None
        self._na: dict[frozenset[str], frozenset[Cell]] = {}
        self._unfilled: dict[frozenset[str], frozenset[Cell]] = {}
        self._refused: dict[frozenset[str], frozenset[Cell]] = {}
        if text.aligned and (joined.isascii() or unicodedata.is_normalized("NFKC", joined)):
            self._joined, self._cells = joined, text.cells  # (piece i of ``joined`` is cell i's)
            self.blank = self._blank_cells()
            probe = _placeholder_probe()
            if probe is None:
                self.placeholders = {c for c in text.cells if is_placeholder(c.text)}
            else:  # no probe string contains JOIN: each occurrence lies within one cell's piece
                self.placeholders = {c for c in self._cells_at(_occurrences(joined, probe)) if is_placeholder(c.text)}
            return
        self._joined, self._cells = "", []
        if text.aligned:  # fold, like norm, acts on each side of the joining character alone
            folds = joined.split(JOIN)
        else:
            folds = [fold(c.text) for c in text.cells]
        self.folded = dict(zip(text.cells, folds))
        self.blank = frozenset(c for c, f in self.folded.items() if not f)
        probe = _placeholder_probe()
        self.placeholders = {c for c, f in self.folded.items()
                             if (probe is None or any(p in f for p in probe)) and is_placeholder(c.text)}

    def _cells_at(self, positions) -> list[Cell]:
        """The cells whose pieces of the joined text hold these positions (ascending)."""
        cells = self._cells
        return [cells[i] for i in piece_numbers(self._joined, positions)]

    def _blank_cells(self) -> frozenset[Cell]:
        """The cells whose folded text is empty: two joining characters in a row, or one at
        either end of the joined text (a few str.find calls: such cells are rare)."""
        joined, cells = self._joined, self._cells
        if not cells:
            return frozenset()
        found = [0] if not joined or joined.startswith(JOIN) else []
        pos = joined.find(JOIN + JOIN)
        while pos >= 0:
            found.append(pos + 1)
            pos = joined.find(JOIN + JOIN, pos + 1)  # (the second JOIN may open another empty piece)
        if len(cells) > 1 and joined.endswith(JOIN):
            found.append(len(joined))  # (a position in the last piece)
        return frozenset(self._cells_at(found))

    def _equal_to(self, forms: frozenset[str]) -> frozenset[Cell]:
        """The cells whose folded text is one of ``forms`` (non-empty): a piece between two
        joining characters (one regex pass for all forms: a str.find loop per form cost ≈ 3×
        more for the n/a markers, of which a 100-page report's required tables hold ≈ 240), or
        at either end of the joined text."""
        joined, cells = self._joined, self._cells
        whole, first, last, between = _piece_probe(forms)
        if not cells or between is None:
            return frozenset()
        found = [0] if joined in whole or joined.startswith(first) else []
        found += [m.start() + 1 for m in between.finditer(joined)]
        if len(cells) > 1 and joined.endswith(last):
            found.append(len(joined))  # (a position in the last piece)
        return frozenset(self._cells_at(found))

    def _na_cells(self, markers: frozenset[str]) -> frozenset[Cell]:
        found = self._na.get(markers)
        if found is None:
            found = self._na[markers] = self._equal_to(markers)
        return found

    def unfilled(self, markers: frozenset[str]) -> frozenset[Cell]:
        """The cells with text that are not filled (``is_filled(cell.text, na)`` False, ``markers =
        folded_markers(na)``): a cell is filled when ``cell.text and cell not in unfilled(markers)``
        — a set test where a table rule asked ``filled`` of each cell of each data row."""
        found = self._unfilled.get(markers)
        if found is None:
            if self.folded is None:
                found = self.blank | self.placeholders | (self._na_cells(markers) if markers else frozenset())
            else:
                found = frozenset(c for c in self.folded if not self.filled(c, markers))
            self._unfilled[markers] = found
        return found

    def refused(self, markers: frozenset[str]) -> frozenset[Cell]:
        """The cells with text that a column refusing n/a reports as empty: only whitespace
        (``not cell.text.strip()``) or an n/a marker (``na``), placeholders left out (the TPL rules
        report those). A text of whitespace only folds to "" (every whitespace character does,
        checked over all of Unicode in the tests), so those cells are among the ``blank`` ones."""
        found = self._refused.get(markers)
        if found is None:
            spaces = frozenset(c for c in self.blank if not c.text.strip())
            na = self._na_cells(markers) if self.folded is None else frozenset(c for c in self.folded if self.na(c, markers))
            found = self._refused[markers] = (spaces | na) - self.placeholders
        return found

    def placeholder(self, cell) -> bool:
        """``is_placeholder(cell.text)``."""
        return cell in self.placeholders

    def na(self, cell, markers: frozenset[str]) -> bool:
        """``is_na(cell.text, na)``, ``markers = folded_markers(na)``."""
        if self.folded is None:
            return cell in self._na_cells(markers)
        folded = self.folded.get(cell, "")
        return bool(folded) and folded in markers

    def filled(self, cell, markers: frozenset[str]) -> bool:
        """``is_filled(cell.text, na)``, ``markers = folded_markers(na)``."""
        if not cell.text or cell in self.blank or cell in self.placeholders:
            return False
        if not markers:
            return True
        if self.folded is None:  # (the piece is NFKC-normal: folding it again leaves it as it is)
            return cell not in self._na_cells(markers)
        folded = self.folded[cell]
        # is_filled tests is_na on the folded text, which folds it once more. A folded text that is
        # NFKC-normal folds to itself (no bracket-map key, no whitespace is left in it).
        again = folded if folded.isascii() or unicodedata.is_normalized("NFKC", folded) else fold(folded)
        return not (again and again in markers)


def cell_tests(table: Table) -> CellTests:
    tests = table.__dict__.get("_cell_tests")
    if tests is None:
        tests = table.__dict__["_cell_tests"] = CellTests(table)
    return tests


def folded_markers(na_markers) -> frozenset[str]:
    return _folded_markers(tuple(na_markers))


# ─── captions ─────────────────────────────────────────────────────────────────────────────────────

@lru_cache(maxsize=4096)
def norm_all(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(norm(t) for t in texts if t)


@lru_cache(maxsize=4096)
def caption_title(caption: str | None) -> str:
    """The caption in matching form without its 表X-Y / 续表 / 附表N prefix."""
    if not caption:
        return ""
    return norm(_CAPTION_PREFIX.sub("", fold(caption), count=1))


def caption_score(caption: str | None, names: list[str]) -> float:
    """1 when the caption title equals the name or an alias, 0.75 when it contains one (or is
    contained in one, ≥ 4 characters), else 0."""
    title = caption_title(caption)
    return _title_score(title, norm_all(tuple(names))) if title else 0.0


def _title_score(title: str, forms: tuple[str, ...]) -> float:
    if title in forms:
        return 1.0
    if any(f in title or (len(title) >= 4 and title in f) for f in forms):
        return 0.75
    return 0.0


#: the matching forms of a spec's name and caption aliases (rule data: asked at each of the ≈ 200
#: could_reach and scoring calls of a report)
_caption_forms: IdentityMemo[tuple[str, ...]] = IdentityMemo(
    lambda spec: norm_all(tuple([spec.get("name", "")] + list(spec.get("aliases", [])))))


def spec_caption_score(caption: str | None, spec: dict) -> float:
    """``caption_score`` of a caption against a spec's name and aliases."""
    title = caption_title(caption)
    return _title_score(title, _caption_forms(spec)) if title else 0.0


# ─── recognition ──────────────────────────────────────────────────────────────────────────────────
#
# A concept is ``{id, name?, aliases, required (default true), allow_na, where, match, min_count}``.
# ``where: header`` (default) looks at the header levels of each column; ``where: cell`` looks at
# every cell of the table — for row labels (物料平衡表: 输入/输出), key–value forms (企业基本情况表:
# 企业名称 | …) and tables written either way round (经济评估表: indicators as columns or as rows).
# A cell concept matches a cell equal to an alias (1.0) or starting with it (CONTAINS_SCORE, cell at
# most PREFIX_SLACK characters longer: "地址及邮政编码" ⊃ 地址), or containing it when ``match:
# contains`` (section rows "一、无/低费方案").

PREFIX_SLACK = 10


def concept_aliases(concept: dict) -> list[str]:
    return [a for a in [concept.get("name", "")] + list(concept.get("aliases", [])) if a]


#: ``_alias_forms(concept_aliases(concept))`` per column concept (rule data: scoring asks ≈ 450
#: times per report)
concept_forms: IdentityMemo[tuple[str, ...]] = IdentityMemo(lambda concept: _alias_forms(concept_aliases(concept)))


def concept_where(concept: dict, spec: dict) -> str:
    return concept.get("where") or ("cell" if spec.get("layout") == "key_value" else "header")


def _name_score(name: str, forms: tuple[str, ...], match: str) -> float:
    if name in forms:
        return 1.0
    for a in forms:
        if len(a) >= 2 and name.startswith(a) and len(name) <= len(a) + PREFIX_SLACK:
            return CONTAINS_SCORE
        if match == "contains" and len(a) >= 2 and a in name:
            return CONTAINS_SCORE
    return 0.0


def cell_score(text: str, aliases: list[str], match: str = "prefix") -> float:
    """How well one cell's text names a cell concept: 1 exact, CONTAINS_SCORE prefix (or contains)."""
    name = split_unit(text)[0]
    return _name_score(name, _alias_forms(aliases), match) if name else 0.0


def _find_cell(table: Table, aliases: list[str], match: str) -> tuple[float, int, int] | None:
    """Best cell for a cell concept: the first exact one, else the first prefix (or contains) one.

    A cell's name is a prefix of its matching form, so a cell that matches an alias in any way
    contains it: the search looks only at the cells found by a substring search of the table's
    joined matching form (``TableText.containing``), not at every cell of a large table."""
    return _find_cell_forms(table, _alias_forms(aliases), match)


def _find_cell_forms(table: Table, forms: tuple[str, ...], match: str) -> tuple[float, int, int] | None:
    """``_find_cell`` with the aliases in matching form (``_alias_forms``)."""
    index = _index(table)
    text = table_text(table)
    for a in forms:
        for i in text.containing(a):
            if index.name(i) == a:
                return (1.0, *index.position(i))
    first = None
    for a in forms:
        for i in text.containing(a):
            if first is not None and i >= first:
                break
            name = index.name(i)
            if name and _name_score(name, forms if match == "contains" else (a,), match):
                first = i
                break
    if first is None:
        return None
    return (CONTAINS_SCORE, *index.position(first))


def _spec_concepts(spec: dict):
    """What ``_concept_scores`` needs of a spec's column concepts, in order: (number, id, a cell
    concept?, alias forms, match) each, and the ids of the required and of the optional ones.
    Rule data, derived once per spec (``_concept_plan``) instead of at each of the ≈ 40 table
    scorings of a report."""
    concepts = spec.get("columns", [])
    plan = [(k, c["id"], concept_where(c, spec) == "cell", concept_forms(c), c.get("match", "prefix"))
            for k, c in enumerate(concepts)]
    required = [c["id"] for c in concepts if c.get("required", True)]
    optional = [c["id"] for c in concepts if not c.get("required", True)]
    return plan, required, optional


_concept_plan = IdentityMemo(_spec_concepts)


def _concept_scores(table: Table, spec: dict):
    """Greedy one-to-one assignment of header concepts to columns (best score first; a column
    serves one concept) and a search of the cell concepts: (columns, cells, got, coverage, optional
    share, missing)."""
    concepts, required, optional = _concept_plan(spec)
    index = _index(table)
    pairs = []
    columns: dict[str, int] = {}
    cells: dict[str, tuple[int, int]] = {}
    got: dict[str, float] = {}
    blob = index.header_blob
    for k, cid, in_cells, forms, match in concepts:
        if in_cells:
            hit = _find_cell_forms(table, forms, match)
            if hit:
                got[cid] = hit[0]
                cells[cid] = (hit[1], hit[2])
                if hit[1] < table.header_rows:  # found in the header: a column like any other
                    columns.setdefault(cid, hit[2])
            continue
        for a in forms:
            if a in blob:
                break
        else:
            continue  # no header name equals or contains an alias: every column scores 0
        for col, names in enumerate(index.columns):
            s = _header_score(names, forms)
            if s:
                pairs.append((-s, k, col))
    pairs.sort()
    used: set[int] = set(columns.values())  # header columns already named by a cell concept
    for neg, k, col in pairs:
        cid = concepts[k][1]
        if cid in got or col in used:
            continue
        columns[cid], got[cid] = col, -neg
        used.add(col)
    coverage = sum(got.get(c, 0.0) for c in required) / len(required) if required else 0.0
    opt = sum(got.get(c, 0.0) for c in optional) / len(optional) if optional else 0.0
    missing = [c for c in required if c not in got]
    return columns, cells, coverage, opt, missing


def concept_columns(table: Table, concept: dict, taken: set[int] | frozenset = frozenset()) -> list[int]:
    """Every column whose header matches the concept (e.g. the three year columns of 近三年消耗量),
    leaving out ``taken`` (columns assigned to other concepts)."""
    aliases = concept_aliases(concept)
    return [col for col in range(table.n_cols) if col not in taken and column_score(table, col, aliases)]


def score_table(table: Table, spec: dict) -> TableMatch:
    """The match of one table against one spec, accepted or not (used for "nearest candidates")."""
    columns, cells, coverage, opt, missing = _concept_scores(table, spec)
    cap = spec_caption_score(table.caption, spec)
    score = coverage + CAPTION_BONUS * cap + OPTIONAL_WEIGHT * opt
    excluded = excluded_headers(table, spec)
    if excluded:
        score -= EXCLUDE_PENALTY
    min_cov = float(spec.get("min_coverage", DEFAULT_MIN_COVERAGE))
    if cap and coverage >= min_cov:
        how = "caption+header"
    elif cap:
        how = "caption"
    else:
        how = "header"
    return TableMatch(target_id=spec["target_id"], table=table, score=round(score, 4), how=how, columns=columns,
                      missing=missing, confidence=round(min(1.0, score) * table.confidence, 4),
                      coverage=round(coverage, 4), caption_score=cap, cells=cells)


def excluded_headers(table: Table, spec: dict) -> list[str]:
    """The spec's ``exclude`` aliases found in the header: columns that mark a sibling table (废气
    排气筒 in a wastewater table, 资金来源 in an options list …)."""
    forms = _alias_forms(spec.get("exclude", []))
    if not forms:
        return []
    index = _index(table)
    return [a for a in forms if a in index.header_blob and any(_header_score(names, (a,)) for names in index.columns)]


def _signature(specs: list[dict]) -> str:
    return "\n".join(data_key(spec) for spec in specs)


def candidates(doc: Document, spec: dict, limit: int = 3) -> list[TableMatch]:
    """The ``limit`` best-scoring tables for a spec (accepted or not), best first: the evidence of a
    "table missing" finding."""
    scored = [score_table(t, spec) for t in doc.tables if t.continued_from is None]
    scored = [m for m in scored if m.score > 0]
    scored.sort(key=lambda m: (-m.score, m.table.index))
    return scored[:limit]


SPEC_KEYS = ("name", "aliases", "columns", "min_coverage", "layout", "exclude")


def spec_of(rule) -> dict:
    """The table spec of a ``required_table`` rule: its recognition params and its target_id.
    Remembered per rule (rule data: never changed after loading), so that every document of a
    batch gets the same dict — and what is remembered per spec and concept (``data_key``,
    ``concept_forms``, ``_plan_of``) is found again. Read it, do not change it."""
    return _rule_spec(rule)


def _spec_of(rule) -> dict:
    spec = {k: v for k, v in rule.params.items() if k in SPEC_KEYS}
    spec["target_id"] = rule.target_id
    spec.setdefault("name", rule.target)
    return spec


_rule_spec: IdentityMemo[dict] = IdentityMemo(_spec_of)


def profile_specs(profile) -> list[dict]:
    """The table specs of every ``required_table`` rule of a profile (the rule's target_id and params)."""
    return list(_profile_plan(profile).specs)


def recognise(ctx, specs: list[dict] | None = None) -> dict[str, TableMatch]:
    """Assign the document's tables to the required-table specs; target_id → TableMatch for the
    targets found (absent targets have no key).

    Each spec: ``{target_id, name, aliases (caption title aliases), columns: [{id, aliases,
    required: bool, where, match}], layout (grid | key_value), min_coverage (default 0.8)}``.
    ``specs=None`` takes the specs of every ``required_table`` rule of ``ctx.profile`` (what the
    rules use, so all rules share one assignment: a table goes to at most one target, best score
    first). Cached per document in ``ctx.cache["tables"]`` keyed by the specs. 续表 pieces are
    never candidates of their own; a piece joins the match of the table it continues
    (``TableMatch.pieces``).
    """
    store = ctx.cache.setdefault("tables", {})
    if specs is None:
        key = f"profile:{ctx.profile.id}:{id(ctx.profile)}"
        if key not in store:
            store[key] = _assign(ctx.doc, _profile_plan(ctx.profile))
        return store[key]
    key = _signature(specs)
    if key not in store:
        store[key] = _assign(ctx.doc, _Plan(specs))
    return store[key]


def spec_probe(spec: dict) -> tuple[list[tuple[str, tuple[str, ...]]], int]:
    """(where, alias forms) of each required concept of a spec, and how many are required; header
    concepts first (their test needs only the header names, a cell concept's every cell)."""
    required = [c for c in spec.get("columns", []) if c.get("required", True)]
    probe = [(concept_where(c, spec), concept_forms(c)) for c in required]
    probe.sort(key=lambda p: p[0] == "cell")
    return probe, len(required)


def could_reach(table: Table, spec: dict, min_cov: float, probe=None, header_hits: int | None = None,
                cells_present: set[str] | None = None) -> bool:
    """False only when ``score_table(table, spec).score`` is certainly below ``min_cov``: an upper
    bound of the score from which concepts can match at all (an alias that occurs nowhere in the
    header — or, for a cell concept, in no cell — scores 0), the caption bonus and the full
    optional weight. Most table × spec pairs of a report fail this test — already with the largest
    caption bonus assumed, so without looking at the caption — which costs a few substring
    searches; the rest are scored in full. ``probe``: ``spec_probe(spec)``, when the caller has it.
    ``header_hits``: how many of the header concepts can match, when the caller counted them for
    the whole document (``_HeaderForms``); ``probe``'s concepts are then the cell concepts only.
    ``cells_present``: the cell concepts' forms that occur in the table's cells, when the caller
    found them all at once (``docgen.check.formsearch``)."""
    concepts, n_required = probe or spec_probe(spec)
    start = header_hits or 0
    if n_required and not _enough(table, concepts, _least_hits(min_cov, n_required), start, cells_present):
        return False
    cap = spec_caption_score(table.caption, spec)
    rest = CAPTION_BONUS * cap + OPTIONAL_WEIGHT
    if not n_required:
        return rest + _SLACK >= min_cov
    return cap == 1.0 or _enough(table, concepts, (min_cov - rest - _SLACK) * n_required, start, cells_present)


_SLACK = 1e-4  # the score is rounded to 4 places before it is compared


def _least_hits(min_cov: float, n_required: int) -> float:
    """How many required concepts must be able to match for a table to reach ``min_cov`` with the
    largest caption bonus and the full optional weight (could_reach's first test)."""
    return (min_cov - CAPTION_BONUS - OPTIONAL_WEIGHT - _SLACK) * n_required


def _enough(table: Table, concepts, need: float, hits: int = 0, cells_present: set[str] | None = None) -> bool:
    """Can at least ``need`` of the required concepts match anything in the table? ``hits``: how
    many already can (counted elsewhere), ``concepts``: the rest. ``cells_present`` (optional):
    the cell forms known to occur in the table's cells — asked instead of the cells' text."""
    if need <= 0 or hits >= need:
        return True
    left = len(concepts)
    if hits + left < need:
        return False
    index = _index(table)
    cells = cells_present if cells_present is not None else index.cells_blob
    for where, forms in concepts:
        blob = cells if where == "cell" else index.header_blob  # (``in`` asks a set or a text alike)
        left -= 1
        for f in forms:
            if f in blob:
                hits += 1
                if hits >= need:
                    return True
                break
        if hits + left < need:
            return False
    return hits >= need


class _HeaderForms:
    """Which tables of a document have a header name containing a given alias form — what
    ``_enough`` asks of every table × spec pair (~800 per report), answered once per form for the
    whole document: a form absent from all headers together (one substring test of their joined
    names) is absent from each; a present one is looked up table by table, once. Kept on the
    Document object (tables never change after reading)."""

    def __init__(self, tables: list[Table]):
        blobs = [_index(t).header_blob for t in tables]
        self.indexes = [t.index for t in tables]
        self._by_index = {t.index: t for t in tables}
        self.joined = "\n".join(blobs)  # (no header name holds a newline: whitespace is normalised away)
        self.starts = piece_starts(blobs)
        self._tables: dict[str, tuple[int, ...]] = {}

    def prepare(self, search: FormSearch) -> None:
        """Answer ``tables_with`` for every form of ``search`` from ONE automaton pass over the
        joined headers (docgen.check.formsearch) instead of one search per form."""
        found = search.pieces_with(self.joined, self.starts)
        indexes = self.indexes
        tables = dict.fromkeys(search.forms, ())  # (most forms are in no header: one C-level call)
        tables.update((form, tuple(indexes[i] for i in pieces)) for form, pieces in found.items())
        tables.update(self._tables)  # (forms answered before keep their — same — answer)
        self._tables = tables

    def table(self, index: int) -> Table:
        """The candidate table of this index."""
        return self._by_index[index]

    def tables_with(self, form: str) -> tuple[int, ...]:
        found = self._tables.get(form)
        if found is None:
            found = () if form not in self.joined else tuple(
                self.indexes[i] for i in pieces_containing(self.joined, self.starts, form))
            self._tables[form] = found
        return found

    def hits(self, concepts) -> dict[int, int]:
        """Table index → how many of the header ``concepts`` (where, forms) can match there (tables
        where none can are absent)."""
        counts: dict[int, int] = {}
        for where, forms in concepts:
            if where == "cell":
                continue
            found: set[int] = set()
            for f in forms:
                found.update(self.tables_with(f))
            for i in found:
                counts[i] = counts.get(i, 0) + 1
        return counts


def _probe_forms(probes, where: str) -> tuple[str, ...]:
    """The alias forms of the ``where`` (header | cell) concepts of ``spec_probe`` results."""
    return tuple(sorted({f for concepts, _ in probes for w, forms in concepts if w == where for f in forms}))


def _header_forms(doc: Document, tables: list[Table]) -> _HeaderForms:
    """The document's ``_HeaderForms`` over ``tables`` (the candidates: no 续表 pieces)."""
    forms = doc.__dict__.get("_header_forms")
    if forms is None:
        forms = doc.__dict__["_header_forms"] = _HeaderForms(tables)
    return forms


class _Plan:
    """What ``_assign`` derives from the specs alone: per spec (in order) the spec, its
    min_coverage, ``spec_probe`` concepts, the cell concepts' probe for ``could_reach`` and the
    least number of header concepts a table must be able to match (could_reach's first test from
    the header counts alone), and the automata of all header and all cell alias forms. Rule data:
    for a profile it is made once (``_profile_plan``) and serves every document of a batch, where
    it was derived anew for each (≈ 0.25 ms of the ≈ 6 ms the required_table rules cost a
    100-page report in a batch, py-spy)."""

    __slots__ = ("cell_search", "header_search", "specs", "steps")

    def __init__(self, specs):
        self.specs: tuple[dict, ...] = tuple(specs)
        probes = [spec_probe(spec) for spec in self.specs]
        self.header_search = form_search(_probe_forms(probes, "header"))
        self.cell_search = form_search(_probe_forms(probes, "cell"))
        self.steps = []
        for spec, (concepts, n_required) in zip(self.specs, probes):
            min_cov = float(spec.get("min_coverage", DEFAULT_MIN_COVERAGE))
            cell_probe = ([c for c in concepts if c[0] == "cell"], n_required)
            least = _least_hits(min_cov, n_required) - len(cell_probe[0]) if n_required else 0.0
            self.steps.append((spec, min_cov, concepts, cell_probe, least))


#: the ``_Plan`` of the ``required_table`` rules of a profile (rule data: never changed after loading)
_profile_plan: IdentityMemo[_Plan] = IdentityMemo(
    lambda profile: _Plan([spec_of(rule) for rule in profile.rules if rule.kind == "required_table"]))


def _assign(doc: Document, plan: _Plan) -> dict[str, TableMatch]:
    tables = [t for t in doc.tables if t.continued_from is None]
    header_forms = _header_forms(doc, tables)
    # every alias form the specs search, found in one automaton pass per text (formsearch)
    header_forms.prepare(plan.header_search)
    cell_search = plan.cell_search
    cells_present: dict[int, set[str]] = {}  # table index → the cell forms in its cells
    scored: list[tuple[float, int, int, TableMatch]] = []
    for si, (spec, min_cov, concepts, cell_probe, least) in enumerate(plan.steps):
        counts = header_forms.hits(concepts)  # the header concepts, counted for every table at once
        # could_reach's first test from the counts alone (``least``): most tables fail it without a
        # call — and a table with no header concept at all is not even looked at (the counts name
        # only the tables with one: ≈ 5 of 33 per spec, where the loop over every table of every
        # spec was ≈ 800 turns per report)
        reach = tables if least <= 0 else [t for t in map(header_forms.table, counts) if counts[t.index] >= least]
        for t in reach:
            if cell_probe[0]:
                present = cells_present.get(t.index)
                if present is None:
                    present = cells_present[t.index] = cell_search.present(_index(t).cells_blob)
            else:
                present = None
            if not could_reach(t, spec, min_cov, cell_probe, counts.get(t.index, 0), present):
                continue
            m = score_table(t, spec)
            if m.score >= min_cov:
                scored.append((-m.score, t.index, si, m))
    scored.sort(key=lambda x: (x[0], x[1], x[2]))
    result: dict[str, TableMatch] = {}
    taken: set[int] = set()
    for _, index, _, m in scored:
        if m.target_id in result or index in taken:
            continue
        result[m.target_id] = m
        taken.add(index)
    for m in result.values():
        m.pieces = [t for t in doc.tables if t.continued_from == m.table.index]
    return result


# ─── tables that are pictures ─────────────────────────────────────────────────────────────────────

def image_tables(doc: Document, max_gap: int = 2) -> list[tuple[Paragraph, Image]]:
    """Table captions (表X-Y …) followed — within ``max_gap`` blocks and before any table — by an
    image instead of a table: a table pasted as a picture, whose content cannot be checked."""
    from docgen.read.docx.captions import is_caption_text

    out = []
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph) or not is_caption_text(b.text):
            continue
        for j in range(i + 1, min(len(blocks), i + 1 + max_gap)):
            nxt = blocks[j]
            if isinstance(nxt, Table):
                break
            if isinstance(nxt, Image):
                out.append((b, nxt))
                break
    return out
