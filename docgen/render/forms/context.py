"""What each form template may refer to: the data of one audit, printed the way forms print it.

Every value is a finished string (or a list of strings / rows of strings): numbers with the report
precision of ``docgen.numfmt``/``docgen.tables.cells`` (万元 to 2 decimals, rates ``12.3%``), dates as
``2025年3月15日``. A date the data does not have yet (申请验收时间 before the application is filed)
prints as ``　　　　年　　月　　日`` for the signer to write by hand — a blank, never a placeholder.

Names shared by every form: ``e`` (the enterprise model, as in the report templates), ``ent``
(enterprise values), ``aud`` (audit values) and ``blank_date``; each form adds its own namespace
(``c``, ``f``, ``perf``, ``decl``, ``plan``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from markupsafe import Markup

from docgen.derive import Figures
from docgen.model import AuditData
from docgen.numfmt import fmt_date, fmt_number, fmt_percent
from docgen.render.forms.wording import BLANK_DATE, CAPABILITY_STATEMENTS, CROSS, TICK
from docgen.render.tablexml import CAPTION_MARK, table_xml
from docgen.render.template_build.typography import text_width_twips
from docgen.tables import TableData, build_table
from docgen.tables.builders_s1 import STAGE_NAMES
from docgen.tables.cells import format_number, quantity_text
from docgen.tables.common import actual_or_expected, planned_investment

ZERO = Decimal(0)
CHECKED, UNCHECKED = "☑", "☐"
MANDATORY_REASONS = ("双超", "双有", "高耗能")
PASSED = ("通过", "合格")


# ─── printing ────────────────────────────────────────────────────────────────────────────────
def date_or_blank(value: dt.date | None) -> str:
    return fmt_date(value) if value else BLANK_DATE


def money(value: Decimal) -> str:
    """万元 to 2 decimals (numfmt convention)."""
    return fmt_number(value, 2)


def natural(value: Decimal) -> str:
    """A registered figure as given: 500 → 500, 12.5 → 12.5."""
    return format_number(value, None, "natural")


def target_value(value: Decimal, unit: str) -> str:
    """A target's value with its unit; percentages keep the decimals given (93.08%)."""
    if unit.strip() in {"%", "％"}:
        return f"{natural(value)}%"
    return quantity_text(value, unit)


