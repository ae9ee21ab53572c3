"""CO2 emissions of energy use (减污降碳), in **tCO2**.

CP reports apply the simplified form of the GB/T 32150 / 行业核算指南 method (domain.md §7.4):
``CO2 = Σ AD_fuel × EF_fuel + E_electricity × EF_grid + H_heat × EF_heat``, where each EF comes
from a dated CO2 factor table (:mod:`docgen.calc.factors`, kind ``co2``).  Which grid factor a
report uses (national average of a given year, the GHG-reporting 0.5703 tCO2/MWh, Shanghai's
0.42 tCO2/MWh …) must be declared, because ΔCO2 = ΔE × EF is rechecked with the declared EF.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from docgen.calc.errors import CalcError
from docgen.calc.factors import FactorTable, apply_factor, resolve_table
from docgen.calc.num import Number

__all__ = ["RESULT_UNIT", "co2_emission", "co2_total"]

#: Unit of every result of this module.
RESULT_UNIT = "tCO2"


def co2_emission(
    amount: Number,
    unit: str,
    carrier: str,
    table: FactorTable | str | None = None,
) -> Decimal:
    """CO2 emitted by *amount* [*unit*] of *carrier*, in **tCO2**.

    *table* is a CO2 :class:`FactorTable`, a table id, or ``None`` for
    :data:`docgen.calc.factors.DEFAULT_CO2_TABLE`.  The amount is converted to the factor's
    physical unit first (万kWh against kgCO2/kWh, 万m³ against kgCO2/m³, GJ against tCO2/GJ).
    """
    factor = resolve_table("co2", table).get(carrier)
    return apply_factor(factor, amount, unit, RESULT_UNIT)


def co2_total(items: Iterable[Sequence], table: FactorTable | str | None = None) -> Decimal:
    """Σ CO2 of ``(amount, unit, carrier)`` items, in **tCO2**, with one table for all items."""
    resolved = resolve_table("co2", table)
    total = Decimal(0)
    for item in items:
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 3:
            raise CalcError(f"排放项应为 (数量, 单位, 能源键) 三元组：{item!r}")
        amount, unit, carrier = item
        total += co2_emission(amount, unit, carrier, resolved)
    return total
