"""``same_figure``: one figure printed in two places is the same figure — the 合计 of the options
table and the total stated in the text, the investment of a scheme in the implementation plan and in
its economic evaluation, the baseline 综合能耗 of the energy table and of the environmental
evaluation, the 审核前 of the 绩效表 and of the target table (domain.md §7.8 rules 1, 6, 7; checker.md
§7.3: "the reduction stated in the 摘要 equals the 合计 of the balance table …").

Units are normalised through docgen.calc.units (a plan in 元 and an options table in 万元 agree when
591.00 万元 = 5 910 000 元), from the unit in the cell, the row's 单位 column or the column header;
the tolerance is the printed precision of both figures.

params:

* ``sides`` — two or more figures; each side is either
  a table cell ``{table: spec, row: [label aliases], col: [header aliases], pick: first|last,
  unit_column: concept id, unit: default unit}`` (the row whose text cell equals an alias — else
  starts with one; the column whose header matches, ``pick`` choosing among several, e.g. the last
  year of 折标准煤/2021年 … 2023年), or a text figure ``{text: regex with a group value (and
  optionally unit), unit: default unit}`` (every match in the body paragraphs is compared);
  a side may be ``optional: true`` (skipped when absent: text is phrased in many ways);
* ``key`` — instead of one row per side, join the rows of two table sides by a key concept (方案编号):
  each side is ``{table, col: [aliases], key: concept id}`` and every key present in both tables is
  compared (e.g. 投资 of each scheme in T-21 = 总投资 I in T-19c).

Every other side is compared with the first; a side that cannot be found makes the rule
``not_evaluable`` unless it is optional.
"""

from __future__ import annotations

import re

from docgen.calc.errors import UnitError
from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.numeric import (
    _spec,
    body_paragraphs,
    cell_unit,
    cnorm,
    column_name,
    concept_column,
    detail_rows,
    find_tables,
    fmt,
    fmt_tol,
    is_blank,
    loc,
    number_at,
    origin_cell,
    places_of,
    required_literal,
    row_label,
    spec_name,
    table_name,
)
from docgen.check.numbers import (
    ParsedNumber,
    convert_interval,
    known_unit,
    parse_number,
)
from docgen.check.tables import column_score
from docgen.check.textindex import table_text


class Figure:
    def __init__(self, num: ParsedNumber, unit: str | None, where, what: str):
        self.num, self.unit, self.where, self.what = num, unit, where, what


def _columns(table, aliases, pick: str) -> int | None:
    scored = [(column_score(table, c, aliases), c) for c in range(table.n_cols)]
    best = max((s for s, _ in scored), default=0)
    cols = [c for s, c in scored if s == best and s > 0]
    if not cols:
        return None
    return cols[-1] if pick == "last" else cols[0]


def _row(match, aliases):
    """The first data row with a cell whose matching form equals an alias form, else the first with
    one starting with an alias form. Each cell is asked once per pass with one C-level test (set
    membership, ``str.startswith`` with a tuple) instead of a generator over the forms: the same
    answers (``any(n == f …)`` / ``any(n.startswith(f) …)``; no form: neither matches), ≈ 1,650
    generator steps fewer per check of the 100-page bench report."""
    forms = tuple(cnorm(a) for a in aliases)
    for t in [match.table, *match.pieces]:
        table_text(t)  # every cell's matching form (Cell.norm) from one normalisation of the table
    rows = [(t, r) for t, r, _ in match.data_rows()]
    exact_forms = frozenset(forms)
    for exact in (True, False):
        for t, r in rows:
            for cell in t.grid[r]:
                n = cell._norm or cell.norm  # (the slot: no property call for the thousands of cells)
                if n and (n in exact_forms if exact else n.startswith(forms)):
                    return t, r
    return None


def _table_figure(ctx, side) -> Figure | None:
    matches = find_tables(ctx, side["table"], required=not side.get("optional"))
    if not matches:
        return None
    match = matches[0]
    col = _columns(match.table, side["col"], side.get("pick", "first"))
    found = _row(match, side["row"]) if col is not None else None
    if found is None:
        if side.get("optional"):
            return None
        what = f"「{'/'.join(side['col'])}」列" if col is None else f"「{'/'.join(side['row'])}」行"
        raise NotEvaluableRule(f"{table_name(match.table)}中未找到{what}")
    t, r = found
    cell = origin_cell(t, r, col)
    num = number_at(t, r, col)
    if cell is None or num is None or num.approx:
        if side.get("optional") or (cell is not None and is_blank(cell.text)):
            return None
        raise NotEvaluableRule(f"{table_name(t)}「{row_label(t, r)}」行「{column_name(t, col)}」不是数值")
    unit_col = concept_column(match, side["table"], side["unit_column"]) if side.get("unit_column") else None
    unit = cell_unit(t, r, col, num, unit_col) or known_unit(side.get("unit"))
    return Figure(num, unit, loc(t, r, col), f"{table_name(t)}「{row_label(t, r)}」行「{column_name(t, col)}」")


