"""``TableData``: one built table, ready for the renderer and for the checker's round-trip tests.

Why two copies of the cells: the renderer prints ``rows`` (display text, already formatted with
the report precision of ``docgen.numfmt``), while the checker re-reads a rendered report and
compares what it parsed with ``raw_rows`` (the unformatted Decimal/str/date values) — so the same
object tells both what to print and what a faithful reading must give back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: What an empty optional cell shows (never an empty cell, never "None").
EMPTY = "—"


@dataclass
class TableData:
    """A built table.

    ``header_rows`` has one or two rows of the same width as every body row; in a two-level
    header the top row repeats a spanning label over the columns it spans, and a column without a
    group repeats its own label in both rows (the renderer merges equal neighbours).
    ``number`` ("2-3") is assigned by the renderer; ``caption`` then reads "表2-3 主要原辅材料消耗表".
    """

    id: str
    name: str
    header_rows: list[list[str]]
    rows: list[list[str]]
    numeric_cols: set[int]
    total_row: list[str] | None = None
    note: str | None = None
    raw_rows: list[list[object]] = field(default_factory=list)
    raw_total: list[object] | None = None
    number: str | None = None
    placement: str | None = None

    @property
    def caption(self) -> str:
        return f"表{self.number} {self.name}" if self.number else self.name

    @property
    def width(self) -> int:
        return len(self.header_rows[0]) if self.header_rows else 0

    def column(self, header: str) -> int:
        """Index of the column whose bottom header cell (or full "group/label" path) is ``header``."""
        bottom = self.header_rows[-1]
        top = self.header_rows[0]
        for i, label in enumerate(bottom):
            if label == header or (top[i] != label and f"{top[i]}/{label}" == header):
                return i
        raise KeyError(f"{self.id} 没有列「{header}」")

    def all_rows(self) -> list[list[str]]:
        """Body rows plus the 合计 row, as printed."""
        return self.rows + ([self.total_row] if self.total_row is not None else [])
