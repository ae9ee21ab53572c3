"""Containers for derived figures: plain dataclasses that serialise to JSON.

Every derived number carries its unit; the renderer, the ``calc`` command and the checker's
round-trip tests all read these same objects, so a figure is computed in one place only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Quantity:
    value: Decimal | None
    unit: str

    def to_json(self):
        return {"value": _num(self.value), "unit": self.unit}


@dataclass
class EnergyYear:
    year: int
    by_carrier: dict[str, Quantity]
    total_tce: Decimal
    per_unit: Quantity | None
    co2_t: Decimal | None


@dataclass
class WaterYear:
    year: int
    fresh: Quantity
    per_unit: Quantity | None
    reuse_rate: Decimal | None


@dataclass
class FocusScore:
    id: str
    name: str
    score: Decimal
    rank: int
    selected: bool


@dataclass
class TargetFigure:
    id: str
    indicator: str
    unit: str
    direction: str
    baseline: Decimal
    near_term: Decimal
    target_rate: Decimal
    reduction: Decimal
    percentage_points: Decimal | None = None  # for targets in %: the change in 百分点
    actual: Decimal | None = None
    met: bool | None = None
    completion_rate: Decimal | None = None
    status: str | None = None


@dataclass
class BalanceFigure:
    title: str
    unit: str
    total_in: Decimal
    total_out: Decimal
    difference: Decimal
    error_rate: Decimal | None
    within_tolerance: bool | None


@dataclass
class EconomicFigure:
    scheme_id: str
    scheme_name: str
    investment: Decimal
    annual_saving: Decimal
    depreciation: Decimal
    taxable_profit: Decimal
    net_profit: Decimal
    cash_flow: Decimal
    payback_years: Decimal | None
    npv: Decimal
    npvr: Decimal
    irr: Decimal | None
    irr_note: str
    discount_rate: Decimal
    feasible: bool


@dataclass
class SchemeSummary:
    total: int
    low_cost: int
    high_cost: int
    implemented: int
    implemented_low: int
    implemented_high: int
    investment_low: Decimal
    investment_high: Decimal
    actual_investment: Decimal
    expected_benefit: Decimal
    actual_benefit: Decimal
    economics: list[EconomicFigure] = field(default_factory=list)


@dataclass
class LevelFigure:
    stage: str  # 审核前 / 审核后
    index: dict[str, Decimal]
    level: str | None
    reason: str


@dataclass
class PerformanceRow:
    group: str
    item: str
    unit: str
    before: Decimal
    after: Decimal
    reduction: Decimal
    rate: Decimal | None


@dataclass
class Figures:
    """All derived figures of one audit."""

    enterprise: str
    baseline_year: int
    energy: list[EnergyYear]
    water: list[WaterYear]
    emissions: dict[str, dict[int, Decimal]]
    emission_units: dict[str, str]
    solid_waste: dict[str, dict[int, Decimal]]
    focus: list[FocusScore]
    targets: list[TargetFigure]
    balances: list[BalanceFigure]
    water_balance: BalanceFigure | None
    schemes: SchemeSummary
    resource_savings: dict[str, Quantity]
    environmental_reductions: dict[str, Quantity]
    energy_saving_tce: Decimal
    level: list[LevelFigure]
    performance: list[PerformanceRow]
    economic_benefit_total: Decimal | None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return _jsonable(self)


def _num(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value) if value == value.to_integral_value() or abs(value) >= Decimal("1e-12") else 0.0
    return value


def _jsonable(obj):
    if dataclasses.is_dataclass(obj):
        if hasattr(obj, "to_json") and not isinstance(obj, Figures):
            return obj.to_json()
        return {f.name: _jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, Decimal):
        return _num(obj)
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj
