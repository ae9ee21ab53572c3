"""Cross-field rules of a park data file — what pydantic cannot see field by field.

Same pattern as docgen.model.consistency: small generators of ``Problem`` with the data path, all
run so that a user sees every problem of a file at once. Errors are contradictions the report must
not contain (an enterprise in an unknown chain, an element without a figure, weights that do not add
up, a target on the wrong side of its baseline).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from docgen.calc.energy import to_standard_coal
from docgen.calc.errors import CalcError
from docgen.calc.targets import target_change
from docgen.load.problems import Problem
from docgen.load.rulebook import RuleBook, duplicate_ids
from docgen.park.model import ParkData

WEIGHT_TOLERANCE = Decimal("0.001")

#: Every rule of this module; ``check(data)`` runs them all.
check: RuleBook[ParkData] = RuleBook()
rule = check.rule
RULES = check.rules


@rule
def unique_ids(d: ParkData) -> Iterator[Problem]:
    for key in ("chains", "elements", "enterprises", "indicators", "schemes", "targets"):
        yield from duplicate_ids(getattr(d, key), key)


@rule
def enterprise_references(d: ParkData) -> Iterator[Problem]:
    chains = {c.id for c in d.chains}
    elements = {e.id: e for e in d.elements}
    for i, ent in enumerate(d.enterprises):
        if ent.chain not in chains:
            yield Problem(("enterprises", i, "chain"), f"产业链/产业集群「{ent.chain}」未在 chains 中定义（可用：{'、'.join(sorted(chains))}）")
        for key in ent.values:
            if key not in elements:
                yield Problem(("enterprises", i, "values", key), f"要素「{key}」未在 elements 中定义")
            elif elements[key].standard_coal:
                yield Problem(("enterprises", i, "values", key),
                              f"要素「{key}」由能源消费实物量（energy）折标准煤计算，不应直接填写")
        for e in elements.values():
            if not e.standard_coal and e.id not in ent.values:
                yield Problem(("enterprises", i, "values"), f"缺少要素「{e.id}」（{e.name}）的数值（无排放请填 0）")
        for j, use in enumerate(ent.energy):
            try:
                to_standard_coal(use.amount, use.unit, use.carrier)
            except CalcError as exc:
                yield Problem(("enterprises", i, "energy", j), f"无法折标准煤：{exc}")
    coal = [e for e in d.elements if e.standard_coal]
    if coal and len(coal) > 1:
        yield Problem(("elements",), "只能有一个要素由能源消费实物量折标准煤计算（standard_coal: true）")
    for k, e in enumerate(coal):
        if e.unit != "tce":
            yield Problem(("elements", d.elements.index(e), "unit"), f"折标准煤要素的单位应为 tce，实为「{e.unit}」")


@rule
def scheme_references(d: ParkData) -> Iterator[Problem]:
    enterprises = {e.id for e in d.enterprises}
    chains = {c.id for c in d.chains}
    elements = {e.id for e in d.elements}
    for i, s in enumerate(d.schemes):
        ok = {"园区": s.subject == "园区", "产业链/产业集群": s.subject in chains, "企业": s.subject in enterprises}[s.level]
        if not ok:
            want = {"园区": "「园区」", "产业链/产业集群": "产业链编号", "企业": "企业编号"}[s.level]
            yield Problem(("schemes", i, "subject"), f"{s.level}层级方案的实施主体应为{want}，实为「{s.subject}」")
        for key in s.reductions:
            if key not in elements:
                yield Problem(("schemes", i, "reductions", key), f"要素「{key}」未在 elements 中定义")


@rule
def indicator_weights(d: ParkData) -> Iterator[Problem]:
    weights = d.grading.class_weights
    total = sum(weights.values(), Decimal(0))
    if abs(total - 1) > WEIGHT_TOLERANCE:
        yield Problem(("grading", "class_weights"), f"一级指标权重之和应为 1，实为 {total}")
    used = {i.level1 for i in d.indicators}
    for name in weights:
        if name not in used:
            yield Problem(("grading", "class_weights", name), f"一级指标「{name}」下没有二级指标")
    for i, ind in enumerate(d.indicators):
        if ind.level1 not in weights:
            yield Problem(("indicators", i, "level1"), f"一级指标「{ind.level1}」没有权重（grading.class_weights）")
        if d.grading.method == "graded" and not ind.grades:
            yield Problem(("indicators", i, "grades"), "分级对标法要求每项指标给出 I/II/III 级分级值（grades）")
        if d.grading.method == "benchmark_score" and ind.benchmark is None:
            yield Problem(("indicators", i, "benchmark"), "基准值评分法要求每项指标给出基准值（benchmark）")


@rule
def targets_direction(d: ParkData) -> Iterator[Problem]:
    for i, t in enumerate(d.targets):
        if target_change(t.baseline, t.target, t.direction) < 0:
            word = "高于" if t.direction == "reduce" else "低于"
            yield Problem(("targets", i, "target"), f"目标值 {t.target} {word}现状值 {t.baseline}，与方向（{t.direction}）不一致")


@rule
def dates_in_order(d: ParkData) -> Iterator[Problem]:
    a = d.audit
    if a.end < a.start:
        yield Problem(("audit", "end"), f"审核结束日期 {a.end} 早于开始日期 {a.start}")
    if a.report_date < a.start:
        yield Problem(("audit", "report_date"), f"报告日期 {a.report_date} 早于审核开始日期 {a.start}")


@rule
def annual_totals(d: ParkData) -> Iterator[Problem]:
    if d.annual is None:
        return
    elements = {e.id for e in d.elements}
    for key in d.annual.previous_totals:
        if key not in elements:
            yield Problem(("annual", "previous_totals", key), f"要素「{key}」未在 elements 中定义")
    if d.annual.year != d.audit.base_year:
        yield Problem(("annual", "year"), f"年度报告的年份 {d.annual.year} 与企业数据的年份（审核基准年 {d.audit.base_year}）不同："
                      "年度报告按数据文件中的企业数据编制", severity="warning")
    for key in elements - set(d.annual.previous_totals):
        yield Problem(("annual", "previous_totals"), f"缺少要素「{key}」上一年度的园区合计", severity="warning")
