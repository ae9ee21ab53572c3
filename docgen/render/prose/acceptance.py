"""The acceptance report (验收) chapters: implementation, performance, targets, level (domain.md §3)."""

from __future__ import annotations

from .common import ProseContext, date, join, money, num, pct, qty

LEVELS = {"I": "I级（国际清洁生产领先水平）", "II": "II级（国内清洁生产先进水平）", "III": "III级（国内清洁生产一般水平）"}


def acceptance(ctx: ProseContext) -> dict[str, list[str]]:
    a, f = ctx.audit, ctx.figures
    t = a.audit.timeline
    out: dict[str, list[str]] = {}
    e = a.enterprise
    out["a1_enterprise"] = [f"{e.name}位于{e.address}，所属行业为{e.industry.name}，现有职工{e.employees}人。企业基本情况见{ctx.ref('A-1')}。"]
    focus = a.selected_focus
    out["a1_audit"] = [
        f"企业于{date(t.started)}启动本轮清洁生产审核，审核重点为{focus.name}，设置清洁生产目标{len(a.targets)}项。"
        f"共提出清洁生产方案{f.schemes.total}项，其中无/低费方案{f.schemes.low_cost}项、中/高费方案{f.schemes.high_cost}项。"
    ]
    if t.evaluation_onsite:
        result = f"，评估结论为“{t.evaluation_result}”" if t.evaluation_result else ""
        out["a1_evaluation"] = [f"{date(t.evaluation_onsite)}，区生态环境局组织专家对企业清洁生产审核报告进行了现场评估{result}。"]
    else:
        out["a1_evaluation"] = ["企业清洁生产审核报告已通过技术评估。"]
    out["a2_process"] = ["本轮审核按照筹划和组织、预审核、审核、方案的产生和筛选、可行性分析、方案实施和持续清洁生产七个阶段开展，审核过程完整。"]
    if a.evaluation_opinions:
        out["a2_opinions"] = [f"针对评估专家提出的{len(a.evaluation_opinions)}条意见，企业逐条进行了整改落实，见{ctx.ref('A-2')}。"]
    low = a.low_cost_schemes
    done_low = [s for s in low if s.status == "已实施"]
    out["a3_low_cost"] = [f"{len(low)}项无/低费方案已实施{len(done_low)}项，实际投资{money(sum((s.actual_investment or 0) for s in done_low))}，"
                          f"年经济效益{money(sum((s.actual_economic_benefit or 0) for s in done_low))}，见{ctx.ref('A-3')}。"]
    high = a.high_cost_schemes
    done_high = [s for s in high if s.status == "已实施"]
    paras = [f"{len(high)}项中/高费方案已全部实施完成。" if len(done_high) == len(high) else f"{len(high)}项中/高费方案已实施{len(done_high)}项。"]
    for s in done_high:
        line = f"{s.id} {s.name}：计划投资{money(s.investment)}，实际投资{money(s.actual_investment or 0)}，于{date(s.actual_end)}建成投运"
        if s.operation:
            line += f"，{s.operation.rstrip('。')}"
        paras.append(line + "。")
    paras.append(f"中/高费方案实施情况见{ctx.ref('A-4')}。")
    out["a3_high_cost"] = paras

    rows = {r.item: r for r in f.performance}
    total = rows.get("综合能耗")
    perf = [f"以{a.audit.baseline_year}年为审核前基准、{a.post_audit.period}为审核后统计期，对方案实施绩效进行核算，见{ctx.ref('A-5')}。"]
    if total:
        perf.append(f"审核后综合能耗由{qty(total.before, 'tce/a')}降至{qty(total.after, 'tce/a')}，节约{qty(total.reduction, 'tce/a')}，降幅{pct(total.rate)}。")
    pollutant_rows = [r for r in f.performance if r.group == "污染物" and r.reduction > 0]
    if pollutant_rows:
        perf.append("主要污染物排放量削减情况：" + "；".join(f"{r.item}削减{qty(r.reduction, r.unit, 3)}（{pct(r.rate)}）" for r in pollutant_rows) + "。")
    if f.economic_benefit_total is not None:
        perf.append(f"方案实施后年经济效益{money(f.economic_benefit_total)}（节能降耗的经济效益{money(a.post_audit.economic_benefit_energy)}，削减污染物排放的经济效益{money(a.post_audit.economic_benefit_pollution)}）。")
    out["a4_performance"] = perf
    if a.monitoring:
        out["a4_monitoring"] = [f"方案实施前后委托有资质的监测机构对{join(dict.fromkeys(m.outlet for m in a.monitoring))}等排放口进行了监测，实施后各项污染物排放浓度均低于标准限值，见{ctx.ref('A-6')}。"
                                if all(m.after <= m.limit for m in a.monitoring) else
                                f"方案实施前后监测数据对比见{ctx.ref('A-6')}。"]
    saved = [f"{k}{qty(v.value, v.unit)}" for k, v in f.resource_savings.items()]
    reduced = [f"{k}{qty(v.value, v.unit, 3)}" for k, v in f.environmental_reductions.items()]
    out["a4_savings"] = [f"已实施方案的资源节约量为{join(saved) or '无'}，折合节能{qty(f.energy_saving_tce, 'tce/a')}；环境减排量为{join(reduced) or '无'}。"]

    met = [x for x in f.targets if x.met]
    out["a5_targets"] = [f"本轮审核设置的{len(f.targets)}项清洁生产目标中，{len(met)}项已完成。" + ("全部目标均已实现。" if len(met) == len(f.targets) else "")]
    lines = []
    for x in f.targets:
        if x.actual is None:
            continue
        rate = f"，完成率{pct(x.completion_rate)}" if x.completion_rate is not None else ""
        lines.append(f"{x.indicator}：审核前{qty(x.baseline, x.unit, 3)}，目标值{qty(x.near_term, x.unit, 3)}，审核后{qty(x.actual, x.unit, 3)}，{x.status}{rate}。")
    unmet = [tg for tg, x in zip(a.targets, f.targets) if x.met is False and tg.note]
    lines += [f"{tg.indicator}未完成的原因：{tg.note}" for tg in unmet]
    out["a5_summary"] = lines + [f"目标完成情况见{ctx.ref('A-7')}。"]

    before, after = (f.level + [None])[:2]
    level_text = f"对照{a.level.system if a.level.system.startswith('《') else '《' + a.level.system + '》'}，审核前企业清洁生产水平为{LEVELS.get(before.level, '未达到III级')}"
    if after is not None:
        level_text += (f"；方案实施后综合评价指数Y_I={num(after.index.get('I'))}、Y_II={num(after.index.get('II'))}、Y_III={num(after.index.get('III'))}，"
                       f"达到{LEVELS.get(after.level, '未达到III级')}")
    out["a6_level"] = [level_text + f"。审核前后对标情况见{ctx.ref('A-8')}。"]
    c = a.continuous
    out["a7_organisation"] = [c.organisation, "企业已建立的清洁生产管理制度包括：" + join(c.systems) + "。"]
    out["a7_plan"] = [f"企业制定了下一阶段持续清洁生产计划{len(c.plan)}项，见{ctx.ref('A-9')}。"]
    conclusion = [
        f"{e.name}按照《清洁生产审核办法》的要求完成了本轮清洁生产审核，{f.schemes.total}项清洁生产方案已实施{f.schemes.implemented}项，"
        f"{len(met)}/{len(f.targets)}项清洁生产目标已完成"
        + (f"，清洁生产水平由审核前的{LEVELS.get(before.level, '未达III级')}提升至{LEVELS.get(after.level, '未达III级')}" if after is not None and after.level != before.level else "")
        + "，具备清洁生产审核验收条件，特申请验收。"
    ]
    out["a8_conclusion"] = conclusion + ([c.conclusion] if c.conclusion else [])
    out["acceptance_attachments"] = [f"附件{i}：{x}" for i, x in enumerate([
        "清洁生产审核评估技术审查意见", "方案实施前、后监测报告", "中/高费方案实施证明材料（合同、发票、照片）",
        "清洁生产审核绩效表（盖章）", "企业自我声明（盖章）", "项目财务审计报告（必要时）"], 1)]
    return out
