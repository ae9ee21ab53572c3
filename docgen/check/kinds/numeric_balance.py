"""``balance``: a material (or characteristic-pollutant) balance adds up — Σ输入 = 输入总计,
Σ输出 = 输出总计, 差值 = 输入总计 − 输出总计, 偏差率 = 差值 / 输入总计, and |偏差率| stays within the
conventional tolerance (domain.md §7.7 and §7.8 rule 11; review point R6).

Why: the balance is the evidence that the 审核 stage measured anything at all, and real reports get
it wrong — domain.md §7.7 cites one whose inputs − outputs = 99 648 kg while it states a 差值 of
43 088 kg. A balance whose 偏差率 exceeds the tolerance (5 % by convention, to verify; some use 3 %
for water) is not wrong arithmetic but an unreliable measurement: a warning for the experts.

Layouts recognised (every table matching the spec that shows both an input and an output group;
other tables matching the columns — an equipment list has 名称 and 数量 too — are ignored):

* stacked, with a group column ("输入 | DMF | 118.00", merged or repeated) or group header rows
  ("一、输入" alone on a row), one quantity column;
* side by side, with header groups 输入/… and 输出/… each holding a quantity column; the totals
  are then on one 合计/总计 row.

Rows: a row whose label ends with a total label (输入总计, 输出合计, 合计 …) is the group's total; a
row labelled with a difference label (差值, 差额) holds the stated 差值, one with a rate label (偏差率,
相对偏差, 误差率) the stated 偏差率 (a percentage, or a fraction without %); the figure is the first
number of the row right of its label.

params: ``table`` (spec; concept ``quantity`` is the amount column), ``all_tables`` (default true),
``input_labels`` [输入, 投入], ``output_labels`` [输出, 产出], ``total_labels`` [总计, 合计],
``difference_labels`` [差值, 差额], ``rate_labels`` [偏差率, 相对偏差, 误差率, 平衡误差],
``checks`` — any of ``totals``, ``difference``, ``rate`` (arithmetic: an error) and ``tolerance``
(|偏差率| ≤ ``tolerance``, default 0.05 as a fraction: a warning rule of its own).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache

from docgen.calc.errors import UnitError
from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.numeric import (
    blank_unless_figure,
    cell_unit,
    cnorm,
    concept_column,
    find_tables,
    fmt,
    fmt_tol,
    is_blank,
    label_forms,
    loc,
    origin_cell,
    places_of,
    row_cells,
    rows_span,
    table_name,
    value_in,
)
from docgen.check.memo import data_key
from docgen.check.numbers import (
    Interval,
    ParsedNumber,
    _parse_number,
    fmt_interval,
    parse_number,
)
from docgen.check.textindex import JOIN, table_text

HUNDRED = Decimal(100)


def _starts(text: str, labels) -> bool:
    return _starts_normalised(cnorm(text), labels)


_GROUP_NUMBERING = "一二三四五六七八九十、.()0123456789"


def _starts_normalised(t: str, labels) -> bool:
    return t.lstrip(_GROUP_NUMBERING).startswith(label_forms(tuple(labels)))


@lru_cache(maxsize=256)
def _line_starting(labels: tuple[str, ...]):
    """``_starts_normalised`` for every line of a text at once: matching forms (which hold no
    whitespace) joined by newlines are searched with one compiled pattern instead of a call per cell."""
    forms = "|".join(re.escape(f) for f in label_forms(labels) if f)
    return re.compile(f"^[{re.escape(_GROUP_NUMBERING)}]*(?:{forms})", re.MULTILINE).search if forms else (lambda _t: None)


def _labelled_value(table, r, labels) -> tuple[int, ParsedNumber] | None:
    """(col, figure) of the first number right of a cell containing one of ``labels``."""
    contains = _containing(tuple(labels))
    for c, cell, t in row_cells(table, r):
        if contains(t) and _parse_number(cell.text) is None:  # (the label first: few cells hold one)
            for c2 in range(c + 1, len(table.grid[r])):
                cell2 = origin_cell(table, r, c2)
                if cell2 is not None:
                    num = parse_number(cell2.text)
                    if num is not None:
                        return c2, num
            return None
    return None


@lru_cache(maxsize=256)
def _containing(labels: tuple[str, ...]):
    """A test "does this matching-form text contain one of the labels" as one compiled search."""
    return re.compile("|".join(re.escape(f) for f in label_forms(labels) if f) or r"(?!)").search


def _is_total(table, r, labels, skip_cols=()) -> bool:
    forms = label_forms(tuple(labels))
    for c, cell, t in row_cells(table, r):
        if c in skip_cols:
            continue
        if t and t.endswith(forms) and _parse_number(cell.text) is None:  # (the label first)
            return True
    return False


def _may_name_a_side(table, starts_in, starts_out) -> bool:
    """False only when no cell of the table starts with an input or output label: the table's
    joined matching form (textindex) with the joiner turned into line breaks holds every cell's
    form as a line (forms hold no whitespace), header cells too — a superset of the data cells
    ``_stacked`` searches, so False there means False for them."""
    text = table_text(table)
    if not text.aligned:
        return True
    lines = text.norm.replace(JOIN, "\n")
    return bool(starts_in(lines) or starts_out(lines))


class Side:
    def __init__(self, name: str):
        self.name = name
        self.items: list[tuple[object, int, int, ParsedNumber]] = []   # (table, row, col, figure)
        self.total: tuple[object, int, int, ParsedNumber] | None = None


def _stacked(match, spec, p):
    """Input/output sides of a stacked table, or None when it has no 输入/输出 groups."""
    q_col = concept_column(match, spec, p.get("quantity", "quantity"))
    if q_col is None:
        return None
    ins, outs = p["input_labels"], p["output_labels"]
    group_col = None
    rows = match.data_rows()
    starts_in, starts_out = _line_starting(tuple(ins)), _line_starting(tuple(outs))
    if not any(_may_name_a_side(t, starts_in, starts_out) for t in [match.table, *match.pieces]):
        return None  # (the test below, on every cell of the tables: no data row needs its row_cells)
    every_cell = "\n".join(t for tb, r, _ in rows for _c, _cell, t in row_cells(tb, r))
    if not (starts_in(every_cell) or starts_out(every_cell)):
        return None  # no cell names a side: no group column, no group row, no side of a total
    for c in range(match.table.n_cols):
        if c == q_col:
            continue
        values = "\n".join(t.grid[r][c].norm for t, r, _ in rows if c < len(t.grid[r]))
        if starts_in(values) and starts_out(values):
            group_col = c
            break
    sides = {"in": Side("输入"), "out": Side("输出")}
    special: dict[str, tuple] = {}
    current = None
    # (a cell's matching form is its Cell.norm — row_cells' form —, equal to cnorm of its text:
    # no look-up per row, which for a report new to the caches was a normalisation each)
    for t, r, _ in rows:
        filled = [(cell, form) for _, cell, form in row_cells(t, r) if cell.text.strip()]
        if group_col is not None:
            g = t.grid[r][group_col].norm
            current = "in" if _starts_normalised(g, ins) else "out" if _starts_normalised(g, outs) else None
        elif len(filled) == 1 and parse_number(filled[0][0].text) is None:
            form = filled[0][1]
            current = "in" if _starts_normalised(form, ins) else "out" if _starts_normalised(form, outs) else current
            continue
        diff = _labelled_value(t, r, p["difference_labels"])
        rate = _labelled_value(t, r, p["rate_labels"])
        if diff or rate:
            if diff and "difference" not in special:
                special["difference"] = (t, r) + diff
            if rate and "rate" not in special:
                special["rate"] = (t, r) + rate
            continue
        cell = origin_cell(t, r, q_col)
        num = parse_number(cell.text) if cell is not None else None
        label_total = _is_total(t, r, p["total_labels"], (q_col,))
        if label_total:
            # "输入总计" may sit in a row without a group value: its label names the side
            side = current
            for _c, _cell, t2 in row_cells(t, r):
                if _starts_normalised(t2, ins):
                    side = "in"
                elif _starts_normalised(t2, outs):
                    side = "out"
            if side and num is not None:
                sides[side].total = (t, r, q_col, num)
            continue
        if current is None or cell is None or num is None or num.approx:
            continue  # (a blank is no figure: skipped here too, whichever test comes first)
        if blank_unless_figure(cell.text, num):
            continue
        sides[current].items.append((t, r, q_col, num))
    if not (sides["in"].items or sides["in"].total) or not (sides["out"].items or sides["out"].total):
        return None
    return sides, special


def _side_by_side(match, p):
    table = match.table
    ins, outs = p["input_labels"], p["output_labels"]
    q_aliases = [cnorm(a) for a in p.get("quantity_aliases", ["数量", "质量", "重量", "量"])]
    q_cols = {}
    for c in range(table.n_cols):
        path = table.header_paths[c] if c < len(table.header_paths) else ""
        top, _, rest = cnorm(path).partition("/")
        if not rest or not any(a in rest for a in q_aliases):
            continue
        if _starts(top, ins):
            q_cols.setdefault("in", c)
        elif _starts(top, outs):
            q_cols.setdefault("out", c)
    if len(q_cols) != 2:
        return None
    sides = {"in": Side("输入"), "out": Side("输出")}
    special: dict[str, tuple] = {}
    for t, r, _ in match.data_rows():
        diff = _labelled_value(t, r, p["difference_labels"])
        rate = _labelled_value(t, r, p["rate_labels"])
        if diff and "difference" not in special:
            special["difference"] = (t, r) + diff
        if rate and "rate" not in special:
            special["rate"] = (t, r) + rate
        total = _is_total(t, r, p["total_labels"], tuple(q_cols.values()))
        for side, c in q_cols.items():
            cell = origin_cell(t, r, c)
            if cell is None or is_blank(cell.text):
                continue
            num = parse_number(cell.text)
            if num is None or num.approx:
                continue
            if total:
                sides[side].total = (t, r, c, num)
            elif not (diff or rate):
                sides[side].items.append((t, r, c, num))
    return sides, special


#: the params the layout of a balance table depends on (besides its match)
_LAYOUT_PARAMS = ("input_labels", "output_labels", "total_labels", "difference_labels", "rate_labels", "quantity",
                  "quantity_aliases")


def layout(ctx, match, spec, p):
    """(sides, labelled rows) of a balance table (``_side_by_side``, else ``_stacked``), or None —
    once per document for a table, its spec and the params the layout depends on. Why: a pack
    checks one balance table with two rules (the arithmetic, the tolerance), and reading its
    layout (every row's cells, labels and figures) again cost the second ≈ 0.3 ms. The result is only read.
    (The match's columns come from scoring the table against the spec, whichever rule found it.)"""
    # (the spec's canonical JSON joined as it is, not encoded again inside a JSON list: ≈ 6 µs a
    # key for a spec of ≈ 1,000 characters; none of the parts holds the separator, a NUL)
    key = "\0".join((str(match.table.index), data_key(match.spec),
                      json.dumps([p.get(k) for k in _LAYOUT_PARAMS], ensure_ascii=False)))
    return ctx.cached("numeric:balance:" + key, lambda: _side_by_side(match, p) or _stacked(match, spec, p))


@kind("balance")
def balance(ctx):
    p = dict(ctx.params)
    p.setdefault("input_labels", ["输入", "投入"])
    p.setdefault("output_labels", ["输出", "产出"])
    p.setdefault("total_labels", ["总计", "合计"])
    p.setdefault("difference_labels", ["差值", "差额"])
    p.setdefault("rate_labels", ["偏差率", "相对偏差", "误差率", "平衡误差"])
    checks = set(p.get("checks", ["totals", "difference", "rate"]))
    spec = p["table"]
    seen = 0
    for match in find_tables(ctx, spec, many=bool(p.get("all_tables", True))):
        found = layout(ctx, match, spec, p)
        if found is None:
            continue
        seen += 1
        yield from _check(ctx, match.table, found[0], found[1], checks, p)
    if not seen:
        raise NotEvaluableRule("未找到列有输入、输出两部分的物料平衡表，无法核算平衡")


def _total(side: Side, unit_of, ctx, checks, table, findings: list) -> tuple[Interval, ParsedNumber | None, str | None]:
    """The side's total (printed when present, else the sum), checking Σ items = printed total."""
    target_unit = unit_of(side.total) if side.total else (unit_of(side.items[0]) if side.items else None)
    acc = Interval.exact(0)
    for item in side.items:
        try:
            acc = acc + value_in(item[3], unit_of(item), target_unit)
        except UnitError:
            return acc, None, target_unit
    if side.total is None:
        return acc, None, target_unit
    t, r, c, printed = side.total
    if "totals" in checks and side.items and not acc.meets(printed.interval()):
        places = places_of(printed, *[i[3] for i in side.items])
        tol = acc.half_width + printed.half_unit
        rows = rows_span([i[1] for i in side.items])
        findings.append(ctx.finding(
            f"{table_name(t)}的{side.name}总计与各{side.name}项之和不符：{side.name}总计 {printed.text.strip()}，"
            f"各项相加为 {fmt(acc.point, places)}",
            evidence=(f"Σ{side.name} {rows} = {fmt(acc.point, places)} ≠ {side.name}总计 {printed.text.strip()}"
                      f"（容差 ±{fmt_tol(tol, places)}）"),
            location=loc(t, r, c), suggestion=f"请核对{side.name}各项数量与{side.name}总计。"))
    return printed.interval(), printed, target_unit


def _check(ctx, table, sides, special, checks, p):
    findings: list = []

    def unit_of(item):
        t, r, c, num = item
        return cell_unit(t, r, c, num, None)

    total_in, in_printed, unit = _total(sides["in"], unit_of, ctx, checks, table, findings)
    total_out, out_printed, out_unit = _total(sides["out"], unit_of, ctx, checks, table, findings)
    try:
        total_out = value_in(out_printed, out_unit, unit) if out_printed else total_out
    except UnitError:
        yield from findings
        return
    shown = [n for n in (in_printed, out_printed) if n] or [i[3] for i in sides["in"].items[:1]]
    places = places_of(*shown)
    in_text = in_printed.text.strip() if in_printed else fmt(total_in.point, places)
    out_text = out_printed.text.strip() if out_printed else fmt(total_out.point, places)
    difference = total_in - total_out
    if "difference" in checks and "difference" in special:
        t, r, c, d = special["difference"]
        if not difference.meets(d.interval()):
            tol = difference.half_width + d.half_unit
            findings.append(ctx.finding(
                f"{table_name(t)}的差值与输入、输出总计不符：输入总计 − 输出总计 = {fmt(difference.point, places)}，"
                f"表中差值为 {d.text.strip()}",
                evidence=(f"差值 = {in_text} − {out_text} = {fmt(difference.point, places)} ≠ 表中 {d.text.strip()}"
                          f"（容差 ±{fmt_tol(tol, places)}）"),
                location=loc(t, r, c), suggestion="请按 差值 = 输入总计 − 输出总计 重新计算。"))
    try:
        rate = difference / total_in
    except ZeroDivisionError:
        yield from findings
        return
    if "rate" in checks and "rate" in special:
        t, r, c, stated = special["rate"]
        if not any(rate.meets(reading) for reading in stated.rate_readings()):
            findings.append(ctx.finding(
                f"{table_name(t)}的偏差率与输入、输出总计不符：按（输入总计 − 输出总计）/ 输入总计 计算为 "
                f"{fmt(rate.point * HUNDRED, stated.places + 1)}%，表中为 {stated.text.strip()}",
                evidence=(f"偏差率 = ({in_text} − {out_text}) / {in_text} = {fmt(rate.point * HUNDRED, stated.places + 2)}%"
                          f"（按显示精度 {fmt_interval(rate.scale(HUNDRED), stated.places + 2)}%）≠ 表中 {stated.text.strip()}"),
                location=loc(t, r, c), suggestion="请按 偏差率 =（输入总计 − 输出总计）/ 输入总计 × 100% 重新计算。"))
    if "tolerance" in checks:
        limit = Decimal(str(p.get("tolerance", "0.05")))
        if rate.abs().lo > limit:
            where = special.get("rate") or special.get("difference")
            at = loc(where[0], where[1], where[2]) if where else loc(table)
            findings.append(ctx.finding(
                f"{table_name(table)}的偏差率 {fmt(rate.point * HUNDRED, 2)}% 超出允许偏差 ±{fmt(limit * HUNDRED, 1)}%，"
                f"平衡结果不可信",
                evidence=(f"偏差率 = ({in_text} − {out_text}) / {in_text} = {fmt(rate.point * HUNDRED, 2)}%；"
                          f"|偏差率| > {fmt(limit * HUNDRED, 1)}%（允许偏差，规则参数 tolerance）"),
                location=at, suggestion="请复核实测数据和物料衡算范围，查明不平衡原因并在报告中说明。"))
    yield from findings
