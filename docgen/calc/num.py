"""Number intake: every public calc function accepts ``Decimal | int | float | str``.

Why Decimal everywhere: audit tables are checked to the last printed digit (GB/T 2589 coefficients
have 4–5 significant figures, money is in 万元 with 2 decimals), and binary floats turn
``0.1229 × 100`` into ``12.290000000000001``.  Floats are accepted at the boundary but converted
through ``str`` so ``0.1229`` becomes ``Decimal("0.1229")`` and not its binary expansion.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Union

from docgen.calc.errors import CalcError

__all__ = ["Number", "to_decimal", "to_fraction", "fraction_to_decimal"]

Number = Union[Decimal, int, float, str]


def to_decimal(value: Number, what: str = "数值") -> Decimal:
    """Convert *value* to a finite ``Decimal`` via ``str`` (never via the float's binary value).

    ``what`` names the quantity in the Chinese error message (e.g. "投资 I").
    """
    if isinstance(value, bool):
        raise CalcError(f"{what}不能是布尔值：{value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, float)):
        result = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip()
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise CalcError(f"{what}不是有效数字：{value!r}") from None
    else:
        raise CalcError(f"{what}的类型不受支持：{type(value).__name__}（应为 Decimal、int、float 或数字字符串）")
    if not result.is_finite():
        raise CalcError(f"{what}必须是有限数值：{value!r}")
    return result


def to_fraction(value: Number, what: str = "数值") -> Fraction:
    """Exact rational form of *value*; used where repeated division would otherwise round."""
    return Fraction(to_decimal(value, what))


def fraction_to_decimal(value: Fraction) -> Decimal:
    """Round an exact rational to the current Decimal context (28 significant digits by default)."""
    if value.denominator == 1:
        return Decimal(value.numerator)
    return Decimal(value.numerator) / Decimal(value.denominator)
