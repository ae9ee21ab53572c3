"""How numbers, rates and dates are written in a Chinese audit report.

Report conventions (issue 3, domain.md §2.2): 万元 with 2 decimals, tce with 2, reduction rates as
``12.3%``, dates as ``2025年3月15日``. Rounding is ROUND_HALF_UP — the rule of GB/T 8170 as applied in
Chinese reporting practice (not Python's default banker's rounding), so 0.125 → 0.13 as a reader
checking by hand expects.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

#: Decimal places by unit, the precision reports conventionally print.
PLACES_BY_UNIT = {
    "万元": 2, "万元/a": 2, "tce": 2, "tce/a": 2, "t": 2, "t/a": 2, "tCO2": 2, "tCO2/a": 2,
    "万kWh": 2, "万kWh/a": 2, "kg/a": 1, "m³": 0, "m³/a": 0, "%": 1,
}


def round_half_up(value: Decimal, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fmt_number(value: Decimal | int | float | None, places: int = 2, grouping: bool = False) -> str:
    """``1234.5`` → ``1234.50`` (``1,234.50`` with grouping); ``None`` → ``—``."""
    if value is None:
        return "—"
    rounded = round_half_up(Decimal(str(value)), places)
    if rounded == 0:
        rounded = abs(rounded)  # never print -0.00
    return f"{rounded:,.{places}f}" if grouping else f"{rounded:.{places}f}"


def places_for(unit: str, default: int = 2) -> int:
    return PLACES_BY_UNIT.get(unit, default)


def fmt_quantity(value: Decimal | None, unit: str, places: int | None = None) -> str:
    """``fmt_quantity(122.9, 'tce')`` → ``122.90 tce``."""
    if value is None:
        return "—"
    return f"{fmt_number(value, places if places is not None else places_for(unit))} {unit}"


def fmt_percent(fraction: Decimal | None, places: int = 1) -> str:
    """A fraction as a percentage: ``0.1234`` → ``12.3%``."""
    if fraction is None:
        return "—"
    return f"{fmt_number(Decimal(fraction) * 100, places)}%"


def fmt_date(value: dt.date | None) -> str:
    """``2025-03-15`` → ``2025年3月15日`` (no leading zeros, as in official documents)."""
    if value is None:
        return "—"
    return f"{value.year}年{value.month}月{value.day}日"


def fmt_month(value: dt.date | None) -> str:
    if value is None:
        return "—"
    return f"{value.year}年{value.month}月"


#: Smaller units to switch to when a figure would print as 0.00 (numerator of the unit).
_SMALLER = {"tce": "kgce", "t": "kg", "m³": "L", "万kWh": "kWh", "万m³": "m³", "万元": "元"}


def readable(value: Decimal | None, unit: str, places: int = 2) -> tuple[Decimal | None, str]:
    """Rescale a figure that would round to nothing: 0.000714 tce/m² → 0.714 kgce/m².

    Per-unit indicators of plants whose product is counted in m² or 万个, and heavy metals in t/a,
    otherwise print as 0.00; reports state them in the smaller unit.
    """
    if value is None or value == 0 or abs(Decimal(value)) >= Decimal(1).scaleb(-places) * 10:
        return value, unit
    from docgen.calc.units import convert

    head, sep, tail = unit.partition("/")
    smaller = _SMALLER.get(head)
    if smaller is None:
        return value, unit
    new_unit = smaller + sep + tail
    return convert(value, unit, new_unit), new_unit


def fmt_readable(value: Decimal | None, unit: str, places: int = 3) -> str:
    """``fmt_readable(Decimal('0.000714'), 'tce/m²')`` → ``0.714 kgce/m²``."""
    scaled, new_unit = readable(value, unit, places)
    return fmt_quantity(scaled, new_unit, places)
