"""Numeric relation rules (category ``numeric``, codes NUM-0xx): the figures of a report agree with
each other — the checks that make docgen more than a section counter (checker.md §7.3: XBRL gets
cross-table consistency from its calculation linkbase; a Word report has nothing comparable, so the
rule packs declare the relations and these kinds recompute them).

Every relation is recomputed from the figures as PRINTED, with Decimal interval arithmetic whose
width comes from the displayed precision (docgen.check.numbers): a stated figure contradicts the
computation only when no value it may stand for (± half its last digit) lies in the interval the
other printed figures allow. So a rounded but correct report never fails, and a changed digit in a
total always does. Each finding's evidence shows the computation a clerk can redo by hand, e.g.
"Σ 第3–16行 = 70.90 ≠ 合计 72.90（容差 ±0.075）", and its location is the table/row/column of the
figure that disagrees.

The kinds (one module each, this one holds the shared machinery and ``column_total``):

* ``column_total`` (here) — a 合计/总计/小计 row equals the sum of the rows it closes;
* ``row_difference`` / ``row_rate`` (numeric_rows) — 削减量 = 审核前 − 审核后, 削减率 = 削减量 / 审核前;
* ``product_column`` (numeric_energy) — 折标准煤 = 实物量 × 折标系数, with the factor table fallback;
* ``balance`` (numeric_balance) — 物料平衡 totals, 差值, 偏差率 and the tolerance;
* ``weighted_score`` (numeric_scores) — 权重总和计分排序: W×R, Σ, 排序 and the stated 审核重点;
* ``economics`` (numeric_economics) — T-19c D, T, E, F, N, NPV, NPVR, IRR from I, P, Y, t, i, n;
* ``scheme_counts`` (numeric_counts) — the number of 无/低费 and 中/高费 schemes stated = listed;
* ``same_figure`` (numeric_figures) — one figure printed in two places is the same.

Identifying tables: a rule's ``table`` param is a table spec in the format of
docgen.check.tables (``{target_id, name, aliases, columns: [{id, aliases, required}],
min_coverage}``) recognised with ``tables.recognise``; or just a target id ("T-16"), which takes the
spec of the profile's ``required_table`` rule for that target (one shared assignment). A table that
cannot be found makes the rule ``not_evaluable`` (never a silent pass) unless the rule sets
``if_missing: skip`` (for tables that are legitimately absent, e.g. no 中/高费 scheme).

params of ``column_total``:

* ``table`` — the spec (above); ``all_tables`` (default false): check every table matching the
  spec, not only the best one (several 平衡表, several 方案表 …);
* ``columns`` — concept ids of the spec whose column totals are checked; default: every column in
  which the total row prints a number (percentages are never summed);
* ``exclude_columns`` — concept ids never summed (序号, 排序, 年份 …);
* ``total_labels`` (default [合计, 总计]) and ``subtotal_labels`` (default [小计]) — a row is a total
  row when one of its text cells ends with a label ("经济效益合计", "新鲜水合计", "合计"). A total
  closes the rows since the previous total (a 小计 the rows since the previous 小计 or total; a 合计
  after 小计 rows adds the detail rows, not the 小计). A label with a prefix ("经济效益合计") is
  restricted to the rows where a cell equals the prefix (the 经济效益 group of a 绩效表) when such
  rows exist. A total written as the first data row closes the rows below it;
* ``require_total`` (default false) — a table without any total row is reported (as a warning:
  domain.md §2.4 "totals row required" for T-18);
* ``unit_column`` — concept id of a 单位 column: each row's unit (else the unit written in the
  cell, else the unit in the column header). Terms in different but convertible units are brought
  to the unit of the total (万元/元, t/万t/kg, kWh/万kWh, m³/万m³ — docgen.calc.units); terms that
  cannot be converted make that column not evaluable.
"""

from __future__ import annotations

import re
import re._parser as sre_parse
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from docgen.calc.errors import UnitError
from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.memo import data_key
from docgen.check.numbers import (
    Interval,
    ParsedNumber,
    _parse_number,  # (see column_sum)
    convert_interval,
    fmt,
    known_unit,
    parse_number,
)
from docgen.check.tables import (
    TableMatch,
    could_reach,
    find_column,
    header_unit,
    is_na,
    is_placeholder,
    profile_specs,
    recognise,
    score_table,
    spec_probe,
)
from docgen.check.textindex import JOIN, piece_starts, pieces_containing, table_text
from docgen.read.model import Cell, Location, Paragraph, Table
from docgen.read.normalize import fold, norm

DEFAULT_TOTAL_LABELS = ("合计", "总计")
DEFAULT_SUBTOTAL_LABELS = ("小计",)

#: docgen.read.normalize.norm, memoised: the numeric rules compare the same labels and cell texts
#: over and over (a table's rows are classified by several rules).
cnorm = lru_cache(maxsize=32768)(norm)


# ─── finding tables ───────────────────────────────────────────────────────────────────────────────

def _spec(ctx, spec) -> dict:
    if isinstance(spec, str):
        for s in profile_specs(ctx.profile):
            if s["target_id"] == spec:
                return s
        raise NotEvaluableRule(f"规则包中没有表格 {spec} 的识别规则（required_table），无法定位该表")
    if not isinstance(spec, dict) or "target_id" not in spec:
        raise NotEvaluableRule("规则参数 table 应为表格识别规则（含 target_id）或表格编号")
    return spec


def spec_name(spec: dict) -> str:
    return f"{spec.get('name') or spec['target_id']}（{spec['target_id']}）"


def find_tables(ctx, spec, *, many: bool = False, required: bool | None = None) -> list[TableMatch]:
    """The table(s) a rule works on. ``many``: every table reaching the spec's min_coverage, in
    document order; else the best one (shared assignment for target ids, own spec otherwise).
    Raises NotEvaluableRule when nothing is found, unless ``if_missing: skip`` (then [])."""
    spec_dict = _spec(ctx, spec)
    if many:
        found = ctx.cached("numeric:many:" + data_key(spec_dict),
                           lambda: _all_matches(ctx.doc, spec_dict))
    else:
        specs = None if isinstance(spec, str) else [spec_dict]
        m = recognise(ctx, specs).get(spec_dict["target_id"])
        found = [m] if m else []
    for m in found:
        m.spec = spec_dict  # concept aliases for concept_column (also when the rule named only a target id)
    if found:
        return found
    if required is None:
        required = ctx.params.get("if_missing", "not_evaluable") != "skip"
    if not required:
        return []
    raise NotEvaluableRule(f"未找到{spec_name(spec_dict)}，无法核算本项数值关系")


def _all_matches(doc, spec: dict) -> list[TableMatch]:
    min_cov = float(spec.get("min_coverage", 0.8))
    probe = spec_probe(spec)
    found = [score_table(t, spec) for t in doc.tables
             if t.continued_from is None and t.nested_in is None and could_reach(t, spec, min_cov, probe)]
    found = [m for m in found if m.score >= min_cov]
    for m in found:
        m.pieces = [t for t in doc.tables if t.continued_from == m.table.index]
    return found


def concept_column(match: TableMatch, spec, concept: str) -> int | None:
    """The column of a concept: from the recognition, else by the concept's aliases."""
    if concept in match.columns:
        return match.columns[concept]
    spec_dict = getattr(match, "spec", None) or (spec if isinstance(spec, dict) else {})
    for c in spec_dict.get("columns", []):
        if c["id"] == concept:
            return find_column(match.table, [c.get("name", "")] + list(c.get("aliases", [])))
    return None


# ─── body text ────────────────────────────────────────────────────────────────────────────────────

class _Body:
    """The document's body paragraphs and their texts joined by JOIN (textindex), once per document."""

    __slots__ = ("paragraphs", "starts", "text")

    def __init__(self, paragraphs: list[Paragraph]):
        self.paragraphs = paragraphs
        texts = [p.text for p in paragraphs]
        self.text = JOIN.join(texts)
        self.starts = piece_starts(texts)


def body_paragraphs(ctx, literals=None) -> list[Paragraph]:
    """The body paragraphs (``doc.paragraphs``, in order) — only those containing one of
    ``literals`` when given and none of them is empty (or holds the joining character).

    Why: the numeric kinds look for sentences ("确定……为审核重点", "共提出方案N项", "综合能耗 1234.5
    tce") with patterns run on every paragraph; a pattern without a literal prefix (one that opens
    with an optional group or a look-behind) is tried at every character of the body, ≈ 0.3–0.7 ms
    per pattern for a 100-page report. Every match holds the pattern's required literal
    (``required_literal``), so the paragraphs without it are skipped after one C-level search of
    the joined body text (``pieces_containing``: a literal without JOIN lies within one paragraph)."""
    body = ctx.cached("numeric:body", lambda: _Body(ctx.doc.paragraphs))
    if literals is None:
        return body.paragraphs
    literals = list(literals)
    if not all(literals) or any(JOIN in lit for lit in literals):
        return body.paragraphs
    found: set[int] = set()
    for lit in literals:
        found.update(pieces_containing(body.text, body.starts, lit))
    return [body.paragraphs[i] for i in sorted(found)]


@lru_cache(maxsize=256)
def required_literal(pattern: str, flags: int = 0) -> str:
    """The longest run of plain characters that every match of the regular expression holds: a
    run of literal characters in its top-level sequence (each of them is matched, in order, by
    any match); "" when there is none or the pattern ignores case."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return ""
    if (flags | parsed.state.flags) & re.IGNORECASE:
        return ""
    best = run = ""
    for op, av in parsed:
        run = run + chr(av) if op == sre_parse.LITERAL else ""
        if len(run) > len(best):
            best = run
    return best


# ─── cells ────────────────────────────────────────────────────────────────────────────────────────

def origin_cell(table: Table, r: int, c: int) -> Cell | None:
    """The cell at (r, c) when it starts there; merged continuations (and cells spanning several
    columns, whose figure belongs to no single column) give None so nothing is counted twice."""
    if r >= len(table.grid) or c >= len(table.grid[r]):
        return None
    cell = table.grid[r][c]
    if cell.row != r or cell.col != c or cell.colspan > 1:
        return None
    return cell


def row_cells(table: Table, r: int) -> tuple[tuple[int, Cell, str], ...]:
    """(col, cell, matching form) of each distinct cell of row ``r`` — a cell merged across columns
    once, at its first column — worked out once per row and kept on the Table object. Why: the
    numeric kinds classify the same rows again and again (total row? labelled 差值? group label?),
    and each test used to re-walk the row, re-deduplicate merged cells and look the normalised text
    up again; a 100-page report has ≈ 4,000 cells.

    The matching form is ``Cell.norm``, which ``table_text`` fills in for the whole table from one
    normalisation of its joined text: ``cnorm`` per cell cost one OpenCC call per text not seen
    before (≈ 0.9 ms of a new report's check, measured with the text caches emptied).

    No figure: the record used to hold every cell's parsed number, but the balance rules (its only
    users) ask for the figure of a cell only once its form has passed a label test — a handful of
    cells per table — so every other cell of a balance table was parsed for nothing (≈ 370 cells of
    the bench report's three balance tables: ≈ 0.3 ms of a check after another report, when most
    of its figures are new to the parse cache). Callers test the label first, then parse."""
    rows = table.__dict__.get("_row_cells")
    if rows is None:
        rows = table.__dict__["_row_cells"] = [None] * len(table.grid)
        table_text(table)  # (kept on the table: recognising it has mostly made it already)
    out = rows[r]
    if out is None:
        seen: set[int] = set()
        facts = []
        for c, cell in enumerate(table.grid[r]):
            key = id(cell)
            if key in seen:
                continue
            seen.add(key)
            # the norm slot, else the property ("" for an empty cell; computed when the table's
            # joined text could not be split per cell)
            facts.append((c, cell, cell._norm or cell.norm))
        out = rows[r] = tuple(facts)
    return out


@lru_cache(maxsize=1024)
def label_forms(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The matching forms of a label list (rule data: the same few lists for every row)."""
    return tuple(cnorm(label) for label in labels)


def number_at(table: Table, r: int, c: int) -> ParsedNumber | None:
    cell = origin_cell(table, r, c)
    return parse_number(cell.text) if cell is not None else None


def is_blank(text: str) -> bool:
    """Empty, a not-applicable marker (—, /, 无 …) or a placeholder: no figure, and not an error here."""
    return _blank(text or "")


#: the characters of a plainly printed figure ("70.90", "-12", "1,234.5", "12.5%")
_PLAIN_FIGURE_CHARS = "0123456789.-+%, "


def blank_unless_figure(text: str, num: ParsedNumber | None) -> bool:
    """``is_blank(text)`` for a cell's text and its figure (``_parse_number(text)``), with no look
    at the text when the figure is printed plainly. Why: a figure new to the checker (every figure
    of a report checked after another one) cost a blank test of its own — fold, the not-applicable
    markers, the placeholder patterns, ≈ 0.6 µs — before it was parsed anyway. A text that parses
    and holds only digits, . - + % , and spaces is no blank: its fold keeps its digits (not
    empty), no marker (—, -, /, 无, 不适用) holds a digit, and every placeholder pattern needs a
    character it lacks (X, ×, 【, {, _, 待…, TBD)."""
    if num is not None and not text.strip(_PLAIN_FIGURE_CHARS):
        return False
    return _blank(text)


@lru_cache(maxsize=32768)
def _blank(text: str) -> bool:
    # memoised as one question: the numeric rules ask it of every figure cell, often of the same cell
    return not fold(text) or is_na(text) or is_placeholder(text)


def column_unit(table: Table, col: int) -> str | None:
    """The unit in a column's header, if it is a unit ("预计投资（万元）" → 万元; "现状值（2023年）"
    and "近期目标（本轮审核结束）" are not units; "废水量（2023年，t/a）" → t/a).

    Kept per table and column (``_column_units``, dropped by engine.release_caches): cell_unit asks
    it for nearly every figure the numeric rules read (≈ 560 asks per check of the 100-page bench
    report for 31 distinct columns), and each answer split the header text and looked each part
    up in the unit registry (two memoised parses per part): ≈ 0.25 ms per check."""
    kept = table.__dict__.get("_column_units")
    if kept is None:
        kept = table.__dict__["_column_units"] = {}
    if col in kept:
        return kept[col]
    unit = kept[col] = _column_unit(table, col)
    return unit


def _column_unit(table: Table, col: int) -> str | None:
    text = header_unit(table, col)  # (kept per column by docgen.check.tables)
    if not text:
        return None
    for part in text.replace("，", ",").replace("；", ",").replace(";", ",").split(","):
        unit = known_unit(part)
        if unit:
            return unit
    return None


def cell_unit(table: Table, r: int, c: int, num: ParsedNumber | None, unit_col: int | None) -> str | None:
    """The unit of a figure: written in the cell, else in the column header ("折标准煤（tce）"), else
    the row's 单位 cell (a 单位 column describes the columns whose headers carry no unit)."""
    if num is not None and num.unit:
        return num.unit
    header = column_unit(table, c)
    if header:
        return header
    if unit_col is not None and unit_col < len(table.grid[r]):
        return known_unit(table.grid[r][unit_col].text)
    return None


def value_in(num: ParsedNumber, unit: str | None, target: str | None) -> Interval:
    """The printed figure's interval expressed in ``target`` (raises UnitError across dimensions)."""
    return convert_interval(num.interval(), unit, target)


def loc(table: Table, r: int | None = None, c: int | None = None) -> Location:
    at = table.location  # written out: dataclasses.replace costs ~10× this, and every figure gets one
    return Location(at.block, at.paragraph, table.index, r, c, at.page, at.heading_path, at.part)


def table_name(table: Table) -> str:
    return f"「{table.caption}」" if table.caption else f"第 {table.index + 1} 个表格"


def column_name(table: Table, col: int) -> str:
    if col < len(table.header_paths) and table.header_paths[col]:
        return table.header_paths[col]
    return f"第 {col + 1} 列"


_TEXT = attrgetter("text")

_DATE = re.compile(r"\d{4}\s*年|\d{4}[-./]\d{1,2}")


