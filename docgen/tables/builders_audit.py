"""Stage S3 审核: T-13 物料平衡表 (and characteristic-pollutant balances), T-14 水平衡表, T-15 原因分析.

T-13 prints the four summary figures real reports show (输入物料总计 / 输出物料总计 / 差值 /
偏差率, domain.md §2.4, seen in a real form) because §7.7 found a real report whose stated 差值
did not equal Σ输入 − Σ输出: the table therefore prints the recomputed values, never the typed
ones. 偏差率 = (Σ输入 − Σ输出)/Σ输入, judged against the tolerance (conventionally 5 %).
T-14 follows GB/T 12452 (Σ新鲜水 = Σ损耗 + Σ排水 + 产品带走). T-15 uses the eight aspects of the
audit method (§8).
"""

from __future__ import annotations

from docgen.calc import balance as balance_calc
from docgen.numfmt import fmt_percent

from .build import BuildContext, dsum, make_table, register
from .catalogue import TableSpec
from .cells import Num, Pct, clause, quantity_text

#: The companion tables build_tables inserts after a catalogue table (T-13 → 特征污染物平衡).
COMPANIONS: dict[str, object] = {}


def _balance_table(ctx: BuildContext, spec: TableSpec, mb, name: str | None = None):
    result = balance_calc.material_balance([x.amount for x in mb.inputs], [x.amount for x in mb.outputs], tolerance=mb.tolerance)
    u = mb.unit
    rows: list[list[object]] = [["输入", x.name, None, Num(x.amount, u), x.note] for x in mb.inputs]
    rows.append(["输入", "输入总计", None, Num(dsum(x.amount for x in mb.inputs), u), None])
    rows += [["输出", x.name, x.category, Num(x.amount, u), x.note] for x in mb.outputs]
    rows.append(["输出", "输出总计", None, Num(dsum(x.amount for x in mb.outputs), u), None])
    rows.append(["平衡", "差值（输入总计−输出总计）", None, Num(result.difference, u), None])
    verdict = None
    if result.within_tolerance is not None:
        verdict = f"允许偏差 ±{fmt_percent(result.tolerance)}，{'符合' if result.within_tolerance else '超出'}要求"
    rows.append(["平衡", "偏差率", None, Pct(result.error_rate), verdict])
    note = f"平衡对象：{clause(mb.title)}；测算基准：{clause(mb.basis)}。偏差率 =（输入总计 − 输出总计）/ 输入总计 × 100%。"
    return make_table(spec, ctx, rows, note=note, name=name, unit=u)


@register("T-13")
def material_balance(ctx: BuildContext, spec: TableSpec):
    return _balance_table(ctx, spec, ctx.audit.material_balance)


def pollutant_balances(ctx: BuildContext, spec: TableSpec) -> list:
    """特征污染物平衡 (VOCs 溶剂平衡, 重金属平衡 …, domain.md §7.7) in the T-13 layout."""
    tables = []
    for mb in ctx.audit.pollutant_balances:
        name = mb.title if mb.title.endswith("表") else f"{mb.title}表"
        tables.append(_balance_table(ctx, spec, mb, name=name))
    return tables


COMPANIONS["T-13"] = pollutant_balances


@register("T-14")
def water_balance(ctx: BuildContext, spec: TableSpec):
    wb = ctx.audit.water_balance
    if wb is None:
        return None
    u = wb.unit
    fields = ("fresh", "recycled", "reused", "loss", "discharge", "product_water")
    rows = [[w.name, *[Num(getattr(w, f), u) for f in fields]] for w in wb.units]
    total = [spec.total_label, *[Num(dsum(getattr(w, f) for w in wb.units), u) for f in fields]]
    fresh = dsum(w.fresh for w in wb.units)
    result = balance_calc.water_balance(
        [w.fresh for w in wb.units], [w.loss for w in wb.units], [w.discharge for w in wb.units],
        product_water=dsum(w.product_water for w in wb.units), tolerance=wb.tolerance,
    )
    repeated = dsum(w.recycled + w.reused for w in wb.units)
    note = (
        f"测算基准：{clause(wb.basis)}。输入新鲜水 {quantity_text(fresh, u)}，输出（损耗 + 排水 + 产品带走）"
        f"{quantity_text(result.total_out, u)}，差值 {quantity_text(result.difference, u)}，"
        f"偏差率 {fmt_percent(result.error_rate)}"
    )
    if result.within_tolerance is not None:
        note += f"（允许偏差 ±{fmt_percent(result.tolerance)}，{'符合' if result.within_tolerance else '超出'}要求）"
    if repeated:
        note += f"；水重复利用率 {fmt_percent(balance_calc.reuse_rate(repeated, fresh))}（循环水与回用水计为重复利用水量）"
    return make_table(spec, ctx, rows, total=total, note=note + "。", unit=u)


@register("T-15")
def waste_causes(ctx: BuildContext, spec: TableSpec):
    aspects = ("raw_materials_energy", "technology", "equipment", "process_control", "product", "waste", "management", "staff")
    rows = [[w.waste, w.source, *[getattr(w.causes, a) for a in aspects]] for w in ctx.audit.waste_causes]
    return make_table(spec, ctx, rows, note="“—”表示该方面未发现明显原因。")
