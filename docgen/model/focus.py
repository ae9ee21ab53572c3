"""Stage S2 确定审核重点: candidates scored by the 权重总和计分排序法 (domain.md §7.1).

T-10 lists the candidates with their wastes, consumption and environmental cost; T-11 scores them:
S_k = Σ W_i × R_ik. The chosen 审核重点 must be one of the candidates and, unless justified, the
top-scoring one (review point R4).
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from .common import DocModel, Identifier, NonEmptyText, NonNegative, Rating, Weight


class FocusFactor(DocModel):
    """A scoring factor with its weight W (1–10): 废弃物量 10, 主要消耗 7–9, 环保费用 7–9 …"""

    name: NonEmptyText = Field(title="因素")
    weight: Weight


class FocusCandidate(DocModel):
    """One 备选审核重点 (a workshop, section or system)."""

    id: Identifier
    name: NonEmptyText = Field(title="备选审核重点")
    wastewater_tpa: NonNegative | None = Field(None, title="废水量（t/a）")
    waste_gas: str | None = Field(None, title="废气（主要污染物及排放量）")
    solid_waste_tpa: NonNegative | None = Field(None, title="固废量（t/a）")
    consumption: str | None = Field(None, title="主要原辅料及能源消耗")
    consumption_cost: NonNegative | None = Field(None, title="原辅料及能源费用（万元/a）")
    environmental_cost: NonNegative | None = Field(None, title="环保费用（万元/a）")
    note: str | None = Field(None, title="备注")
    ratings: dict[str, Rating] = Field(title="各因素得分 R（因素名: 得分）")
    stated_score: Decimal | None = Field(None, title="报告所列总分，用于核对")


class AuditFocus(DocModel):
    """审核重点的确定."""

    factors: list[FocusFactor] = Field(min_length=2, title="权重因素")
    candidates: list[FocusCandidate] = Field(min_length=2, title="备选审核重点")
    selected: Identifier = Field(title="确定的审核重点（备选编号）")
    justification: str | None = Field(None, title="确定理由（未选最高分时必填）")
    overview: str | None = Field(None, title="审核重点概况（正文用）")
