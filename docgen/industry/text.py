"""The computed figures of an industry audit as Chinese text (``docgen industry calc``)."""

from __future__ import annotations

from docgen.numfmt import fmt_number, fmt_percent

from .calc import BASIS_NAMES, BASIS_UNITS, IndustryFigures
from .model import LEVELS, IndustryAuditData


def figures_text(data: IndustryAuditData, fig: IndustryFigures) -> str:
    lines = [f"{data.audit.title}", f"行业企业 {len(data.enterprises)} 家，纳入审核企业名单 {len(data.listed)} 家", "", "名单覆盖率："]
    for c in fig.coverage:
        unit = BASIS_UNITS[c.basis]
        name = f"{data.audit.main_pollutant}排放量" if c.basis == "pollutant" else BASIS_NAMES[c.basis]
        lines.append(f"  {name}：名单 {fmt_number(c.listed_total, 2)} / 全行业 {fmt_number(c.industry_total, 2)} {unit}"
                     f" = {fmt_percent(c.share, 2)}（要求 ≥ {fmt_percent(c.threshold, 0)}：{'满足' if c.met else '不满足'}）")
    lines += ["", "清洁生产水平（审核前 → 审核后）："]
    lines += [f"  {lv}：{fig.levels_before[lv]} → {fig.levels_after[lv]} 家" for lv in LEVELS]
    lines += ["", "减排与节能（名单企业）："]
    names = {"pollutant": f"{data.audit.main_pollutant}排放量", "energy": "综合能耗", "co2": "二氧化碳排放量", "water": "新鲜水用量"}
    for key, r in fig.reductions.items():
        lines.append(f"  {names[key]}：{fmt_number(r.before, 2)} → {fmt_number(r.after, 2)} {BASIS_UNITS[key]}，"
                     f"削减 {fmt_number(r.amount, 2)}（{fmt_percent(r.rate, 2)}）")
    lines += ["", "清洁生产目标："]
    for r in fig.targets:
        actual = fmt_number(r.actual, 2) if r.actual is not None else "—"
        lines.append(f"  {r.target.id} {r.target.indicator}：现状 {fmt_number(r.target.baseline, 2)}，目标 {fmt_number(r.target.target, 2)}，"
                     f"实际 {actual} {r.target.unit}：{r.status}")
    lines += ["", f"企业层面方案：无/低费 {fig.scheme_counts['无/低费']} 项，中/高费 {fig.scheme_counts['中/高费']} 项；"
                  f"投资 {fmt_number(fig.investment, 1)} 万元，年经济效益 {fmt_number(fig.benefit, 1)} 万元"
                  + (f"，静态回收期 {fmt_number(fig.payback_years, 1)} 年" if fig.payback_years else "")]
    return "\n".join(lines)
