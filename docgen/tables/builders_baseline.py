"""Stage S2 现状调查: T-5 企业基本情况, T-6 产品, T-7/T-7e/T-7w 消耗, T-8 设备, T-9a–d 产排污.

Review point R2 (domain.md §4.3, §9) asks for 近三年 data of production, materials, energy,
water and pollutants; these tables print exactly the years of ``baseline.years``. Per-unit
figures follow §7.8 rule 4 (absolute / 产量 of the same year) and 综合能耗 follows GB/T 2589
(§7.3, rule 3: Σ 折标煤 = 综合能耗).
"""

from __future__ import annotations

from decimal import Decimal

from docgen.calc.factors import load_factor_table
from docgen.calc.units import convert, convertible
from docgen.numfmt import fmt_date, fmt_percent

from .build import BuildContext, dsum, make_table, register
from .catalogue import TableSpec
from .cells import Num, Txt, format_number, quantity_text, ratio_text
from .common import energy_factor, production


def _join(items) -> str | None:
    text = "；".join(i for i in items if i)
    return text or None


@register("T-5")
def enterprise_info(ctx: BuildContext, spec: TableSpec):
    """Key-value form of worksheet 2-1 (企业简述) plus the 环保手续 of §2.3 2.1."""
    e = ctx.audit.enterprise
    contact = e.contacts[0]
    permits = e.permits
    pp = permits.pollutant_permit
    value = ctx.audit.baseline.output_value
    rows = [
        ["企业名称", e.name],
        ["统一社会信用代码", e.credit_code],
        ["所属行业", f"{e.industry.name}（{e.industry.code}）"],
        ["企业类型", e.ownership],
        ["法定代表人", e.legal_representative],
        ["地址", e.address],
        ["邮政编码", e.postcode],
        ["所在区（县）", e.district],
        ["联系人", f"{contact.name}（{contact.role}）" if contact.role else contact.name],
        ["联系电话", e.phone or contact.phone],
        ["传真", e.fax],
        ["电子邮箱", contact.email],
        ["清洁生产负责人", e.cp_lead],
        ["成立时间", e.founded],
        ["占地面积（m²）", Num(e.area_m2, rule="natural")],
        ["建筑面积（m²）", Num(e.building_area_m2, rule="natural")],
        ["职工人数（人）", Num(e.employees, places=0)],
        ["年工作天数（d）", Num(e.annual_working_days, places=0)],
        ["生产班制", e.shifts],
        [f"工业总产值（{ctx.baseline_year}年，万元）", Num(value.get(ctx.baseline_year) if value else None, places=2)],
        ["主要产品", "、".join(p.name for p in ctx.audit.baseline.products)],
        ["环评批复", _join(f"{a.project}（{a.approval_no}，{fmt_date(a.date)}）" for a in permits.eia_approvals)],
        ["竣工环保验收", _join(
            f"{a.project}（{fmt_date(a.date)}{'，' + a.form if a.form else ''}）" for a in permits.completion_acceptances
        )],
        ["排污许可证", (
            f"{pp.number}（{pp.management + '，' if pp.management else ''}"
            f"有效期 {fmt_date(pp.valid_from)}至{fmt_date(pp.valid_to)}）" if pp else None
        )],
    ]
    return make_table(spec, ctx, rows)


@register("T-6")
def products(ctx: BuildContext, spec: TableSpec):
    rows = [
        [Num(i), p.name, p.unit, Num(p.design_capacity, p.unit), *[Num(p.output.get(y), p.unit) for y in ctx.years], p.note]
        for i, p in enumerate(ctx.audit.baseline.products, 1)
    ]
    return make_table(spec, ctx, rows)


@register("T-7")
def materials(ctx: BuildContext, spec: TableSpec):
    """单位产品消耗 = 基准年消耗量 / 基准年产量 (rule 4), printed with its unit since units vary by row."""
    year = ctx.baseline_year
    output, output_unit = production(ctx.audit, year)
    rows = []
    for i, m in enumerate(ctx.audit.baseline.materials, 1):
        used = m.consumption.get(year)
        per_unit = used / output if used is not None and output else None
        per_unit_cell = Txt(per_unit, ratio_text(per_unit, f"{m.unit}/{output_unit}")) if per_unit is not None else None
        toxic = (f"是（{m.toxic_component}）" if m.toxic_component else "是") if m.toxic else "否"
        rows.append([Num(i), m.name, m.unit, *[Num(m.consumption.get(y), m.unit) for y in ctx.years], per_unit_cell, m.use, toxic])
    return make_table(spec, ctx, rows)


