"""Data-dependent paragraphs of the park reports (``prose.*`` in the templates).

Only sentences that state figures or lists from the data are here; fixed wording sits in the
templates. Table references use docgen.render.tablexml.table_ref so that "见表3-2" gets the caption
number the renderer assigns.
"""

from __future__ import annotations

from decimal import Decimal

from docgen.numfmt import fmt_date, fmt_number
from docgen.park.figures import SCHEME_LEVELS, ParkFigures
from docgen.park.model import ParkData
from docgen.render.tablexml import table_ref

NOTE_INFERRED = "（说明：《产业园区清洁生产审核指南》附录D 评价方法及评价等级划分尚未获取，本报告采用的评价方法为审核工作组推定，见 docs/park.md。）"


def _pct(x: Decimal | None, places: int = 2) -> str:
    return "—" if x is None else f"{fmt_number(x * 100, places)}%"


def _see(*ids: str) -> str:
    return "、".join(table_ref(i) for i in ids)


def _schemes_of(data: ParkData, level: str) -> list[str]:
    return [f"{s.id} {s.name}：{s.content}（投资 {fmt_number(s.investment)} 万元，{s.status}）。" for s in data.schemes if s.level == level]


def build_prose(data: ParkData, fig: ParkFigures) -> dict[str, list[str]]:
    park, audit, c = data.park, data.audit, fig.control
    ents = {e.id: e for e in data.enterprises}
    names = {e.id: e.name for e in data.elements}
    pct = fmt_number(c.threshold * 100, 0)
    g = fig.grading
    sel_counts = "；".join(f"{names[e]} {len(s.selected)} 家（{_pct(s.coverage)}）" for e, s in c.elements.items() if not s.not_applicable)
    na = [names[e] for e, s in c.elements.items() if s.not_applicable]
    ties = [f"{names[e]}：{'、'.join(ents[x].name for x in s.tied_out)}" for e, s in c.elements.items() if s.tied_out]
    done = sum(fig.schemes[lv].done for lv in SCHEME_LEVELS)
    met = [t.name for t in data.targets if fig.achievements[t.id] and fig.achievements[t.id].met]
    unmet = [t.name for t in data.targets if fig.achievements[t.id] and not fig.achievements[t.id].met]
    pending = [t.name for t in data.targets if fig.achievements[t.id] is None]
    prose = {
        "preface": park.overview + [
            f"按照{audit.guide}，{audit.organiser}于{fmt_date(audit.start)}启动园区清洁生产审核，"
            f"{'委托' + audit.technical_support + '提供技术支持，' if audit.technical_support else ''}"
            f"以 {audit.base_year} 年为审核基准年，至{fmt_date(audit.end)}完成审核准备、清洁生产水平分析、审核分级清单及指标体系构建、"
            "审核、改进方案确定、方案实施及效果评估和持续性清洁生产审核七个阶段的工作。"],
        "basis": ["《中华人民共和国清洁生产促进法》；《清洁生产审核办法》；《清洁生产审核评估与验收指南》（环办科技〔2018〕5号）；",
                  f"{audit.guide}；《综合能耗计算通则》（GB/T 2589）；《国家生态工业示范园区标准》（HJ 274）；《工业园区循环经济评价规范》（GB/T 33567）；",
                  "《固定污染源排污许可分类管理名录》；园区规划、规划环评及其审查意见。"],
        "p1_team": [f"{audit.organiser}成立园区清洁生产审核工作组，由 {audit.team[0].name}（{audit.team[0].unit}）任组长，"
                    f"工作组共 {len(audit.team)} 人，成员及分工见{_see('P-1')}。"],
        "p1_tasks": [f"{m.name}：{m.duty}。" for m in audit.team],
        "p1_training": audit.training or ["审核启动后组织园区管理部门和企业开展培训动员。"],
        "p1_sources": [f"资料以排污许可执行报告、环境统计等现有报送体系为主，共收集 {len(audit.data_sources)} 类资料，见{_see('P-2')}。"],
        "p2_park": [f"{park.name}为{park.grade}，规划面积 {fmt_number(park.area_km2, 1)} km²，主导产业为{'、'.join(park.leading_industries)}，"
                    f"纳入本次审核的企业 {len(data.enterprises)} 家，基本情况见{_see('P-3')}。"],
        "p2_region": [f"资源：{x}" for x in data.region.resources] + [f"能源：{x}" for x in data.region.energy]
                     + [f"环境：{x}" for x in data.region.environment] + [f"制约因素：{x}" for x in data.region.constraints],
        "p2_infrastructure": data.region.infrastructure + [f"短板：{x}" for x in data.region.supervision_gaps],
        "p2_chains": [f"{ch.name}（{ch.kind}，{fig.chain_counts[ch.id]} 家企业）：{ch.description}" for ch in data.chains]
                     + [f"各产业链/产业集群资源能源消耗及污染物排放见{_see('P-4')}。"],
        "p2_enterprises": [f"{audit.base_year} 年园区{'、'.join(f'{e.name} {fmt_number(fig.totals[e.id])} {e.unit}' for e in data.elements)}。"
                           f"企业能源消费量折标准煤计算见{_see('P-6')}，各企业数据见{_see('P-5')}。"],
        "p3_method": [f"依据{audit.guide}，纳入重点管控名单的企业在资源、能源和污染物排放等相关要素在园区内的占比应在 {pct}% 以上。"
                      f"对每一要素，将企业按数值由大到小排序，依次选取至累计占比不低于 {pct}% 为止（该要素所需的最少企业数）；"
                      "数值相同的企业按数据文件中的顺序排列，数值为零的企业不入选；各要素入选企业的并集即为重点管控名单。"],
        "p3_list": [f"按上述方法，各要素入选企业数及其占比为：{sel_counts}。筛选过程见{_see('P-8')}。",
                    f"重点管控名单共 {len(c.members)} 家企业（占园区企业数的 {_pct(Decimal(len(c.members)) / len(data.enterprises), 1)}），"
                    f"见{_see('P-7')}；名单企业对各要素的覆盖情况见{_see('P-9')}，均不低于 {pct}%。"]
                   + ([f"园区合计为零、无需筛选的要素：{'、'.join(na)}。"] if na else [])
                   + ([f"数值与末位入选企业相同而未入选的企业（按数据文件顺序取舍）：{'；'.join(ties)}。"] if ties else []),
        "p3_indicators": [f"结合园区资源、能源、环境制约因素，参照 HJ 274 和《绿色园区评价要求》构建园区清洁生产审核指标体系，"
                          f"设一级指标 {len(data.grading.class_weights)} 项、二级指标 {len(data.indicators)} 项，见{_see('P-10')}。"],
        "p3_grading": [f"采用{g.title}：{g.basis}。" + NOTE_INFERRED],
        "p4_park": [f"园区各项指标现状值及达到级别见{_see('P-11')}，综合评价见{_see('P-12')}。评价结论：{g.reason_zh}。"],
        "p4_chains": [f"{ch.name}：{x}" for ch in data.chains for x in ch.findings],
        "p4_enterprises": [f"对重点管控名单内 {len(c.members)} 家企业结合排污许可执行报告开展非现场审核和现场核查，主要问题及审核方向见{_see('P-13')}。"],
        "p5_park": _schemes_of(data, "园区"),
        "p5_chains": _schemes_of(data, "产业链/产业集群"),
        "p5_enterprises": _schemes_of(data, "企业"),
        "p5_summary": [f"共确定园区、产业链/产业集群、企业三个层级改进方案 {fig.scheme_total.count} 项，"
                       f"总投资 {fmt_number(fig.scheme_total.investment)} 万元，见{_see('P-14', 'P-15')}。"],
        "p6_status": [f"截至{fmt_date(audit.end)}，已实施方案 {done} 项，其余方案实施中或计划实施。"],
        "p6_effects": [f"已确定方案预计年经济效益 {fmt_number(fig.scheme_total.benefit)} 万元，"
                       + "、".join(f"削减{names[e]} {fmt_number(v)} {next(x.unit for x in data.elements if x.id == e)}"
                                   for e, v in fig.reductions.items() if v > 0) + f"，见{_see('P-16')}。"],
        "p6_targets": [f"清洁生产目标共 {len(data.targets)} 项，完成情况见{_see('P-17')}："
                       f"已完成 {len(met)} 项{('（' + '、'.join(met) + '）') if met else ''}，"
                       f"未完成 {len(unmet)} 项{('（' + '、'.join(unmet) + '）') if unmet else ''}，"
                       f"尚未到期 {len(pending)} 项{('（' + '、'.join(pending) + '）') if pending else ''}。"],
        "p7_management": data.continuity.management_rules,
        "p7_access": [f"园区清洁生产准入清单共 {len(data.continuity.access_list)} 条，见{_see('P-18')}。"],
        "p7_incentives": data.continuity.incentives,
        "p7_mechanisms": [f"园区建立{'、'.join(m.name for m in data.continuity.mechanisms)}，见{_see('P-19')}。"],
        "conclusion": [f"重点管控名单 {len(c.members)} 家企业覆盖园区各要素 {pct}% 以上；园区清洁生产水平评价结论为{g.label_zh}；"
                       f"确定改进方案 {fig.scheme_total.count} 项，已实施 {done} 项；清洁生产目标已完成 {len(met)} 项。"],
    }
    if data.annual is not None:
        a = data.annual
        prose.update({
            "y1_park": prose["p2_park"],
            "y1_work": a.work_summary,
            "y2_change": [f"{a.year} 年园区各要素总量与上年度对比见{_see('Y-1')}。"],
            "y2_enterprises": [f"各企业数据见{_see('P-5')}。"],
            "y3_list": [f"按 {a.year} 年数据重新筛选，重点管控名单共 {len(c.members)} 家企业，见{_see('P-7')}，覆盖情况见{_see('P-9')}。"],
            "y4_indicators": prose["p4_park"],
            "y5_status": [f"改进方案 {fig.scheme_total.count} 项，已实施 {done} 项，见{_see('P-15')}。"],
            "y5_effects": prose["p6_effects"],
            "y5_targets": prose["p6_targets"],
            "y6_access": prose["p7_access"],
            "y6_mechanisms": [f"{m.name}：{m.content}。" for m in data.continuity.mechanisms],
            "y7_plan": a.next_year_plan,
        })
    return prose