def row_label(table: Table, r: int, skip: set[int] | frozenset = frozenset()) -> str:
    """A row's name for messages: its first text (non-figure) cell — "单位产品综合能耗", "合计" —
    followed, when that is only a short id or category ("W-3", "能源", "COD"), by the last text cell
    before the first figure that is not a unit or a date ("能源 综合能耗", "Z-1 全厂新鲜水用量")."""
    seen: set[int] = set()  # (ids of the cells met: a merged cell repeats in the row)
    texts: list[str] = []
    for c, cell in enumerate(table.grid[r]):
        if c in skip or id(cell) in seen:
            continue
        seen.add(id(cell))
        text = cell.text.strip()
        if not text or is_blank(text):
            continue
        if parse_number(text) is not None:
            if texts:
                break
            continue
        texts.append(text)
    if not texts:
        return f"第 {r + 1} 行"
    first = texts[0]
    if any(cnorm(first).endswith(label) for label in DEFAULT_TOTAL_LABELS + DEFAULT_SUBTOTAL_LABELS):
        return first
    if len(first) <= 6:
        rest = [t for t in texts[1:] if not known_unit(t) and not _DATE.search(t)]
        if rest and rest[-1] != first:
            return f"{first} {rest[-1]}"
    return first


def row_key(table: Table, r: int, key_col: int | None) -> str:
    if key_col is not None and key_col < len(table.grid[r]):
        text = table.grid[r][key_col].text.strip()
        if text:
            return text
    return row_label(table, r)


def places_of(*nums: ParsedNumber) -> int:
    return max((n.places for n in nums), default=2)


def fmt_tol(half_width: Decimal, places: int) -> str:
    """The tolerance shown in evidence: one decimal more than the figures (0.075 for 2-decimal terms)."""
    return fmt(half_width, places + 1)


def rows_span(rows: list[int]) -> str:
    """"第3–16行" (1-based table rows, header rows counted, as a reader counts them)."""
    if not rows:
        return "（无数据行）"
    first, last = rows[0] + 1, rows[-1] + 1
    if len(rows) == last - first + 1:
        return f"第{first}–{last}行" if first != last else f"第{first}行"
    return "第" + "、".join(str(r + 1) for r in rows) + "行"


# ─── column_total ─────────────────────────────────────────────────────────────────────────────────

def _total_label(table: Table, r: int, labels: tuple[str, ...]) -> tuple[str, str] | None:
    """(label cell text, prefix) when a text cell of row r ends with one of ``labels`` (the first
    such cell of the row, in column order; "text": its figure is None)."""
    return total_rows_of(table, labels).get(r)


def total_rows_of(table: Table, labels: tuple[str, ...]) -> dict[int, tuple[str, str]]:
    """``_total_label`` of every row of the table that has one (``_total_rows``), kept on the table
    per label tuple: the callers walking a table's rows fetch it once per table, not per row."""
    kept = table.__dict__.get("_total_rows")
    if kept is None:
        kept = table.__dict__["_total_rows"] = {}
    rows = kept.get(labels)
    if rows is None:
        rows = kept[labels] = _total_rows(table, labels)
    return rows


def _total_rows(table: Table, labels: tuple[str, ...]) -> dict[int, tuple[str, str]]:
    """``_total_label`` of every row of a table that has one, found from the table's joined
    matching form: only the cells whose form contains a label are looked at (``TableText.
    containing``, C-level searches), and only the rows holding one of those.

    Why: the total rows were found by testing every cell of every data row — each rule with a
    合计/总计/小计 label walked all rows of its tables (≈ 1,500 cells per report for column_total
    alone, building ``row_cells`` for each of them); a table has one to three total rows."""
    forms = label_forms(labels)
    if not forms:
        return {}
    text = table_text(table)
    if text.aligned and "" not in forms:
        found: set[int] = set()
        kept = table.__dict__.get("_label_cells")  # (form → cells: 合计 is asked with several label sets)
        if kept is None:
            kept = table.__dict__["_label_cells"] = {}
        for form in forms:
            cells = kept.get(form)
            if cells is None:
                cells = kept[form] = tuple(text.containing(form))
            found.update(cells)
        cells = [text.cells[i] for i in sorted(found)]
    else:  # (a cell's form is not its piece of the joined form; an empty label ends every text)
        cells = text.cells
    hits = [cell for cell in cells if (t := cell.norm) and t.endswith(forms) and _parse_number(cell.text) is None]
    out: dict[int, tuple[str, str]] = {}
    if not hits:
        return out
    for r, line in enumerate(table.grid):
        present = [(line.index(cell), cell) for cell in hits if cell in line]  # (cells compare by identity)
        if present:
            cell = min(present, key=lambda at: at[0])[1]
            t = cell.norm
            lab = next(lab for lab in forms if t.endswith(lab))
            out[r] = (cell.text.strip(), t[: -len(lab)])
    return out


