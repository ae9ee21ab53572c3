"""Stage S2 设置清洁生产目标 (T-12) and, after implementation, their attainment (T-23 / A-7).

Targets must be 可量化、可监测、可考核 with 近期 and 中远期 values (seed 002); each is either an
absolute amount, a per-unit-product intensity or a rate (重复利用率, 回收率), and either reduced (能耗, 排放) or increased
(重复利用率, 回收率) — the direction decides how attainment is computed (domain.md §7.2).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from .common import DocModel, Identifier, NonEmptyText, UnitText

TargetKind = Literal["绝对量", "单位产品", "比率"]
TargetDirection = Literal["降低", "提高"]


class Target(DocModel):
    """One 清洁生产目标."""

    id: Identifier
    indicator: NonEmptyText = Field(title="指标")
    unit: UnitText
    kind: TargetKind = Field(title="指标类型")
    direction: TargetDirection = Field(title="改进方向")
    baseline: Decimal = Field(ge=0, title="现状值（基准年）")
    near_term: Decimal = Field(ge=0, title="近期目标值（本轮审核结束）")
    long_term: Decimal | None = Field(None, ge=0, title="中远期目标值")
    actual: Decimal | None = Field(None, ge=0, title="审核后实际值（验收）")
    related_schemes: list[Identifier] = Field(default_factory=list, title="支撑方案编号")
    note: str | None = Field(None, title="备注")
