"""Stages S4–S6 方案: T-16 汇总, T-17 筛选, T-18 无/低费效果, T-19a–c 可行性分析, T-21 计划, T-22.

The 合计 rows of T-16, T-18, T-21 and T-22 are sums of the printed rows (domain.md §7.8 rule 1)
and T-16's count line gives the 无/低费 / 中/高费 numbers the 评估函 repeats ("9个无/低费方案，
1个中/高费方案"). T-19c prints the manual's economic method (§7.5) from the derived figures:
D = I/Y, T = P − D, E = T(1 − t), F = E + D, N = I/F, NPV, NPVR = NPV/I, IRR.
"""

from __future__ import annotations

from docgen.numfmt import fmt_number, fmt_percent

from .build import BuildContext, dsum, dsum_or_none, make_table, register
from .catalogue import TableSpec
from .cells import Num, Pct, Txt, clause
from .common import actual_or_expected, effects_tce, effects_text, implementation_date, planned_investment

_FALLBACK_NOTE = "未填写实际值的方案按预计值列示。"


def _tce_note(ctx: BuildContext) -> str:
    """节能量 uses the factor table and electricity basis declared for the audit (as T-7e does)."""
    calc = ctx.audit.audit.calc
    return f"节能量按 {calc.energy_table} 折标系数折标准煤计算，电力按{calc.electricity_basis}。"


def _count_text(schemes) -> str:
    low = sum(1 for s in schemes if s.cost_class == "无/低费")
    return f"共 {len(schemes)} 项（无/低费 {low} 项，中/高费 {len(schemes) - low} 项）"


@register("T-16")
def scheme_summary(ctx: BuildContext, spec: TableSpec):
    schemes = ctx.audit.schemes
    rows = [
        [s.id, s.category, s.name, s.description, s.cost_class, Num(s.investment),
         Txt(s.expected_effects, effects_text(s.expected_effects)), Num(s.expected_economic_benefit)]
        for s in schemes
    ]
    total = [spec.total_label, None, Txt(len(schemes), _count_text(schemes)), None, None,
             Num(dsum(s.investment for s in schemes)), None, Num(dsum(s.expected_economic_benefit for s in schemes))]
    note = f"无/低费与中/高费方案按投资 {fmt_number(ctx.audit.audit.low_cost_threshold, 2)} 万元划分（企业确定）。"
    return make_table(spec, ctx, rows, total=total, note=note)


@register("T-17")
def screening(ctx: BuildContext, spec: TableSpec):
    """初步筛选: 技术可行性, 环境效果, 经济效果, 可实施性 (each 0–10) and the conclusion."""
    schemes = [s for s in ctx.audit.schemes if s.screening is not None]
    if not schemes:
        return None
    rows = [
        [s.id, s.name, s.cost_class, Num(s.screening.technical), Num(s.screening.environmental),
         Num(s.screening.economic), Num(s.screening.implementability), s.screening.conclusion]
        for s in schemes
    ]
    return make_table(spec, ctx, rows, note="各项评分为 0–10 分，分值越高越好。")


def _implemented_rows(ctx: BuildContext, schemes, with_plan: bool):
    rows, invest, plan, tce, benefit, fallback = [], [], [], [], [], False
    for s in schemes:
        investment, effects, gain, used_fallback = actual_or_expected(s)
        fallback |= used_fallback
        saving = effects_tce(ctx.audit, effects)
        invest.append(investment)
        tce.append(saving)
        benefit.append(gain)
        row: list[object] = [s.id, s.name, implementation_date(s)]
        if with_plan:
            plan.append(planned_investment(s))
            row += [Num(planned_investment(s)), Num(s.actual_investment)]
        else:
            row.append(Num(investment))
        row += [Num(saving), Txt(effects, effects_text(effects)), Num(gain)]
        if with_plan:
            row.append(s.operation)
        rows.append(row)
    return rows, invest, plan, tce, benefit, fallback


@register("T-18")
def low_cost_results(ctx: BuildContext, spec: TableSpec):
    """已实施无/低费方案: actual investment and effects (planned ones where no actual was recorded)."""
    schemes = [s for s in ctx.audit.low_cost_schemes if s.status == "已实施"]
    if not schemes:
        return None
    rows, invest, _, tce, benefit, fallback = _implemented_rows(ctx, schemes, with_plan=False)
    total = [spec.total_label, Txt(len(schemes), f"共 {len(schemes)} 项"), None, Num(dsum(invest)),
             Num(dsum_or_none(tce)), None, Num(dsum(benefit))]
    note = _tce_note(ctx) + (_FALLBACK_NOTE if fallback else "")
    return make_table(spec, ctx, rows, total=total, note=note)


