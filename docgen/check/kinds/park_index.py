"""``park_index``: the park's comprehensive index (P-12) recomputed from the indicator system (P-10:
一级/二级 weights) and the evaluation table (P-11: each indicator's level or score), joined by the
二级指标 name — the figure the report's conclusion rests on (docgen/park/grading.py).

* 分级对标法 (P-11 has 达到级别 "I级/II级/III级/未达到III级", P-12 has rows I级/II级/III级):
  ``Y_g = 100 × Σ_i (w_i / Σw) × Σ_j ω_ij Y_g(x_ij) / Σ_j ω_ij`` with ``Y_g(x_ij) = 1`` when the stated
  level is g or better (cumulative membership).
* 基准值评分法 (P-11 has 得分, P-12 has a row ``score_row``, default 综合得分):
  ``S = Σ_i (w_i / Σw) × Σ_j ω_ij s_ij / Σ_j ω_ij``.

Weights and scores are read as printed, with interval arithmetic (docgen.check.numbers): a weight
printed 0.33 may stand for 0.325–0.335, so a correct report whose weights were rounded for printing
never fails. The bounds are exact for the weighted averages (``weighted_average``), so the tolerance
is what weight rounding really allows (measured on the sample: Y_II 64.63–66.85 around 65.75, S 92.11–92.65 around 92.38).

params: ``system``, ``evaluation``, ``index`` (specs or target ids); concept ids ``level1``, ``w1``,
``level2``, ``w2`` (system), ``name``, ``level``, ``score`` (evaluation), ``row`` and ``value`` (index);
``score_row`` (default 综合得分); ``if_missing: skip`` skips when a table is absent.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.numeric import concept_column, detail_rows, find_tables, fmt, loc, number_at, origin_cell, table_name
from docgen.check.numbers import Interval
from docgen.read.normalize import norm

LEVELS = ("I", "II", "III")
ZERO, ONE, HUNDRED = Interval.exact(0), Interval.exact(1), Decimal(100)


def _text(table, r, c) -> str:
    cell = origin_cell(table, r, c) if c is not None else None
    return cell.text.strip() if cell is not None else ""


def _cols(match, spec, names) -> dict[str, int]:
    cols = {n: concept_column(match, spec, n) for n in names}
    missing = [n for n, c in cols.items() if c is None]
    if missing:
        raise NotEvaluableRule(f"{table_name(match.table)}中未找到「{'、'.join(missing)}」列")
    return cols


def _system(match, spec, p) -> dict[str, tuple[Interval, dict[str, Interval]]]:
    """一级指标 → (w_i, {二级指标: ω_ij}); an empty 一级 cell continues the class above (merged cells)."""
    c = _cols(match, spec, [p.get(k, k) for k in ("level1", "w1", "level2", "w2")])
    classes: dict[str, tuple[Interval, dict[str, Interval]]] = {}
    current = None
    for table, r in detail_rows(match)[0]:
        name1 = _text(table, r, c[p.get("level1", "level1")]) or current
        w1 = number_at(table, r, c[p.get("w1", "w1")])
        w2 = number_at(table, r, c[p.get("w2", "w2")])
        name2 = norm(_text(table, r, c[p.get("level2", "level2")]))
        if not name1 or w2 is None or not name2:
            continue
        current = name1
        if name1 not in classes:
            if w1 is None:
                continue
            classes[name1] = (w1.interval(), {})
        classes[name1][1][name2] = w2.interval()
    if not classes:
        raise NotEvaluableRule(f"{table_name(match.table)}中没有可读的指标权重")
    return classes


def _membership(text: str) -> set[str] | None:
    t = norm(text).upper()
    if "未达到" in t or "不达标" in t:
        return set()
    for g in LEVELS:
        if t.startswith(f"{g}级"):
            return set(LEVELS[LEVELS.index(g):])
    return None


def weighted_average(weights: list[Interval], values: list[Interval]) -> Interval:
    """Bounds of ``Σ w·v / Σ w`` over every weight in its interval and every value in its interval.

    Naive interval arithmetic treats the numerator and the denominator as independent and inflates
    the result several-fold (±5 points on the sample). The average is increasing in each value and
    linear-fractional in the weights, so its extremes lie at the values' bounds and at vertices of
    the weight box: enumerated exactly for up to 12 weights (4 096 vertices), naive beyond.
    """
    point_den = sum((w.point for w in weights), Decimal(0))
    point = sum((w.point * v.point for w, v in zip(weights, values)), Decimal(0)) / point_den
    if len(weights) > 12:
        num = sum((w * v for w, v in zip(weights, values)), ZERO)
        naive = num / sum(weights, ZERO)
        return Interval(naive.lo, naive.hi, point)
    lo = hi = None
    for corner in product(*[(w.lo, w.hi) for w in weights]):
        den = sum(corner, Decimal(0))
        if den <= 0:
            continue
        a = sum((c * v.lo for c, v in zip(corner, values)), Decimal(0)) / den
        b = sum((c * v.hi for c, v in zip(corner, values)), Decimal(0)) / den
        lo, hi = (a if lo is None else min(lo, a)), (b if hi is None else max(hi, b))
    return Interval(lo, hi, point)


def _combine(classes, values: dict[str, Interval]) -> Interval:
    """Σ_i w_i × (Σ_j ω_ij v_ij / Σ_j ω_ij) / Σ_i w_i over the classes with assessed indicators."""
    outer_w, outer_v = [], []
    for w1, members in classes.values():
        present = [(w, values[k]) for k, w in members.items() if k in values]
        if present:
            outer_w.append(w1)
            outer_v.append(weighted_average([w for w, _ in present], [v for _, v in present]))
    return weighted_average(outer_w, outer_v)


@kind("park_index")
def park_index(ctx):
    p = ctx.params
    skip = p.get("if_missing") == "skip"
    found = [find_tables(ctx, p[k], required=not skip) for k in ("system", "evaluation", "index")]
    if not all(found):
        return
    sys_m, ev_m, idx_m = (f[0] for f in found)
    classes = _system(sys_m, p["system"], p)
    name_col = concept_column(ev_m, p["evaluation"], p.get("name", "level2"))
    level_col = concept_column(ev_m, p["evaluation"], p.get("level", "level"))
    score_col = concept_column(ev_m, p["evaluation"], p.get("score", "score"))
    idx = _cols(idx_m, p["index"], [p.get("row", "row"), p.get("value", "value")])
    row_col, value_col = idx[p.get("row", "row")], idx[p.get("value", "value")]
    stated_rows = {norm(_text(t, r, row_col)).upper(): (t, r) for t, r in detail_rows(idx_m)[0]}
    graded = [g for g in LEVELS if f"{g}级" in stated_rows]
    targets: list[tuple[str, dict[str, Interval]]] = []
    if graded and level_col is not None:
        member = {}
        for t, r in detail_rows(ev_m)[0]:
            m = _membership(_text(t, r, level_col))
            if m is not None:
                member[norm(_text(t, r, name_col))] = m
        for g in graded:
            targets.append((f"{g}级", {k: (ONE if g in m else ZERO) for k, m in member.items()}))
        scale = HUNDRED
    elif score_col is not None and norm(p.get("score_row", "综合得分")).upper() in stated_rows:
        scores = {}
        for t, r in detail_rows(ev_m)[0]:
            s = number_at(t, r, score_col)
            if s is not None:
                scores[norm(_text(t, r, name_col))] = s.interval()
        targets.append((p.get("score_row", "综合得分"), scores))
        scale = Decimal(1)
    else:
        raise NotEvaluableRule(f"{table_name(idx_m.table)}中没有可核对的综合评价指数（I级/II级/III级 或 综合得分 行）")
    known = {k for _, m in classes.values() for k in m}
    for label, values in targets:
        if not values.keys() & known:
            raise NotEvaluableRule(f"{table_name(ev_m.table)}与{table_name(sys_m.table)}的二级指标名称对不上")
        t, r = stated_rows[norm(label).upper()]
        stated = number_at(t, r, value_col)
        if stated is None:
            continue
        computed = _combine(classes, values).scale(scale)
        if stated.interval().meets(computed):
            continue
        yield ctx.finding(
            f"{table_name(t)}「{label}」的综合评价指数为 {stated.text.strip()}，按指标体系权重和各指标评价结果应为 {fmt(computed.point, stated.places)}",
            evidence=(f"Σ 一级权重 × Σ 二级权重 × {'达到' + label + '（1/0）' if scale == HUNDRED else '得分'} / Σ 二级权重"
                      f"{' × 100' if scale == HUNDRED else ''} = {fmt(computed.point, stated.places)}"
                      f"（{table_name(sys_m.table)}、{table_name(ev_m.table)}）≠ {stated.text.strip()}"),
            location=loc(t, r, value_col), suggestion="请按评价方法重新计算综合评价指数，并核对各指标的评价结果。")
