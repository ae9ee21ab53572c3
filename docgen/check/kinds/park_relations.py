"""Numeric relations of park reports beyond column totals (which ``column_total`` checks):

* ``park_counts`` — level counts add up: each row of a summary table (P-15 改进方案分级统计表: 方案层级 |
  方案数 | 已实施 …) states how many rows of a list table (P-14 改进方案汇总表) have that level (and,
  optionally, a status). params: ``summary`` / ``list`` (specs or target ids), ``summary_key`` and
  ``list_key`` (concept ids of the level column in each), ``counts``: [{``column``: concept id of a count
  column in the summary, ``where``: optional {``column``: concept id in the list, ``values``: [...]}}].
* ``park_targets`` — target attainment (P-17): per row with an 实际值, the stated 完成情况 agrees with
  the figures: met when 实际值 ≤ 目标值 for a 降低 target (≥ for 提高); "未完成" says not met, "完成"
  (已完成/超额完成/完成) says met; and the 目标值 lies on the improving side of the 现状值. params:
  ``table``, ``direction``, ``baseline``, ``target``, ``actual``, ``status`` (concept ids),
  ``reduce_words`` (default [降低, 减少]), ``increase_words`` (default [提高, 增加]).
* ``park_grades`` — indicator grading (P-11): per row the stated 达到级别 is the best level whose value
  the 现状值 meets (≤ for 越低越好, ≥ for 越高越好; cumulative), "未达到III级" when none. params:
  ``table``, ``direction``, ``current``, ``grades`` ({I: concept, II: concept, III: concept}),
  ``level`` (concept ids), ``lower_words`` (default [越低越好, 降低]); with ``if_missing: skip`` a table
  without the I/II/III columns (a report graded by 基准值评分法) is skipped like a missing table.
* ``park_scores`` — 基准值评分法 (P-11 of a benchmark-score report): per row the stated 得分 equals
  ``100 × min(1, 基准值/现状值)`` (越低越好; 100 when 现状值 is 0) or ``100 × min(1, 现状值/基准值)``
  (越高越好), with interval arithmetic on the printed figures (docgen.check.numbers). params: ``table``,
  ``direction``, ``current``, ``benchmark``, ``score`` (concept ids), ``lower_words``; ``if_missing: skip``
  also skips a table without 基准值/得分 columns (a report graded by 分级对标法).

Comparisons of ``park_targets`` and ``park_grades`` use the printed figures exactly (a figure and its benchmark are printed at the same
precision in these tables); rows without figures are skipped; a rule with nothing to check is
not evaluable.
"""

from __future__ import annotations

from docgen.check.kinds import NotEvaluableRule, kind
from decimal import Decimal

from docgen.check.kinds.numeric import column_name, concept_column, detail_rows, find_tables, fmt, loc, number_at, origin_cell, table_name
from docgen.check.numbers import Interval
from docgen.read.normalize import norm

LEVELS = ("I", "II", "III")


def _col(match, spec, concept: str) -> int:
    c = concept_column(match, spec, concept)
    if c is None:
        raise NotEvaluableRule(f"{table_name(match.table)}中未找到「{concept}」列")
    return c


def _text(table, r, c) -> str:
    cell = origin_cell(table, r, c)
    return cell.text.strip() if cell is not None else ""


