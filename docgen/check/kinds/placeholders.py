"""``placeholders``: leftover fill-in marks (XXX有限公司, ×××, {{…}}, 【请填写】, ____, 待定, 某某 …).

Why: reports are produced from templates and from other enterprises' reports; an unreplaced mark
means the report was not finished and is returned before the experts see it (checker.md §5.3:
"filled" = not X, ×, 待定, 【…】, {{…}}, ____). The patterns are DATA
(``docgen/data/placeholder-patterns.yaml``), each with the exceptions that keep real text out —
× between numbers is a multiplication (3×10), HX-30000 is a model code, 有待完善 is ordinary
Chinese, 【GB 12348-2008】 is a citation, a line after 签字： is for the pen. Marks of different
patterns within ``merge_gap`` characters are one occurrence (×年×月×日).

Where: every body paragraph and heading (text boxes and content controls are inline in the reader's
paragraph text), every table cell (merged cells once, nested tables too), running headers and
footers, footnotes. One finding per occurrence, up to ``max_findings`` per document (then one
summary finding with the count), each with its location and the mark in its context.

params: ``patterns_file`` (in docgen/data, default placeholder-patterns.yaml), ``disable`` (pattern
ids), ``extra`` (more patterns in the file's format), ``max_findings`` (default 50),
``context_chars`` (characters of context either side in the evidence, default 12).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
import re._constants as _sre  # the regex parser's opcodes (the trigger-character analysis)
import re._parser as _parser
from dataclasses import dataclass
from functools import cached_property, lru_cache

import yaml

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.textindex import JOIN, piece_numbers, piece_starts, table_text
from docgen.read.model import Heading, Location, Paragraph
from docgen.resources import data_file

DEFAULT_FILE = "placeholder-patterns.yaml"


@dataclass(frozen=True)
class Pattern:
    id: str
    name: str
    regex: re.Pattern
    unless_before: re.Pattern | None = None
    unless_after: re.Pattern | None = None


@dataclass(frozen=True)
class PatternSet:
    patterns: tuple[Pattern, ...]
    merge_gap: int = 3

    @cached_property
    def trigger(self) -> re.Pattern | None:
        """A character class every mark contains a character of (None when some pattern does
        not allow one to be derived): texts without any of them need no further look."""
        return trigger_class(tuple(p.regex for p in self.patterns))

    @cached_property
    def needs(self) -> tuple[frozenset | None, ...]:
        """``regex_needs`` of each pattern, in order. A text that holds none of a pattern's
        characters is skipped for that pattern: a candidate text usually holds the trigger of one
        pattern (a ×, an X), and every pattern would otherwise scan it."""
        return tuple(regex_needs(p.regex) for p in self.patterns)


_MAX_CLASS = 256  # a character class larger than this (e.g. every CJK ideograph) is no useful filter


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _rank(need: frozenset) -> tuple[int, int]:
    """Which of two sets of needed characters is the better filter: the one with fewer Chinese
    ideographs (a report's running text is made of them: 表 is in 104 of a 100-page report's
    4,400 texts, X or Ｘ in 4), then the smaller one."""
    return sum(map(_is_ideograph, need)), len(need)


def _needed(items) -> frozenset | None:
    """Characters of which every match of the parsed regex ``items`` contains at least one
    (the best such set by ``_rank`` over the mandatory items of the sequence: ``[表图]\\s*[XＸ]``
    needs one of X Ｘ as surely as one of 表 图, and the first is rare in a report, the second
    everywhere), or None when unknown."""
    best = None
    for op, av in items:
        if op is _sre.LITERAL:
            need = frozenset(chr(av))
        elif op is _sre.IN:
            chars: set = set()
            for kind_, value in av:
                if kind_ is _sre.LITERAL:
                    chars.add(chr(value))
                elif kind_ is _sre.RANGE and value[1] - value[0] < _MAX_CLASS:
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    chars = set()
                    break
            need = frozenset(chars) if chars and len(chars) <= _MAX_CLASS else None
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            need = _needed(av[2])
        elif op is _sre.SUBPATTERN and not av[1] and not av[2]:
            need = _needed(av[3])
        elif op is _sre.BRANCH:
            alts = [_needed(alt) for alt in av[1]]
            need = None if any(a is None for a in alts) else frozenset().union(*alts)
        else:
            need = None  # lookarounds, anchors, ANY, optional parts: no mandatory character
        if need is not None and (best is None or _rank(need) < _rank(best)):
            best = need
    return best


def regex_needs(rx: re.Pattern) -> frozenset | None:
    """The characters of which every match of ``rx`` contains one (None when it cannot be derived:
    case-insensitive flags, optional-only or huge-class patterns)."""
    if rx.flags & re.IGNORECASE:
        return None
    try:
        return _needed(_parser.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 — a construct the analysis does not know: no filter
        return None


@lru_cache(maxsize=256)
def needs_of(regexes: tuple[re.Pattern, ...]) -> frozenset | None:
    """Characters of which every match of any of ``regexes`` holds one (``regex_needs`` of each,
    together), or None when that cannot be derived for one of them."""
    chars: set = set()
    for rx in regexes:
        need = regex_needs(rx)
        if need is None:
            return None
        chars |= need
    return frozenset(chars)


@lru_cache(maxsize=32)
def trigger_class(regexes: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """A character class of which every match of any of ``regexes`` contains a character (None
    when that cannot be derived for one of them)."""
    chars = needs_of(regexes)
    if not chars:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def candidate_spots(spots: list, patterns: PatternSet) -> list:
    """The spots in which a mark can occur, in order: one C-level scan of all texts for the
    patterns' trigger characters instead of every pattern over every spot (a report has ~4,400
    texts and ~20 marks)."""
    trigger = patterns.trigger
    if trigger is None:
        return spots
    if isinstance(spots, SpotList):
        return spots.found(trigger.search, trigger)  # a character class: only cells holding one are tested
    texts = [spot.text for spot in spots]
    joined = "\n".join(texts)
    if trigger.search("\n"):
        return spots
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    hit: list[int] = []
    for m in trigger.finditer(joined):
        i = bisect.bisect_right(starts, m.start()) - 1
        if not hit or hit[-1] != i:
            hit.append(i)
    return [spots[i] for i in hit]


@dataclass
class Mark:
    span: tuple[int, int]
    text: str
    names: tuple[str, ...]       # the pattern names that matched, for the message
    ids: tuple[str, ...]


def _compile(raw: dict, where: str) -> Pattern:
    try:
        return Pattern(id=str(raw["id"]), name=str(raw.get("name", raw["id"])), regex=re.compile(raw["regex"]),
                       unless_before=re.compile(raw["unless_before"]) if raw.get("unless_before") else None,
                       unless_after=re.compile(raw["unless_after"]) if raw.get("unless_after") else None)
    except (KeyError, re.error) as exc:
        raise NotEvaluableRule(f"占位符模式「{raw.get('id', '?')}」（{where}）有误：{exc}") from None


@lru_cache(maxsize=8)
def _load_file(name: str) -> tuple[tuple[dict, ...], int]:
    raw = yaml.safe_load(data_file(name).read_text(encoding="utf-8")) or {}
    return tuple(raw.get("patterns", [])), int(raw.get("merge_gap", 3))


def load_patterns(name: str = DEFAULT_FILE, disable: tuple[str, ...] = (), extra: tuple = ()) -> PatternSet:
    """The pattern set of a rule's params — built once per distinct params (rule data), so that its
    trigger class and per-pattern characters are worked out once, not for every document."""
    return _pattern_set(name, tuple(disable), json.dumps(list(extra), ensure_ascii=False, sort_keys=True))


@lru_cache(maxsize=64)
def _pattern_set(name: str, disable: tuple[str, ...], extra_json: str) -> PatternSet:
    entries, gap = _load_file(name)
    patterns = [_compile(p, name) for p in entries if p.get("id") not in disable]
    patterns += [_compile(dict(p), "规则参数 extra") for p in json.loads(extra_json)]
    return PatternSet(tuple(patterns), gap)


@lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    """The shipped patterns (what ``required_fields`` uses to call a value a placeholder)."""
    return load_patterns()


def find_placeholders(text: str, patterns: PatternSet) -> list[Mark]:
    """Fill-in marks in ``text``; overlapping or adjacent (≤ merge_gap) marks are merged."""
    hits: list[tuple[int, int, Pattern]] = []
    chars = frozenset(text)
    for p, need in zip(patterns.patterns, patterns.needs):
        if need is not None and need.isdisjoint(chars):
            continue  # no character every match of this pattern contains: no match here
        for m in p.regex.finditer(text):
            a, b = m.span()
            if a == b:
                continue
            if p.unless_before is not None and p.unless_before.search(text[:a]):
                continue
            if p.unless_after is not None and p.unless_after.match(text[b:]):
                continue
            hits.append((a, b, p))
    hits.sort(key=lambda h: (h[0], -h[1]))
    marks: list[Mark] = []
    for a, b, p in hits:
        if marks and a <= marks[-1].span[1] + patterns.merge_gap:
            last = marks[-1]
            end = max(last.span[1], b)
            names = last.names + ((p.name,) if p.name not in last.names else ())
            ids = last.ids + ((p.id,) if p.id not in last.ids else ())
            marks[-1] = Mark((last.span[0], end), text[last.span[0]:end], names, ids)
        else:
            marks.append(Mark((a, b), text[a:b], (p.name,), (p.id,)))
    return marks


# --- where text lives ---------------------------------------------------------------------------


class TextSpot:
    """One readable text of the document with where it sits.

    ``location`` and ``where`` (Chinese: 「第二章 预审核」中的段落 / 表2-1 第3行第2列 / 页眉) are built
    on first use: a report has thousands of spots and only the few with a finding are ever shown, so
    formatting every cell's "第 r 行第 c 列" up front was most of the cost of listing the spots."""

    __slots__ = ("text", "_location", "_where", "_cell")

    def __init__(self, text: str, location: Location | None, where: str | None = None, cell=None):
        self.text = text
        self._location = location
        self._where = where
        self._cell = cell          # (section, table, row, col) of a table cell: location/where on demand;
                                   # (section, paragraph) of a paragraph: where on demand

    @property
    def location(self) -> Location | None:
        if self._location is None and self._cell is not None:
            _section, table, r, c = self._cell
            loc = table.location
            self._location = Location(loc.block, paragraph=loc.paragraph, table=table.index, row=r, col=c,
                                      page=loc.page, heading_path=loc.heading_path)
        return self._location

    @property
    def has_location(self) -> bool:
        """``location is not None``, without building the Location of a table cell."""
        return self._location is not None or self._cell is not None

    @property
    def where(self) -> str:
        if self._where is None:
            if len(self._cell) == 2:  # (section, paragraph)
                section, paragraph = self._cell
                self._where = f"{section(paragraph.location)}中的段落"
            else:
                section, table, r, c = self._cell
                self._where = f"{section(table.location)}{table_name(table)}第 {r + 1} 行第 {c + 1} 列"
        return self._where


