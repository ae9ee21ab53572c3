"""Small derivations several tables share: output per year, effects as text, tce of a saving.

Why here and not in ``docgen.derive``: these are presentation helpers (how a scheme's effects
read in a cell) or per-row figures that ``Figures`` does not carry (a material's per-unit
consumption, a single scheme's 节能量); each uses the same ``docgen.calc`` formulas and factor
tables as the derived figures, so the numbers agree with them.
"""

from __future__ import annotations

from decimal import Decimal

from docgen.calc.energy import select_energy_factor, to_standard_coal
from docgen.calc.errors import CalcError
from docgen.calc.factors import load_factor_table
from docgen.calc.units import convert, convertible
from docgen.model import AuditData

from .build import ZERO
from .cells import quantity_text


def production(audit: AuditData, year: int) -> tuple[Decimal | None, str]:
    """Output of ``year`` summed over the products sharing the first product's unit.

    Same convention as the derived 单位产品综合能耗 (docgen.derive): products in another
    dimension (件 next to t) are left out rather than added as if comparable.
    """
    products = audit.baseline.products
    unit = products[0].unit
    values = [convert(p.output[year], p.unit, unit) for p in products if year in p.output and convertible(p.unit, unit)]
    total = sum(values, ZERO)
    return (total if values and total else None), unit


def _energy_args(audit: AuditData) -> dict:
    calc = audit.audit.calc
    return {
        "table": load_factor_table("energy", calc.energy_table),
        "electricity_basis": "generation" if calc.electricity_basis == "等价值" else "calorific",
        "generation_factor_key": calc.generation_factor,
    }


def energy_factor(audit: AuditData, carrier: str):
    """The GB/T 2589 standard-coal factor the audit's declared basis uses for ``carrier``."""
    return select_energy_factor(carrier, **_energy_args(audit))


def effect_tce(audit: AuditData, effect) -> Decimal | None:
    """节能量 (tce/a) of one energy effect; ``None`` for other kinds or an unknown carrier."""
    if effect.kind != "能源" or not effect.carrier:
        return None
    unit = effect.unit.split("/", 1)[0]  # 万kWh/a → 万kWh: the factor is per physical unit
    try:
        return to_standard_coal(effect.amount, unit, effect.carrier, **_energy_args(audit))
    except CalcError:
        return None


def effects_tce(audit: AuditData, effects) -> Decimal | None:
    """Σ 节能量 of a scheme's effects, ``None`` when it has no energy effect."""
    values = [v for v in (effect_tce(audit, e) for e in effects) if v is not None]
    return sum(values, ZERO) if values else None


def effects_text(effects, economic: Decimal | None = None) -> str:
    """"电 10.00 万kWh/a；VOCs 1.50 t/a" (+ "；经济效益 8.00 万元/a")."""
    parts = [f"{e.item} {quantity_text(e.amount, e.unit)}" for e in effects]
    if economic is not None:
        parts.append(f"经济效益 {quantity_text(economic, '万元/a')}")
    return "；".join(parts)


def planned_investment(scheme) -> Decimal:
    """投资 of the plan: the T-19c 总投资 I when a feasibility study exists (domain.md §7.8 rule 7)."""
    if scheme.feasibility is not None:
        return scheme.feasibility.economic.investment
    return scheme.investment


def implementation_date(scheme):
    """实施时间: the actual completion, else the actual start."""
    return scheme.actual_end or scheme.actual_start


def actual_or_expected(scheme) -> tuple[Decimal, list, Decimal, bool]:
    """(投资, 效果, 经济效益, 是否使用了预计值) of an implemented scheme."""
    investment = scheme.actual_investment if scheme.actual_investment is not None else scheme.investment
    effects = scheme.actual_effects or scheme.expected_effects
    benefit = scheme.actual_economic_benefit if scheme.actual_economic_benefit is not None else scheme.expected_economic_benefit
    fallback = scheme.actual_investment is None or not scheme.actual_effects or scheme.actual_economic_benefit is None
    return investment, effects, benefit, fallback
