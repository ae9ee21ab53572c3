"""Data-dependent paragraphs of the industry report and the enterprise sheet (lists of strings).

Fixed wording (definitions, the principles' text) sits in the template (docgen.industry.templates)
where a consultancy rewords it in Word; sentences that state figures are built here from the same
figures the tables print, so text and tables cannot disagree. Table references use
``table_ref`` (filled with 表X-Y after rendering).
"""

from __future__ import annotations

from collections import Counter

from docgen.numfmt import fmt_date, fmt_number, fmt_percent
from docgen.render.tablexml import table_ref

from .calc import BASIS_NAMES, BASIS_UNITS, TOP_LEVELS, IndustryFigures, enterprise_schemes
from .model import LEVELS, Enterprise, IndustryAuditData


def _levels_text(counts: dict[str, int]) -> str:
    return "、".join(f"{lv} {counts[lv]} 家" for lv in LEVELS)


def report_prose(data: IndustryAuditData, fig: IndustryFigures) -> dict[str, list[str]]:
    a, ind, listed = data.audit, data.industry, data.listed
    pol = a.main_pollutant
    n = len(listed)
    cov = "；".join(
        f"{(pol + '排放量') if c.basis == 'pollutant' else BASIS_NAMES[c.basis]}占全行业的 {fmt_percent(c.share, 2)}"
        for c in fig.coverage)
    principles = Counter(p for e in listed for p in e.principles)
    red = fig.reductions
    out: dict[str, list[str]] = {
        "overview": [ind.description,
                     f"本次审核由{data.subject.name}（{data.subject.kind}）作为审核主体组织实施"
                     + (f"，{data.subject.organiser}参与组织" if data.subject.organiser else "")
                     + (f"，{'、'.join(data.subject.technical_support)}提供技术支撑。" if data.subject.technical_support else "。")],
        "team": [f"审核小组由审核主体、行业协会和技术支撑单位人员组成，共 {len(data.team)} 人，成员及分工见{table_ref('I-1')}。"],
        "cycle": [f"审核周期为{fmt_date(a.cycle_start)}至{fmt_date(a.cycle_end)}，基准年为{a.baseline_year}年，"
                  f"工作计划见{table_ref('I-2')}。"],
        "scope": [a.scope + "。", "审核依据：" + "；".join(a.basis) + "。"],
        "list": [f"经行业摸底，{ind.region}{ind.common_name}共有企业 {len(data.enterprises)} 家，纳入审核企业名单 {n} 家"
                 f"（{table_ref('I-3')}）。名单企业{cov}，均不低于 {fmt_percent(a.coverage_threshold, 0)} 的覆盖率要求（{table_ref('I-4')}）。",
                 "名单企业按入选原则统计：" + "，".join(f"{p} {k} 家" for p, k in principles.items()) + "（一家企业可符合多项原则）。",
                 f"名单企业的规模分布、地域分布和主要生产工艺类型见{table_ref('I-5')}。"],
        "survey": [f"资料收集以{a.baseline_year}年排污许可执行报告、能源统计和企业环境管理资料为主；现场调查对名单企业逐家核实生产工艺、"
                   f"原辅材料、治理设施运行情况，并组织企业座谈识别问题。名单企业现状数据见{table_ref('I-6')}。"],
        "level": _grading_text(data) + [
                  f"对照{ind.indicator_system}开展清洁生产水平对标评估，审核前名单企业中{_levels_text(fig.levels_before)}"
                  f"（{table_ref('I-7')}），达到I级或II级水平的企业占 {fmt_percent(_share(fig.levels_before), 2)}。"],
        "focus": [f"按污染物减排、温室气体减排、资源能源效率、产业链关键环节、环境管理合规五个导向确定审核重点 {len(data.focus)} 项（{table_ref('I-8')}）。"],
        "targets": [f"清洁生产目标从污染物减排、温室气体减排、资源能源效率、清洁生产水平提升四方面设置，共 {len(data.targets)} 项，"
                    f"分近期和中远期（{table_ref('I-9')}）。"],
        "diagnosis": [f"采用物料平衡、能量平衡、水平衡、标准对照、专家经验判断、问卷调查等方法，识别行业共性问题 "
                      f"{sum(1 for d in data.diagnosis if d.dimension == '行业共性')} 项（{table_ref('I-10')}）、企业个性问题 "
                      f"{sum(1 for d in data.diagnosis if d.dimension == '企业个性')} 项（{table_ref('I-11')}）。"],
        "catalogue": [f"结合试点经验和行业技术发展，编制行业清洁生产先进适用技术推荐目录，收录技术 {len(data.technologies)} 项"
                      f"（{table_ref('I-12')}），供企业结合实际自主遴选。"],
        "library": [f"针对行业共性问题形成行业层面方案 {len(data.industry_schemes)} 项（{table_ref('I-13')}）。"],
        "enterprise_schemes": [f"名单企业共提出企业层面方案 {len(data.enterprise_schemes)} 项，其中无/低费方案 {fig.scheme_counts['无/低费']} 项、"
                               f"中/高费方案 {fig.scheme_counts['中/高费']} 项，计划投资 {fmt_number(fig.investment, 1)} 万元（{table_ref('I-14')}，明细见附表2）。"],
        "implementation": [_implementation(data)],
        "attainment": [_attainment(fig)],
        "pollutants": [_reduction_text(red, "pollutant", f"{pol}排放量", "I-17")],
        "ghg": [_reduction_text(red, "energy", "综合能耗", "I-18") + _reduction_text(red, "co2", "二氧化碳排放量", None)],
        "levels": [f"审核后名单企业中{_levels_text(fig.levels_after)}（{table_ref('I-19')}），达到I级或II级水平的企业由 "
                   f"{_top(fig.levels_before)} 家增至 {_top(fig.levels_after)} 家，比例由 {fmt_percent(_share(fig.levels_before), 2)} "
                   f"提高到 {fmt_percent(_share(fig.levels_after), 2)}。"],
        "return": [f"名单企业累计投资 {fmt_number(fig.investment, 1)} 万元，年经济效益 {fmt_number(fig.benefit, 1)} 万元"
                   + (f"，静态投资回收期约 {fmt_number(fig.payback_years, 1)} 年" if fig.payback_years else "")
                   + f"（{table_ref('I-20')}）。"],
        "continuous": list(data.continuous) or ["建立行业清洁生产长效机制，定期复评企业清洁生产水平。"],
    }
    return out


