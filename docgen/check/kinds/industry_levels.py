"""``level_counts``: the enterprise counts per cleaner-production level add up (seed 002: 行业清洁生产
水平提升情况 — "达到一级（国际领先）或二级（国内先进）水平的企业数量或比例"; GB/T 43329 bands I级,
II级, III级).

An industry report states the level improvement as a table of enterprises per band before and after
the audit. Three relations make it trustworthy, and each is checked on the figures as printed:

1. the per-level counts of each count column add up to its 合计 row;
2. the 合计 equals the number of enterprises on the list (the detail rows of the ``list_table``,
   e.g. 附表 审核企业名单) — an enterprise missing from the statistics, or counted twice, shows here;
3. each level's count equals the number of listed enterprises whose level column (审核前水平 /
   审核后水平) names that level; and each printed 占比 equals count / 合计 at its printed precision.

params: ``table`` (spec of the level table; concept ``level`` for the 清洁生产水平 column),
``counts`` [{count: concept, share: concept | null, list_column: concept | null}] (one entry per
count column, e.g. 审核前 and 审核后), ``list_table`` (spec, optional: ``if_missing`` decides),
``levels`` (default I级, II级, III级, 未达III级).
"""

from __future__ import annotations

from decimal import Decimal

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.industry_common import cell_text, integer_at, same, share_matches, table_and_columns
from docgen.check.kinds.numeric import column_name, detail_rows, loc, number_at, table_name

DEFAULT_LEVELS = ["I级", "II级", "III级", "未达III级"]


def _level_rows(match, level_col: int | None, levels: list[str]) -> dict[str, tuple]:
    out = {}
    for t, r in detail_rows(match)[0]:
        text = cell_text(t, r, level_col)
        for lv in levels:
            if same(text, lv):
                out[lv] = (t, r)
    return out


@kind("level_counts")
def level_counts(ctx):
    p = ctx.params
    levels = list(p.get("levels", DEFAULT_LEVELS))
    entries = list(p.get("counts", []))
    concepts = ["level"] + [e["count"] for e in entries] + [e["share"] for e in entries if e.get("share")]
    match, cols = table_and_columns(ctx, p["table"], concepts, required=True)  # if_missing is for the list table
    rows = _level_rows(match, cols["level"], levels)
    if not rows:
        raise NotEvaluableRule(f"{table_name(match.table)}中未找到按清洁生产水平（{'、'.join(levels)}）分行的数据")
    totals = detail_rows(match)[1]
    listed = None
    if p.get("list_table"):
        list_match, list_cols = table_and_columns(ctx, p["list_table"], [e["list_column"] for e in entries if e.get("list_column")],
                                                  required=False)
        if list_match is not None:
            listed = (list_match, list_cols, detail_rows(list_match)[0])
    checked = 0
    for entry in entries:
        c = cols.get(entry["count"])
        if c is None:
            continue
        counts = {lv: integer_at(t, r, c) for lv, (t, r) in rows.items()}
        if any(v is None for v in counts.values()):
            continue
        checked += 1
        what = column_name(match.table, c)
        total_printed = None
        for t, r in totals:
            total_printed = integer_at(t, r, c)
            if total_printed is not None and total_printed != sum(counts.values()):
                yield ctx.finding(f"{table_name(t)}“{what}”各水平企业数之和为 {sum(counts.values())} 家，合计行写 {total_printed} 家",
                                  evidence=" + ".join(f"{lv} {n}" for lv, n in counts.items()) + f" = {sum(counts.values())} ≠ {total_printed}",
                                  location=loc(t, r, c), suggestion="请核对各水平的企业数和合计行。")
        n = total_printed if total_printed is not None else sum(counts.values())
        if listed is not None:
            list_match, list_cols, list_rows = listed
            if n != len(list_rows):
                yield ctx.finding(f"{table_name(match.table)}“{what}”合计 {n} 家，与{table_name(list_match.table)}所列 {len(list_rows)} 家企业不符",
                                  evidence=f"分级统计合计 {n}；名单数据行 {len(list_rows)} 行",
                                  location=loc(match.table), suggestion="分级统计应覆盖审核企业名单中的全部企业，且每家只计一次。")
            lc = list_cols.get(entry.get("list_column")) if entry.get("list_column") else None
            if lc is not None:
                for lv, (t, r) in rows.items():
                    actual = sum(1 for lt, lr in list_rows if same(cell_text(lt, lr, lc), lv))
                    if actual != counts[lv]:
                        yield ctx.finding(f"{table_name(t)}“{what}”中{lv}为 {counts[lv]} 家，{table_name(list_match.table)}中为 {actual} 家",
                                          evidence=f"名单“{column_name(list_match.table, lc)}”列为{lv}的企业 {actual} 家",
                                          location=loc(t, r, c), suggestion="请按名单中每家企业的评价结果重新统计。")
        share_col = cols.get(entry.get("share")) if entry.get("share") else None
        if share_col is not None and n:
            for lv, (t, r) in rows.items():
                printed = number_at(t, r, share_col)
                if printed is not None and not share_matches(printed, Decimal(counts[lv]) / n):
                    yield ctx.finding(f"{table_name(t)}中{lv}占比写 {printed.text}，按 {counts[lv]}/{n} 应为 {Decimal(counts[lv]) * 100 / n:.2f}%",
                                      evidence=f"{counts[lv]} ÷ {n} = {Decimal(counts[lv]) / n:.4f}",
                                      location=loc(t, r, share_col), suggestion="占比 = 该水平企业数 ÷ 企业总数。")
    if not checked:
        raise NotEvaluableRule(f"{table_name(match.table)}中未找到可核对的企业数列")
