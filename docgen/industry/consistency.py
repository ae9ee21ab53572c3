"""Cross-field rules of an industry-wide audit data file (the pattern of docgen.model.consistency).

Errors are contradictions the report must not contain: a reference to an enterprise or scheme that
does not exist, a list that does not reach the coverage threshold, a target whose 现状值 is not the
figure the data gives, an enterprise listed "for feasibility" that lacks audit conditions. Warnings
are what an expert would query (a listed enterprise without any scheme).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from docgen.load.problems import Problem
from docgen.load.rulebook import RuleBook, duplicate_ids
from docgen.numfmt import fmt_percent

from .calc import BASIS_NAMES, baseline_of, compute
from .model import IndustryAuditData

#: A stated 现状值 may differ from the recomputed one by rounding: 0.01 absolute or 0.01 % relative.
TOLERANCE = Decimal("0.01")
RELATIVE = Decimal("0.0001")

#: Every rule of this module; ``check_consistency(data)`` runs them all.
check_consistency: RuleBook[IndustryAuditData] = RuleBook()
rule = check_consistency.rule
RULES = check_consistency.rules


@rule
def unique_ids(data: IndustryAuditData) -> Iterator[Problem]:
    """编号唯一"""
    for path in ("enterprises", "focus", "targets", "diagnosis", "technologies", "industry_schemes", "enterprise_schemes"):
        yield from duplicate_ids(getattr(data, path), path)


@rule
def references(data: IndustryAuditData) -> Iterator[Problem]:
    """引用的企业、问题、技术和方案编号存在"""
    enterprises = {e.id: e for e in data.enterprises}
    problems = {d.id for d in data.diagnosis}
    techs = {t.id for t in data.technologies}
    schemes = {s.id for s in data.industry_schemes}
    for n, d in enumerate(data.diagnosis):
        for k, ident in enumerate(d.enterprises):
            if ident not in enterprises:
                yield Problem(("diagnosis", n, "enterprises", k), f"企业编号「{ident}」不在 enterprises 中")
        if d.dimension == "企业个性" and not d.enterprises:
            yield Problem(("diagnosis", n, "enterprises"), "企业个性问题须注明涉及的企业")
    for n, s in enumerate(data.industry_schemes):
        for k, ident in enumerate(s.problems):
            if ident not in problems:
                yield Problem(("industry_schemes", n, "problems", k), f"问题编号「{ident}」不在 diagnosis 中")
        for k, ident in enumerate(s.technologies):
            if ident not in techs:
                yield Problem(("industry_schemes", n, "technologies", k), f"技术编号「{ident}」不在 technologies 中")
    for n, s in enumerate(data.enterprise_schemes):
        e = enterprises.get(s.enterprise)
        if e is None:
            yield Problem(("enterprise_schemes", n, "enterprise"), f"企业编号「{s.enterprise}」不在 enterprises 中")
        elif not e.selected:
            yield Problem(("enterprise_schemes", n, "enterprise"), f"企业「{e.name}」未纳入审核企业名单，不应有企业层面方案")
        if s.industry_scheme is not None and s.industry_scheme not in schemes:
            yield Problem(("enterprise_schemes", n, "industry_scheme"), f"行业层面方案编号「{s.industry_scheme}」不在 industry_schemes 中")


@rule
def listed_enterprises(data: IndustryAuditData) -> Iterator[Problem]:
    """名单企业的入选原则、水平评价和实施后数据"""
    with_schemes = {s.enterprise for s in data.enterprise_schemes}
    if not data.listed:
        yield Problem(("enterprises",), "没有纳入审核企业名单的企业（selected: true）")
    for n, e in enumerate(data.enterprises):
        if not e.selected:
            continue
        if not e.principles:
            yield Problem(("enterprises", n, "principles"), f"「{e.name}」纳入名单，但未说明入选原则")
        if "可行性" in e.principles and not e.feasible:
            yield Problem(("enterprises", n, "principles"), f"「{e.name}」以可行性原则入选，但 feasible 为 false（不具备审核条件）")
        if e.level_before is None:
            yield Problem(("enterprises", n, "level_before"), f"「{e.name}」纳入名单，缺少审核前清洁生产水平（对标评估）")
        if e.after is None:
            yield Problem(("enterprises", n, "after"), f"「{e.name}」缺少方案实施后数据，绩效评估无法计算", "warning")
        if e.after is not None and e.level_after is None:
            yield Problem(("enterprises", n, "level_after"), f"「{e.name}」有实施后数据，但缺少审核后清洁生产水平")
        if e.id not in with_schemes:
            yield Problem(("enterprises", n), f"「{e.name}」纳入名单，但没有企业层面方案", "warning")


@rule
def coverage(data: IndustryAuditData) -> Iterator[Problem]:
    """名单覆盖率达到下限"""
    for c in compute(data).coverage:
        if not c.met:
            yield Problem(("audit", "coverage_threshold"),
                          f"审核企业名单的{BASIS_NAMES[c.basis]}占全行业 {fmt_percent(c.share)}，低于 {fmt_percent(c.threshold, 0)}")


@rule
def target_baselines(data: IndustryAuditData) -> Iterator[Problem]:
    """目标现状值与企业数据一致"""
    figures = compute(data)
    for n, t in enumerate(data.targets):
        expected = baseline_of(data, figures, t.source)
        if expected is not None and abs(expected - t.baseline) > max(TOLERANCE, abs(expected) * RELATIVE):
            yield Problem(("targets", n, "baseline"), f"目标「{t.indicator}」的现状值 {t.baseline} 与企业数据合计 {expected:.2f} 不符")
    categories = {t.category for t in data.targets}
    if "清洁生产水平提升" not in categories:
        yield Problem(("targets",), "缺少“清洁生产水平提升”类目标（达到一级或二级水平的企业数量或比例）", "warning")


@rule
def dates(data: IndustryAuditData) -> Iterator[Problem]:
    """审核周期和计划日期顺序"""
    if data.audit.cycle_end < data.audit.cycle_start:
        yield Problem(("audit", "cycle_end"), "审核周期止早于审核周期起")
    for n, step in enumerate(data.plan):
        if step.end < step.start:
            yield Problem(("plan", n, "end"), f"「{step.stage}」完成时间早于开始时间")


@rule
def grading(data: IndustryAuditData) -> Iterator[Problem]:
    """企业清洁生产水平与指标对标结果一致"""
    from .grading import graded_level

    system = data.indicator_system
    known = {i.id for c in system.classes for i in c.indicators} if system else set()
    for n, e in enumerate(data.enterprises):
        for when, values, stated in (("before", e.indicators_before, e.level_before), ("after", e.indicators_after, e.level_after)):
            if not values:
                continue
            field = f"indicators_{when}"
            if system is None:
                yield Problem(("enterprises", n, field), "填写了指标值，但没有 indicator_system（行业清洁生产评价指标体系）")
                break
            unknown = sorted(set(values) - known)
            if unknown:
                yield Problem(("enterprises", n, field), f"指标编号「{'、'.join(unknown)}」不在 indicator_system 中")
                continue
            level, result = graded_level(system, values)
            if stated is not None and stated != level:
                which = "审核前" if when == "before" else "审核后"
                yield Problem(("enterprises", n, f"level_{when}"),
                              f"「{e.name}」{which}清洁生产水平填写为{stated}，按指标对标应为{level}：{result.reason_zh}")