def _text_figures(ctx, side) -> list[Figure]:
    rx = re.compile(side["text"])
    out = []
    for para in body_paragraphs(ctx, [required_literal(rx.pattern, rx.flags)]):  # (those that can match)
        for m in rx.finditer(para.text):
            unit_text = m.groupdict().get("unit") or ""
            num = parse_number(m.group("value") + unit_text)
            if num is None or num.approx:
                continue
            unit = num.unit or known_unit(side.get("unit"))
            out.append(Figure(num, unit, para.location, f"正文「{m.group(0).strip()[:40]}」"))
    return out


def _shown(fig: Figure) -> str:
    unit = f" {fig.unit}" if fig.unit else ""
    return f"{fmt(fig.num.value, fig.num.places)}{unit}"


def _compare(ctx, first: Figure, other: Figure):
    try:
        a = convert_interval(first.num.interval(), first.unit, other.unit)
    except UnitError:
        raise NotEvaluableRule(f"{first.what}（{first.unit}）与{other.what}（{other.unit}）的单位无法换算") from None
    b = other.num.interval()
    if a.meets(b):
        return None
    places = other.num.places if first.unit != other.unit else places_of(first.num, other.num)
    unit = f" {other.unit}" if other.unit else ""
    converted = "" if first.unit == other.unit or not first.unit else f"（= {fmt(a.point, places)}{unit}）"
    tol = a.half_width + b.half_width
    return ctx.finding(
        f"{other.what}的 {_shown(other)} 与{first.what}的 {_shown(first)} 应为同一数值，但不一致",
        evidence=(f"{first.what} {_shown(first)}{converted} ≠ {other.what} {_shown(other)}"
                  f"（差 {fmt(b.point - a.point, places)}{unit}，容差 ±{fmt_tol(tol, places)}）"),
        location=other.where, suggestion="请核对两处数值，统一为正确的数值。")


def _keyed(ctx, p):
    sides = p["sides"]
    maps = []
    for side in sides:
        matches = find_tables(ctx, side["table"], required=not side.get("optional"))
        if not matches:
            return
        match = matches[0]
        col = _columns(match.table, side["col"], side.get("pick", "first"))
        key_col = concept_column(match, side["table"], side.get("key", p["key"]))
        if col is None or key_col is None:
            raise NotEvaluableRule(f"{table_name(match.table)}中未找到「{'/'.join(side['col'])}」列或键列")
        unit_col = concept_column(match, side["table"], side["unit_column"]) if side.get("unit_column") else None
        rows, _ = detail_rows(match)
        figures = {}
        for t, r in rows:
            key = t.grid[r][key_col].norm  # (= cnorm of its text: detail_rows has joined the table's text)
            num = number_at(t, r, col)
            if key and num is not None and not num.approx and key not in figures:
                unit = cell_unit(t, r, col, num, unit_col) or known_unit(side.get("unit"))
                figures[key] = Figure(num, unit, loc(t, r, col),
                                      f"{table_name(t)}「{t.grid[r][key_col].text.strip()}」的「{column_name(t, col)}」")
        maps.append(figures)
    compared = 0
    for other in maps[1:]:
        for key, fig in other.items():
            if key in maps[0]:
                compared += 1
                found = _compare(ctx, maps[0][key], fig)
                if found:
                    yield found
    if not compared:
        names = "、".join(spec_name(_spec(ctx, s["table"])) for s in sides)
        raise NotEvaluableRule(f"{names}中没有编号相同的行可供比对")


@kind("same_figure")
def same_figure(ctx):
    p = ctx.params
    if p.get("key"):
        yield from _keyed(ctx, p)
        return
    figures: list[list[Figure]] = []
    for side in p["sides"]:
        if "text" in side:
            found = _text_figures(ctx, side)
            if not found and not side.get("optional"):
                raise NotEvaluableRule(f"正文中未找到与「{side['text']}」相符的表述")
        else:
            one = _table_figure(ctx, side)
            found = [one] if one else []
        figures.append(found)
    if not figures or not figures[0]:
        raise NotEvaluableRule("第一处数值未找到，无法比对")
    first = figures[0][0]
    compared = 0
    for group in figures[1:]:
        for fig in group:
            compared += 1
            found = _compare(ctx, first, fig)
            if found:
                yield found
    if not compared and not all(side.get("optional") for side in p["sides"][1:]):
        raise NotEvaluableRule("除第一处外未找到可比对的数值")