@register("T-7e")
def energy(ctx: BuildContext, spec: TableSpec):
    """综合能耗 = Σ 折标准煤 (GB/T 2589); the 合计 row adds the printed rows' exact values."""
    audit, fig = ctx.audit, ctx.figures
    by_year = {e.year: e for e in fig.energy}
    rows, tce_columns = [], {y: [] for y in ctx.years}
    for e in audit.baseline.energy:
        factor = energy_factor(audit, e.carrier)
        factor_text = Txt(factor.value, f"{format_number(factor.value, None, 'natural')} {factor.unit}")
        tce = []
        for y in ctx.years:
            q = by_year[y].by_carrier.get(e.name) if y in by_year else None
            value = q.value if q is not None else None
            tce_columns[y].append(value)
            tce.append(Num(value))
        rows.append([e.name, e.unit, *[Num(e.consumption.get(y), e.unit) for y in ctx.years], factor_text, *tce])
    total = [spec.total_label, "tce", *[None] * len(ctx.years), None, *[Num(dsum(tce_columns[y])) for y in ctx.years]]
    basis = audit.audit.calc.electricity_basis
    per_unit = [
        f"{y}年 {ratio_text(by_year[y].per_unit.value, by_year[y].per_unit.unit)}"
        for y in ctx.years if y in by_year and by_year[y].per_unit is not None
    ]
    co2 = [f"{y}年 {format_number(by_year[y].co2_t, 2, 'fixed')} tCO2" for y in ctx.years if y in by_year and by_year[y].co2_t is not None]
    table = load_factor_table("energy", audit.audit.calc.energy_table)
    note = f"折标系数取自「{table.title}」（{table.standard or table.source}），电力按{basis}折标。"
    if per_unit:
        note += f"单位产品综合能耗：{'，'.join(per_unit)}。"
    if co2:
        note += f"能源消费二氧化碳排放量：{'，'.join(co2)}。"
    return make_table(spec, ctx, rows, total=total, note=note)


@register("T-7w")
def water(ctx: BuildContext, spec: TableSpec):
    """取水 by source; 合计 in the first source's unit. 重复利用率 = V重复/(V重复+V新鲜) (GB/T 12452)."""
    b = ctx.audit.baseline
    unit = b.water[0].unit
    rows = [[w.source, w.unit, *[Num(w.consumption.get(y), w.unit) for y in ctx.years]] for w in b.water]
    same = [w for w in b.water if convertible(w.unit, unit)]
    totals = []
    for y in ctx.years:
        if len(same) != len(b.water):
            totals.append(None)  # m³ next to t cannot be added honestly
        else:
            totals.append(Num(dsum(convert(w.consumption[y], w.unit, unit) for w in same if y in w.consumption), unit))
    total = [spec.total_label, unit, *totals]
    parts = []
    by_year = {w.year: w for w in ctx.figures.water}
    if b.reused_water:
        parts.append("重复利用水量：" + "，".join(f"{y}年 {quantity_text(v, unit)}" for y, v in sorted(b.reused_water.items())))
    rates = [f"{y}年 {fmt_percent(by_year[y].reuse_rate)}" for y in ctx.years if y in by_year and by_year[y].reuse_rate is not None]
    if rates:
        parts.append("水重复利用率：" + "，".join(rates))
    per_unit = [
        f"{y}年 {ratio_text(by_year[y].per_unit.value, by_year[y].per_unit.unit)}"
        for y in ctx.years if y in by_year and by_year[y].per_unit is not None
    ]
    if per_unit:
        parts.append("单位产品新鲜水耗：" + "，".join(per_unit))
    note = "；".join(parts) + "。" if parts else None
    return make_table(spec, ctx, rows, total=total, note=note)


@register("T-8")
def equipment(ctx: BuildContext, spec: TableSpec):
    """淘汰类 is judged against 《产业结构调整指导目录》 (a 评估 veto candidate)."""
    rows = []
    for i, q in enumerate(ctx.audit.baseline.equipment, 1):
        obsolete = (f"是（{q.obsolete_basis}）" if q.obsolete_basis else "是") if q.obsolete else "否"
        rows.append([Num(i), q.name, q.model, Num(q.quantity), q.quantity_unit, q.workshop,
                     str(q.year) if q.year else None, q.status, obsolete])
    return make_table(spec, ctx, rows)


