"""Stage S2 审核重点 and 目标: T-10 备选审核重点, T-11 权重总和计分排序表, T-12 清洁生产目标表.

T-11 follows the 权重总和计分排序法 of the 《企业清洁生产审核手册》 (domain.md §7.1): factors as
rows, per candidate 得分 R and 加权分 R×W, then 总分 Σ(R×W) and 排序 — the checker recomputes
the scores (§7.8 rule 12) and the rank-1 candidate must be the 审核重点 (rule 5). T-12 gives
目标削减率 = (现状值 − 目标值)/现状值 (§7.2), positive for an improvement in either direction.
"""

from __future__ import annotations

from .build import BuildContext, dsum, make_table, register
from .catalogue import TableSpec
from .cells import Num, Pct, clause


@register("T-10")
def candidates(ctx: BuildContext, spec: TableSpec):
    focus = ctx.audit.audit_focus
    rows = [
        [Num(i), c.name, Num(c.wastewater_tpa), c.waste_gas, Num(c.solid_waste_tpa), c.consumption,
         Num(c.consumption_cost), Num(c.environmental_cost), c.note]
        for i, c in enumerate(focus.candidates, 1)
    ]
    selected = ctx.audit.selected_focus
    return make_table(spec, ctx, rows, note=f"经权重总和计分排序，确定「{selected.name}」为本轮审核重点。")


@register("T-11")
def weighted_scoring(ctx: BuildContext, spec: TableSpec):
    """Scores are Σ W×R of the printed cells (Decimal); the rank comes from the derived ranking."""
    focus = ctx.audit.audit_focus
    cands = focus.candidates
    rows = []
    for f in focus.factors:
        row: list[object] = [f.name, Num(f.weight)]
        for c in cands:
            r = c.ratings.get(f.name)
            row += [Num(r), Num(r * f.weight if r is not None else None)]
        rows.append(row)
    ranks = {s.id: s.rank for s in ctx.figures.focus}
    total: list[object] = ["总分 Σ(R×W)", None]
    rank_row: list[object] = ["排序", None]
    for c in cands:
        score = dsum(c.ratings[f.name] * f.weight for f in focus.factors if f.name in c.ratings)
        total += [None, Num(score)]
        rank_row += [None, Num(ranks.get(c.id), places=0)]
    rows += [total, rank_row]
    selected = ctx.audit.selected_focus
    note = f"W 为权重值（1–10），R 为得分（1–10，10 表示问题最严重或潜力最大）；总分最高者「{selected.name}」确定为审核重点。"
    if ranks.get(selected.id) != 1 and focus.justification:
        note = f"W 为权重值（1–10），R 为得分（1–10）。确定「{selected.name}」为审核重点的理由：{clause(focus.justification)}。"
    return make_table(spec, ctx, rows, note=note, candidates=[c.name for c in cands])


@register("T-12")
def targets(ctx: BuildContext, spec: TableSpec):
    by_id = {t.id: t for t in ctx.figures.targets}
    rows = []
    for i, t in enumerate(ctx.audit.targets, 1):
        fig = by_id.get(t.id)
        change = abs(t.baseline - t.near_term)
        rate = fig.target_rate if fig is not None else (change / t.baseline if t.baseline else None)
        note = "；".join(x for x in (f"{t.kind}指标，{t.direction}", t.note) if x)
        rows.append([
            Num(i), t.indicator, t.unit, Num(t.baseline, t.unit), Num(t.near_term, t.unit), Num(change, t.unit),
            Pct(rate), Num(t.long_term, t.unit), note,
        ])
    return make_table(spec, ctx, rows, note="削减（提高）率 =（现状值 − 目标值）/ 现状值，“提高”类指标取其绝对值。")