def table_name(table) -> str:
    return f"「{table.caption}」" if table.caption else f"第 {table.index + 1} 个表格"


def _sections(doc):
    """block index → the text (number label included) of the heading it sits under."""
    heads = [(b.location.block, b.text) for b in doc.blocks if isinstance(b, Heading)]
    starts = [h[0] for h in heads]

    def section(loc: Location) -> str:
        i = bisect.bisect_right(starts, loc.block) - 1
        return f"「{heads[i][1]}」" if i >= 0 else "封面、封二等前置部分"

    return section


class SpotList(Sequence):
    """All readable texts of a document, in order, as TextSpots made only when asked for.

    Why: a 100-page report has ~4,400 texts, ~4,000 of them table cells, and the text rules look
    for a few dozen (placeholder marks, dates). ``found`` answers "which texts pass this test"
    without a spot — nor even a Python step — per cell: a table whose joined cell texts
    (docgen.check.textindex) fail a prefilter is skipped whole. The full sequence (``texts``,
    indexing, iteration) is built on first use, for callers that do need every text."""

    __slots__ = ("_doc", "_section", "_head", "_tail", "_entries", "_texts", "_spots", "_head_joined",
                 "_tables_joined")

    def __init__(self, doc):
        self._doc = doc
        self._section = section = _sections(doc)
        self._head: list[tuple] = []          # (text, location, where, cell) — TextSpot's arguments
        for block in doc.blocks:
            if isinstance(block, Heading):
                self._head.append((block.text, block.location, f"标题「{block.text}」", None))
            elif isinstance(block, Paragraph):
                self._head.append((block.text, block.location, None, (section, block)))
        self._tail = [(text, None, part, None)
                      for part, texts in (("页眉", doc.headers), ("页脚", doc.footers), ("脚注", doc.footnotes))
                      for text in texts]
        self._entries: list[tuple] | None = None
        self._texts: list[str] | None = None
        self._spots: list[TextSpot | None] | None = None
        self._head_joined: tuple[str, list[int]] | None = None
        self._tables_joined: tuple[str, list[int], list[int]] | None = None

    def _cell_entry(self, table, cell) -> tuple:
        """TextSpot's arguments for a table cell (a merged cell once, at its origin)."""
        return cell.text, None, None, (self._section, table, cell.row, cell.col)

    def found(self, test, hint=None) -> list[TextSpot]:
        """The spots whose text passes ``test``, in document order. ``hint``: a pattern (or a tuple
        of patterns) of which one is found in every text that passes ``test`` (a character class, a
        substring), with no anchor or lookaround, that never matches the joining character — then
        the paragraphs are searched once, joined, and each table once, in its cell texts joined
        (docgen.check.textindex), and ``test`` is asked only of the texts holding a hit; every other
        text is never looked at. Without ``hint`` every text is tested.

        Measured on a 100-page report (266 paragraphs, 4,100 cells): the date hints over the joined
        paragraphs cost 0.07 ms, where one test per paragraph cost 0.1 ms before its own search. The
        tables' joined texts are joined once more, so that each hint is searched once over all of
        them: searched table by table, the 33 tables × 10 date hints (and × 17 trigger characters)
        cost as much in calls as in searching."""
        hints = (hint,) if isinstance(hint, re.Pattern) else tuple(hint or ())
        if hints:
            out = [TextSpot(*self._head[i]) for i in self._head_hits(hints) if test(self._head[i][0])]
            in_tables = self._table_hits(hints)
        else:
            out = [TextSpot(*e) for e in self._head if test(e[0])]
        for k, table in enumerate(self._doc.tables):
            joined = table_text(table)
            if not hints or not joined.aligned:  # (not aligned: a cell holds JOIN; numbering by joiners fails)
                candidates = joined.cells
            elif k in in_tables:
                candidates = cells_at(joined, in_tables[k])
            else:
                continue  # no hit in this table
            # (distinct non-empty cells, row-major; blank ones carry no text)
            out += [TextSpot(*self._cell_entry(table, cell)) for cell in candidates
                    if test(cell.text) and not cell.text.isspace()]
        out += [TextSpot(*e) for e in self._tail if test(e[0])]
        return out

    def _head_hits(self, hints: tuple) -> list[int]:
        """The numbers of the paragraphs and headings in which one of ``hints`` is found, in
        order: the hints searched in their texts joined by JOIN (built once per document)."""
        if self._head_joined is None:
            texts = [e[0] for e in self._head]
            self._head_joined = (JOIN.join(texts), piece_starts(texts))
        text, starts = self._head_joined
        out: list[int] = []
        for at in _hit_starts(hints, text):
            i = bisect.bisect_right(starts, at) - 1  # (by position: right even if a text holds JOIN)
            if not out or out[-1] != i:
                out.append(i)
        return out

    def _table_hits(self, hints: tuple) -> dict[int, list[int]]:
        """Table number → positions (in increasing order) in that table's joined text
        (``table_text(table).text``) where one of ``hints`` is found, for the tables whose cells
        are ``aligned`` (the others are tested cell by cell): the hints searched once in all those
        texts joined by JOIN (built once per document)."""
        if self._tables_joined is None:
            texts, numbers = [], []
            for k, table in enumerate(self._doc.tables):
                joined = table_text(table)
                if joined.aligned and joined.cells:
                    texts.append(joined.text)
                    numbers.append(k)
            self._tables_joined = (JOIN.join(texts), piece_starts(texts), numbers)
        text, starts, numbers = self._tables_joined
        out: dict[int, list[int]] = {}
        for at in _hit_starts(hints, text):
            i = bisect.bisect_right(starts, at) - 1
            out.setdefault(numbers[i], []).append(at - starts[i])
        return out

    def _all(self) -> list[tuple]:
        if self._entries is None:
            self._entries = self._head + [self._cell_entry(table, cell) for table in self._doc.tables
                                          for cell in table_text(table).cells if not cell.text.isspace()] + self._tail
        return self._entries

    @property
    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = [e[0] for e in self._all()]
        return self._texts

    def __len__(self) -> int:
        return len(self._all())

    def __bool__(self) -> bool:
        return bool(self._head or self._tail) or len(self) > 0

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        entries = self._all()
        if self._spots is None:
            self._spots = [None] * len(entries)
        spot = self._spots[i]
        if spot is None:
            spot = self._spots[i] = TextSpot(*entries[i])
        return spot

    def __iter__(self):
        return (self[i] for i in range(len(self)))


