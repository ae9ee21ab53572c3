"""Derived figures as Chinese text for the terminal (``docgen calc``)."""

from __future__ import annotations

from docgen.numfmt import fmt_number, fmt_percent, fmt_quantity, fmt_readable

from .figures import Figures


def figures_as_text(f: Figures) -> str:
    lines: list[str] = [f"{f.enterprise} — 衍生数据（审核基准年 {f.baseline_year} 年）", ""]
    add = lines.append

    add("一、能源消耗（折标准煤，GB/T 2589-2020）")
    for e in f.energy:
        parts = "；".join(f"{name} {fmt_quantity(q.value, q.unit)}" for name, q in e.by_carrier.items())
        per_unit = f"，单位产品综合能耗 {fmt_readable(e.per_unit.value, e.per_unit.unit, 4)}" if e.per_unit else ""
        co2 = f"，CO2 排放 {fmt_quantity(e.co2_t, 'tCO2')}" if e.co2_t is not None else ""
        add(f"  {e.year}年：综合能耗 {fmt_quantity(e.total_tce, 'tce')}（{parts}）{per_unit}{co2}")
    add("")
    add("二、用水")
    for w in f.water:
        per_unit = f"，单位产品新鲜水耗 {fmt_readable(w.per_unit.value, w.per_unit.unit, 3)}" if w.per_unit else ""
        reuse = f"，水重复利用率 {fmt_percent(w.reuse_rate)}" if w.reuse_rate is not None else ""
        add(f"  {w.year}年：新鲜水 {fmt_number(w.fresh.value, 0)} {w.fresh.unit}{per_unit}{reuse}")
    add("")
    add("三、污染物排放量")
    for name, series in f.emissions.items():
        unit = f.emission_units.get(name, "t/a")
        values = "，".join(f"{y}年 {fmt_number(v, 3)}" for y, v in sorted(series.items()))
        add(f"  {name}（{unit}）：{values}")
    for cat, series in f.solid_waste.items():
        values = "，".join(f"{y}年 {fmt_number(v, 2)}" for y, v in sorted(series.items()))
        add(f"  {cat}产生量：{values}")
    add("")
    add("四、审核重点（权重总和计分排序法）")
    for s in f.focus:
        mark = "  ← 审核重点" if s.selected else ""
        add(f"  第{s.rank}名 {s.id} {s.name}：总分 {fmt_number(s.score, 0)}{mark}")
    add("")
    add("五、清洁生产目标")
    for t in f.targets:
        change = f"{fmt_number(t.percentage_points)} 个百分点" if t.percentage_points is not None else fmt_percent(t.target_rate)
        line = f"  {t.id} {t.indicator}：现状 {t.baseline} → 近期目标 {t.near_term} {t.unit}（{t.direction} {change}）"
        if t.actual is not None:
            rate = f"，完成率 {fmt_percent(t.completion_rate)}" if t.completion_rate is not None else ""
            line += f"；实际 {t.actual}，{t.status}{rate}"
        add(line)
    add("")
    add("六、平衡测算")
    for b in f.balances + ([f.water_balance] if f.water_balance else []):
        verdict = {True: "在允许范围内", False: "超出允许范围", None: "—"}[b.within_tolerance]
        add(f"  {b.title}：输入 {fmt_number(b.total_in, 3)} {b.unit}，输出 {fmt_number(b.total_out, 3)} {b.unit}，差值 {fmt_number(b.difference, 3)}，偏差率 {fmt_percent(b.error_rate, 2)}（{verdict}）")
    add("")
    s = f.schemes
    add("七、清洁生产方案")
    add(f"  共提出清洁生产方案{s.total}项，其中无/低费方案{s.low_cost}项、中/高费方案{s.high_cost}项；已实施{s.implemented}项（无/低费{s.implemented_low}项、中/高费{s.implemented_high}项）。")
    add(f"  预计投资：无/低费 {fmt_number(s.investment_low)} 万元，中/高费 {fmt_number(s.investment_high)} 万元；实际投资 {fmt_number(s.actual_investment)} 万元。")
    add(f"  经济效益：预计 {fmt_number(s.expected_benefit)} 万元/a，已实施方案实际 {fmt_number(s.actual_benefit)} 万元/a。")
    for e in s.economics:
        irr = fmt_percent(e.irr, 2) if e.irr is not None else "无解"
        if e.irr_note:
            irr += f"（{e.irr_note}）"
        payback = f"{fmt_number(e.payback_years)} 年" if e.payback_years is not None else "无法回收"
        add(f"  {e.scheme_id} {e.scheme_name}：I={fmt_number(e.investment)} 万元，F={fmt_number(e.cash_flow)} 万元/a，投资偿还期 {payback}，NPV={fmt_number(e.npv)} 万元（i={fmt_percent(e.discount_rate, 0)}），NPVR={fmt_number(e.npvr, 3)}，IRR={irr}，{'经济可行' if e.feasible else '经济上不可行'}")
    add("")
    add("八、资源节约量与环境减排量（已实施方案）")
    for name, q in f.resource_savings.items():
        add(f"  资源节约 {name}：{fmt_quantity(q.value, q.unit)}")
    add(f"  节能量合计：{fmt_quantity(f.energy_saving_tce, 'tce/a')}")
    for name, q in f.environmental_reductions.items():
        add(f"  环境减排 {name}：{fmt_quantity(q.value, q.unit, 3)}")
    add("")
    add("九、清洁生产水平（综合评价指数）")
    for lv in f.level:
        idx = "，".join(f"Y_{k}={fmt_number(v, 2)}" for k, v in lv.index.items())
        level = f"{lv.level}级" if lv.level else "未达到 III 级"
        add(f"  {lv.stage}：{idx}；{level}（{lv.reason}）")
    if f.performance:
        add("")
        add("十、绩效表（审核前 = 基准年；审核后 = 方案实施后统计期）")
        for r in f.performance:
            add(f"  [{r.group}] {r.item}（{r.unit}）：审核前 {fmt_number(r.before, 3)}，审核后 {fmt_number(r.after, 3)}，削减量 {fmt_number(r.reduction, 3)}，削减率 {fmt_percent(r.rate)}")
        if f.economic_benefit_total is not None:
            add(f"  经济效益合计（节能降耗 + 削减污染物排放）：{fmt_number(f.economic_benefit_total)} 万元/a")
    if f.notes:
        add("")
        add("说明：")
        for n in f.notes:
            add(f"  · {n}")
    return "\n".join(lines) + "\n"
