"""Cross-field rules of an audit data file — what pydantic cannot see field by field.

Each rule is a small generator of problems with the data path they concern; ``check_consistency``
runs them all so that a user gets every problem in one pass. Errors are contradictions a report
must not contain (the review points of 环办科技〔2018〕5号 and domain.md §7.8 would fail it);
warnings are things an expert would query (a balance that does not close within tolerance).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal

from docgen.calc import balance as balance_calc
from docgen.calc import economics, ranking
from docgen.calc.energy import to_standard_coal
from docgen.calc.factors import load_factor_table
from docgen.calc.units import convertible
from docgen.load.problems import Problem
from docgen.load.rulebook import RuleBook

from .audit import TIMELINE_ORDER
from .audit_data import AuditData

#: Stated figures may differ from recomputed ones by this much (reports round to 2 decimals).
STATED_TOLERANCE = Decimal("0.01")
WEIGHT_SUM_TOLERANCE = Decimal("0.001")

#: Every rule of this module; ``check_consistency(audit)`` runs them all.
check_consistency: RuleBook[AuditData] = RuleBook()
rule = check_consistency.rule
RULES = check_consistency.rules


def _close(a: Decimal, b: Decimal, tolerance: Decimal = STATED_TOLERANCE) -> bool:
    return abs(Decimal(a) - Decimal(b)) <= tolerance


def _fmt(value: Decimal, places: int = 2) -> str:
    return f"{Decimal(value):.{places}f}"


def _duplicates(values: Iterable[str]) -> list[str]:
    return [v for v, n in Counter(values).items() if n > 1]


# --- audit and timeline ------------------------------------------------------------------------


@rule
def audit_type_reasons(audit: AuditData) -> Iterator[Problem]:
    """强制性审核须写明原因，自愿性审核不应有强制原因"""
    a = audit.audit
    if a.type == "强制性" and not a.mandatory_reasons:
        yield Problem(("audit", "mandatory_reasons"), "强制性审核须写明原因（双超、双有或高耗能）")
    if a.type == "自愿性" and a.mandatory_reasons:
        yield Problem(("audit", "mandatory_reasons"), "自愿性审核不应填写强制性审核原因")


@rule
def timeline_order(audit: AuditData) -> Iterator[Problem]:
    """审核进度日期须按程序先后"""
    t = audit.audit.timeline
    present = [(key, label, getattr(t, key)) for key, label in TIMELINE_ORDER if getattr(t, key)]
    for (k1, l1, d1), (k2, l2, d2) in zip(present, present[1:]):
        if d2 < d1:
            yield Problem(("audit", "timeline", k2), f"{l2}（{d2}）早于{l1}（{d1}）")
    pairs = [
        ("disclosed", "信息公开", "list_published", "名单公布"),
        ("evaluation_archived", "评估档案归档", "evaluation_onsite", "现场评估"),
        ("acceptance_archived", "验收档案归档", "acceptance_onsite", "现场验收"),
    ]
    for later, later_label, earlier, earlier_label in pairs:
        d_later, d_earlier = getattr(t, later), getattr(t, earlier)
        if d_later and d_earlier and d_later < d_earlier:
            yield Problem(("audit", "timeline", later), f"{later_label}（{d_later}）早于{earlier_label}（{d_earlier}）")
    if t.evaluation_result and not t.evaluation_result_date:
        yield Problem(("audit", "timeline", "evaluation_result_date"), "已填写评估结果，但缺少评估结果日期")
    if t.acceptance_result and not t.acceptance_result_date:
        yield Problem(("audit", "timeline", "acceptance_result_date"), "已填写验收结果，但缺少验收结果日期")
    r = audit.report
    if t.evaluation_applied and r.evaluation_report_date > t.evaluation_applied:
        yield Problem(("report", "evaluation_report_date"), f"审核报告日期（{r.evaluation_report_date}）晚于评估申请日期（{t.evaluation_applied}）")
    if t.started and r.evaluation_report_date < t.started:
        yield Problem(("report", "evaluation_report_date"), f"审核报告日期（{r.evaluation_report_date}）早于审核启动日期（{t.started}）")
    if r.acceptance_report_date and t.acceptance_applied and r.acceptance_report_date > t.acceptance_applied:
        yield Problem(("report", "acceptance_report_date"), f"验收报告日期（{r.acceptance_report_date}）晚于验收申请日期（{t.acceptance_applied}）")


@rule
def report_people(audit: AuditData) -> Iterator[Problem]:
    """审核师须是咨询机构人员表中持证人员"""
    if audit.consultancy is None:
        return
    staff = {s.name for s in audit.consultancy.staff}
    for i, name in enumerate(audit.report.auditors):
        if name not in staff:
            yield Problem(("report", "auditors", i), f"审核师「{name}」不在咨询机构人员表（consultancy.staff）中，无法给出证书编号")
    caps = audit.consultancy.capabilities
    for key, field in type(caps).model_fields.items():
        if not getattr(caps, key):
            yield Problem(("consultancy", "capabilities", key), f"咨询机构不符合「{field.title}」（办法第十六条）", "warning")


# --- organisation -------------------------------------------------------------------------------


@rule
def work_plan(audit: AuditData) -> Iterator[Problem]:
    """审核工作计划覆盖七个阶段且起止日期有序"""
    plan = audit.organisation.work_plan
    for i, item in enumerate(plan):
        if item.end < item.start:
            yield Problem(("organisation", "work_plan", i, "end"), f"完成时间（{item.end}）早于开始时间（{item.start}）")
    missing = sorted({f"S{n}" for n in range(1, 8)} - {item.stage for item in plan})
    if missing:
        yield Problem(("organisation", "work_plan"), f"审核工作计划缺少阶段：{'、'.join(missing)}", "warning")


# --- baseline -----------------------------------------------------------------------------------


def _year_series(audit: AuditData) -> Iterator[tuple[tuple, dict]]:
    b = audit.baseline
    if b.output_value is not None:
        yield ("baseline", "output_value"), b.output_value
    if b.stated_energy_total is not None:
        yield ("baseline", "stated_energy_total"), b.stated_energy_total
    if b.reused_water is not None:
        yield ("baseline", "reused_water"), b.reused_water
    for i, p in enumerate(b.products):
        yield ("baseline", "products", i, "output"), p.output
    for i, m in enumerate(b.materials):
        yield ("baseline", "materials", i, "consumption"), m.consumption
    for i, e in enumerate(b.energy):
        yield ("baseline", "energy", i, "consumption"), e.consumption
    for i, w in enumerate(b.water):
        yield ("baseline", "water", i, "consumption"), w.consumption
    for i, s in enumerate(b.wastewater):
        yield ("baseline", "wastewater", i, "volume"), s.volume
        for j, p in enumerate(s.pollutants):
            yield ("baseline", "wastewater", i, "pollutants", j, "emission"), p.emission
    for i, o in enumerate(b.waste_gas):
        for j, p in enumerate(o.pollutants):
            yield ("baseline", "waste_gas", i, "pollutants", j, "emission"), p.emission
    for i, w in enumerate(b.solid_waste):
        yield ("baseline", "solid_waste", i, "generation"), w.generation


@rule
def baseline_years(audit: AuditData) -> Iterator[Problem]:
    """近三年数据覆盖基准年及前两年"""
    years = audit.baseline.years
    expected = [audit.audit.baseline_year - 2, audit.audit.baseline_year - 1, audit.audit.baseline_year]
    if sorted(years) != expected:
        yield Problem(("baseline", "years"), f"近三年应为 {expected[0]}、{expected[1]}、{expected[2]}（以审核基准年 {audit.audit.baseline_year} 为末年），实际为 {years}")
        return
    wanted = set(years)
    for path, series in _year_series(audit):
        have = set(series)
        if have != wanted:
            missing = sorted(wanted - have)
            extra = sorted(have - wanted)
            parts = []
            if missing:
                parts.append(f"缺少 {'、'.join(map(str, missing))} 年数据")
            if extra:
                parts.append(f"多出 {'、'.join(map(str, extra))} 年（不在近三年内）")
            yield Problem(path, "；".join(parts))


@rule
def intensity_products(audit: AuditData) -> Iterator[Problem]:
    """单位产品指标的分母产品存在且单位一致"""
    products = {p.name: p for p in audit.baseline.products}
    chosen = audit.baseline.intensity_products
    for i, name in enumerate(chosen):
        if name not in products:
            yield Problem(("baseline", "intensity_products", i), f"产品「{name}」不在主要产品中（{'、'.join(products)}）")
    units = {products[n].unit for n in chosen if n in products}
    if len(units) > 1 and not all(convertible(u, next(iter(units))) for u in units):
        yield Problem(("baseline", "intensity_products"), f"分母产品的单位无法相加：{'、'.join(sorted(units))}")


@rule
def solid_waste_codes(audit: AuditData) -> Iterator[Problem]:
    """危险废物须有危废代码，一般固废不应有"""
    for i, w in enumerate(audit.baseline.solid_waste):
        if w.category == "危险废物" and not w.hw_code:
            yield Problem(("baseline", "solid_waste", i, "hw_code"), f"危险废物「{w.name}」须填写《国家危险废物名录》代码（如 HW49 900-041-49）")
        if w.category == "一般固废" and w.hw_code:
            yield Problem(("baseline", "solid_waste", i, "hw_code"), f"一般固废「{w.name}」不应有危废代码")


@rule
def obsolete_equipment(audit: AuditData) -> Iterator[Problem]:
    """淘汰类设备须说明整改计划"""
    for i, e in enumerate(audit.baseline.equipment):
        if e.obsolete and not e.obsolete_basis:
            yield Problem(("baseline", "equipment", i, "obsolete_basis"), f"设备「{e.name}」属淘汰类，须写明依据及淘汰整改计划（评估否决项候选）")


def _energy_table(audit: AuditData):
    return load_factor_table("energy", audit.audit.calc.energy_table)


def _electricity_basis(audit: AuditData) -> str:
    return "generation" if audit.audit.calc.electricity_basis == "等价值" else "calorific"


def _coal(audit: AuditData, amount, unit: str, carrier: str) -> Decimal:
    return to_standard_coal(
        amount,
        unit,
        carrier,
        table=_energy_table(audit),
        electricity_basis=_electricity_basis(audit),
        generation_factor_key=audit.audit.calc.generation_factor,
    )


@rule
def energy_carriers(audit: AuditData) -> Iterator[Problem]:
    """能源品种可折标准煤，所列综合能耗与计算值一致"""
    table = _energy_table(audit)
    usable = True
    for i, e in enumerate(audit.baseline.energy):
        if e.carrier not in table.factors:
            usable = False
            yield Problem(("baseline", "energy", i, "carrier"), f"折标系数表「{table.id}」中没有「{e.carrier}」，可用：{'、'.join(sorted(table.factors))}")
            continue
        factor_unit = table.factors[e.carrier].unit.split("/", 1)[-1]
        if not convertible(e.unit, factor_unit):
            usable = False
            yield Problem(("baseline", "energy", i, "unit"), f"单位「{e.unit}」无法换算为折标系数的单位「{factor_unit}」")
    stated = audit.baseline.stated_energy_total
    if not usable or stated is None:
        return
    for year, value in stated.items():
        total = sum((_coal(audit, e.consumption[year], e.unit, e.carrier) for e in audit.baseline.energy if year in e.consumption), Decimal(0))
        if not _close(total, value, max(STATED_TOLERANCE, abs(total) * Decimal("0.0005"))):
            yield Problem(("baseline", "stated_energy_total", year), f"所列综合能耗 {value} tce 与按折标系数计算的 {_fmt(total)} tce 不一致")


# --- audit focus and targets --------------------------------------------------------------------


@rule
def focus_scoring(audit: AuditData) -> Iterator[Problem]:
    """备选审核重点评分完整，审核重点为最高分或有理由"""
    focus = audit.audit_focus
    factor_names = [f.name for f in focus.factors]
    for name in _duplicates(factor_names):
        yield Problem(("audit_focus", "factors"), f"权重因素「{name}」重复")
    for cid in _duplicates(c.id for c in focus.candidates):
        yield Problem(("audit_focus", "candidates"), f"备选审核重点编号「{cid}」重复")
    ids = [c.id for c in focus.candidates]
    if focus.selected not in ids:
        yield Problem(("audit_focus", "selected"), f"审核重点「{focus.selected}」不是备选审核重点之一（{'、'.join(ids)}）")
    complete = True
    for i, c in enumerate(focus.candidates):
        missing = [n for n in factor_names if n not in c.ratings]
        unknown = [n for n in c.ratings if n not in factor_names]
        if missing:
            complete = False
            yield Problem(("audit_focus", "candidates", i, "ratings"), f"缺少因素评分：{'、'.join(missing)}")
        if unknown:
            yield Problem(("audit_focus", "candidates", i, "ratings"), f"评分中有未定义的因素：{'、'.join(unknown)}")
    if not complete or focus.selected not in ids:
        return
    weights = {f.name: f.weight for f in focus.factors}
    ranked = ranking.rank(weights, {c.id: c.ratings for c in focus.candidates})
    scores = {r.id: r for r in ranked}
    for i, c in enumerate(focus.candidates):
        if c.stated_score is not None and not _close(c.stated_score, scores[c.id].score, Decimal("0.5")):
            yield Problem(("audit_focus", "candidates", i, "stated_score"), f"所列总分 {c.stated_score} 与 Σ(权重×得分) = {scores[c.id].score} 不一致")
    if scores[focus.selected].rank != 1 and not focus.justification:
        top = ranked[0]
        yield Problem(("audit_focus", "selected"), f"审核重点「{focus.selected}」得分 {scores[focus.selected].score}，不是最高分（「{top.id}」{top.score}），须在 justification 中说明理由")


@rule
def target_values(audit: AuditData) -> Iterator[Problem]:
    """目标值相对现状值的方向正确，支撑方案存在"""
    scheme_ids = {s.id for s in audit.schemes}
    for tid in _duplicates(t.id for t in audit.targets):
        yield Problem(("targets",), f"目标编号「{tid}」重复")
    for i, t in enumerate(audit.targets):
        better = (lambda a, b: a < b) if t.direction == "降低" else (lambda a, b: a > b)
        if not better(t.near_term, t.baseline):
            yield Problem(("targets", i, "near_term"), f"「{t.indicator}」为{t.direction}型目标，近期目标值 {t.near_term} 应{'低于' if t.direction == '降低' else '高于'}现状值 {t.baseline}")
        if t.long_term is not None and better(t.near_term, t.long_term):
            yield Problem(("targets", i, "long_term"), f"「{t.indicator}」中远期目标值 {t.long_term} 不应比近期目标值 {t.near_term} 宽松")
        for j, sid in enumerate(t.related_schemes):
            if sid not in scheme_ids:
                yield Problem(("targets", i, "related_schemes", j), f"支撑方案「{sid}」不存在")
        if audit.post_audit is not None and t.actual is None:
            yield Problem(("targets", i, "actual"), f"已有方案实施后数据，但目标「{t.indicator}」缺少审核后实际值", "warning")


# --- balances -----------------------------------------------------------------------------------


def _check_material_balance(mb, path: tuple) -> Iterator[Problem]:
    result = balance_calc.material_balance([x.amount for x in mb.inputs], [x.amount for x in mb.outputs], tolerance=mb.tolerance)
    stated = [
        ("stated_input_total", mb.stated_input_total, result.total_in, "输入总计"),
        ("stated_output_total", mb.stated_output_total, result.total_out, "输出总计"),
        ("stated_difference", mb.stated_difference, result.difference, "差值"),
    ]
    for key, value, computed, label in stated:
        if value is not None and not _close(value, computed):
            yield Problem(path + (key,), f"所列{label} {value} 与各项之和 {computed} 不一致")
    if result.within_tolerance is False:
        yield Problem(path, f"「{mb.title}」偏差率 {result.error_rate * 100:.2f}% 超出允许范围", "warning")


@rule
def material_balances(audit: AuditData) -> Iterator[Problem]:
    """物料平衡与特征污染物平衡闭合"""
    yield from _check_material_balance(audit.material_balance, ("material_balance",))
    for i, mb in enumerate(audit.pollutant_balances):
        yield from _check_material_balance(mb, ("pollutant_balances", i))


@rule
def water_balance(audit: AuditData) -> Iterator[Problem]:
    """水平衡闭合"""
    wb = audit.water_balance
    if wb is None:
        return
    result = balance_calc.water_balance(
        [u.fresh for u in wb.units],
        [u.loss for u in wb.units],
        [u.discharge for u in wb.units],
        product_water=sum((u.product_water for u in wb.units), Decimal(0)),
        tolerance=wb.tolerance,
    )
    if result.within_tolerance is False:
        yield Problem(("water_balance",), f"水平衡不闭合：新鲜水 {result.total_in} ≠ 损耗+排水+产品带走 {result.total_out}（偏差率 {result.error_rate * 100:.2f}%）", "warning")


# --- schemes ------------------------------------------------------------------------------------


@rule
def scheme_ids_and_cost_class(audit: AuditData) -> Iterator[Problem]:
    """方案编号唯一，费用类别与投资分界一致"""
    for sid in _duplicates(s.id for s in audit.schemes):
        yield Problem(("schemes",), f"方案编号「{sid}」重复")
    threshold = audit.audit.low_cost_threshold
    for i, s in enumerate(audit.schemes):
        if s.cost_class == "无/低费" and s.investment >= threshold:
            yield Problem(("schemes", i, "cost_class"), f"方案「{s.id} {s.name}」投资 {s.investment} 万元，达到无/低费与中/高费分界 {threshold} 万元，应为中/高费方案")
        if s.cost_class == "中/高费" and s.investment < threshold:
            yield Problem(("schemes", i, "cost_class"), f"方案「{s.id} {s.name}」投资 {s.investment} 万元，低于分界 {threshold} 万元，应为无/低费方案")


@rule
def scheme_feasibility(audit: AuditData) -> Iterator[Problem]:
    """中/高费方案须有可行性分析，经济评估可复算"""
    for i, s in enumerate(audit.schemes):
        if s.cost_class != "中/高费":
            continue
        if s.feasibility is None:
            if s.status != "不予实施":
                yield Problem(("schemes", i, "feasibility"), f"中/高费方案「{s.id} {s.name}」缺少可行性分析（技术、环境、经济评估）")
            continue
        econ = s.feasibility.economic
        path = ("schemes", i, "feasibility", "economic")
        if econ.investment != s.investment:
            yield Problem(path + ("investment",), f"经济评估总投资 {econ.investment} 万元与方案预计投资 {s.investment} 万元不一致")
        result = economics.evaluate(
            economics.FeasibilityInputs(
                investment=econ.investment,
                annual_saving=econ.annual_saving,
                depreciation_years=econ.depreciation_years,
                tax_rate=econ.tax_rate,
                discount_rate=econ.discount_rate,
                lifetime=econ.lifetime,
            )
        )
        if econ.stated_payback_years is not None and (result.payback_years is None or not _close(econ.stated_payback_years, result.payback_years)):
            yield Problem(path + ("stated_payback_years",), f"所列投资偿还期 {econ.stated_payback_years} 年与复算值 {_fmt(result.payback_years) if result.payback_years is not None else '无'} 年不一致")
        if econ.stated_npv is not None and not _close(econ.stated_npv, result.npv):
            yield Problem(path + ("stated_npv",), f"所列净现值 {econ.stated_npv} 万元与复算值 {_fmt(result.npv)} 万元不一致")
        if econ.stated_irr is not None and (result.irr is None or not _close(econ.stated_irr, result.irr, Decimal("0.0005"))):
            shown = f"{result.irr * 100:.2f}%" if result.irr is not None else "无解"
            yield Problem(path + ("stated_irr",), f"所列内部收益率 {econ.stated_irr} 与复算值 {shown} 不一致")
        if result.npv < 0:
            yield Problem(path, f"方案「{s.id}」净现值为负（{_fmt(result.npv)} 万元），经济上不可行，须说明实施理由", "warning")


@rule
def scheme_dates_and_status(audit: AuditData) -> Iterator[Problem]:
    """方案实施状态与实际数据、日期一致"""
    t = audit.audit.timeline
    for i, s in enumerate(audit.schemes):
        path = ("schemes", i)
        if s.planned_start and s.planned_end and s.planned_end < s.planned_start:
            yield Problem(path + ("planned_end",), f"计划完成时间（{s.planned_end}）早于计划开始时间（{s.planned_start}）")
        if s.actual_start and s.actual_end and s.actual_end < s.actual_start:
            yield Problem(path + ("actual_end",), f"实际完成时间（{s.actual_end}）早于实际开始时间（{s.actual_start}）")
        if s.status == "已实施":
            if s.actual_end is None:
                yield Problem(path + ("actual_end",), f"方案「{s.id}」状态为已实施，缺少实际完成时间")
            if s.actual_investment is None:
                yield Problem(path + ("actual_investment",), f"方案「{s.id}」状态为已实施，缺少实际投资")
        if s.status in {"已实施", "实施中"} and s.screening is not None and s.screening.conclusion == "不可行":
            yield Problem(path + ("screening", "conclusion"), f"方案「{s.id}」筛选结论为不可行，却已实施")
        if s.cost_class == "中/高费" and s.actual_start and t.evaluation_onsite and s.actual_start < t.evaluation_onsite:
            yield Problem(path + ("actual_start",), f"中/高费方案应在评估后实施，实际开始时间（{s.actual_start}）早于现场评估（{t.evaluation_onsite}）", "warning")
        if s.actual_end and t.acceptance_applied and s.actual_end > t.acceptance_applied:
            yield Problem(path + ("actual_end",), f"方案实际完成时间（{s.actual_end}）晚于验收申请（{t.acceptance_applied}）")


@rule
def scheme_effects(audit: AuditData) -> Iterator[Problem]:
    """方案效益中的能源可折标准煤"""
    table = _energy_table(audit)
    for i, s in enumerate(audit.schemes):
        for key in ("expected_effects", "actual_effects"):
            for j, e in enumerate(getattr(s, key)):
                if e.kind != "能源":
                    continue
                path = ("schemes", i, key, j)
                if not e.carrier:
                    yield Problem(path + ("carrier",), "能源类效益须填写折标系数键（carrier），以便折算标准煤")
                elif e.carrier not in table.factors:
                    yield Problem(path + ("carrier",), f"折标系数表中没有「{e.carrier}」")
                else:
                    factor_unit = table.factors[e.carrier].unit.split("/", 1)[-1]
                    amount_unit = e.unit.split("/", 1)[0]
                    if not convertible(amount_unit, factor_unit):
                        yield Problem(path + ("unit",), f"单位「{e.unit}」无法换算为折标系数的单位「{factor_unit}」")


# --- level, post-audit, monitoring --------------------------------------------------------------


@rule
def level_weights(audit: AuditData) -> Iterator[Problem]:
    """评价指标权重之和为 1，定量指标有数值"""
    classes = audit.level.classes
    total = sum((c.weight for c in classes), Decimal(0))
    if abs(total - 1) > WEIGHT_SUM_TOLERANCE:
        yield Problem(("level", "classes"), f"一级指标权重之和为 {total}，应为 1")
    for i, c in enumerate(classes):
        inner = sum((x.weight for x in c.indicators), Decimal(0))
        if abs(inner - 1) > WEIGHT_SUM_TOLERANCE:
            yield Problem(("level", "classes", i, "indicators"), f"「{c.name}」下二级指标权重之和为 {inner}，应为 1")
        for j, x in enumerate(c.indicators):
            path = ("level", "classes", i, "indicators", j)
            if not x.applicable:
                continue
            if x.direction == "定性":
                if x.before_level is None:
                    yield Problem(path + ("before_level",), f"定性指标「{x.name}」须填写审核前达到级别")
            else:
                bm = x.benchmarks
                if not all(isinstance(v, Decimal) for v in (bm.I, bm.II, bm.III)):
                    yield Problem(path + ("benchmarks",), f"定量指标「{x.name}」的 I/II/III 级基准值应为数字")
                if x.before is None:
                    yield Problem(path + ("before",), f"定量指标「{x.name}」须填写审核前企业值")
            if audit.post_audit is not None and x.after is None and x.after_level is None:
                yield Problem(path + ("after",), f"已有实施后数据，但指标「{x.name}」缺少审核后值", "warning")


def _pollutant_names(audit: AuditData) -> set[str]:
    b = audit.baseline
    names = {p.name for s in b.wastewater for p in s.pollutants}
    names |= {p.name for o in b.waste_gas for p in o.pollutants}
    return names


@rule
def post_audit_names(audit: AuditData) -> Iterator[Problem]:
    """实施后数据的名称与现状数据一致"""
    post = audit.post_audit
    if post is None:
        return
    b = audit.baseline
    groups = [
        ("products", {p.name for p in b.products}, "产品"),
        ("materials", {m.name for m in b.materials}, "原辅材料"),
        ("energy", {e.name for e in b.energy}, "能源"),
        ("water", {w.source for w in b.water}, "水源"),
        ("emissions", _pollutant_names(audit), "污染物"),
        ("solid_waste", {w.name for w in b.solid_waste}, "固体废物"),
    ]
    for key, known, label in groups:
        for name in getattr(post, key):
            if name not in known:
                yield Problem(("post_audit", key, name), f"{label}「{name}」在现状数据中不存在（应与 baseline 中的名称完全一致：{'、'.join(sorted(known)) or '无'}）")


@rule
def monitoring_outlets(audit: AuditData) -> Iterator[Problem]:
    """监测数据的排放口和污染物存在于现状数据"""
    b = audit.baseline
    outlets = {s.outlet for s in b.wastewater} | {o.outlet for o in b.waste_gas}
    pollutants = _pollutant_names(audit)
    for i, m in enumerate(audit.monitoring):
        if m.outlet not in outlets:
            yield Problem(("monitoring", i, "outlet"), f"排放口「{m.outlet}」不在现状数据的排放口中（{'、'.join(sorted(outlets))}）", "warning")
        if m.pollutant not in pollutants:
            yield Problem(("monitoring", i, "pollutant"), f"污染物「{m.pollutant}」不在现状数据中", "warning")


@rule
def continuous_plan(audit: AuditData) -> Iterator[Problem]:
    """持续清洁生产计划起止日期有序"""
    for i, item in enumerate(audit.continuous.plan):
        if item.end < item.start:
            yield Problem(("continuous", "plan", i, "end"), f"完成时间（{item.end}）早于开始时间（{item.start}）")