def _compliant(value: Decimal, limit: Decimal, rate: Decimal | None = None, rate_limit: Decimal | None = None) -> str:
    ok = value <= limit and (rate is None or rate_limit is None or rate <= rate_limit)
    return "达标" if ok else "超标"


def _standards_note(pairs) -> str | None:
    seen: dict[str, list[str]] = {}
    for pollutant, standard in pairs:
        seen.setdefault(standard, [])
        if pollutant not in seen[standard]:
            seen[standard].append(pollutant)
    if not seen:
        return None
    return "执行标准：" + "；".join(f"{'、'.join(p)}执行{s}" for s, p in seen.items()) + "。"


def _emission_unit(pollutants) -> str:
    """The table's emission unit: the common one (kg/a for metals only), else t/a after conversion."""
    units = {p.emission_unit for p in pollutants}
    return units.pop() if len(units) == 1 else "t/a"


def _emission(p, year: int, unit: str) -> Num:
    value = p.emission.get(year)
    if value is None:
        return Num(None)
    if p.emission_unit == unit:
        return Num(value, unit)
    return Num(convert(value, p.emission_unit, unit), unit, rule="natural")


@register("T-9a")
def wastewater(ctx: BuildContext, spec: TableSpec):
    """One row per pollutant of each stream; 废水量 and 排放量 of the 基准年."""
    streams = ctx.audit.baseline.wastewater
    if not streams:
        return None
    year = ctx.baseline_year
    unit = _emission_unit([p for s in streams for p in s.pollutants])
    rows, standards = [], []
    for s in streams:
        for p in s.pollutants:
            name = p.name if p.concentration_unit == "mg/L" else f"{p.name}（{p.concentration_unit}）"
            rows.append([
                s.name, s.outlet, Num(s.volume.get(year), "t/a"), name, Num(p.generation_concentration), s.treatment,
                Num(p.emission_concentration), Num(p.limit), _compliant(p.emission_concentration, p.limit),
                _emission(p, year, unit), s.destination,
            ])
            standards.append((p.name, p.standard))
    return make_table(spec, ctx, rows, note=_standards_note(standards), emission_unit=unit)


@register("T-9b")
def waste_gas(ctx: BuildContext, spec: TableSpec):
    """有组织 stacks and 无组织 monitoring points; the latter have no flow or height ("—")."""
    outlets = ctx.audit.baseline.waste_gas
    if not outlets:
        return None
    year = ctx.baseline_year
    unit = _emission_unit([p for o in outlets for p in o.pollutants])
    rows, standards = [], []
    for o in outlets:
        for p in o.pollutants:
            rows.append([
                o.outlet, o.kind, o.source, p.name, o.treatment, Num(o.height_m), Num(o.air_flow),
                Num(p.emission_concentration), Num(p.emission_rate), Num(p.limit_concentration), Num(p.limit_rate),
                _compliant(p.emission_concentration, p.limit_concentration, p.emission_rate, p.limit_rate),
                _emission(p, year, unit),
            ])
            standards.append((p.name, p.standard))
    return make_table(spec, ctx, rows, note=_standards_note(standards), emission_unit=unit)


@register("T-9c")
def solid_waste(ctx: BuildContext, spec: TableSpec):
    """危险废物 carry their 《国家危险废物名录》 code; 一般固废 print "—" there."""
    wastes = ctx.audit.baseline.solid_waste
    if not wastes:
        return None
    rows = [
        [Num(i), w.name, w.category, w.hw_code, w.process, *[Num(w.generation.get(y)) for y in ctx.years], w.disposal, w.disposer]
        for i, w in enumerate(wastes, 1)
    ]
    return make_table(spec, ctx, rows)


@register("T-9d")
def noise(ctx: BuildContext, spec: TableSpec):
    points = ctx.audit.baseline.noise
    if not points:
        return None
    rows = [
        [p.point, Num(p.day), Num(p.day_limit), Num(p.night), Num(p.night_limit),
         "达标" if p.day <= p.day_limit and p.night <= p.night_limit else "超标"]
        for p in points
    ]
    return make_table(spec, ctx, rows)