@kind("park_counts")
def park_counts(ctx):
    p = ctx.params
    summary = find_tables(ctx, p["summary"])[0]
    listing = find_tables(ctx, p["list"])[0]
    s_key, l_key = _col(summary, p["summary"], p["summary_key"]), _col(listing, p["list"], p["list_key"])
    list_rows, _ = detail_rows(listing)
    checked = 0
    details, totals = detail_rows(summary)
    for table, r, is_total in [(t, r, False) for t, r in details] + [(t, r, True) for t, r in totals]:
        key = None if is_total else norm(_text(table, r, s_key))
        for spec in p["counts"]:
            c = _col(summary, p["summary"], spec["column"])
            stated = number_at(table, r, c)
            if stated is None:
                continue
            where = spec.get("where")
            w_col = _col(listing, p["list"], where["column"]) if where else None
            values = {norm(v) for v in where["values"]} if where else set()
            actual = sum(1 for lt, lr in list_rows if (key is None or norm(_text(lt, lr, l_key)) == key)
                         and (w_col is None or norm(_text(lt, lr, w_col)) in values))
            checked += 1
            if stated.value != actual:
                cname = column_name(table, c)
                yield ctx.finding(
                    f"{table_name(table)}「{_text(table, r, s_key)}」行的{cname}为 {stated.text.strip()}，"
                    f"{table_name(listing.table)}中实际为 {actual} 项",
                    evidence=f"{table_name(listing.table)}中{column_name(listing.table, l_key)}为「{_text(table, r, s_key)}」"
                             f"{'且' + column_name(listing.table, w_col) + '为' + '/'.join(where['values']) if where else ''}的行数 = {actual}",
                    location=loc(table, r, c), suggestion="请按方案汇总表重新统计各层级方案数。")
    if not checked:
        raise NotEvaluableRule("统计表中没有可核对的数量")


def _words(p, key: str, default: list[str]) -> set[str]:
    return {norm(w) for w in p.get(key, default)}


@kind("park_targets")
def park_targets(ctx):
    p = ctx.params
    match = find_tables(ctx, p["table"])[0]
    cols = {k: _col(match, p["table"], p[k]) for k in ("direction", "baseline", "target", "actual", "status")}
    reduce_w, increase_w = _words(p, "reduce_words", ["降低", "减少"]), _words(p, "increase_words", ["提高", "增加"])
    checked = 0
    for table, r in detail_rows(match)[0]:
        way = norm(_text(table, r, cols["direction"]))
        lower = way in reduce_w
        if not lower and way not in increase_w:
            continue
        base, goal, actual = (number_at(table, r, cols[k]) for k in ("baseline", "target", "actual"))
        if base is None or goal is None:
            continue
        label = _text(table, r, 1) or f"第 {r + 1} 行"
        if (lower and goal.value > base.value) or (not lower and goal.value < base.value):
            checked += 1
            yield ctx.finding(f"{table_name(table)}「{label}」的目标值 {goal.text.strip()} 与方向「{_text(table, r, cols['direction'])}」不符"
                              f"（现状值 {base.text.strip()}）", location=loc(table, r, cols["target"]),
                              suggestion="请核对目标值与指标方向。")
            continue
        if actual is None:
            continue
        checked += 1
        met = actual.value <= goal.value if lower else actual.value >= goal.value
        status = norm(_text(table, r, cols["status"]))
        says_met = "完成" in status and "未完成" not in status
        if met != says_met:
            rel = ("≤" if met else ">") if lower else ("≥" if met else "<")
            yield ctx.finding(
                f"{table_name(table)}「{label}」的完成情况「{_text(table, r, cols['status'])}」与数值不符：实际值 {actual.text.strip()} {rel} 目标值 {goal.text.strip()}",
                evidence=f"方向 {_text(table, r, cols['direction'])}：实际值 {actual.text.strip()} {rel} 目标值 {goal.text.strip()}，应为{'已完成' if met else '未完成'}",
                location=loc(table, r, cols["status"]), suggestion="请按实际值与目标值重新判定完成情况。")
    if not checked:
        raise NotEvaluableRule("目标表中没有同时给出目标值和实际值的行")


