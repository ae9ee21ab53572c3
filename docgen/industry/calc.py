"""The figures of an industry-wide audit, computed once from the data (never typed twice).

* per enterprise: 综合能耗 (tce, GB/T 2589 via docgen.calc.energy), CO2 (tCO2, the audit's declared
  factor table via docgen.calc.carbon), pollutant and water, before and after the schemes;
* **list coverage** (审核企业名单覆盖率): the share of the industry's total pollutant / energy / CO2
  that the listed enterprises account for, against the threshold (default 80 %). Seed 002 names
  环境影响突出 (污染物排放总量大, 温室气体排放强度高, 单位产品资源能源消耗量大) as the first selection
  principle but gives no number; the 80 % share is seed 004's rule for the park 重点管控名单
  ("资源、能源、污染物排放占园区总量 80% 以上") applied to the industry [inferred];
  ``rank_for_share`` gives the smallest top-ranked set reaching the share, to propose a list;
* **level counts** (行业清洁生产水平提升): listed enterprises per GB/T 43329 band before/after, and
  the share at I级 or II级 (seed 002's "达到一级或二级水平的企业数量或比例提升目标");
* **targets** with their actual value from the data where the target names a source, and their
  attainment by docgen.calc.targets;
* **reductions** (污染物减排, 温室气体减排, 资源能源) of the listed enterprises and
  **investment and return** (投入产出效益).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from docgen.calc.carbon import co2_total
from docgen.calc.energy import comprehensive_energy
from docgen.calc.reduction import reduction_amount, reduction_rate
from docgen.calc.targets import achievement

from .model import LEVELS, Enterprise, Figures, IndustryAuditData, Target

ZERO = Decimal(0)
BASIS_NAMES = {"pollutant": "主要污染物排放量", "energy": "综合能耗", "co2": "二氧化碳排放量"}
BASIS_UNITS = {"pollutant": "t/a", "energy": "tce/a", "co2": "tCO2/a", "water": "m³/a"}
TOP_LEVELS = ("I级", "II级")


@dataclass(frozen=True)
class Totals:
    """One enterprise's annual figures in common units."""

    pollutant: Decimal
    energy: Decimal  # tce
    co2: Decimal  # tCO2
    water: Decimal
    output_value: Decimal
    hazardous_waste: Decimal

    def get(self, key: str) -> Decimal:
        return getattr(self, key)

    @property
    def energy_intensity(self) -> Decimal | None:
        """tce per 万元 产值 (单位产值综合能耗)."""
        return self.energy / self.output_value if self.output_value else None


def totals(figures: Figures, co2_table: str) -> Totals:
    items = [(u.amount, u.unit, u.carrier) for u in figures.energy]
    return Totals(
        pollutant=figures.pollutant,
        energy=comprehensive_energy(items),
        co2=co2_total(items, co2_table),
        water=figures.water,
        output_value=figures.output_value,
        hazardous_waste=figures.hazardous_waste,
    )


@dataclass(frozen=True)
class Coverage:
    basis: str
    industry_total: Decimal
    listed_total: Decimal
    threshold: Decimal

    @property
    def share(self) -> Decimal:
        return self.listed_total / self.industry_total if self.industry_total else ZERO

    @property
    def met(self) -> bool:
        return self.share >= self.threshold


def rank_for_share(values: dict[str, Decimal], threshold: Decimal) -> list[str]:
    """The smallest set of ids, largest value first, whose sum reaches ``threshold`` of the total.

    Ties keep the given order, so the result is deterministic.
    """
    total = sum(values.values(), ZERO)
    chosen: list[str] = []
    running = ZERO
    for ident, value in sorted(values.items(), key=lambda kv: -kv[1]):
        if total and running / total >= threshold:
            break
        chosen.append(ident)
        running += value
    return chosen


def level_counts(levels: Iterable[str | None]) -> dict[str, int]:
    """Enterprises per band, in GB/T 43329 order (None = not assessed, not counted)."""
    counts = {lv: 0 for lv in LEVELS}
    for lv in levels:
        if lv is not None:
            counts[lv] += 1
    return counts


