"""Results and acceptance: T-20/A-8 清洁生产水平, T-23/A-7 目标完成, T-24/A-9 持续计划, A-1…A-6.

The acceptance report (domain.md §3.1) checks 方案实施效果, 目标实现 and 清洁生产水平 before and
after (2018 指南, §4.4). Every before/after row states 削减量 = 审核前 − 审核后 and 削减率 =
削减量/审核前 (§7.8 rule 2); the 绩效表 (A-5, §3.2) adds the footnote of the real form
"经济效益是指节能降耗的经济效益与削减污染物排放的经济效益的加和" (rule 8), which is its 合计.
"""

from __future__ import annotations

from docgen.calc.carbon import co2_emission
from docgen.calc.errors import CalcError
from docgen.calc.factors import DEFAULT_CO2_TABLE, load_factor_table
from docgen.derive.level_adapter import level_primaries
from docgen.numfmt import PLACES_BY_UNIT, fmt_date, fmt_number

from .build import ZERO, BuildContext, dsum, make_table, register
from .catalogue import TableSpec
from .cells import Num, Pct, Txt, clause, format_number
from .common import actual_or_expected, effects_text, implementation_date, planned_investment

LEVEL_LABELS = {"I": "I级", "II": "II级", "III": "III级"}
FOOTNOTE_A5 = "经济效益是指节能降耗的经济效益与削减污染物排放的经济效益的加和。"


# ─── 清洁生产水平 (T-20 before; A-8 before and after) ─────────────────────────────────────────
def _best(levels: frozenset[str]) -> str | None:
    return next((g for g in ("I", "II", "III") if g in levels), None)


def _benchmark(value) -> object:
    return Txt(value, format_number(value, None, "natural")) if not isinstance(value, str) else value


def _indicator_value(x, level: str | None, stage: str):
    """Quantitative: the value; qualitative: the benchmark wording of the level judged."""
    if x.direction != "定性":
        value = (x.after if x.after is not None else x.before) if stage == "after" else x.before
        return Txt(value, format_number(value, None, "natural")) if value is not None else None
    if level is None:
        return "未达到III级要求"
    wording = getattr(x.benchmarks, level)
    return wording if isinstance(wording, str) else f"达到{LEVEL_LABELS[level]}要求"


def _level_cells(x, secondary, stage: str) -> list[object]:
    if not x.applicable:
        return ["不适用", "不参与评价"]
    level = _best(secondary.levels)
    return [_indicator_value(x, level, stage), LEVEL_LABELS.get(level, "未达到III级") if level else "未达到III级"]


def _level_table(ctx: BuildContext, spec: TableSpec, stages: tuple[str, ...]):
    assessment = ctx.audit.level
    primaries = {stage: level_primaries(assessment, stage) for stage in stages}
    rows = []
    for ci, cls in enumerate(assessment.classes):
        for xi, x in enumerate(cls.indicators):
            b = x.benchmarks
            row: list[object] = [cls.name, Num(cls.weight), f"{x.name}*" if x.limiting else x.name, x.unit,
                                 Num(x.weight), _benchmark(b.I), _benchmark(b.II), _benchmark(b.III)]
            for stage in stages:
                row += _level_cells(x, primaries[stage][ci].secondaries[xi], stage)
            rows.append(row)
    source = "、".join(str(v) for v in (assessment.issuer, f"{assessment.year}年" if assessment.year else None) if v)
    note = f"评价依据：《{assessment.system.strip('《》')}》{f'（{source}）' if source else ''}；带*者为限定性指标。"
    wanted = {"before": "审核前", "after": "审核后"}
    for fig in ctx.figures.level:
        if fig.stage in (wanted[s] for s in stages):
            note += f"{fig.stage}：{clause(fig.reason)}。"
    if "after" in stages:
        note += "审核后未单独填写的指标沿用审核前数值。"
    return make_table(spec, ctx, rows, note=note)


@register("T-20")
def level_before(ctx: BuildContext, spec: TableSpec):
    return _level_table(ctx, spec, ("before",))


@register("A-8")
def level_before_after(ctx: BuildContext, spec: TableSpec):
    return _level_table(ctx, spec, ("before", "after"))


# ─── 目标完成情况 (T-23 = A-7) ─────────────────────────────────────────────────────────────
@register("T-23", "A-7")
def target_attainment(ctx: BuildContext, spec: TableSpec):
    """完成率 = (审核前 − 实际)/(审核前 − 目标) (§7.2), 完成/未完成/超额完成 from the derived figures."""
    figures = {t.id: t for t in ctx.figures.targets}
    if not any(t.actual is not None for t in ctx.audit.targets):
        return None
    if ctx.kind == "evaluation" and spec.id == "T-23":
        return None  # the actual values are post-implementation figures: A-7 of the acceptance report
    rows = []
    for i, t in enumerate(ctx.audit.targets, 1):
        f = figures.get(t.id)
        rows.append([Num(i), t.indicator, t.unit, Num(t.baseline, t.unit), Num(t.near_term, t.unit), Num(t.actual, t.unit),
                     Pct(f.completion_rate if f else None), f.status if f and f.status else None])
    return make_table(spec, ctx, rows, note="完成率 =（审核前 − 审核后实际值）/（审核前 − 目标值）× 100%，“提高”类指标方向相反。")


