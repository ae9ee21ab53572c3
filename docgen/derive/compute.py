"""The computations behind :func:`derive_figures`, one small function per table family."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from docgen.calc import balance as balance_calc
from docgen.calc import economics, ranking
from docgen.calc.carbon import co2_emission
from docgen.calc.energy import to_standard_coal
from docgen.calc.errors import CalcError
from docgen.calc.factors import load_factor_table
from docgen.calc.level import determine_level
from docgen.calc.reduction import reduction_amount, reduction_rate
from docgen.calc.targets import Direction, achievement, target_change, target_rate
from docgen.calc.totals import sum_by_item
from docgen.calc.units import convert, convertible
from docgen.model import AuditData
from docgen.model.schemes import ENVIRONMENT_KINDS, RESOURCE_KINDS

from .figures import (
    BalanceFigure,
    EconomicFigure,
    EnergyYear,
    Figures,
    FocusScore,
    LevelFigure,
    PerformanceRow,
    Quantity,
    SchemeSummary,
    TargetFigure,
    WaterYear,
)
from .level_adapter import level_primaries

ZERO = Decimal(0)
DIRECTIONS = {"降低": Direction.REDUCE, "提高": Direction.INCREASE}


class _Context:
    """Factor tables and settings resolved once per audit."""

    def __init__(self, audit: AuditData):
        self.audit = audit
        calc = audit.audit.calc
        self.energy_table = load_factor_table("energy", calc.energy_table)
        from docgen.calc.factors import DEFAULT_CO2_TABLE

        self.co2_table = load_factor_table("co2", calc.co2_table or DEFAULT_CO2_TABLE)
        self.basis = "generation" if calc.electricity_basis == "等价值" else "calorific"
        self.generation_factor = calc.generation_factor
        self.notes: list[str] = []

    def tce(self, amount, unit: str, carrier: str) -> Decimal:
        return to_standard_coal(
            amount, unit, carrier, table=self.energy_table,
            electricity_basis=self.basis, generation_factor_key=self.generation_factor,
        )

    def co2(self, amount, unit: str, carrier: str) -> Decimal | None:
        if carrier not in self.co2_table.factors:
            return None
        return co2_emission(amount, unit, carrier, table=self.co2_table)


def _production(audit: AuditData) -> tuple[dict[int, Decimal], str]:
    """Output per year used as the denominator of per-unit indicators.

    The products named in ``baseline.intensity_products`` (a multi-product plant says which output
    its 单位产品 indicators refer to), else every product sharing the first product's unit.
    """
    products = audit.baseline.products
    chosen = [p for p in products if p.name in audit.baseline.intensity_products] or products
    unit = chosen[0].unit
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for p in chosen:
        if not convertible(p.unit, unit):
            continue
        for year, value in p.output.items():
            totals[year] += convert(value, p.unit, unit)
    return dict(totals), unit


def _per_unit(value: Decimal, value_unit: str, output: Decimal | None, output_unit: str) -> Quantity | None:
    if not output:
        return None
    return Quantity(value / output, f"{value_unit}/{output_unit}")


def _energy(ctx: _Context, production) -> list[EnergyYear]:
    audit = ctx.audit
    output, output_unit = production
    years = []
    for year in audit.baseline.years:
        by_carrier: dict[str, Quantity] = {}
        total = ZERO
        co2_total: Decimal | None = ZERO
        for e in audit.baseline.energy:
            value = e.consumption.get(year)
            if value is None:
                continue
            coal = ctx.tce(value, e.unit, e.carrier)
            by_carrier[e.name] = Quantity(coal, "tce")
            total += coal
            emitted = ctx.co2(value, e.unit, e.carrier)
            if emitted is None:
                co2_total = None  # a partial sum would understate emissions: report none
                ctx.notes.append(f"二氧化碳排放因子表中没有「{e.carrier}」，无法计算 CO2 排放总量")
            elif co2_total is not None:
                co2_total += emitted
        years.append(EnergyYear(year, by_carrier, total, _per_unit(total, "tce", output.get(year), output_unit), co2_total))
    ctx.notes = list(dict.fromkeys(ctx.notes))
    return years


def _water(audit: AuditData, production) -> list[WaterYear]:
    output, output_unit = production
    unit = audit.baseline.water[0].unit
    result = []
    for year in audit.baseline.years:
        fresh = sum((convert(w.consumption.get(year, ZERO), w.unit, unit) for w in audit.baseline.water if convertible(w.unit, unit)), ZERO)
        reuse = None
        if audit.baseline.reused_water and year in audit.baseline.reused_water:
            reuse = balance_calc.reuse_rate(audit.baseline.reused_water[year], fresh)
        result.append(WaterYear(year, Quantity(fresh, unit), _per_unit(fresh, unit, output.get(year), output_unit), reuse))
    return result


def _emission_units(audit: AuditData) -> dict[str, str]:
    """The unit each pollutant is totalled in: that of its first occurrence (t/a, or kg/a for metals)."""
    units: dict[str, str] = {}
    for source in (*audit.baseline.wastewater, *audit.baseline.waste_gas):
        for p in source.pollutants:
            units.setdefault(p.name, p.emission_unit)
    return units


def _pollutant_totals(audit: AuditData) -> tuple[dict, dict]:
    units = _emission_units(audit)
    emissions: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for source in (*audit.baseline.wastewater, *audit.baseline.waste_gas):
        for p in source.pollutants:
            for year, v in p.emission.items():
                emissions[p.name][year] += convert(v, p.emission_unit, units[p.name])
    waste: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for w in audit.baseline.solid_waste:
        for year, v in w.generation.items():
            waste[w.category][year] += v
    as_dict = lambda d: {k: dict(v) for k, v in d.items()}  # noqa: E731
    return as_dict(emissions), as_dict(waste)


def _focus(audit: AuditData) -> list[FocusScore]:
    focus = audit.audit_focus
    weights = {f.name: f.weight for f in focus.factors}
    names = {c.id: c.name for c in focus.candidates}
    ranked = ranking.rank(weights, {c.id: c.ratings for c in focus.candidates})
    return [FocusScore(r.id, names[r.id], r.score, r.rank, r.id == focus.selected) for r in ranked]


def _targets(audit: AuditData) -> list[TargetFigure]:
    result = []
    for t in audit.targets:
        direction = DIRECTIONS[t.direction]
        fig = TargetFigure(
            t.id, t.indicator, t.unit, t.direction, t.baseline, t.near_term,
            target_rate(t.baseline, t.near_term, direction),
            abs(reduction_amount(t.baseline, t.near_term)),
        )
        if t.unit.strip() in {"%", "％"}:
            fig.percentage_points = target_change(t.baseline, t.near_term, direction)
        if t.actual is not None:
            a = achievement(t.baseline, t.near_term, t.actual, direction)
            fig.actual, fig.met, fig.completion_rate, fig.status = t.actual, a.met, a.completion_rate, a.status
        result.append(fig)
    return result


def _balance(mb) -> BalanceFigure:
    r = balance_calc.material_balance([x.amount for x in mb.inputs], [x.amount for x in mb.outputs], tolerance=mb.tolerance)
    return BalanceFigure(mb.title, mb.unit, r.total_in, r.total_out, r.difference, r.error_rate, r.within_tolerance)


def _water_balance(audit: AuditData) -> BalanceFigure | None:
    wb = audit.water_balance
    if wb is None:
        return None
    r = balance_calc.water_balance(
        [u.fresh for u in wb.units], [u.loss for u in wb.units], [u.discharge for u in wb.units],
        product_water=sum((u.product_water for u in wb.units), ZERO), tolerance=wb.tolerance,
    )
    return BalanceFigure("水平衡", wb.unit, r.total_in, r.total_out, r.difference, r.error_rate, r.within_tolerance)


def _economics(audit: AuditData) -> list[EconomicFigure]:
    result = []
    for s in audit.high_cost_schemes:
        if s.feasibility is None:
            continue
        e = s.feasibility.economic
        r = economics.evaluate(economics.FeasibilityInputs(
            investment=e.investment, annual_saving=e.annual_saving, depreciation_years=e.depreciation_years,
            tax_rate=e.tax_rate, discount_rate=e.discount_rate, lifetime=e.lifetime,
        ))
        feasible = r.npv >= 0 and (r.irr is None or r.irr >= e.discount_rate)
        result.append(EconomicFigure(
            s.id, s.name, e.investment, e.annual_saving, r.depreciation, r.taxable_profit, r.net_profit,
            r.cash_flow, r.payback_years, r.npv, r.npvr, r.irr, r.irr_note, e.discount_rate, feasible,
        ))
    return result


def _schemes(audit: AuditData) -> SchemeSummary:
    low, high = audit.low_cost_schemes, audit.high_cost_schemes
    done = [s for s in audit.schemes if s.status == "已实施"]
    return SchemeSummary(
        total=len(audit.schemes),
        low_cost=len(low),
        high_cost=len(high),
        implemented=len(done),
        implemented_low=sum(1 for s in done if s.cost_class == "无/低费"),
        implemented_high=sum(1 for s in done if s.cost_class == "中/高费"),
        investment_low=sum((s.investment for s in low), ZERO),
        investment_high=sum((s.investment for s in high), ZERO),
        actual_investment=sum((s.actual_investment or ZERO for s in done), ZERO),
        expected_benefit=sum((s.expected_economic_benefit for s in audit.schemes), ZERO),
        actual_benefit=sum((s.actual_economic_benefit or ZERO for s in done), ZERO),
        economics=_economics(audit),
    )


def _savings(ctx: _Context) -> tuple[dict, dict, Decimal]:
    """资源节约量 and 环境减排量 of implemented schemes (actual effects, else expected)."""
    resource, environment = [], []
    energy_tce = ZERO
    for s in ctx.audit.schemes:
        if s.status != "已实施":
            continue
        effects = s.actual_effects or s.expected_effects
        for e in effects:
            entry = (e.item, e.amount, e.unit)
            if e.kind in RESOURCE_KINDS:
                resource.append(entry)
            elif e.kind in ENVIRONMENT_KINDS:
                environment.append(entry)
            if e.kind == "能源" and e.carrier:
                energy_tce += ctx.tce(e.amount, e.unit.split("/", 1)[0], e.carrier)
    as_q = lambda d: {k: Quantity(v[0], v[1]) for k, v in d.items()}  # noqa: E731
    return as_q(sum_by_item(resource)), as_q(sum_by_item(environment)), energy_tce


def _level(audit: AuditData) -> list[LevelFigure]:
    figures = []
    stages = [("审核前", "before")]
    if audit.post_audit is not None:
        stages.append(("审核后", "after"))
    for label, stage in stages:
        try:
            r = determine_level(level_primaries(audit.level, stage))
        except CalcError as exc:
            figures.append(LevelFigure(label, {}, None, str(exc)))
            continue
        figures.append(LevelFigure(label, dict(r.index), r.level, r.reason_zh))
    return figures


def _row(group: str, item: str, unit: str, before: Decimal, after: Decimal) -> PerformanceRow:
    rate = reduction_rate(before, after) if before else None
    return PerformanceRow(group, item, unit, before, after, reduction_amount(before, after), rate)


def _performance(ctx: _Context, production) -> list[PerformanceRow]:
    audit, post = ctx.audit, ctx.audit.post_audit
    if post is None:
        return []
    year = audit.audit.baseline_year
    b = audit.baseline
    rows: list[PerformanceRow] = []
    before_tce = after_tce = ZERO
    for e in b.energy:
        if e.name in post.energy:
            before, after = e.consumption[year], post.energy[e.name]
            rows.append(_row("能源", e.name, f"{e.unit}/a" if "/" not in e.unit else e.unit, before, after))
            before_tce += ctx.tce(before, e.unit, e.carrier)
            after_tce += ctx.tce(after, e.unit, e.carrier)
    rows.insert(0, _row("能源", "综合能耗", "tce/a", before_tce, after_tce))
    output, output_unit = production
    chosen = set(b.intensity_products) or {p.name for p in b.products}
    after_output = sum((convert(post.products[p.name], p.unit, output_unit) for p in b.products
                        if p.name in chosen and p.name in post.products and convertible(p.unit, output_unit)), ZERO)
    if output.get(year) and after_output:
        rows.insert(1, _row("能源", "单位产品综合能耗", f"tce/{output_unit}", before_tce / output[year], after_tce / after_output))
    for w in b.water:
        if w.source in post.water:
            rows.append(_row("水", w.source, f"{w.unit}/a", w.consumption[year], post.water[w.source]))
    for m in b.materials:
        if m.name in post.materials:
            rows.append(_row("原辅材料", m.name, f"{m.unit}/a", m.consumption[year], post.materials[m.name]))
    emissions, _ = _pollutant_totals(audit)
    units = _emission_units(audit)
    for name, series in emissions.items():
        if name in post.emissions:
            rows.append(_row("污染物", name, units[name], series.get(year, ZERO), post.emissions[name]))
    if post.wastewater_volume is not None and b.wastewater:
        before = sum((s.volume.get(year, ZERO) for s in b.wastewater), ZERO)
        rows.append(_row("污染物", "废水排放量", "t/a", before, post.wastewater_volume))
    for w in b.solid_waste:
        if w.name in post.solid_waste:
            rows.append(_row("固体废物", w.name, "t/a", w.generation[year], post.solid_waste[w.name]))
    return rows


def derive_figures(audit: AuditData) -> Figures:
    """Compute every derived figure of ``audit`` (a model that passed validation)."""
    ctx = _Context(audit)
    production = _production(audit)
    emissions, waste = _pollutant_totals(audit)
    resource, environment, energy_tce = _savings(ctx)
    post = audit.post_audit
    figures = Figures(
        enterprise=audit.enterprise.name,
        baseline_year=audit.audit.baseline_year,
        energy=_energy(ctx, production),
        water=_water(audit, production),
        emissions=emissions,
        emission_units=_emission_units(audit),
        solid_waste=waste,
        focus=_focus(audit),
        targets=_targets(audit),
        balances=[_balance(audit.material_balance)] + [_balance(b) for b in audit.pollutant_balances],
        water_balance=_water_balance(audit),
        schemes=_schemes(audit),
        resource_savings=resource,
        environmental_reductions=environment,
        energy_saving_tce=energy_tce,
        level=_level(audit),
        performance=_performance(ctx, production),
        economic_benefit_total=(post.economic_benefit_energy + post.economic_benefit_pollution) if post else None,
    )
    figures.notes = ctx.notes
    return figures
