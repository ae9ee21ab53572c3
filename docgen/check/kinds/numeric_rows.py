"""``row_difference`` and ``row_rate``: the before/after arithmetic of one table row (domain.md §7.8
rule 2: in T-12, T-23/A-7, A-5 绩效表, A-6 and T-19b ``削减量 = 审核前 − 审核后`` and
``削减率 = 削减量 / 审核前``; §7.2 完成率 = (审核前 − 审核后) / (审核前 − 目标值)).

Why per row and by concept: the columns are found by their header concepts (审核前 / 实施前 / 现状值
…), so the same rule reads a 绩效表 and a 监测对比表; each row is recomputed from its own printed
figures with the interval tolerance of docgen.check.numbers — "0.141 vs 0.1403" is accepted when
the printed 审核前/审核后 (1.224, 1.083) can stand for values whose difference is 0.1403.

params of ``row_difference``: ``table`` (spec or target id), ``minuend`` and ``subtrahend`` (concept
ids: the result is minuend − subtrahend; T-19b's 变化量（实施后−实施前） swaps them), ``result``
(concept id of the printed difference), ``allow_abs`` (default false: "提高" indicators of a target
table print the magnitude of the change, |minuend − subtrahend|), ``unit_column`` (concept id of a
单位 column; figures with their own units are converted to the result's unit), ``all_tables``.

params of ``row_rate``: ``table``, ``rate`` (concept id of the printed rate), ``numerator`` and
``denominator`` — each a concept id or a pair [a, b] meaning a − b (削减率: numerator 削减量 or
[审核前, 审核后], denominator 审核前; 完成率: [审核前, 审核后实际值] / [审核前, 目标值]),
``allow_abs`` (default false), ``scale``: ``auto`` (default: a rate printed with % or under a
（%） header is a percentage; an unmarked one may be a fraction or a percentage with the sign dropped,
and both readings are tried), ``percent`` or ``fraction``; ``all_tables``.
Rows without the figures (—, blank, text) are skipped; a rule that finds no row to check is
not evaluable.
"""

from __future__ import annotations

from decimal import Decimal

from docgen.calc.errors import UnitError
from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.numeric import (
    blank_unless_figure,
    cell_unit,
    column_name,
    column_unit,
    concept_column,
    find_tables,
    fmt,
    fmt_tol,
    loc,
    origin_cell,
    places_of,
    row_label,
    table_name,
    value_in,
)
from docgen.check.numbers import ParsedNumber, fmt_interval, parse_number

HUNDRED = Decimal(100)


def _row_numbers(table, r, cols: dict[str, int]) -> dict[str, ParsedNumber] | None:
    out = {}
    for name, c in cols.items():
        cell = origin_cell(table, r, c)
        if cell is None:
            return None
        num = parse_number(cell.text)  # (number_at: the origin cell is the one found just above)
        if blank_unless_figure(cell.text, num):
            return None
        if num is None or num.approx:
            return None
        out[name] = num
    return out


@kind("row_difference")
def row_difference(ctx):
    p = ctx.params
    spec = p["table"]
    checked = 0
    for match in find_tables(ctx, spec, many=bool(p.get("all_tables", False))):
        cols = {k: concept_column(match, spec, p[k]) for k in ("minuend", "subtrahend", "result")}
        if None in cols.values():
            missing = "、".join(p[k] for k, c in cols.items() if c is None)
            raise NotEvaluableRule(f"{table_name(match.table)}中未找到「{missing}」列")
        unit_col = concept_column(match, spec, p["unit_column"]) if p.get("unit_column") else None
        for table, r, _ in match.data_rows():
            nums = _row_numbers(table, r, cols)
            if nums is None:
                continue
            a, b, d = nums["minuend"], nums["subtrahend"], nums["result"]
            target = cell_unit(table, r, cols["result"], d, unit_col)
            try:
                ia = value_in(a, cell_unit(table, r, cols["minuend"], a, unit_col), target)
                ib = value_in(b, cell_unit(table, r, cols["subtrahend"], b, unit_col), target)
            except UnitError:
                continue
            checked += 1
            computed = ia - ib
            stated = d.interval()
            if stated.meets(computed) or (p.get("allow_abs") and stated.meets(computed.abs())):
                continue
            places = places_of(a, b, d)
            label = row_label(table, r)
            names = {k: column_name(table, c) for k, c in cols.items()}
            tol = computed.half_width + d.half_unit
            expr = f"{a.text.strip()} − {b.text.strip()}"
            named = f"{names['minuend']} {a.text.strip()} − {names['subtrahend']} {b.text.strip()}"
            if p.get("allow_abs") and computed.point < 0:
                computed, expr, named = computed.abs(), f"|{expr}|", f"|{named}|"
            yield ctx.finding(
                f"{table_name(table)}「{label}」行的{names['result']}与{names['minuend']}、{names['subtrahend']}不符："
                f"{expr} = {fmt(computed.point, places)}，表中为 {d.text.strip()}",
                evidence=(f"{named} = {fmt(computed.point, places)} ≠ {names['result']} {d.text.strip()}"
                          f"（容差 ±{fmt_tol(tol, places)}）"),
                location=loc(table, r, cols["result"]),
                suggestion=f"请按 {names['result']} = {names['minuend']} − {names['subtrahend']} 重新核算该行。")
    if not checked:
        raise NotEvaluableRule("表中没有同时列出两项数值及其差值的行，无法核算")