def top_share(counts: dict[str, int]) -> Decimal:
    """Share of assessed enterprises at I级 or II级."""
    n = sum(counts.values())
    return Decimal(sum(counts[lv] for lv in TOP_LEVELS)) / n if n else ZERO


@dataclass(frozen=True)
class Reduction:
    key: str
    before: Decimal
    after: Decimal

    @property
    def amount(self) -> Decimal:
        return reduction_amount(self.before, self.after)

    @property
    def rate(self) -> Decimal | None:
        return reduction_rate(self.before, self.after) if self.before else None


@dataclass(frozen=True)
class TargetResult:
    target: Target
    actual: Decimal | None
    met: bool | None
    status: str


@dataclass
class IndustryFigures:
    """Everything the tables, prose and consistency rules use."""

    before: dict[str, Totals]
    after: dict[str, Totals]
    coverage: list[Coverage]
    levels_before: dict[str, int]
    levels_after: dict[str, int]
    reductions: dict[str, Reduction]
    targets: list[TargetResult]
    investment: Decimal
    benefit: Decimal
    scheme_counts: dict[str, int] = field(default_factory=dict)

    @property
    def payback_years(self) -> Decimal | None:
        return self.investment / self.benefit if self.benefit else None


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


def listed_total(data: IndustryAuditData, per: dict[str, Totals], key: str) -> Decimal:
    return _sum(per[e.id].get(key) for e in data.listed if e.id in per)


def _actual(data: IndustryAuditData, target: Target, fig: Callable[[str], Decimal | None]) -> Decimal | None:
    if target.actual is not None or target.source == "stated":
        return target.actual
    return fig(target.source)


def compute(data: IndustryAuditData) -> IndustryFigures:
    table = data.audit.co2_table
    before = {e.id: totals(e.baseline, table) for e in data.enterprises}
    after = {e.id: totals(e.after, table) for e in data.listed if e.after is not None}
    coverage = [Coverage(basis, _sum(t.get(basis) for t in before.values()), listed_total(data, before, basis),
                         data.audit.coverage_threshold) for basis in data.audit.coverage_basis]
    listed = data.listed
    levels_before = level_counts(e.level_before for e in listed)
    levels_after = level_counts(e.level_after for e in listed)
    complete = all(e.id in after for e in listed)
    reductions = {}
    if complete:
        for key in ("pollutant", "energy", "co2", "water"):
            reductions[key] = Reduction(key, listed_total(data, before, key), listed_total(data, after, key))

    def actual_of(source: str) -> Decimal | None:
        if source == "level_share":
            return top_share(levels_after) * 100 if any(e.level_after for e in listed) else None
        return reductions[source].after if source in reductions else None

    results = []
    for t in data.targets:
        actual = _actual(data, t, actual_of)
        if actual is None:
            results.append(TargetResult(t, None, None, "—"))
            continue
        a = achievement(t.baseline, t.target, actual, "reduce" if t.direction == "降低" else "increase")
        results.append(TargetResult(t, actual, a.met, "达标" if a.met else "未达标"))
    schemes = data.enterprise_schemes
    counts = {"无/低费": sum(1 for s in schemes if s.cost_class == "无/低费"),
              "中/高费": sum(1 for s in schemes if s.cost_class == "中/高费")}
    return IndustryFigures(
        before=before, after=after, coverage=coverage, levels_before=levels_before, levels_after=levels_after,
        reductions=reductions, targets=results,
        investment=_sum(s.investment for s in schemes), benefit=_sum(s.benefit for s in schemes),
        scheme_counts=counts,
    )


def baseline_of(data: IndustryAuditData, figures: IndustryFigures, source: str) -> Decimal | None:
    """The value a target's 现状值 must equal when it names a data source."""
    if source == "level_share":
        return top_share(figures.levels_before) * 100
    if source in ("pollutant", "energy", "co2", "water"):
        return listed_total(data, figures.before, source)
    return None


def enterprise_schemes(data: IndustryAuditData, enterprise: Enterprise):
    return [s for s in data.enterprise_schemes if s.enterprise == enterprise.id]