# ─── 持续清洁生产计划 (T-24 = A-9) ─────────────────────────────────────────────────────────
@register("T-24", "A-9")
def continuous_plan(ctx: BuildContext, spec: TableSpec):
    c = ctx.audit.continuous
    rows = [[Num(i), p.category, p.content, Txt((p.start, p.end), f"{fmt_date(p.start)}—{fmt_date(p.end)}"), p.department]
            for i, p in enumerate(c.plan, 1)]
    note = f"清洁生产组织机构：{clause(c.organisation)}。管理制度：{'、'.join(clause(x) for x in c.systems)}。"
    return make_table(spec, ctx, rows, note=note)


# ─── 验收: A-1 … A-6 ────────────────────────────────────────────────────────────────────────
def _audit_type(ctx: BuildContext) -> str:
    a = ctx.audit.audit
    return f"{a.type}（{'、'.join(a.mandatory_reasons)}）" if a.mandatory_reasons else a.type


@register("A-1")
def acceptance_overview(ctx: BuildContext, spec: TableSpec):
    """企业基本情况 plus 本轮审核概况 (启动时间, 审核重点, 目标, 评估时间及结论) of §3.1 ch. 1."""
    audit, e = ctx.audit, ctx.audit.enterprise
    tl, s = audit.audit.timeline, ctx.figures.schemes
    contact = e.contacts[0]
    rows = [
        ["企业名称", e.name],
        ["统一社会信用代码", e.credit_code],
        ["所属行业", f"{e.industry.name}（{e.industry.code}）"],
        ["地址", e.address],
        ["法定代表人", e.legal_representative],
        ["联系人及电话", f"{contact.name}（{contact.phone}）" if contact.phone else contact.name],
        ["审核类型", _audit_type(ctx)],
        ["审核轮次", f"第{audit.audit.round}轮"],
        ["审核基准年", f"{audit.audit.baseline_year}年"],
        ["审核范围", audit.audit.scope],
        ["审核咨询服务机构", audit.consultancy.name if audit.consultancy else "自行审核"],
        ["审核启动时间", tl.started],
        ["审核重点", audit.selected_focus.name],
        ["清洁生产目标", f"{'、'.join(t.indicator for t in audit.targets)}（共 {len(audit.targets)} 项）"],
        ["评估时间", tl.evaluation_onsite or tl.evaluation_result_date],
        ["评估结论", tl.evaluation_result],
        ["清洁生产方案", f"共 {s.total} 项（无/低费 {s.low_cost} 项，中/高费 {s.high_cost} 项），已实施 {s.implemented} 项"],
        ["已实施方案实际投资（万元）", Num(s.actual_investment, places=2)],
        ["审核后统计期", audit.post_audit.period],
        ["验收申请时间", tl.acceptance_applied],
    ]
    return make_table(spec, ctx, rows)


@register("A-2")
def evaluation_feedback(ctx: BuildContext, spec: TableSpec):
    items = ctx.audit.evaluation_opinions
    if not items:
        return None
    rows = [[Num(i), o.opinion, o.response, o.evidence] for i, o in enumerate(items, 1)]
    return make_table(spec, ctx, rows)


@register("A-3")
def low_cost_implementation(ctx: BuildContext, spec: TableSpec):
    """All 无/低费方案 with their status; implemented ones with actual values (§3.1 ch. 3)."""
    schemes = ctx.audit.low_cost_schemes
    if not schemes:
        return None
    rows, invest, benefit = [], [], []
    for s in schemes:
        if s.status == "已实施":
            investment, effects, gain, _ = actual_or_expected(s)
        else:
            investment, effects, gain = s.investment, s.expected_effects, s.expected_economic_benefit
        invest.append(investment)
        benefit.append(gain)
        rows.append([s.id, s.name, s.category, s.status, implementation_date(s), Num(investment),
                     Txt(effects, effects_text(effects)), Num(gain)])
    total = [spec.total_label, Txt(len(schemes), f"共 {len(schemes)} 项"), None, None, None,
             Num(dsum(invest)), None, Num(dsum(benefit))]
    note = "已实施方案列实际投资和实际效益（未填写实际值的按预计值），其余方案列预计值。"
    return make_table(spec, ctx, rows, total=total, note=note)


@register("A-4")
def high_cost_implementation(ctx: BuildContext, spec: TableSpec):
    """计划 vs 实际 of each 中/高费方案, with 变更说明 (consistency with the evaluated scheme)."""
    schemes = ctx.audit.high_cost_schemes
    if not schemes:
        return None
    rows = [[s.id, s.name, Num(planned_investment(s)), Num(s.actual_investment), s.planned_end, s.actual_end,
             s.operation, s.change_note] for s in schemes]
    actual = [s.actual_investment for s in schemes]
    total = [spec.total_label, Txt(len(schemes), f"共 {len(schemes)} 项"), Num(dsum(planned_investment(s) for s in schemes)),
             Num(dsum(actual) if all(v is not None for v in actual) else None), None, None, None, None]
    return make_table(spec, ctx, rows, total=total)


