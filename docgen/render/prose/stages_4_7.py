"""Chapters 4–7 of the evaluation report: schemes, feasibility, implementation, continuity."""

from __future__ import annotations

from collections import Counter

from .common import ProseContext, date, join, money, num, pct, qty


def _count_sentence(ctx: ProseContext) -> str:
    s = ctx.figures.schemes
    return f"本轮审核共提出清洁生产方案{s.total}项，其中无/低费方案{s.low_cost}项、中/高费方案{s.high_cost}项"


def s4_s5(ctx: ProseContext) -> dict[str, list[str]]:
    a, f = ctx.audit, ctx.figures
    out: dict[str, list[str]] = {}
    sources = Counter(s.source for s in a.schemes if s.source)
    src = join(f"{k}{v}项" for k, v in sources.most_common())
    out["s4_sources"] = ["审核小组通过全员征集合理化建议、专家咨询、同行对比和物料平衡分析等途径广泛征集清洁生产方案。"
                         + (f"按来源统计：{src}。" if src else "")]
    categories = Counter(s.category for s in a.schemes)
    out["s4_summary"] = [
        f"{_count_sentence(ctx)}，预计总投资{money(f.schemes.investment_low + f.schemes.investment_high)}，"
        f"其中无/低费方案{money(f.schemes.investment_low)}、中/高费方案{money(f.schemes.investment_high)}。",
        f"按方案类型分，{join(f'{k}类{v}项' for k, v in categories.most_common())}。方案汇总见{ctx.ref('T-16')}。",
    ]
    feasible = [s for s in a.schemes if s.screening and s.screening.conclusion == "可行"]
    out["s4_screening"] = [f"审核小组从技术可行性、环境效果、经济效果和可实施性四个方面对方案进行初步筛选，{len(feasible)}项方案筛选结论为可行，筛选结果见{ctx.ref('T-17')}。"]
    high = a.high_cost_schemes
    out["s4_high_cost"] = [f"经筛选，确定{len(high)}项中/高费方案进入可行性分析：" if high else "本轮审核未提出中/高费方案。"] + [
        f"{s.id} {s.name}：{s.description.rstrip('。')}，预计投资{money(s.investment)}。" for s in high
    ]
    done_low = [s for s in a.low_cost_schemes if s.status == "已实施"]
    invest = sum((s.actual_investment or 0) for s in done_low)
    benefit = sum((s.actual_economic_benefit or 0) for s in done_low)
    out["s4_low_cost_effects"] = [
        f"截至报告编制时，{len(a.low_cost_schemes)}项无/低费方案中已实施{len(done_low)}项，实际投资{money(invest)}，"
        f"年经济效益{money(benefit)}，实施效果见{ctx.ref('T-18')}。"
    ]

    markets = [f"{s.id} {s.name}：{s.feasibility.market}" for s in high if s.feasibility and s.feasibility.market]
    out["s5_market"] = markets or ["中/高费方案均为企业内部节能减排改造项目，不涉及新增产品的市场风险。"]
    out["s5_technical"] = [f"从技术先进性、成熟性、对产品质量和产能的影响、操作维护及安全等方面对{len(high)}项中/高费方案进行技术评估，结论见{ctx.ref('T-19a')}。"]
    out["s5_environmental"] = [f"对中/高费方案实施前后的污染物产生、排放及资源消耗进行对比分析，环境评估结果见{ctx.ref('T-19b')}。"]
    econ = ["经济评估采用现金流量分析法：年折旧费D=I/Y，应税利润T=P−D，净利润E=T×(1−t)，年增现金流量F=E+D，投资偿还期N=I/F，净现值NPV=Σ F/(1+i)^j−I，净现值率NPVR=NPV/I，内部收益率IRR为使NPV=0的贴现率。"]
    for e in f.schemes.economics:
        irr = pct(e.irr, 2) if e.irr is not None else "无解"
        payback = f"{num(e.payback_years)}年" if e.payback_years is not None else "无法回收"
        econ.append(f"{e.scheme_id} {e.scheme_name}：总投资{money(e.investment)}，年增现金流量{money(e.cash_flow)}，投资偿还期{payback}，"
                    f"净现值{money(e.npv)}（贴现率{pct(e.discount_rate, 0)}），内部收益率{irr}，{'经济上可行' if e.feasible else '经济上不可行'}。")
    econ.append(f"经济评估结果见{ctx.ref('T-19c')}。")
    out["s5_economic"] = econ
    conclusions = [f"{s.id} {s.name}：{s.feasibility.conclusion.rstrip('。')}。" for s in high if s.feasibility]
    out["s5_conclusion"] = (["综合技术、环境和经济评估结果，推荐实施以下中/高费方案："] + conclusions) if conclusions else ["本轮无需推荐实施的中/高费方案。"]
    return out