@kind("park_grades")
def park_grades(ctx):
    p = ctx.params
    found = find_tables(ctx, p["table"])
    if not found:
        return  # if_missing: skip (a benchmark-score report has no graded columns)
    match = found[0]
    g_cols = {g: concept_column(match, p["table"], p["grades"][g]) for g in LEVELS}
    if None in g_cols.values() and p.get("if_missing") == "skip":
        return  # no I/II/III columns: the report grades by another method (基准值评分法)
    g_cols = {g: _col(match, p["table"], p["grades"][g]) for g in LEVELS}
    d_col, x_col, l_col = (_col(match, p["table"], p[k]) for k in ("direction", "current", "level"))
    lower_w = _words(p, "lower_words", ["越低越好", "降低"])
    checked = 0
    for table, r in detail_rows(match)[0]:
        x = number_at(table, r, x_col)
        if x is None:
            continue
        lower = norm(_text(table, r, d_col)) in lower_w
        best = None
        for g in LEVELS:
            b = number_at(table, r, g_cols[g])
            if b is not None and (x.value <= b.value if lower else x.value >= b.value):
                best = g
                break
        expected = f"{best}级" if best else "未达到III级"
        stated = _text(table, r, l_col)
        checked += 1
        if norm(stated) != norm(expected):
            label = _text(table, r, 1) or f"第 {r + 1} 行"
            yield ctx.finding(
                f"{table_name(table)}「{label}」的达到级别为「{stated}」，按现状值 {x.text.strip()} 与分级值应为「{expected}」",
                evidence=f"{'越低越好' if lower else '越高越好'}：现状值 {x.text.strip()}；"
                         + "，".join(f"{g}级 {_text(table, r, g_cols[g])}" for g in LEVELS),
                location=loc(table, r, l_col), suggestion="请按分级值重新判定该指标达到的级别。")
    if not checked:
        raise NotEvaluableRule("评价表中没有可判定级别的行")


HUNDRED = Decimal(100)


def _score_interval(x: Interval, b: Interval, lower: bool) -> Interval:
    """100 × min(1, ratio) over every value the printed figures may stand for."""
    if lower and x.hi <= 0:
        return Interval.exact(HUNDRED)
    if lower:
        ratio = b / x if x.lo > 0 else Interval(b.lo / x.hi, Decimal("Infinity"), b.point / x.point if x.point else Decimal("Infinity"))
    else:
        ratio = x / b
    lo, hi = min(ratio.lo, Decimal(1)) * HUNDRED, min(ratio.hi, Decimal(1)) * HUNDRED
    return Interval(lo, hi, min(ratio.point, Decimal(1)) * HUNDRED)


@kind("park_scores")
def park_scores(ctx):
    p = ctx.params
    found = find_tables(ctx, p["table"])
    if not found:
        return
    match = found[0]
    cols = {k: concept_column(match, p["table"], p[k]) for k in ("direction", "current", "benchmark", "score")}
    if (cols["benchmark"] is None or cols["score"] is None) and p.get("if_missing") == "skip":
        return  # no 基准值/得分 columns: the report grades by 分级对标法
    cols = {k: _col(match, p["table"], p[k]) for k in cols}
    lower_w = _words(p, "lower_words", ["越低越好", "降低"])
    checked = 0
    for table, r in detail_rows(match)[0]:
        x, b, s = (number_at(table, r, cols[k]) for k in ("current", "benchmark", "score"))
        if x is None or b is None or s is None or b.value <= 0:
            continue
        lower = norm(_text(table, r, cols["direction"])) in lower_w
        computed = _score_interval(x.interval(), b.interval(), lower)
        checked += 1
        if s.interval().meets(computed):
            continue
        label = _text(table, r, 1) or f"第 {r + 1} 行"
        formula = f"100 × min(1, {b.text.strip()} / {x.text.strip()})" if lower else f"100 × min(1, {x.text.strip()} / {b.text.strip()})"
        yield ctx.finding(
            f"{table_name(table)}「{label}」的得分为 {s.text.strip()}，按现状值与基准值应为 {fmt(computed.point, s.places)}",
            evidence=f"{'越低越好' if lower else '越高越好'}：得分 = {formula} = {fmt(computed.point, s.places)} ≠ {s.text.strip()}",
            location=loc(table, r, cols["score"]), suggestion="请按基准值评分法重新计算该指标得分。")
    if not checked:
        raise NotEvaluableRule("评价表中没有可核算得分的行")
