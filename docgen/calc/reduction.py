"""Reduction amounts and rates (削减量 / 削减率) — domain.md §7.2 and the 绩效表 rule §7.8-2.

Every before/after table of an audit (T-12 目标表, T-23 目标完成情况表, 绩效表, 资源节约量 and
环境减排量) states ``削减量 = 审核前 − 审核后`` and ``削减率 = 削减量 / 审核前``; a checker
recomputes both.  Rates are returned as fractions (0.123); formatting as % is presentation.

For intensity indicators (per unit of product) the manual compares per-unit values and, when
output changed between the baseline and the post-audit year, converts a per-unit saving to an
absolute one with the post-audit output — the 产品单耗节能量 convention of GB/T 13234
(节能量计算方法; [domain knowledge, to verify]).
"""

from __future__ import annotations

from decimal import Decimal

from docgen.calc.errors import CalcError
from docgen.calc.num import Number, to_decimal

__all__ = ["reduction_amount", "reduction_rate", "intensity", "intensity_saving"]


def reduction_amount(before: Number, after: Number) -> Decimal:
    """削减量 ΔX = X_before − X_after (negative when the indicator rose)."""
    return to_decimal(before, "审核前数值") - to_decimal(after, "审核后数值")


def reduction_rate(before: Number, after: Number) -> Decimal:
    """削减率 r = (X_before − X_after) / X_before, as a fraction; :class:`CalcError` if X_before = 0."""
    base = to_decimal(before, "审核前数值")
    if base == 0:
        raise CalcError("审核前数值为 0，削减率无法计算（除数为零）")
    return (base - to_decimal(after, "审核后数值")) / base


def intensity(amount: Number, production: Number) -> Decimal:
    """Per-unit indicator x = X / 产量 (e.g. t water / t product); :class:`CalcError` if 产量 = 0."""
    output = to_decimal(production, "产量")
    if output == 0:
        raise CalcError("产量为 0，单位产品指标无法计算（除数为零）")
    return to_decimal(amount, "总量") / output


def intensity_saving(before_intensity: Number, after_intensity: Number, production_after: Number) -> Decimal:
    """Absolute saving from per-unit values: ΔX = (x_before − x_after) × P_after (GB/T 13234)."""
    return reduction_amount(before_intensity, after_intensity) * to_decimal(production_after, "审核后产量")
