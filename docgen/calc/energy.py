"""Standard-coal conversion (折标准煤) and 综合能耗 per GB/T 2589-2020 《综合能耗计算通则》.

GB/T 2589 defines 综合能耗 as the sum of each energy carrier consumed times its standard-coal
coefficient, minus the energy exported (输出) by the unit: ``E = Σ mᵢ × kᵢ − Σ 输出``.  The
coefficients come from a factor table (:mod:`docgen.calc.factors`), by default GB/T 2589-2020
附录A; measured low heating values, when the report has them, should be expressed as a custom
table rather than edited into the shipped one.

Electricity has two bases and a report must state which one it uses (domain.md §7.3):

* 当量值 (``calorific``): the energy content of a kWh, 3 600 kJ → 0.1229 kgce/kWh;
* 等价值 (``generation``): the coal burnt to generate and supply that kWh (火电平均供电煤耗),
  which depends on year and jurisdiction — e.g. 0.28078 kgce/kWh in DB31/T 783-2026.  There is no
  national default, so the caller names one (``generation_factor_key``) unless the table sets
  ``defaults.electricity_generation``.

All results are in **tce** (1 tce = 1 000 kgce); amounts may be in any unit convertible to the
factor's physical unit (万kWh, MWh, t of diesel, 万m³ of gas, GJ or MJ of heat).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import Enum

from docgen.calc.errors import CalcError
from docgen.calc.factors import Factor, FactorTable, apply_factor, resolve_table
from docgen.calc.num import Number

__all__ = [
    "ElectricityBasis",
    "RESULT_UNIT",
    "select_energy_factor",
    "to_standard_coal",
    "comprehensive_energy",
]

#: Unit of every result of this module.
RESULT_UNIT = "tce"

#: The generic electricity carrier key whose factor depends on the basis.
ELECTRICITY = "electricity"


class ElectricityBasis(str, Enum):
    """Basis for converting electricity to standard coal (电力折标方法)."""

    CALORIFIC = "calorific"  # 当量值
    GENERATION = "generation"  # 等价值

    @classmethod
    def coerce(cls, value: "ElectricityBasis | str") -> "ElectricityBasis":
        """Accept the enum, its value, or the Chinese name 当量值 / 等价值."""
        if isinstance(value, cls):
            return value
        aliases = {"当量值": cls.CALORIFIC, "等价值": cls.GENERATION}
        if value in aliases:
            return aliases[value]
        try:
            return cls(value)
        except ValueError:
            raise CalcError(
                f"电力折标方法「{value}」无效；应为 calorific（当量值）或 generation（等价值）"
            ) from None


ItemTuple = Sequence  # (amount, unit, carrier)


def _generation_keys(table: FactorTable) -> list[str]:
    return [k for k, f in table.factors.items() if f.carrier == ELECTRICITY and f.basis == "generation"]


def select_energy_factor(
    carrier: str,
    table: FactorTable | str | None = None,
    electricity_basis: ElectricityBasis | str = ElectricityBasis.CALORIFIC,
    generation_factor_key: str | None = None,
) -> Factor:
    """The standard-coal factor used for *carrier* under the chosen electricity basis.

    ``carrier="electricity"`` resolves through the basis; any other key (including an explicit
    variant such as ``natural_gas_sh_db31`` or ``electricity_generation_db31t783_2026``) is looked
    up directly, and the basis is irrelevant to it.
    """
    resolved = resolve_table("energy", table)
    basis = ElectricityBasis.coerce(electricity_basis)
    if carrier != ELECTRICITY:
        return resolved.get(carrier)
    if basis is ElectricityBasis.CALORIFIC:
        if generation_factor_key is not None:
            raise CalcError(
                f"指定了等价值系数「{generation_factor_key}」，但电力折标方法为当量值；"
                "请设置 electricity_basis='generation'"
            )
        return resolved.get(ELECTRICITY)
    key = generation_factor_key or resolved.defaults.get("electricity_generation")
    choices = "、".join(_generation_keys(resolved)) or "（无）"
    if key is None:
        raise CalcError(
            f"电力按等价值折标时须指定供电煤耗系数（generation_factor_key）：等价值因年份和地区而异，"
            f"系数表「{resolved.id}」没有默认值；可选：{choices}"
        )
    factor = resolved.get(key)
    if factor.carrier != ELECTRICITY or factor.basis != "generation":
        raise CalcError(f"「{key}」不是电力等价值系数；可选：{choices}")
    return factor


def to_standard_coal(
    amount: Number,
    unit: str,
    carrier: str,
    table: FactorTable | str | None = None,
    electricity_basis: ElectricityBasis | str = ElectricityBasis.CALORIFIC,
    generation_factor_key: str | None = None,
) -> Decimal:
    """Standard coal equivalent of *amount* [*unit*] of *carrier*, in **tce** (GB/T 2589-2020).

    >>> to_standard_coal(100, "万kWh", "electricity")   # 100 万kWh × 0.1229 kgce/kWh
    Decimal('122.9')
    """
    factor = select_energy_factor(carrier, table, electricity_basis, generation_factor_key)
    return apply_factor(factor, amount, unit, RESULT_UNIT)


def _unpack(item: object, role: str) -> tuple[Number, str, str]:
    if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 3:
        raise CalcError(f"{role}应为 (数量, 单位, 能源键) 三元组：{item!r}")
    amount, unit, carrier = item
    return amount, unit, carrier


def comprehensive_energy(
    items: Iterable[ItemTuple],
    table: FactorTable | str | None = None,
    electricity_basis: ElectricityBasis | str = ElectricityBasis.CALORIFIC,
    exported: Iterable[ItemTuple] = (),
    generation_factor_key: str | None = None,
) -> Decimal:
    """综合能耗 in **tce**: Σ consumed × coefficient − Σ exported × coefficient (GB/T 2589-2020).

    *items* and *exported* are ``(amount, unit, carrier)`` tuples; one table and one electricity
    basis apply to the whole sum, as GB/T 2589 requires a report to be internally consistent.
    """
    resolved = resolve_table("energy", table)
    total = Decimal(0)
    for item in items:
        amount, unit, carrier = _unpack(item, "能源消耗项")
        total += to_standard_coal(amount, unit, carrier, resolved, electricity_basis, generation_factor_key)
    for item in exported:
        amount, unit, carrier = _unpack(item, "输出能源项")
        total -= to_standard_coal(amount, unit, carrier, resolved, electricity_basis, generation_factor_key)
    return total