def classify_rows(table_rows: list[tuple[Table, int]], totals: tuple[str, ...], subtotals: tuple[str, ...]):
    """[(table, r, role, label, prefix)] with role total | subtotal | detail."""
    out = []
    last = None
    for table, r in table_rows:
        if table is not last:  # (the rows come table by table: a 续表 piece's after the first's)
            last, subs, tots = table, total_rows_of(table, subtotals), total_rows_of(table, totals)
        hit = subs.get(r)
        if hit:
            out.append((table, r, "subtotal", hit[0], hit[1]))
            continue
        hit = tots.get(r)
        if hit:
            out.append((table, r, "total", hit[0], hit[1]))
        else:
            out.append((table, r, "detail", "", ""))
    return out


def total_scopes(rows) -> list[tuple[int, list[int]]]:
    """For each total/subtotal row (index into ``rows``), the indexes of the detail rows it closes."""
    scopes = []
    last_total, last_sub = -1, -1
    for i, (table, r, role, label, prefix) in enumerate(rows):
        if role == "detail":
            continue
        start = (last_sub if role == "subtotal" and last_sub > last_total else last_total) + 1
        members = [j for j in range(start, i) if rows[j][2] == "detail"]
        if not members and i == start:  # a total written first closes the rows below it
            stop = next((j for j in range(i + 1, len(rows)) if rows[j][2] != "detail"), len(rows))
            members = list(range(i + 1, stop))
        if prefix:
            grouped = [j for j in members if any(c.norm == prefix for c in rows[j][0].grid[rows[j][1]])]
            if grouped:
                members = grouped
        scopes.append((i, members))
        if role == "total":
            last_total = i
            last_sub = i
        else:
            last_sub = i
    return scopes


def detail_rows(match: TableMatch, totals=DEFAULT_TOTAL_LABELS + DEFAULT_SUBTOTAL_LABELS):
    """(detail rows, total rows) of a matched table as (table, row) pairs: a detail row has some
    text and is not a 合计/总计/小计 row (续表 pieces included)."""
    details, total_rows = [], []
    totals = tuple(totals)
    last = None
    for t, r, cells in match.data_rows():
        if t is not last:
            last, labelled = t, total_rows_of(t, totals)
        if labelled.get(r):
            total_rows.append((t, r))
        elif not all(map(_blank, map(_TEXT, cells))):  # (some cell not is_blank: C-level maps)
            details.append((t, r))
    return details, total_rows