def _grading_text(data: IndustryAuditData) -> list[str]:
    system = data.indicator_system
    if system is None:
        return []
    n = sum(len(c.indicators) for c in system.classes)
    return [f"审核小组构建{system.name}，含{len(system.classes)}项一级指标、{n}项二级指标（{table_ref('I-21')}），"
            f"采用综合评价指数法对名单企业逐家评估（{table_ref('I-22')}）。"]


def _top(counts: dict[str, int]) -> int:
    return sum(counts[lv] for lv in TOP_LEVELS)


def _share(counts: dict[str, int]):
    from .calc import top_share

    return top_share(counts)


def _implementation(data: IndustryAuditData) -> str:
    status = Counter(s.status for s in data.enterprise_schemes)
    return ("企业层面方案实施情况：" + "，".join(f"{k} {v} 项" for k, v in status.items())
            + f"（{table_ref('I-15')}）。方案实施采用行业、企业两级备案，企业完成方案后向审核主体报送实施台账。")


def _attainment(fig: IndustryFigures) -> str:
    judged = [r for r in fig.targets if r.met is not None]
    met = sum(1 for r in judged if r.met)
    return (f"近期清洁生产目标 {len(judged)} 项，达标 {met} 项、未达标 {len(judged) - met} 项"
            f"（{table_ref('I-16')}）；中远期目标继续跟踪考核。")


def _reduction_text(red, key: str, name: str, table_id: str | None) -> str:
    r = red.get(key)
    if r is None:
        return f"{name}的实施后数据不全，未核算削减量。"
    unit = BASIS_UNITS[key]
    ref = f"（{table_ref(table_id)}）" if table_id else ""
    return (f"名单企业{name}由 {fmt_number(r.before, 2)} {unit} 降至 {fmt_number(r.after, 2)} {unit}，"
            f"削减 {fmt_number(r.amount, 2)} {unit}，削减率 {fmt_percent(r.rate, 2)}{ref}。")


def sheet_prose(data: IndustryAuditData, fig: IndustryFigures, e: Enterprise) -> dict[str, list[str]]:
    mine = enterprise_schemes(data, e)
    share = e.baseline.pollutant / sum((x.baseline.pollutant for x in data.enterprises), start=e.baseline.pollutant * 0)
    return {
        "intro": [f"本表依据{data.audit.title.removesuffix('报告')}（{data.subject.name}组织）编制，替代企业单独编制的清洁生产审核报告；"
                  f"行业共性问题的诊断和行业层面方案见行业清洁生产审核报告。"],
        "reason": [f"{e.name}以{'、'.join(e.principles)}原则纳入审核企业名单；基准年{data.audit.main_pollutant}排放量 "
                   f"{fmt_number(e.baseline.pollutant, 2)} t/a，占全行业的 {fmt_percent(share, 2)}。"
                   + (f"入选理由：{e.reason.rstrip('。')}。" if e.reason else "")],
        "schemes": [f"本企业实施方案 {len(mine)} 项，其中无/低费 {sum(1 for s in mine if s.cost_class == '无/低费')} 项、"
                    f"中/高费 {sum(1 for s in mine if s.cost_class == '中/高费')} 项。"],
    }