def cells_at(joined, positions) -> list:
    """The cells of a table's joined text (``docgen.check.textindex.TableText``, ``aligned``) that
    hold the given positions of its ``text`` (in increasing order), each once, in order: a cell's
    number is the count of joiners before the position."""
    cells = joined.cells
    out: list = []
    for number in piece_numbers(joined.text, positions):
        if not out or out[-1] is not cells[number]:
            out.append(cells[number])
    return out


def _hit_starts(hints: tuple, text: str) -> list[int]:
    """Where the hints are found in ``text``, in order (each hint searched on its own; one that
    begins with a literal character not in ``text`` is not searched at all)."""
    leads = _leads(hints)
    if len(leads) == 1 and leads[0][0] is None:
        return [m.start() for m in leads[0][1].finditer(text)]
    return sorted({m.start() for lead, hint in leads if lead is None or lead in text for m in hint.finditer(text)})


_MAX_SPLIT_CLASS = 64  # a plain class of more characters is searched as it is


@lru_cache(maxsize=64)
def _leads(hints: tuple) -> tuple[tuple[str | None, re.Pattern], ...]:
    """The hints as (leading literal character or None, pattern) to search: a hint that is a plain
    class of characters (``trigger_class``'s ``[…]``) becomes one literal pattern per character —
    the same positions — and any hint that begins with a literal character is led by it, so that
    ``ch in text``, a memchr-speed test, rules it out where the character is absent.

    Why: a regex that begins with a character class costs ≈ 3 ns a character to search; a literal
    is found at memchr speed. Over a 100-page report's paragraphs and tables (53,000 characters):
    the placeholder trigger (17 characters, 5 of them present) 0.21 ms as a class, 0.09 ms split;
    the date separators ``[.\\-/．－／‐‑–]…`` 0.21 ms as a class, 0.10 ms as one hint per separator
    (the three ASCII ones are found in nearly every table, the six others in none)."""
    out: list[tuple[str | None, re.Pattern]] = []
    for hint in hints:
        try:
            items = list(_parser.parse(hint.pattern, hint.flags)) if not hint.flags & re.IGNORECASE else []
        except re.error:
            items = []
        first = items[0] if items else None
        if (len(items) == 1 and first[0] is _sre.IN and len(first[1]) <= _MAX_SPLIT_CLASS
                and all(kind_ is _sre.LITERAL for kind_, _ in first[1])):
            out += [(chr(c), re.compile(re.escape(chr(c)))) for _, c in first[1]]
        else:
            out.append((chr(first[1]) if first is not None and first[0] is _sre.LITERAL else None, hint))
    return tuple(out)


