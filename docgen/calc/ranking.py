"""Weighted-sum scoring (权重总和计分排序法) — domain.md §7.1.

The 《企业清洁生产审核手册》 method ranks 备选审核重点 (T-11) and screens 中/高费方案 (T-17): each
candidate k gets ``S_k = Σ_i W_i × R_ik`` over the factors i (W 1–10, R 1–10) and the highest score
is rank 1 (the 审核重点).  Ties share a rank (standard competition ranking 1, 1, 3) so a report
that lists two candidates as 并列第一 is reproduced as such.  Range checks on W and R are checker
rules, not formula rules, and are not enforced here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from docgen.calc.errors import CalcError
from docgen.calc.num import Number, to_decimal

__all__ = ["Ranked", "weighted_sum", "rank"]


@dataclass(frozen=True)
class Ranked:
    """One candidate's total score and its competition rank (1 = 审核重点)."""

    id: str
    score: Decimal
    rank: int


def weighted_sum(weights: Mapping[str, Number], ratings: Mapping[str, Number]) -> Decimal:
    """S = Σ W_i × R_i over the factors of *weights*.

    Every factor must have a rating and every rating must belong to a factor — a mismatch usually
    means a renamed or missing column in T-11 — otherwise :class:`CalcError`.
    """
    missing = [name for name in weights if name not in ratings]
    if missing:
        raise CalcError(f"缺少因素「{'、'.join(missing)}」的评分 R")
    extra = [name for name in ratings if name not in weights]
    if extra:
        raise CalcError(f"评分中的因素「{'、'.join(extra)}」没有权重 W")
    return sum(
        (to_decimal(w, f"因素「{name}」的权重") * to_decimal(ratings[name], f"因素「{name}」的评分") for name, w in weights.items()),
        Decimal(0),
    )


def rank(weights: Mapping[str, Number], candidates: Mapping[str, Mapping[str, Number]]) -> list[Ranked]:
    """Score every candidate and sort by score, highest first; equal scores share a rank.

    Candidates with equal scores keep their input order.
    """
    scored = []
    for cid, ratings in candidates.items():
        try:
            scored.append((cid, weighted_sum(weights, ratings)))
        except CalcError as exc:
            raise CalcError(f"备选对象「{cid}」：{exc}") from None
    scored.sort(key=lambda pair: pair[1], reverse=True)  # stable: ties keep input order
    result: list[Ranked] = []
    for position, (cid, score) in enumerate(scored, start=1):
        shared = result[-1].rank if result and result[-1].score == score else position
        result.append(Ranked(id=cid, score=score, rank=shared))
    return result