def _box(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


def audit_type_boxes(audit: AuditData) -> str:
    """☑强制性（☐双超　☑双有　☐高耗能）　☐自愿性"""
    a = audit.audit
    mandatory = a.type == "强制性"
    reasons = "　".join(f"{_box(mandatory and r in a.mandatory_reasons)}{r}" for r in MANDATORY_REASONS)
    return f"{_box(mandatory)}强制性（{reasons}）　{_box(not mandatory)}自愿性"


def audit_type_text(audit: AuditData) -> str:
    a = audit.audit
    return f"{a.type}（{'、'.join(a.mandatory_reasons)}）" if a.mandatory_reasons else a.type


def _contact_line(name: str, phone: str | None) -> str:
    return f"{name}，{phone}" if phone else name


# ─── shared namespaces ───────────────────────────────────────────────────────────────────────
def common(audit: AuditData) -> dict:
    e, a = audit.enterprise, audit.audit
    contact = e.contacts[0]
    phone = contact.phone or e.phone
    ent = SimpleNamespace(
        industry=f"{e.industry.name}（{e.industry.code}）",
        contact_name=contact.name,
        contact_phone=phone or "—",
        contact=_contact_line(contact.name, phone),
        postcode=e.postcode or "—",
    )
    aud = SimpleNamespace(
        type_boxes=audit_type_boxes(audit),
        type_text=audit_type_text(audit),
        round=f"第{a.round}轮",
        baseline_year=f"{a.baseline_year}年",
        scope=a.scope.strip(),
        consultancy=audit.consultancy.name if audit.consultancy else "企业自行审核",
        started=date_or_blank(a.timeline.started),
        focus=audit.selected_focus.name,
        evaluation_report=f"{e.name}清洁生产审核报告",
        acceptance_report=f"{e.name}清洁生产审核验收报告",
    )
    return {"e": e, "ent": ent, "aud": aud, "blank_date": BLANK_DATE}


# ─── 附表1 ───────────────────────────────────────────────────────────────────────────────────
def consultancy_context(audit: AuditData, figures: Figures) -> dict:
    c = audit.consultancy
    caps = c.capabilities
    staff = [
        SimpleNamespace(
            no=str(i), name=s.name, age=str(s.age), education=s.education, title=s.title, specialty=s.specialty,
            certificate_name=s.certificate_name, certificate_no=s.certificate_no, since=f"{s.audit_since}年至今",
            achievements=s.achievements,
        )
        for i, s in enumerate(c.staff, 1)
    ]
    ns = SimpleNamespace(
        name=c.name,
        founded=fmt_date(c.founded),
        legal_representative=c.legal_representative,
        registered_capital=f"{natural(c.registered_capital)}万元",
        nature=c.nature,
        fixed_assets=f"{natural(c.fixed_assets)}万元",
        area=f"{natural(c.workplace_area_m2)} m²",
        address=c.address,
        postcode=c.postcode,
        contact_name=c.contact.name,
        contact_phone=c.contact.phone or "—",
        contact_email=c.contact.email or "—",
        lead_name=c.technical_lead.name,
        lead_phone=c.technical_lead.phone or "—",
        lead_email=c.technical_lead.email or "—",
        ticks=SimpleNamespace(**{key: TICK if getattr(caps, key) else CROSS for key, _ in CAPABILITY_STATEMENTS}),
        staff=staff,
    )
    return {"c": ns}


# ─── scheme statistics ───────────────────────────────────────────────────────────────────────
def _done(scheme, cutoff: dt.date | None = None) -> bool:
    """Implemented (by ``cutoff`` when given: the completion, else start, date on or before it)."""
    if scheme.status != "已实施":
        return False
    when = scheme.actual_end or scheme.actual_start
    return cutoff is None or when is None or when <= cutoff


def _implemented_stats(schemes) -> tuple[int, Decimal, Decimal, bool]:
    """(count, 投资, 经济效益, any value taken from the plan) of the implemented ``schemes``."""
    done = [s for s in schemes if _done(s)]
    values = [actual_or_expected(s) for s in done]
    return (len(done), sum((v[0] for v in values), ZERO), sum((v[2] for v in values), ZERO), any(v[3] for v in values))


# ─── 评估申请表 ──────────────────────────────────────────────────────────────────────────────
def target_lines(figures: Figures) -> list[str]:
    """"单位产品综合能耗：由 1.224 tce/t 降至 1.12 tce/t（降低 8.5%）" per target."""
    lines = []
    for i, t in enumerate(figures.targets, 1):
        verb = "降至" if t.direction == "降低" else "提高至"
        if t.percentage_points is not None:
            change = f"{t.direction} {fmt_number(abs(t.percentage_points), 2)} 个百分点"
        else:
            change = f"{t.direction} {fmt_percent(t.target_rate)}"
        lines.append(f"{i}. {t.indicator}：由 {target_value(t.baseline, t.unit)} {verb} {target_value(t.near_term, t.unit)}（{change}）")
    return lines


def evaluation_context(audit: AuditData, figures: Figures) -> dict:
    tl, s = audit.audit.timeline, figures.schemes
    cutoff = tl.evaluation_applied or audit.report.evaluation_report_date
    low_done = sum(1 for x in audit.low_cost_schemes if _done(x, cutoff))
    low_done_values = [actual_or_expected(x) for x in audit.low_cost_schemes if _done(x, cutoff)]
    materials = [f"《{audit.enterprise.name}清洁生产审核报告》及相关技术佐证材料"]
    if audit.consultancy is not None:
        materials.append("审核咨询服务机构基本情况表及其符合《清洁生产审核办法》规定条件的证明材料")
    else:
        materials.append("企业自行开展清洁生产审核的技术能力证明材料")
    materials.append("审核工作计划、宣传培训记录等审核过程材料")
    f = SimpleNamespace(
        targets=target_lines(figures),
        schemes=(f"共 {s.total} 项，其中无/低费方案 {s.low_cost} 项（已实施 {low_done} 项），"
                 f"中/高费方案 {s.high_cost} 项"),
        investment=(f"无/低费方案 {money(s.investment_low)} 万元，中/高费方案 {money(s.investment_high)} 万元，"
                    f"合计 {money(s.investment_low + s.investment_high)} 万元"),
        benefit=(f"已实施无/低费方案经济效益 {money(sum((v[2] for v in low_done_values), ZERO))} 万元/a；"
                 f"全部方案预期经济效益 {money(s.expected_benefit)} 万元/a"),
        report_date=fmt_date(audit.report.evaluation_report_date),
        applied=date_or_blank(tl.evaluation_applied),
        materials=[f"{i}. {m}" for i, m in enumerate(materials, 1)],
    )
    return {"f": f}


# ─── 验收申请表 ──────────────────────────────────────────────────────────────────────────────
def performance_table(audit: AuditData, figures: Figures) -> TableData:
    """A-5 of the 验收报告: the same rows, the same printed numbers in the 绩效表 and the report."""
    table = build_table(audit, "A-5", figures)
    if table is None or table.width != 7:  # pragma: no cover - guarded by the catalogue
        raise RuntimeError("绩效表（A-5）的列与表格目录不符")
    return table


def _performance_summary(audit: AuditData, figures: Figures, a5: TableData) -> list[str]:
    lines = []
    for group in ("能源", "水", "污染物", "固体废物", "温室气体"):
        parts = [
            f"{row[1]}减少 {row[5]} {row[2]}（{row[6]}）"
            for row, raw in zip(a5.rows, a5.raw_rows)
            if row[0] == group and raw[5] is not None and raw[5] > 0
        ]
        if parts:
            lines.append(f"{group}：" + "、".join(parts))
    post = audit.post_audit
    lines.append(f"经济效益：{money(figures.economic_benefit_total)} 万元/a（节能降耗 {money(post.economic_benefit_energy)} 万元/a，"
                 f"削减污染物排放 {money(post.economic_benefit_pollution)} 万元/a）")
    levels = {x.stage: x.level for x in figures.level if x.level}
    if "审核前" in levels and "审核后" in levels:
        lines.append(f"清洁生产水平：审核前 {levels['审核前']}级，审核后 {levels['审核后']}级")
    return lines


_PLAN_NOTE = "（未填写实际值的按预计值计）"


def acceptance_context(audit: AuditData, figures: Figures) -> dict:
    tl, s = audit.audit.timeline, figures.schemes
    low = _implemented_stats(audit.low_cost_schemes)
    high = _implemented_stats(audit.high_cost_schemes)
    planned_high = sum((planned_investment(x) for x in audit.high_cost_schemes), ZERO)
    high_lines = []
    for x in audit.high_cost_schemes:
        text = f"{x.id} {x.name}：{x.status}"
        if x.status == "已实施" and x.actual_end:
            text += f"，{fmt_date(x.actual_end)}完成"
        if x.actual_investment is not None:
            text += f"，实际投资 {money(x.actual_investment)} 万元"
        high_lines.append(text)
    met = [t for t in figures.targets if t.met]
    target_lines_ = [
        f"{i}. {t.indicator}：审核前 {target_value(t.baseline, t.unit)}，目标 {target_value(t.near_term, t.unit)}，"
        f"实际 {target_value(t.actual, t.unit)}，{t.status}"
        for i, t in enumerate(figures.targets, 1)
    ]
    opinions = audit.evaluation_opinions
    materials = [
        "清洁生产审核评估意见（评估技术审查意见）",
        f"《{audit.enterprise.name}清洁生产审核验收报告》及附件",
        "清洁生产方案实施前、后的污染物排放、能源消耗等监测报告",
        "清洁生产审核绩效表",
        "企业自我声明",
    ]
    f = SimpleNamespace(
        evaluation_date=fmt_date(tl.evaluation_onsite or tl.evaluation_result_date),
        evaluation_result=tl.evaluation_result,
        opinions=(f"评估提出意见 {len(opinions)} 条，已逐条落实整改" if opinions else ""),
        low_cost=(f"共 {s.low_cost} 项，已实施 {low[0]} 项，实际投资 {money(low[1])} 万元，"
                  f"经济效益 {money(low[2])} 万元/a{_PLAN_NOTE if low[3] else ''}"),
        high_cost=(f"共 {s.high_cost} 项，已实施 {high[0]} 项，计划投资 {money(planned_high)} 万元，"
                   f"实际投资 {money(high[1])} 万元，经济效益 {money(high[2])} 万元/a{_PLAN_NOTE if high[3] else ''}"),
        high_cost_lines=high_lines,
        targets_summary=f"清洁生产目标共 {len(figures.targets)} 项，已完成 {len(met)} 项",
        targets=target_lines_,
        performance=_performance_summary(audit, figures, performance_table(audit, figures)),
        period=audit.post_audit.period,
        applied=date_or_blank(tl.acceptance_applied),
        materials=[f"{i}. {m}" for i, m in enumerate(materials, 1)],
    )
    return {"f": f}


# ─── 绩效表 ──────────────────────────────────────────────────────────────────────────────────
def audit_period(audit: AuditData) -> str:
    """审核起止时间: 启动 to 验收申请 (the end the 验收报告's 绩效表 note uses too)."""
    tl = audit.audit.timeline
    end = tl.acceptance_applied or audit.report.acceptance_report_date
    return f"{fmt_date(tl.started)}—{fmt_date(end)}"


def performance_context(audit: AuditData, figures: Figures) -> dict:
    tl = audit.audit.timeline
    stats, totals, fallback = [], [0, 0, ZERO, ZERO], False
    for label, schemes in (("无/低费方案", audit.low_cost_schemes), ("中/高费方案", audit.high_cost_schemes)):
        count, investment, benefit, used_plan = _implemented_stats(schemes)
        fallback = fallback or used_plan
        totals = [totals[0] + len(schemes), totals[1] + count, totals[2] + investment, totals[3] + benefit]
        stats.append(SimpleNamespace(label=label, proposed=str(len(schemes)), implemented=str(count),
                                     investment=money(investment), benefit=money(benefit)))
    total = SimpleNamespace(label="合计", proposed=str(totals[0]), implemented=str(totals[1]),
                            investment=money(totals[2]), benefit=money(totals[3]))
    a5 = performance_table(audit, figures)
    groups: list[SimpleNamespace] = []
    for row in a5.rows:
        if not groups or groups[-1].name != row[0]:
            groups.append(SimpleNamespace(name=row[0], rows=[]))
        groups[-1].rows.append(SimpleNamespace(item=row[1], unit=row[2], before=row[3], after=row[4],
                                               reduction=row[5], rate=row[6]))
    stats_note = "注：投资和经济效益按已实施方案的实际值统计" + ("（未填写实际值的按预计值）。" if fallback else "。")
    basis = (f"审核前为审核基准年{audit.audit.baseline_year}年的数据，审核后为方案实施后统计期"
             f"{audit.post_audit.period.strip().rstrip('。')}的数据；削减率 = 削减量 / 审核前。")
    perf = SimpleNamespace(
        industry=f"{audit.enterprise.industry.name}（{audit.enterprise.industry.code}）",
        period=audit_period(audit),
        evaluation_date=date_or_blank(tl.evaluation_onsite or tl.evaluation_result_date),
        acceptance_date=date_or_blank(tl.acceptance_onsite or tl.acceptance_result_date),
        stats=stats,
        total=total,
        stats_note=stats_note,
        groups=groups,
        benefit_total=a5.total_row[5],
        basis=basis,
        date=date_or_blank(audit.report.acceptance_report_date),
    )
    return {"perf": perf}


# ─── 企业自我声明 ────────────────────────────────────────────────────────────────────────────
def declaration_context(audit: AuditData, figures: Figures) -> dict:
    e, a, tl, s = audit.enterprise, audit.audit, audit.audit.timeline, figures.schemes
    kind = f"{a.type}（{'、'.join(a.mandatory_reasons)}）" if a.mandatory_reasons else a.type
    intro = f"{e.name}（统一社会信用代码：{e.credit_code}）"
    intro += f"于{fmt_date(tl.started)}启动" if tl.started else "开展"
    intro += f"第{a.round}轮{kind}清洁生产审核"
    if audit.consultancy is not None:
        intro += f"，委托{audit.consultancy.name}协助开展审核工作"
    evaluated = tl.evaluation_onsite or tl.evaluation_result_date
    if tl.evaluation_result in PASSED and evaluated:
        intro += f"，于{fmt_date(evaluated)}通过清洁生产审核评估"
    intro += (f"。本轮审核共提出清洁生产方案{s.total}项，其中无/低费方案{s.low_cost}项、中/高费方案{s.high_cost}项，"
              + ("已全部实施完成" if s.implemented == s.total else f"已实施{s.implemented}项")
              + "。现就申请清洁生产审核验收所提交的材料郑重声明如下：")
    decl = SimpleNamespace(
        intro=intro,
        report=f"{e.name}清洁生产审核验收报告",
        date=fmt_date(audit.report.acceptance_report_date),
    )
    return {"decl": decl}


# ─── 审核工作计划 ────────────────────────────────────────────────────────────────────────────
def _numbered_table(table: TableData, number: int) -> Markup:
    """Caption 表N (a form has no chapters) + table, laid out like the report's tables."""
    xml = table_xml(table, text_width_twips())
    return Markup(xml.replace(f"表{CAPTION_MARK}{table.id}{CAPTION_MARK}", f"表{number}"))


def _group_sentence(members, group: str, duty: str) -> str:
    people = [m for m in members if m.group == group]
    if not people:
        return ""
    lead = next((m for m in people if "组长" in m.team_role and "副组长" not in m.team_role), None)
    head = f"{group}由{lead.name}（{lead.department_position}）任组长，" if lead else f"{group}"
    return f"{head}共{len(people)}人，{duty}"


def work_plan_context(audit: AuditData, figures: Figures) -> dict:
    org, tl = audit.organisation, audit.audit.timeline
    items = org.work_plan
    start, end = min(p.start for p in items), max(p.end for p in items)
    stages = [STAGE_NAMES[st].split(".", 1)[1] for st in dict.fromkeys(sorted(p.stage for p in items))]
    groups = [
        _group_sentence(org.members, "领导小组", "负责审核工作的组织领导、资源保障和方案决策"),
        _group_sentence(org.members, "工作小组", "负责各阶段审核工作的具体实施"),
    ]
    team = "为保证本轮清洁生产审核顺利开展，企业成立清洁生产审核领导小组和审核工作小组。" + "；".join(g for g in groups if g) + "。"
    if audit.consultancy is not None:
        names = [x.name for x in audit.consultancy.staff]
        team += f"审核咨询服务机构{audit.consultancy.name}派出{'、'.join(names)}等{len(names)}名审核人员提供技术指导。"
    team += "审核小组成员及分工见表1。"
    schedule = (f"本轮审核按照{'、'.join(stages)}{len(stages)}个阶段开展，计划于{fmt_date(start)}开始，"
                f"{fmt_date(end)}前完成，各阶段工作内容、完成时间、责任部门及产出见表2。")
    team_table, plan_table = build_table(audit, "T-1", figures), build_table(audit, "T-2", figures)
    plan = SimpleNamespace(
        team=team,
        schedule=schedule,
        period=f"{fmt_date(start)}—{fmt_date(end)}",
        team_table=_numbered_table(team_table, 1),
        plan_table=_numbered_table(plan_table, 2),
        date=fmt_date(tl.started or start),
    )
    return {"plan": plan}
