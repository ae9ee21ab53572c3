"""A table's cell texts as one string, for C-level prefilters shared by the checker's rules.

Why: a 100-page report has ~33 tables and ~4,000 cells, and many rules ask "does this table hold X
anywhere?" (a label of a field, a colon, a column alias, a keyword of an event row, a placeholder
character). Asked cell by cell, each question is thousands of Python calls per rule; asked of one
string per table, it is one ``in`` test — and only the few tables that pass are walked cell by
cell. So each table's distinct non-empty cells are joined once, in row-major order, by a
private-use character (no text, OpenCC phrase or NFKC mapping involves it), both as written and in
matching form (``docgen.read.normalize.norm``, ONE call per table — cell by cell a report's first
check cost ~4,000 OpenCC calls). The result is kept on the Table object (like ``Cell.norm``): it
is computed once per document, whichever rule asks first.

A prefilter built on these strings must only ever skip work whose result is certainly empty: a
substring of a cell's text is a substring of ``text``; a substring of a cell's matching form is a
substring of ``norm`` when ``aligned`` (each cell's ``Cell.norm`` then IS its piece of ``norm``).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, chain, compress, count
from operator import add, attrgetter

from docgen.read.model import Cell, Table
from docgen.read.normalize import fold, folded_to_norm

_TEXT = attrgetter("text")

#: joins a table's cell texts (private use: no text, OpenCC phrase or NFKC mapping involves it)
JOIN = "\ue000"

@lru_cache(maxsize=256)
def joined_forms(text: str) -> tuple[str, str]:
    """``(fold(text), norm(text))`` of a table's joined cell texts. A cache of its own, small, so
    that these long strings never crowd the per-text caches nor pile up over a batch. (NFKC of
    the whole joined text is cheap: docgen.read.normalize.nfkc swaps the few characters a report
    has to change instead of normalising every character.)"""
    folded = fold.__wrapped__(text)
    return folded, folded_to_norm(folded)


class TableText:
    """One table's cells joined: ``cells`` (each distinct non-empty cell once, row-major), ``text``
    (their texts as written, joined by JOIN), ``folded`` and ``norm`` (``fold`` and the matching
    form of ``text``) and
    ``aligned`` (True when ``norm`` split at JOIN gave each cell its own matching form, which was
    then stored in ``Cell.norm``).

    ``norm`` is NFKC, a translation table, whitespace removal and OpenCC t2s: all of them leave the
    joining character alone and act on each side of it as on a text of its own (NFKC never
    composes across it, no OpenCC phrase contains it, so segmentation restarts after it). A cell
    text that itself contains the joining character leaves the cells to be normalised one by one
    (lazily, by ``Cell.norm``), and ``aligned`` False."""

    __slots__ = ("cells", "text", "folded", "norm", "aligned", "_parts", "_starts")

    def __init__(self, table: Table):
        # merged cells appear at every position they cover: counted once (cells hash and compare
        # by identity), in the order of their first position
        # (map/compress/filter: C-level loops over the ~4,000 cells of a report's tables)
        distinct = list(dict.fromkeys(chain.from_iterable(table.grid)))
        texts = list(map(_TEXT, distinct))
        self.cells: list[Cell] = list(compress(distinct, texts))
        self.text = JOIN.join(filter(None, texts))
        self.folded, self.norm = joined_forms(self.text)
        parts = self.norm.split(JOIN)
        self.aligned = not self.cells or (len(parts) == len(self.cells)
                                          and self.text.count(JOIN) == len(self.cells) - 1)
        if self.aligned:
            Cell.set_norms(self.cells, parts)
        # (each cell's piece; a table without text has no piece, though "".split gives one)
        self._parts = (parts if self.cells else []) if self.aligned else None
        self._starts: list[int] | None = None

    def containing(self, form: str):
        """The numbers (in ``cells``) of the cells whose matching form contains ``form``, in
        order: C-level searches of ``norm``, one per such cell, instead of a look at every cell.
        A cell's number is the count of joining characters before the occurrence, counted on
        from the last one (the search then goes on after the end of that cell's piece): where
        the piece starts of the whole table (``starts``) were computed for a few look-ups each
        (0.18 → 0.12 ms for the cell concepts of a 100-page report's scorings)."""
        if not self.aligned:  # a cell text holds the joining character: cell by cell
            yield from (i for i, cell in enumerate(self.cells) if form in cell.norm)
            return
        if JOIN in form:
            return  # no cell's matching form holds the joining character
        yield from piece_numbers(self.norm, _first_per_piece(self.norm, form))

    def starts(self) -> list[int]:
        """Where each cell's piece of ``norm`` begins (``piece_starts``; when ``aligned``)."""
        if self._starts is None:
            self._starts = piece_starts(self._parts if self._parts is not None else [c.norm for c in self.cells])
        return self._starts


def piece_starts(pieces: list[str]) -> list[int]:
    """Where each piece begins in ``JOIN.join(pieces)`` (any one-character joiner), and one more
    entry: where a piece after the last would begin — the lengths before it plus one joiner per
    piece before it (C-level maps: a large table has ~1,000 pieces)."""
    return list(map(add, accumulate(map(len, pieces), initial=0), count()))


def piece_numbers(joined: str, positions):
    """The number of the piece of ``joined`` (pieces joined by JOIN) that holds each of
    ``positions`` (ascending): the count of joining characters before it, counted on from the
    previous position — a few C-level counts where the piece starts of the whole text
    (``piece_starts``) would be computed for a few look-ups."""
    number = last = 0
    for at in positions:
        number += joined.count(JOIN, last, at)
        last = at
        yield number


def _first_per_piece(joined: str, form: str):
    """Where ``form`` (without JOIN) first occurs in each piece of ``joined`` that holds it, in
    order: after an occurrence the search goes on past the end of its piece."""
    pos = joined.find(form)
    while pos >= 0:
        yield pos
        end = joined.find(JOIN, pos)  # (the occurrence lies in this piece: no JOIN in form)
        if end < 0:
            return
        pos = joined.find(form, end + 1)


def pieces_containing(joined: str, starts: list[int], form: str):
    """The numbers of the pieces of ``joined`` (``starts``: ``piece_starts``) that contain
    ``form``, in order — one C-level search per such piece. ``form`` must not contain the
    joining character (then no occurrence spans two pieces)."""
    pos = joined.find(form)
    while pos >= 0:
        i = bisect_right(starts, pos) - 1
        yield i
        pos = joined.find(form, starts[i + 1])


def table_text(table: Table) -> TableText:
    """The table's ``TableText``, computed on first use and kept on the Table object."""
    done = table.__dict__.get("_table_text")
    if done is None:
        done = table.__dict__["_table_text"] = TableText(table)
    return done
