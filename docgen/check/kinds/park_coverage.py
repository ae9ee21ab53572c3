"""``park_coverage`` and ``park_selection``: the ≥ 80 % 重点管控名单 of a park audit report (seed 004),
recomputed from the enterprise table as printed.

The enterprise table (P-5 企业资源能源消耗及污染物排放汇总表) lists every enterprise with one column per
element (要素) and a column saying whether it is on the 重点管控名单 (是/否). From the printed figures:

* ``park_coverage`` — per element column, the listed enterprises' share ``Σ listed / Σ all`` must be
  ≥ ``threshold`` (default 0.8, the guide's 80 %). Interval arithmetic of docgen.check.numbers: the
  rule fails only when even the most favourable reading of the rounded figures stays below the
  threshold (upper bound ``hi(listed) / (hi(listed) + lo(others))``), so rounding never fails a report.
* ``park_selection`` — the list is the one the method gives: per element, the enterprises ranked by
  value and taken until the cumulative share reaches the threshold (docgen.park.selection, the same
  rule the generator uses), united over the elements. An enterprise the method needs but the table does
  not list, or one listed though no element needs it, is reported (the ranking uses the printed values;
  a near-tie that rounding could reorder is not reported).

params: ``table`` (spec or target id), ``member`` (concept id of the 是/否 column), ``member_values``
(default [是, √, ✓]), ``elements`` (concept ids of the element columns; default: every column of figures except the
name, member and ``exclude`` concept columns — a park chooses its own elements), ``threshold`` (default 0.8),
``name_column`` (concept id of the enterprise name, for messages).
"""

from __future__ import annotations

from decimal import Decimal

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.numeric import column_name, concept_column, detail_rows, find_tables, loc, number_at, origin_cell, table_name
from docgen.check.numbers import Interval
from docgen.read.normalize import norm

DEFAULT_MEMBER = ("是", "√", "✓")


def _read(ctx):
    p = ctx.params
    spec = p["table"]
    match = find_tables(ctx, spec)[0]
    member_col = concept_column(match, spec, p["member"])
    if member_col is None:
        raise NotEvaluableRule(f"{table_name(match.table)}中未找到「{p['member']}」列（是否纳入重点管控名单）")
    name_col = concept_column(match, spec, p["name_column"]) if p.get("name_column") else None
    rows, _ = detail_rows(match)
    cols = {}
    for concept in p.get("elements") or []:
        c = concept_column(match, spec, concept)
        if c is None:
            raise NotEvaluableRule(f"{table_name(match.table)}中未找到要素列「{concept}」")
        cols[concept] = c
    if not p.get("elements"):  # every column of figures except 序号 and the name/member columns
        skip = {member_col, name_col} | {c for c in (concept_column(match, spec, x) for x in p.get("exclude", [])) if c is not None}
        for c in range(match.table.n_cols):
            if c not in skip and any(number_at(t, r, c) is not None for t, r in rows):
                cols[column_name(match.table, c)] = c
    if not cols:
        raise NotEvaluableRule(f"{table_name(match.table)}中没有要素数值列")
    marks = {norm(v) for v in p.get("member_values", DEFAULT_MEMBER)}
    entries = []
    for table, r in rows:
        cell = origin_cell(table, r, member_col)
        listed = cell is not None and norm(cell.text) in marks
        name_cell = origin_cell(table, r, name_col) if name_col is not None else None
        name = name_cell.text.strip() if name_cell is not None else f"第 {r + 1} 行"
        entries.append((table, r, name, listed, {concept: number_at(table, r, c) for concept, c in cols.items()}))
    if not entries:
        raise NotEvaluableRule(f"{table_name(match.table)}中没有企业数据行")
    return match, cols, entries


def _threshold(ctx) -> Decimal:
    return Decimal(str(ctx.params.get("threshold", "0.8")))


@kind("park_coverage")
def park_coverage(ctx):
    match, cols, entries = _read(ctx)
    threshold = _threshold(ctx)
    if not any(listed for *_, listed, _ in entries):
        yield ctx.finding(f"{table_name(match.table)}中没有标明纳入重点管控名单的企业",
                          location=loc(match.table), suggestion="请在企业汇总表中标明名单企业（是/否），并保证各要素占比不低于阈值。")
        return
    for concept, c in cols.items():
        zero = Interval.exact(0)
        listed = sum((v[concept].interval() for *_, is_listed, v in entries if is_listed and v[concept]), zero)
        others = sum((v[concept].interval() for *_, is_listed, v in entries if not is_listed and v[concept]), zero)
        total = listed + others
        if total.hi <= 0:
            continue  # the park has none of this element: nothing to cover
        best = listed.hi / (listed.hi + max(others.lo, Decimal(0)))
        if best >= threshold:
            continue
        point = listed.point / total.point
        name = column_name(match.table, c)
        pct = f"{threshold * 100:.0f}%"
        yield ctx.finding(
            f"重点管控名单企业的{name}占园区合计 {point * 100:.2f}%，低于 {pct}",
            evidence=f"Σ 名单企业 {listed.point:.2f} / Σ 全部企业 {total.point:.2f} = {point * 100:.2f}% < {pct}（按表中数值重新计算）",
            location=loc(match.table, None, c),
            suggestion=f"按该要素由大到小补充企业至累计占比不低于 {pct}，并更新名单、覆盖情况表。")


def _needed(entries, concept: str, threshold: Decimal) -> set[int] | None:
    """Indexes of the enterprises the method selects for one element (printed values, stable order)."""
    vals = [(i, e[4][concept].value if e[4][concept] else Decimal(0)) for i, e in enumerate(entries)]
    total = sum((v for _, v in vals), Decimal(0))
    if total <= 0:
        return set()
    order = sorted(vals, key=lambda x: -x[1])
    picked, running = set(), Decimal(0)
    for i, v in order:
        if running >= threshold * total or v <= 0:
            break
        picked.add(i)
        running += v
    return picked


@kind("park_selection")
def park_selection(ctx):
    match, cols, entries = _read(ctx)
    threshold = _threshold(ctx)
    needed: dict[int, list[str]] = {}
    for concept, c in cols.items():
        for i in _needed(entries, concept, threshold):
            needed.setdefault(i, []).append(column_name(match.table, c))
    for i, (table, r, name, listed, _) in enumerate(entries):
        if i in needed and not listed:
            yield ctx.finding(
                f"「{name}」按 {threshold * 100:.0f}% 规则应纳入重点管控名单（{'、'.join(needed[i])}），表中未纳入",
                evidence=f"按表中数值逐要素由大到小排序、累计至 {threshold * 100:.0f}%：{'、'.join(needed[i])} 需要该企业",
                location=loc(table, r), suggestion="请按重点管控名单筛选方法重新核对名单。")
        elif listed and i not in needed:
            yield ctx.finding(
                f"「{name}」已纳入重点管控名单，但按 {threshold * 100:.0f}% 规则任何要素都不需要该企业",
                evidence="按表中数值逐要素由大到小排序、累计至阈值时均未选到该企业",
                location=loc(table, r), suggestion="如系园区另行决定纳入，请在报告中说明理由；否则请核对名单。")