def text_spots(doc) -> SpotList:
    """All readable text of a document with its location, in document order (headers, footers
    and footnotes last)."""
    return SpotList(doc)


def _context(text: str, span: tuple[int, int], width: int) -> str:
    a, b = span
    left = ("…" if a > width else "") + text[max(0, a - width):a]
    right = text[b:b + width] + ("…" if len(text) > b + width else "")
    return f"{left}【{text[a:b]}】{right}".replace("\n", " ")


@kind("placeholders")
def placeholders(ctx):
    params = ctx.params
    patterns = load_patterns(params.get("patterns_file", DEFAULT_FILE), tuple(params.get("disable", [])),
                             tuple(params.get("extra", [])))
    spots = ctx.cached("text_spots", lambda: text_spots(ctx.doc))
    if not spots:
        raise NotEvaluableRule("文档没有可读的文字")
    limit = int(params.get("max_findings", 50))
    width = int(params.get("context_chars", 12))
    total, shown = 0, 0
    marks_of: dict[str, list[Mark]] = {}  # a text met again (a column of "加权分 R×W") is not searched again
    for spot in candidate_spots(spots, patterns):
        marks = marks_of.get(spot.text)
        if marks is None:
            marks = marks_of[spot.text] = find_placeholders(spot.text, patterns)
        for mark in marks:
            total += 1
            if shown >= limit:
                continue
            shown += 1
            yield ctx.finding(f"{spot.where}有未替换的占位内容「{mark.text}」",
                              location=spot.location,
                              evidence=f"{_context(spot.text, mark.span, width)}（识别为：{'、'.join(mark.names)}）",
                              suggestion="请用实际内容替换占位符；确不适用的栏目请填写“/”或“无”并说明。")
    if total > shown:
        yield ctx.finding(f"另有 {total - shown} 处占位内容未逐一列出（共 {total} 处）",
                          evidence=f"每份文档最多逐条列出 {limit} 处（max_findings）",
                          suggestion="全文检索 XXX、××、【】、待定、待补充 等占位内容并逐一替换。")