def _feasible(ctx: BuildContext):
    return [s for s in ctx.audit.high_cost_schemes if s.feasibility is not None]


@register("T-19a")
def technical_assessment(ctx: BuildContext, spec: TableSpec):
    schemes = _feasible(ctx)
    if not schemes:
        return None
    rows = [[s.id, s.name, item.item, item.conclusion] for s in schemes for item in s.feasibility.technical]
    conclusions = "；".join(f"{s.id} {s.name}：{clause(s.feasibility.conclusion)}" for s in schemes)
    return make_table(spec, ctx, rows, note=f"综合评估结论：{conclusions}。")


@register("T-19b")
def environmental_assessment(ctx: BuildContext, spec: TableSpec):
    schemes = _feasible(ctx)
    if not schemes:
        return None
    rows = [
        [s.id, s.name, e.item, e.unit, Num(e.before, e.unit), Num(e.after, e.unit), Num(e.after - e.before, e.unit)]
        for s in schemes for e in s.feasibility.environmental
    ]
    return make_table(spec, ctx, rows, note="变化量为负值表示实施后减少。")


@register("T-19c")
def economic_assessment(ctx: BuildContext, spec: TableSpec):
    """One row per 中/高费方案, every value from ``Figures.schemes.economics`` (computed once)."""
    figures = {e.scheme_id: e for e in ctx.figures.schemes.economics}
    schemes = [s for s in _feasible(ctx) if s.id in figures]
    if not schemes:
        return None
    rows, params = [], []
    for s in schemes:
        f = figures[s.id]
        e = s.feasibility.economic
        rows.append([
            s.id, s.name, Num(f.investment), Num(f.annual_saving), Num(f.depreciation), Num(f.taxable_profit),
            Num(f.net_profit), Num(f.cash_flow), Num(f.payback_years), Num(f.npv), Pct(f.npvr), Pct(f.irr),
            "可行" if f.feasible else "不可行",
        ])
        text = (f"{s.id}：折旧期 Y = {e.depreciation_years} 年，项目寿命 n = {e.lifetime} 年，"
                f"所得税率 t = {fmt_percent(e.tax_rate)}，贴现率 i = {fmt_percent(e.discount_rate)}")
        if f.irr_note:
            text += f"（{f.irr_note}）"
        params.append(text)
    note = (
        "D = I/Y，T = P − D，E = T ×（1 − t），F = E + D，N = I/F，NPV = Σ F/(1+i)^j − I，NPVR = NPV/I；"
        "NPV ≥ 0 且 IRR ≥ i 为经济可行。" + "；".join(params) + "。"
    )
    return make_table(spec, ctx, rows, note=note)


@register("T-21")
def implementation_plan(ctx: BuildContext, spec: TableSpec):
    """中/高费方案 and any scheme still to be implemented; 投资 = T-19c 总投资 I (§7.8 rule 7)."""
    schemes = [
        s for s in ctx.audit.schemes
        if s.status != "不予实施" and (s.cost_class == "中/高费" or s.status in ("拟实施", "实施中"))
    ]
    if not schemes:
        return None
    rows = [
        [s.id, s.name, s.cost_class, Num(planned_investment(s)), s.funding_source, s.planned_start, s.planned_end,
         s.responsible, Txt(s.expected_effects, effects_text(s.expected_effects, s.expected_economic_benefit))]
        for s in schemes
    ]
    total = [spec.total_label, Txt(len(schemes), f"共 {len(schemes)} 项"), None,
             Num(dsum(planned_investment(s) for s in schemes)), None, None, None, None, None]
    return make_table(spec, ctx, rows, total=total)


@register("T-22")
def high_cost_results(ctx: BuildContext, spec: TableSpec):
    """In the evaluation report only schemes completed by the report date (评估 normally precedes
    the 中/高费 implementation — domain.md §4.1), so usually none; in general use all implemented."""
    schemes = [s for s in ctx.audit.high_cost_schemes if s.status == "已实施"]
    if ctx.kind == "evaluation":
        report_date = ctx.audit.report.evaluation_report_date
        schemes = [s for s in schemes if s.actual_end and s.actual_end <= report_date]
    if not schemes:
        return None
    rows, _, plan, tce, benefit, fallback = _implemented_rows(ctx, schemes, with_plan=True)
    actual = [s.actual_investment for s in schemes]
    actual_total = dsum(actual) if all(v is not None for v in actual) else None  # a partial sum would mislead
    total = [spec.total_label, Txt(len(schemes), f"共 {len(schemes)} 项"), None, Num(dsum(plan)),
             Num(actual_total), Num(dsum_or_none(tce)), None, Num(dsum(benefit)), None]
    note = _tce_note(ctx) + (_FALLBACK_NOTE if fallback else "")
    return make_table(spec, ctx, rows, total=total, note=note)