def s6_s7(ctx: ProseContext) -> dict[str, list[str]]:
    a, f = ctx.audit, ctx.figures
    out: dict[str, list[str]] = {}
    high = a.high_cost_schemes
    planned = [s for s in high if s.planned_end]
    plan = [f"审核小组制定了方案实施计划，明确了各方案的投资、资金来源、实施时间和责任部门，见{ctx.ref('T-21')}。"]
    if planned:
        plan.append(f"中/高费方案计划于{date(max(s.planned_end for s in planned))}前全部完成，所需资金{money(sum(s.investment for s in high))}由企业自筹解决。")
    out["s6_plan"] = plan
    done_low = [s for s in a.low_cost_schemes if s.status == "已实施"]
    saved = [f"{k}{qty(v.value, v.unit)}" for k, v in f.resource_savings.items()]
    reduced = [f"{k}{qty(v.value, v.unit, 3)}" for k, v in f.environmental_reductions.items()]
    text = f"已实施的{len(done_low)}项无/低费方案累计投资{money(sum((s.actual_investment or 0) for s in done_low))}，年经济效益{money(sum((s.actual_economic_benefit or 0) for s in done_low))}。"
    out["s6_low_cost"] = [text]
    done = [s for s in high if s.status == "已实施" and s.actual_end and s.actual_end <= a.report.evaluation_report_date]
    out["s6_high_cost_done"] = [f"截至报告编制时，已建成中/高费方案{len(done)}项（{join(s.id for s in done)}），实施效果见{ctx.ref('T-22')}。"]
    expected = [f"中/高费方案实施后，预计年经济效益{money(sum(s.expected_economic_benefit for s in high))}。" if high else ""]
    linked = [t for t in a.targets if t.related_schemes]
    expected.append(f"清洁生产目标均有相应方案支撑（{join(f'{t.indicator}—{join(t.related_schemes)}' for t in linked)}），各项方案预期效果可以保证近期目标的实现。"
                    if linked else "各项方案的预期效果可支撑清洁生产目标的实现。")
    out["s6_expected"] = [x for x in expected if x]
    impact = "本轮审核提高了企业全员的清洁生产意识，完善了环境管理"
    if saved:
        impact += f"，全部方案实施后可实现资源节约{join(saved)}"
    if reduced:
        impact += f"，污染物减排{join(reduced)}"
    out["s6_impact"] = [impact + "，取得了良好的环境效益和经济效益。"]

    c = a.continuous
    out["s7_organisation"] = [c.organisation]
    out["s7_systems"] = ["企业建立和完善了以下清洁生产管理制度："] + [f"（{i}）{s}" for i, s in enumerate(c.systems, 1)]
    out["s7_plan"] = [f"企业制定了持续清洁生产计划，共{len(c.plan)}项，见{ctx.ref('T-24')}。"]
    # The evaluation report is written before the 中/高费 schemes are built: its summary states what
    # was true then, from its own tables (T-18, T-21). The data's ``continuous.conclusion`` sums up
    # the finished round and belongs to the acceptance report.
    done_low = [s for s in a.low_cost_schemes if s.status == "已实施"]
    summary = (f"{_count_sentence(ctx)}。截至报告编制时，已实施无/低费方案{len(done_low)}项，"
               f"投资{money(sum((s.actual_investment or 0) for s in done_low))}，"
               f"年经济效益{money(sum((s.actual_economic_benefit or 0) for s in done_low))}")
    if high:
        summary += (f"；{len(high)}项中/高费方案已完成可行性分析，计划投资{money(sum(s.investment for s in high))}，"
                    f"预计年经济效益{money(sum(s.expected_economic_benefit for s in high))}")
    out["s7_conclusion"] = [summary + "。", "企业将按方案实施计划组织实施中/高费方案，实施完成并稳定运行后申请清洁生产审核验收。"]
    return out
