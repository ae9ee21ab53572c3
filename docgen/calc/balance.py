"""Material and water balances (物料平衡 / 水平衡) — domain.md §7.7.

物料平衡 (T-13): ``差值 = Σ输入 − Σ输出`` and ``偏差率 = 差值 / Σ输入``; the manual accepts a balance
whose |偏差率| stays within a conventional tolerance (5%, data file ``tolerances.yaml``, to verify).
Real reports get the 差值 wrong (domain.md §7.7 cites one stating 43 088 kg where inputs − outputs
= 99 648 kg), which is why the checker recomputes it.

水平衡 (T-14, GB/T 12452 水平衡测试通则): at steady state the fresh water taken in leaves as
losses (蒸发、渗漏、带走), discharges and water bound in the product, ``Σ新鲜水 = Σ损耗 + Σ排水
+ 产品带走水``; recycled/reused water appears on both sides and cancels.  The 重复利用率 is
``V_重复 / (V_重复 + V_新水)``.

All inputs of one balance must already be in one unit (kg/批, t/a or m³/d); use
:func:`docgen.calc.totals.sum_by_item` or :func:`docgen.calc.units.convert` first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from docgen.calc._resources import load_yaml
from docgen.calc.errors import CalcError
from docgen.calc.num import Number, to_decimal

__all__ = ["BalanceResult", "default_tolerance", "material_balance", "water_balance", "reuse_rate"]


@dataclass(frozen=True)
class BalanceResult:
    """Totals of a balance, ``difference = total_in − total_out``, ``error_rate = difference / total_in``.

    ``within_tolerance`` is ``|error_rate| ≤ tolerance``, or ``None`` when no tolerance applies.
    """

    total_in: Decimal
    total_out: Decimal
    difference: Decimal
    error_rate: Decimal
    within_tolerance: bool | None
    tolerance: Decimal | None = None


def default_tolerance(kind: str) -> Decimal | None:
    """Conventional tolerance (fraction) for ``"material"`` or ``"water"`` from ``tolerances.yaml``."""
    table = load_yaml("tolerances.yaml")["tolerances"]
    if kind not in table:
        raise CalcError(f"未知的平衡类型「{kind}」；可用：{'、'.join(table)}")
    raw = table[kind].get("value")
    return None if raw is None else to_decimal(raw, f"{kind} 平衡允许偏差")


def _total(values: Iterable[Number] | Mapping[str, Number] | Number, role: str) -> Decimal:
    if isinstance(values, (Decimal, int, float, str)):
        values = [values]
    elif isinstance(values, Mapping):
        values = list(values.values())
    total = Decimal(0)
    for value in values:
        amount = to_decimal(value, role)
        if amount < 0:
            raise CalcError(f"{role}不能为负数：{amount}")
        total += amount
    return total


def _tolerance(tolerance: Number | None, kind: str) -> Decimal | None:
    if tolerance is None:
        return default_tolerance(kind)
    value = to_decimal(tolerance, "允许偏差率")
    if not Decimal(0) <= value < Decimal(1):
        raise CalcError(f"允许偏差率应为 0 到 1 之间的小数（如 0.05 表示 5%）：{value}")
    return value


def _result(total_in: Decimal, total_out: Decimal, tolerance: Decimal | None, what: str) -> BalanceResult:
    if total_in == 0:
        raise CalcError(f"{what}输入合计为 0，偏差率无法计算（除数为零）")
    difference = total_in - total_out
    error_rate = difference / total_in
    within = None if tolerance is None else abs(error_rate) <= tolerance
    return BalanceResult(total_in, total_out, difference, error_rate, within, tolerance)


def material_balance(
    inputs: Iterable[Number] | Mapping[str, Number],
    outputs: Iterable[Number] | Mapping[str, Number],
    tolerance: Number | None = None,
) -> BalanceResult:
    """物料平衡: totals, 差值 and 偏差率 = (Σ输入 − Σ输出) / Σ输入 (fraction).

    *tolerance* is a fraction (0.05 = 5%); ``None`` takes the material default from the data file.
    Mappings (name → amount) are accepted and summed over their values.
    """
    return _result(_total(inputs, "输入物料量"), _total(outputs, "输出物料量"), _tolerance(tolerance, "material"), "物料平衡")


def water_balance(
    fresh: Iterable[Number] | Mapping[str, Number] | Number,
    losses: Iterable[Number] | Mapping[str, Number] | Number,
    discharges: Iterable[Number] | Mapping[str, Number] | Number,
    product_water: Iterable[Number] | Mapping[str, Number] | Number = 0,
    tolerance: Number | None = None,
) -> BalanceResult:
    """水平衡: Σ新鲜水 against Σ损耗 + Σ排水 + 产品带走水 (each a number or an iterable)."""
    total_out = _total(losses, "损耗水量") + _total(discharges, "排水量") + _total(product_water, "产品带走水量")
    return _result(_total(fresh, "新鲜水量"), total_out, _tolerance(tolerance, "water"), "水平衡")


def reuse_rate(reused: Number, fresh: Number) -> Decimal:
    """水重复利用率 = V_重复 / (V_重复 + V_新水), a fraction (GB/T 12452 convention)."""
    rep = to_decimal(reused, "重复利用水量")
    new = to_decimal(fresh, "新鲜水量")
    if rep < 0 or new < 0:
        raise CalcError("重复利用水量和新鲜水量不能为负数")
    if rep + new == 0:
        raise CalcError("重复利用水量与新鲜水量之和为 0，重复利用率无法计算（除数为零）")
    return rep / (rep + new)