def _performance_rule(item: str, unit: str) -> str:
    if unit in PLACES_BY_UNIT:
        return "unit"
    return "sig" if item.startswith("单位产品") else "natural"


def _co2_row(ctx: BuildContext):
    """CO2 before/after from the same energy rows and factor table as the derived figures (§7.4).

    ``Figures.performance`` has no CO2 row, though §3.2 lists one; it is derivable whenever every
    energy carrier has a CO2 factor and a post-audit amount.
    """
    audit, post = ctx.audit, ctx.audit.post_audit
    year = ctx.baseline_year
    before = next((e.co2_t for e in ctx.figures.energy if e.year == year), None)
    if before is None or any(e.name not in post.energy for e in audit.baseline.energy):
        return None
    table = load_factor_table("co2", audit.audit.calc.co2_table or DEFAULT_CO2_TABLE)
    try:
        after = sum((co2_emission(post.energy[e.name], e.unit, e.carrier, table) for e in audit.baseline.energy), ZERO)
    except CalcError:
        return None
    rate = (before - after) / before if before else None
    return ["温室气体", "二氧化碳排放量", "tCO2/a", Num(before, "tCO2/a"), Num(after, "tCO2/a"), Num(before - after, "tCO2/a"), Pct(rate)]


@register("A-5")
def performance(ctx: BuildContext, spec: TableSpec):
    """重点企业清洁生产审核绩效表: 审核前/审核后/削减量/削减率 per indicator, then 经济效益.

    The form's header block (企业, 审核类型, dates, 咨询机构) and the 方案统计 go to the note,
    which the renderer prints with the table; the grid keeps one column layout.
    """
    post = ctx.audit.post_audit
    rows: list[list[object]] = []
    for r in ctx.figures.performance:
        rule = _performance_rule(r.item, r.unit)
        rows.append([r.group, r.item, r.unit, Num(r.before, r.unit, rule=rule), Num(r.after, r.unit, rule=rule),
                     Num(r.reduction, r.unit, rule=rule), Pct(r.rate)])
    co2 = _co2_row(ctx)
    if co2:
        rows.append(co2)
    benefits = [post.economic_benefit_energy, post.economic_benefit_pollution]
    rows.append(["经济效益", "节能降耗的经济效益", "万元/a", None, None, Num(benefits[0], places=2), None])
    rows.append(["经济效益", "削减污染物排放的经济效益", "万元/a", None, None, Num(benefits[1], places=2), None])
    total = [spec.total_label, None, "万元/a", None, None, Num(dsum(benefits), places=2), None]
    return make_table(spec, ctx, rows, total=total, note=_performance_note(ctx))


def _performance_note(ctx: BuildContext) -> str:
    audit = ctx.audit
    tl = audit.audit.timeline
    done = [s for s in audit.schemes if s.status == "已实施"]
    stats = []
    totals = [0, ZERO, ZERO]
    for label in ("无/低费", "中/高费"):
        group = [s for s in done if s.cost_class == label]
        values = [actual_or_expected(s) for s in group]
        invest, benefit = dsum(v[0] for v in values), dsum(v[2] for v in values)
        totals = [totals[0] + len(group), totals[1] + invest, totals[2] + benefit]
        stats.append(f"{label}方案 {len(group)} 项，投资 {fmt_number(invest, 2)} 万元，经济效益 {fmt_number(benefit, 2)} 万元/a")
    stats.append(f"合计 {totals[0]} 项，投资 {fmt_number(totals[1], 2)} 万元，经济效益 {fmt_number(totals[2], 2)} 万元/a")
    end = tl.acceptance_applied or audit.report.acceptance_report_date
    header = [
        f"企业名称：{audit.enterprise.name}",
        f"所属行业：{audit.enterprise.industry.name}",
        f"审核类型：{_audit_type(ctx)}",
        f"审核起止时间：{fmt_date(tl.started)}—{fmt_date(end)}",
        f"评估时间：{fmt_date(tl.evaluation_onsite or tl.evaluation_result_date)}",
        f"验收时间：{fmt_date(tl.acceptance_onsite or tl.acceptance_result_date)}",
        f"咨询机构：{audit.consultancy.name if audit.consultancy else '自行审核'}",
        f"审核后统计期：{clause(audit.post_audit.period)}",
    ]
    return "；".join(header) + "。已实施方案统计：" + "；".join(stats) + "。注：" + FOOTNOTE_A5


@register("A-6")
def monitoring(ctx: BuildContext, spec: TableSpec):
    records = ctx.audit.monitoring
    if not records:
        return None
    rows = []
    for m in records:
        rate = (m.before - m.after) / m.before if m.before else None
        rows.append([m.pollutant, m.outlet, m.unit, Num(m.before), Num(m.after), Num(m.before - m.after), Pct(rate),
                     Num(m.limit), "达标" if m.after <= m.limit else "超标", f"{m.report_before}/{m.report_after}"])
    return make_table(spec, ctx, rows, note="削减量 = 实施前 − 实施后，削减率 = 削减量 / 实施前 × 100%。")