@kind("column_total")
def column_total(ctx):
    p = ctx.params
    spec = p["table"]
    totals = tuple(p.get("total_labels", DEFAULT_TOTAL_LABELS))
    subtotals = tuple(p.get("subtotal_labels", DEFAULT_SUBTOTAL_LABELS))
    checked = 0
    skipped: list[str] = []
    for match in find_tables(ctx, spec, many=bool(p.get("all_tables", False))):
        table = match.table
        rows = classify_rows([(t, r) for t, r, _ in match.data_rows()], totals, subtotals)
        if not any(role != "detail" for _, _, role, _, _ in rows):
            if p.get("require_total"):
                checked += 1
                yield ctx.finding(f"{table_name(table)}没有合计行，无法核对各方案（各项）合计",
                                  evidence=f"表中未见以「{'、'.join(totals)}」结尾的行", location=loc(table),
                                  severity="warning", suggestion="请在表末增加合计行，列出投资、效益等各列合计。")
            continue
        unit_col = concept_column(match, spec, p["unit_column"]) if p.get("unit_column") else None
        excluded = {concept_column(match, spec, c) for c in p.get("exclude_columns", [])}
        wanted = None
        if p.get("columns"):
            wanted = []
            for cid in p["columns"]:
                col = concept_column(match, spec, cid)
                if col is None:
                    skipped.append(f"{table_name(table)}未找到「{cid}」列")
                else:
                    wanted.append(col)
        for i, members in total_scopes(rows):
            t_table, t_row, _role, label, _ = rows[i]
            cols = wanted if wanted is not None else [c for c in range(t_table.n_cols) if c not in excluded]
            for c in cols:
                total = number_at(t_table, t_row, c)
                if total is None or total.percent or total.approx:
                    continue
                result = _sum_column(rows, members, c, total, t_table, t_row, unit_col, label)
                if isinstance(result, str):
                    skipped.append(f"{table_name(table)}「{column_name(table, c)}」：{result}")
                    continue
                checked += 1
                if result is not None:
                    yield ctx.finding(result[0], evidence=result[1], location=loc(t_table, t_row, c),
                                      suggestion="请核对各行数值与合计行，修正计算或抄录错误。")
    if not checked:
        why = "；".join(skipped[:3]) or "表中没有合计行，或合计行没有可核对的数值"
        raise NotEvaluableRule(f"没有可核对的合计数（{why}）")


def _sum_column(rows, members, c, total: ParsedNumber, t_table: Table, t_row: int, unit_col, total_name: str):
    """None when the total agrees, a (message, evidence) pair when not, a reason string when the
    column cannot be summed."""
    target_unit = cell_unit(t_table, t_row, c, total, unit_col)
    summed = column_sum(rows, members, c, target_unit, unit_col)
    if isinstance(summed, str):
        return summed
    acc, used, terms = summed
    nums = [total, *terms]
    places = places_of(*nums)
    stated = total.interval()
    if acc.meets(stated):
        return None
    tol = acc.half_width + total.half_unit
    unit = f" {target_unit}" if target_unit else ""
    label = rows_span(used)
    name = total_name
    message = (f"{table_name(t_table)}「{column_name(t_table, c)}」列的{name}与各行之和不符："
               f"{name} {total.text.strip()}，各行相加为 {fmt(acc.point, places)}")
    evidence = (f"Σ {label} = {fmt(acc.point, places)}{unit} ≠ {name} {fmt(total.value, places)}{unit}"
                f"（差 {fmt(total.value - acc.point, places)}，容差 ±{fmt_tol(tol, places)}）")
    return message, evidence


def column_sum(rows, members, c: int, target_unit: str | None, unit_col: int | None):
    """(Σ of column ``c`` over the ``members`` of ``rows`` in ``target_unit``, the rows summed, their
    figures), or the reason the column cannot be summed. Blank cells (—, /, 无, empty) are skipped.

    The sum's bounds and point are added up in three locals — the very Decimal additions
    ``Interval.__add__`` makes, in the same order — and made an Interval once at the end, instead
    of a new Interval per term (≈ 250 terms per check of the bench report)."""
    lo = hi = point = Decimal(0)
    used: list[int] = []
    nums: list[ParsedNumber] = []
    for j in members:
        table, r = rows[j][0], rows[j][1]
        cell = origin_cell(table, r, c)
        if cell is None:
            continue
        text = cell.text
        num = _parse_number(text)
        if blank_unless_figure(text, num):
            continue
        if num is None or num.approx:
            return f"第{r + 1}行「{text.strip()[:20]}」不是可相加的数值"
        if num.percent:
            return "百分数不相加"
        try:
            term = convert_interval(num.interval(), cell_unit(table, r, c, num, unit_col), target_unit)
        except UnitError:
            return f"第{r + 1}行的单位与合计行不一致且无法换算"
        lo, hi, point = lo + term.lo, hi + term.hi, point + term.point
        used.append(r)
        nums.append(num)
    if not used:
        return "合计行以上没有数值"
    return Interval(lo, hi, point), used, nums