def _operand(table, r, spec_value, match, spec):
    """Interval, printed figures and text of a rate operand: a column, or a pair a − b."""
    concepts = spec_value if isinstance(spec_value, list) else [spec_value]
    cols = [concept_column(match, spec, c) for c in concepts]
    if None in cols:
        raise NotEvaluableRule(f"{table_name(match.table)}中未找到「{'、'.join(c for c, col in zip(concepts, cols) if col is None)}」列")
    nums = _row_numbers(table, r, {str(i): c for i, c in enumerate(cols)})
    if nums is None:
        return None
    figures = [nums[str(i)] for i in range(len(cols))]
    units = [cell_unit(table, r, c, n, None) for c, n in zip(cols, figures)]
    try:
        ivs = [value_in(n, u, units[0]) for n, u in zip(figures, units)]
    except UnitError:
        return None
    if len(ivs) == 1:
        return ivs[0], figures, column_name(table, cols[0])
    text = f"（{column_name(table, cols[0])} − {column_name(table, cols[1])}）"
    return ivs[0] - ivs[1], figures, text


def _is_percent(num: ParsedNumber, table, col: int, scale: str) -> bool:
    if scale == "percent":
        return True
    if scale == "fraction":
        return num.percent
    return num.percent or column_unit(table, col) == "%"


@kind("row_rate")
def row_rate(ctx):
    p = ctx.params
    spec = p["table"]
    scale = p.get("scale", "auto")
    checked = 0
    for match in find_tables(ctx, spec, many=bool(p.get("all_tables", False))):
        rate_col = concept_column(match, spec, p["rate"])
        if rate_col is None:
            raise NotEvaluableRule(f"{table_name(match.table)}中未找到「{p['rate']}」列")
        for table, r, _ in match.data_rows():
            cell = origin_cell(table, r, rate_col)
            if cell is None:
                continue
            rate = parse_number(cell.text)  # (number_at of the origin cell just found)
            if blank_unless_figure(cell.text, rate):
                continue
            if rate is None or rate.approx:
                continue
            num = _operand(table, r, p["numerator"], match, spec)
            den = _operand(table, r, p["denominator"], match, spec)
            if num is None or den is None:
                continue
            try:
                computed = num[0] / den[0]
            except ZeroDivisionError:
                continue  # a zero baseline: the rate is undefined, nothing to compare
            percent = _is_percent(rate, table, rate_col, scale)
            if percent:
                readings = [rate.interval().scale(Decimal("0.01"))]
            elif scale == "fraction":
                readings = [rate.interval()]
            else:  # auto and nothing says %: either reading (docgen.check.numbers.rate_readings)
                readings = rate.rate_readings()
            checked += 1
            candidates = [computed, computed.abs()] if p.get("allow_abs") else [computed]
            if any(r.meets(c) for r in readings for c in candidates):
                continue
            factor, sign = (Decimal(1), "") if scale == "fraction" and not percent else (HUNDRED, "%")
            places = rate.places
            shown = fmt(computed.point * factor, places + 1)
            allowed = fmt_interval(computed.scale(factor), places + 2)
            label = row_label(table, r)
            rname = column_name(table, rate_col)
            num_text = " − ".join(n.text.strip() for n in num[1])
            den_text = " − ".join(n.text.strip() for n in den[1])
            if len(num[1]) > 1:
                num_text = f"（{num_text}）"
            if len(den[1]) > 1:
                den_text = f"（{den_text}）"
            yield ctx.finding(
                f"{table_name(table)}「{label}」行的{rname}与数值不符：按 {num[2]} / {den[2]} 计算为 {shown}{sign}，"
                f"表中为 {rate.text.strip()}",
                evidence=(f"{rname} = {num[2]} / {den[2]} = {num_text} / {den_text} = {shown}{sign}"
                          f"（按显示精度 {allowed}{sign}）≠ 表中 {rate.text.strip()}"),
                location=loc(table, r, rate_col),
                suggestion=f"请按 {rname} = {num[2]} / {den[2]} 重新核算该行（注意百分数与小数的换算）。")
    if not checked:
        raise NotEvaluableRule("表中没有可核算比率的行")
