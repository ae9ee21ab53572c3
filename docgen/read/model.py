"""The document model: what the checker sees of a submitted report, DOCX or PDF alike.

Ordered blocks (headings, paragraphs, tables, images, page breaks), each with its source location,
plus what lives beside the body (headers, footers, footnotes, comments, the TOC, properties). Every
heading records the signal that made it a heading and a confidence, so a finding can say how sure
it is. An input that cannot be read is not an exception but a ``NotEvaluable`` with a reason in
Chinese and English (issue 4), so nothing raises into a batch.

Conventions: ``Location.table`` is the zero-based index of the table among ALL tables of the document
in document order (nested tables included, counted where they start) — the findings contract
(DESIGN.md) uses the same index. Pages are 1-based physical pages (PDF: exact; DOCX: approximate,
from rendered and explicit page breaks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Literal


class Signal(str, Enum):
    """Why a block was taken for a heading, strongest first (checker.md §2.2)."""

    STYLE = "style"            # a heading style (outline level via styleId, e.g. Heading1 / 标题 1)
    OUTLINE = "outline"        # w:outlineLvl on the paragraph or inherited from its style
    NUMBERING = "numbering"    # a numbering level (numbering.xml) whose label looks like 第X章 / 1.1
    TOC_BOOKMARK = "toc"       # the paragraph carries a _Toc bookmark a TOC links to
    PATTERN = "pattern"        # text pattern: 第X章, 一、, （一）, 1.1 …
    FORMAT = "format"          # bold and larger, short, with a pattern or alone (weakest)
    FONT = "font"              # PDF: font size / weight clearly above body text


#: Default confidence per signal (a reader may lower it, e.g. OCR text).
SIGNAL_CONFIDENCE = {
    Signal.STYLE: 1.0,
    Signal.OUTLINE: 0.95,
    Signal.NUMBERING: 0.9,
    Signal.TOC_BOOKMARK: 0.9,
    Signal.PATTERN: 0.8,
    Signal.FONT: 0.7,
    Signal.FORMAT: 0.6,
}


@dataclass(frozen=True, init=False)
class Location:
    """Where a block is. ``paragraph`` counts body paragraphs (headings included) in document order.

    Frozen (hashable, never changed once made); the ``__init__`` is written out because the frozen
    one sets each field through ``object.__setattr__`` — a report makes thousands of locations
    (every paragraph, and the checker's findings), and that was a visible share of the read."""

    block: int
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None
    heading_path: tuple[str, ...] = ()
    part: str = "body"  # body | header | footer | footnote | comment | textbox

    def __init__(self, block: int, paragraph: int | None = None, table: int | None = None, row: int | None = None,
                 col: int | None = None, page: int | None = None, heading_path: tuple[str, ...] = (),
                 part: str = "body"):
        self.__dict__.update(block=block, paragraph=paragraph, table=table, row=row, col=col, page=page,
                             heading_path=heading_path, part=part)

    def to_json(self) -> dict:
        return {
            "heading_path": list(self.heading_path),
            "paragraph": self.paragraph,
            "table": self.table,
            "row": self.row,
            "col": self.col,
            "page": self.page,
        }


@dataclass(slots=True)  # thousands per report: slots make each cheaper to build
class Heading:
    level: int                 # 1 = chapter
    label: str                 # rendered number label: 第二章, 2.1, （一）, 一、 … ("" when none)
    title: str                 # the title without its label
    text: str                  # what a reader sees: label + title as written
    signal: Signal
    confidence: float
    location: Location
    signals: tuple[Signal, ...] = ()  # every signal that agreed (the strongest is ``signal``)
    kind: Literal["heading"] = "heading"


@dataclass(slots=True)
class Paragraph:
    text: str                  # final view: insertions in, deletions out; field results; text boxes inline
    location: Location
    style: str | None = None   # styleId (DOCX)
    revised: bool = False      # contains tracked changes
    hidden: bool = False       # contains w:vanish text (excluded from ``text``)
    source: str = "body"       # body | textbox | sdt | field
    bold: bool = False         # every visible run bold
    size_pt: float | None = None
    align: str | None = None
    kind: Literal["paragraph"] = "paragraph"


@dataclass(eq=False, init=False)
class Cell:
    """One grid cell. A merged cell is ONE object placed at every grid position it covers;
    ``row``/``col`` are its origin (top-left), so values are never counted twice. Cells compare by
    identity (``eq=False``): two cells with the same text are still two cells.

    ``norm`` (the matching form, docgen.read.normalize.norm) is computed on first use unless the
    reader passes it: checks normalise header cells and a few data cells, so normalising every
    cell while reading was wasted work (about a tenth of the DOCX reader's time on a 100-page
    report). ``""`` means "not computed yet".

    Slots, and an ``__init__`` written out: a 100-page report has ~4,000 cells, and making one
    with an instance dict cost three times as much (≈0.7 µs against ≈0.2 µs — 2 ms of a 30 ms read).
    ``__dict__`` stays available for what consumers attach to a cell (the checker's label key).
    """

    __slots__ = ("text", "_norm", "row", "col", "rowspan", "colspan", "nested", "__dict__", "__weakref__")

    text: str                  # original text, for display
    norm: str                  # matching form (a property below: computed on first use)
    row: int                   # origin row and column (top-left of a merged cell)
    col: int
    rowspan: int
    colspan: int
    nested: tuple[int, ...]    # indexes of tables nested in this cell

    def __init__(self, text: str, norm: str = "", row: int = 0, col: int = 0, rowspan: int = 1, colspan: int = 1,
                 nested: tuple[int, ...] = ()):
        self.text = text
        self._norm = norm
        self.row = row
        self.col = col
        self.rowspan = rowspan
        self.colspan = colspan
        self.nested = nested

    @property  # type: ignore[no-redef]
    def norm(self) -> str:  # noqa: F811 — the field above, computed lazily
        value = self._norm
        if not value and self.text:
            from docgen.read.normalize import norm

            value = self._norm = norm(self.text)
        return value

    @norm.setter
    def norm(self, value: str) -> None:
        self._norm = value

    def is_origin(self, row: int, col: int) -> bool:
        return self.row == row and self.col == col

    @staticmethod
    def set_norms(cells: list[Cell], norms: list[str]) -> None:
        """Give each cell its matching form, computed elsewhere for many cells at once (the
        checker normalises a table's joined texts in one call). The slot is set straight from C
        (its descriptor mapped over the pairs): through the ``norm`` property this was one Python
        call per cell, ≈ 4,000 per 100-page report."""
        any(map(_NORM_SLOT.__set__, cells, norms))  # (__set__ returns None: ``any`` runs them all)


_NORM_SLOT = Cell._norm  # the member descriptor of the ``_norm`` slot


@dataclass
class Table:
    index: int                 # among all tables of the document
    grid: list[list[Cell]]     # n_rows × n_cols, merged positions share a Cell
    header_rows: int           # 1–3 detected header rows
    header_paths: list[str]    # one per column, multi-level headers joined with "/" (污染物排放量/审核前)
    location: Location
    caption: str | None = None
    caption_position: Literal["above", "below"] | None = None
    nested_in: tuple[int, int, int] | None = None  # (outer table, row, col)
    confidence: float = 1.0    # PDF tables from ruling lines are less certain
    continued_from: int | None = None  # a 续表 / split piece re-joined to this table's index
    kind: Literal["table"] = "table"

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    def rows_text(self) -> list[list[str]]:
        """Cell texts per row, merged cells repeated at each covered position."""
        return [[c.text for c in row] for row in self.grid]

    def data_rows(self) -> list[list[Cell]]:
        return self.grid[self.header_rows:]


@dataclass
class Image:
    location: Location
    width_mm: float | None = None
    height_mm: float | None = None
    hint: Literal["cover", "signature", "body"] | None = None  # position hint: evidence for a seal
    name: str | None = None    # descr/alt text or file name in the package
    kind: Literal["image"] = "image"


@dataclass
class PageBreak:
    location: Location
    rendered: bool = False     # w:lastRenderedPageBreak (Word's last layout) vs explicit w:br
    kind: Literal["page_break"] = "page_break"


Block = Heading | Paragraph | Table | Image | PageBreak


@dataclass
class TocEntry:
    text: str
    page: int | None
    level: int | None = None


@dataclass
class PageHealth:
    """PDF text-layer health of one page (checker.md §3.2)."""

    page: int
    status: Literal["good", "garbled", "image_only", "empty"]
    chars: int
    cjk_share: float
    reason: str = ""
    ocr: bool = False


@dataclass
class Document:
    path: str
    format: Literal["docx", "pdf"]
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)  # every table by index (nested ones too)
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    pages: int | None = None
    page_health: list[PageHealth] = field(default_factory=list)
    revisions: int = 0         # tracked insertions + deletions
    hidden_text: bool = False
    converted_from: str | None = None  # ".doc" / ".wps" when LibreOffice converted it first
    warnings: list[str] = field(default_factory=list)

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def images(self) -> list[Image]:
        return [b for b in self.blocks if isinstance(b, Image)]


@dataclass
class NotEvaluable:
    """The input could not be read; ``code`` is stable (DOC.TOO_LARGE …), reasons for humans."""

    path: str
    code: str
    reason_zh: str
    reason_en: str
    detail: str = ""
    sha256: str | None = None


ReadResult = Document | NotEvaluable
