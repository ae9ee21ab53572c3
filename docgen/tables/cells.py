"""Cell values and how they are printed.

Why a tiny cell vocabulary: a builder states *what* a value is (a quantity in a unit, a rate, a
date, a composite text) and the column spec states the precision; formatting then happens in one
place with the report conventions of ``docgen.numfmt`` (万元 2 decimals, tce 2, rates ``12.3%``,
dates ``2025年3月15日``, ROUND_HALF_UP per GB/T 8170) and every table prints alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from docgen.numfmt import PLACES_BY_UNIT, fmt_date, fmt_number, fmt_percent, round_half_up

from .catalogue import ColumnSpec
from .model import EMPTY

#: Largest number of decimals printed for a value "as given" (guards against 1/3 = 0.3333…).
MAX_NATURAL_PLACES = 6


@dataclass(frozen=True)
class Num:
    """A number; ``unit`` drives the ``unit`` precision rule, ``places``/``rule`` override the column's."""

    value: Decimal | int | None
    unit: str | None = None
    places: int | None = None
    rule: str | None = None


@dataclass(frozen=True)
class Pct:
    """A rate given as a fraction (0.123), printed ``12.3%``."""

    value: Decimal | None
    places: int = 1


@dataclass(frozen=True)
class Txt:
    """Display text composed from several values (e.g. the effects of a scheme); ``raw`` is kept."""

    raw: object
    text: str


def natural_places(value: Decimal) -> int:
    """Decimals of a value as given (0.352 → 3, 1200 → 0), capped at ``MAX_NATURAL_PLACES``."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return 0
    exponent = value.normalize().as_tuple().exponent
    return min(-int(exponent), MAX_NATURAL_PLACES) if isinstance(exponent, int) else 2


def sig_places(value: Decimal) -> int:
    """Decimals for a computed ratio: at least 2, and 4 significant digits (0.24433 → 0.2443)."""
    value = Decimal(value)
    if value == 0:
        return 2
    return max(2, min(3 - value.adjusted(), MAX_NATURAL_PLACES + 2))


def format_number(value: Decimal | int | float, places: int | None, rule: str, unit: str | None = None) -> str:
    """Print one number by a precision rule of the catalogue (fixed, unit, natural, sig).

    A non-zero value that the conventional precision would print as 0 (0.0013 t/a of 铬酸雾 at
    2 decimals) is printed with 4 significant digits instead: a table must not show an emission
    or a saving as nil when it is not.
    """
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if rule == "fixed" and places is not None:
        fixed = places
    elif rule == "unit" and unit is not None and unit in PLACES_BY_UNIT:
        fixed = PLACES_BY_UNIT[unit]
    elif rule == "sig":
        return fmt_number(number, sig_places(number))
    else:
        return fmt_number(number, natural_places(number))
    if number != 0 and round_half_up(number, fixed) == 0:
        return fmt_number(number, min(sig_places(number), natural_places(number)))
    return fmt_number(number, fixed)


def clause(text: str) -> str:
    """User text without its closing punctuation, so a note can append its own (no "。。")."""
    return text.strip().rstrip("。；;，,、 ")


def raw_value(cell: object) -> object:
    """The unformatted value kept in ``raw_rows``."""
    if isinstance(cell, (Num, Pct)):
        return cell.value
    if isinstance(cell, Txt):
        return cell.raw
    return cell


def render(cell: object, column: ColumnSpec | None) -> str:
    """Display text of one cell; never empty, never "None" — an absent value prints "—"."""
    if cell is None:
        return EMPTY
    if isinstance(cell, Txt):
        return cell.text.strip() or EMPTY
    if isinstance(cell, Pct):
        return fmt_percent(cell.value, cell.places) if cell.value is not None else EMPTY
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, dt.date):
        return fmt_date(cell)
    if isinstance(cell, Num):
        if cell.value is None:
            return EMPTY
        places = cell.places if cell.places is not None else (column.places if column else None)
        default = column.precision if column else ("unit" if cell.unit else "natural")
        rule = cell.rule or ("fixed" if cell.places is not None else default)
        return format_number(cell.value, places, rule, cell.unit)
    if isinstance(cell, (Decimal, int, float)):
        places = column.places if column else None
        rule = column.precision if column else "natural"
        return format_number(cell, places, rule)
    text = str(cell).strip()
    return text or EMPTY


def ratio_text(value: Decimal, unit: str) -> str:
    """A computed per-unit figure with its unit, 4 significant digits: ``0.2443 tce/t``."""
    return f"{format_number(value, None, 'sig')} {unit}"


def quantity_text(amount: Decimal, unit: str) -> str:
    """``12.5 万kWh/a`` with the precision of the unit (numfmt), or as given for other units."""
    rule = "unit" if unit in PLACES_BY_UNIT else "natural"
    return f"{format_number(amount, None, rule, unit)} {unit}"
