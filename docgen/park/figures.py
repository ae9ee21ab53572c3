"""Everything the park reports print that is computed, not typed: element totals (energy in tce by
GB/T 2589-2020 via docgen.calc.energy), the 重点管控名单 (docgen.park.selection), the indicator grade
(docgen.park.grading), scheme counts and sums per level, reductions per element, target attainment
(docgen.calc.targets) and the annual change against the previous year.

Computed once per data file; the context builder, the ``calc`` command and the tests read this.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from docgen.calc.energy import comprehensive_energy
from docgen.calc.targets import Achievement, achievement
from docgen.park.grading import GradingResult, defaults, grade
from docgen.park.model import ParkData
from docgen.park.selection import ControlList, control_list

SCHEME_LEVELS = ("园区", "产业链/产业集群", "企业")


@dataclass(frozen=True)
class LevelStats:
    level: str
    count: int
    done: int
    investment: Decimal
    benefit: Decimal


@dataclass(frozen=True)
class ParkFigures:
    values: dict[str, dict[str, Decimal]]        # enterprise → element → value (tce computed)
    totals: dict[str, Decimal]
    control: ControlList
    grading: GradingResult
    schemes: dict[str, LevelStats]
    scheme_total: LevelStats
    reductions: dict[str, Decimal]               # element → Σ scheme reductions
    achievements: dict[str, Achievement | None]  # target → attainment (None: no actual value)
    chain_totals: dict[str, dict[str, Decimal]]  # chain → element → Σ
    chain_counts: dict[str, int]


def enterprise_values(data: ParkData) -> dict[str, dict[str, Decimal]]:
    coal = next((e.id for e in data.elements if e.standard_coal), None)
    out = {}
    for ent in data.enterprises:
        vals = {k: Decimal(v) for k, v in ent.values.items()}
        if coal:
            vals[coal] = comprehensive_energy([(u.amount, u.unit, u.carrier) for u in ent.energy])
        out[ent.id] = vals
    return out


def threshold(data: ParkData) -> Decimal:
    if data.selection.threshold is not None:
        return data.selection.threshold
    return Decimal(str(defaults()["selection"]["threshold"]))


def _stats(level: str, schemes) -> LevelStats:
    return LevelStats(level, len(schemes), sum(1 for s in schemes if s.status == "已实施"),
                      sum((s.investment for s in schemes), Decimal(0)), sum((s.economic_benefit for s in schemes), Decimal(0)))


def compute(data: ParkData) -> ParkFigures:
    values = enterprise_values(data)
    ids = [e.id for e in data.enterprises]
    elements = [e.id for e in data.elements]
    selecting = [e.id for e in data.elements if e.in_selection]
    control = control_list(ids, values, selecting, threshold(data))
    totals = {e: sum((values[n].get(e, Decimal(0)) for n in ids), Decimal(0)) for e in elements}
    schemes = {lv: _stats(lv, [s for s in data.schemes if s.level == lv]) for lv in SCHEME_LEVELS}
    reductions = {e: sum((s.reductions.get(e, Decimal(0)) for s in data.schemes), Decimal(0)) for e in elements}
    achievements = {t.id: (achievement(t.baseline, t.target, t.actual, t.direction) if t.actual is not None else None)
                    for t in data.targets}
    chain_totals = {c.id: {e: sum((values[x.id].get(e, Decimal(0)) for x in data.enterprises if x.chain == c.id), Decimal(0))
                           for e in elements} for c in data.chains}
    chain_counts = {c.id: sum(1 for x in data.enterprises if x.chain == c.id) for c in data.chains}
    return ParkFigures(values, totals, control, grade(data.indicators, data.grading), schemes,
                       _stats("合计", data.schemes), reductions, achievements, chain_totals, chain_counts)
