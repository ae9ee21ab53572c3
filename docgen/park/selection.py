"""The 重点管控名单 by the ≥ 80 % rule of seed 004.

The guide's words (编制说明 §5.5(4)): "纳入重点管控名单的企业在资源、能源和污染物排放等相关要素在园区内占比
在80%以上" — the listed enterprises together must account for at least 80 % of the park total of
EACH element (资源, 能源, each 污染物). Precisely, as implemented here:

1. Per element ``e`` with park total ``T_e > 0``: rank the enterprises by their value, largest first;
   take them in that order until the cumulative sum ``C`` satisfies ``C ≥ threshold × T_e``
   (compared exactly in Decimal, no rounded percentages). This is the SMALLEST number of enterprises
   reaching the threshold for that element: any k enterprises sum to at most the k largest values.
2. Ties: enterprises with equal values keep the order of the data file (a stable sort), so the
   result is deterministic; when an enterprise left out has the same value as the last one taken,
   the result records it (``tied_out``) and the report says the choice between them is the file order.
3. Zero values are never taken (they add nothing; the cumulative sum reaches the threshold before
   them because the positive values alone make 100 %). An element whose park total is 0 needs no
   enterprise: it is ``not_applicable`` and its coverage is undefined (shown as —).
4. The 重点管控名单 = the union over the elements of step 1 (an enterprise is listed if it is needed
   for any element), in data-file order, each with the elements that put it on the list (入选依据).
   Its coverage of every element is recomputed for the list as a whole and is ≥ the per-element
   coverage of step 1. [inferred] The union is what the seed's per-element wording requires; it is
   not necessarily the smallest set meeting all elements at once (that is a multi-dimensional covering
   problem the guide does not ask for), and it is explainable line by line, which reviewers need.

The threshold is data (docgen/data/park/defaults.yaml, overridable per file: ``selection.threshold``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Ranked:
    enterprise: str
    value: Decimal
    share: Decimal        # value / total
    cumulative: Decimal   # cumulative share in ranking order
    selected: bool


@dataclass(frozen=True)
class ElementSelection:
    element: str
    total: Decimal
    ranking: tuple[Ranked, ...]
    selected: tuple[str, ...]     # in ranking order
    coverage: Decimal | None      # Σ selected / total; None when the total is 0
    tied_out: tuple[str, ...] = ()

    @property
    def not_applicable(self) -> bool:
        return self.total == 0


@dataclass(frozen=True)
class ControlList:
    threshold: Decimal
    elements: dict[str, ElementSelection]
    members: tuple[str, ...]                 # data-file order
    reasons: dict[str, tuple[str, ...]]      # enterprise → elements that selected it
    coverage: dict[str, Decimal | None]      # list coverage per element (None: total 0)
    totals: dict[str, Decimal]
    listed_totals: dict[str, Decimal]

    def is_member(self, enterprise: str) -> bool:
        return enterprise in self.reasons


def select_element(element: str, values: Sequence[tuple[str, Decimal]], threshold: Decimal) -> ElementSelection:
    """Step 1–3 for one element; ``values`` are (enterprise, value) in data-file order."""
    if not 0 < threshold <= 1:
        raise ValueError(f"覆盖比例阈值应在 0 与 1 之间（不含 0），实为 {threshold}")
    total = sum((v for _, v in values), Decimal(0))
    order = sorted(range(len(values)), key=lambda i: -values[i][1])  # stable: ties keep file order
    need = threshold * total
    running = Decimal(0)
    ranking: list[Ranked] = []
    selected: list[str] = []
    for i in order:
        name, value = values[i]
        take = total > 0 and value > 0 and running < need
        if take:
            selected.append(name)
        running += value
        share = value / total if total else Decimal(0)
        ranking.append(Ranked(name, value, share, running / total if total else Decimal(0), take))
    chosen = set(selected)
    picked = sum((v for n, v in values if n in chosen), Decimal(0))
    last = values[[n for n, _ in values].index(selected[-1])][1] if selected else None
    tied = tuple(r.enterprise for r in ranking if not r.selected and last is not None and r.value == last)
    return ElementSelection(element, total, tuple(ranking), tuple(selected),
                            picked / total if total else None, tied)


def control_list(enterprises: Sequence[str], values: Mapping[str, Mapping[str, Decimal]], elements: Sequence[str],
                 threshold: Decimal) -> ControlList:
    """Step 4: the 重点管控名单 over ``elements`` (``values[enterprise][element]``)."""
    per = {e: select_element(e, [(n, Decimal(values[n].get(e, 0))) for n in enterprises], threshold) for e in elements}
    reasons: dict[str, tuple[str, ...]] = {}
    for name in enterprises:
        why = tuple(e for e in elements if name in per[e].selected)
        if why:
            reasons[name] = why
    members = tuple(reasons)
    totals = {e: per[e].total for e in elements}
    listed = {e: sum((Decimal(values[n].get(e, 0)) for n in members), Decimal(0)) for e in elements}
    coverage = {e: (listed[e] / totals[e] if totals[e] else None) for e in elements}
    return ControlList(threshold, per, members, reasons, coverage, totals, listed)
