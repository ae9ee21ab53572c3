"""Per-item totals of option effects — 资源节约量 and 环境减排量 (domain.md §5.6, §7.8-1).

Option tables (T-18, T-22, 绩效表) list effects per option in whatever unit the option's author
used (节电 3.5 万kWh/a next to 节电 12 000 kWh/a; COD 0.8 t/a next to 350 kg/a).  The 合计 row
must add like with like, so every amount of the same item is converted to one unit — the one
requested for that item, or else the first unit seen — before summing.  Units that cannot be
converted (节水 in t/a and in m³/a) raise :class:`UnitError` instead of being guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from docgen.calc.errors import CalcError, UnitError
from docgen.calc.units import convert, parse_unit

__all__ = ["Total", "sum_by_item"]


class Total(NamedTuple):
    """A summed amount and its (canonical) unit text; unpacks as ``(amount, unit)``."""

    amount: Decimal
    unit: str


def sum_by_item(
    effects: Iterable[Sequence],
    target_units: Mapping[str, str] | None = None,
) -> dict[str, Total]:
    """Sum ``(item, amount, unit)`` effects per item, converting to one unit per item.

    The result keeps the order in which items first appear; each unit text is canonical
    (``m3/a`` → ``m³/a``).  *target_units* fixes the unit of some items (e.g. ``{"节电": "万kWh/a"}``).
    """
    wanted = dict(target_units or {})
    totals: dict[str, Total] = {}
    for effect in effects:
        if isinstance(effect, (str, bytes)) or not isinstance(effect, Sequence) or len(effect) != 3:
            raise CalcError(f"效果项应为 (项目, 数量, 单位) 三元组：{effect!r}")
        item, amount, unit = effect
        if item not in totals:
            unit_text = parse_unit(wanted.get(item, unit)).text
            totals[item] = Total(Decimal(0), unit_text)
        current = totals[item]
        try:
            converted = convert(amount, unit, current.unit)
        except UnitError as exc:
            raise UnitError(f"项目「{item}」的数量单位不一致：{exc}") from None
        totals[item] = Total(current.amount + converted, current.unit)
    for key in wanted:  # a misspelt requested unit is an error even if the item has no effects
        if key not in totals:
            parse_unit(wanted[key])
    return totals
