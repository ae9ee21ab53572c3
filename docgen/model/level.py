"""清洁生产水平: benchmarking against an industry 清洁生产评价指标体系 (T-20, A-8).

The indicator system has 一级指标 classes with weights w_i (Σ = 1) and 二级指标 with weights ω_ij
(Σ = 1 within a class), I/II/III benchmark values, and 限定性 flags (GB/T 43329-2023 / 2013 通则,
domain.md §7.6). Quantitative indicators carry numbers and a direction; qualitative ones
(policy compliance, management) carry the level the enterprise meets, as judged by the auditor.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from .common import DocModel, NonEmptyText

LevelName = Literal["I", "II", "III", "不达标"]
IndicatorDirection = Literal["越低越好", "越高越好", "定性"]


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _number_if_numeric(value: object) -> object:
    """A quoted ``"0.20"`` (common in JSON exports) is still a number, not a wording."""
    if isinstance(value, str) and _NUMBER.match(value.strip()):
        return Decimal(value.strip())
    return value


NumberOrText = Annotated[Decimal | str, BeforeValidator(_number_if_numeric)]


class Benchmarks(DocModel):
    """I/II/III 级基准值; for a qualitative indicator the wording of each level."""

    I: NumberOrText = Field(title="I级基准值")
    II: NumberOrText = Field(title="II级基准值")
    III: NumberOrText = Field(title="III级基准值")


class LevelIndicator(DocModel):
    """二级指标."""

    name: NonEmptyText = Field(title="二级指标")
    unit: str | None = Field(None, title="单位")
    weight: Decimal = Field(gt=0, le=1, title="二级指标权重 ω")
    limiting: bool = Field(False, title="是否限定性指标")
    direction: IndicatorDirection = Field(title="指标方向")
    benchmarks: Benchmarks
    applicable: bool = Field(True, title="是否适用（不适用时权重在一级指标内重新分配）")
    before: Decimal | None = Field(None, title="审核前企业值")
    after: Decimal | None = Field(None, title="审核后企业值")
    before_level: LevelName | None = Field(None, title="审核前达到级别（定性指标）")
    after_level: LevelName | None = Field(None, title="审核后达到级别（定性指标）")


class LevelClass(DocModel):
    """一级指标."""

    name: NonEmptyText = Field(title="一级指标")
    weight: Decimal = Field(gt=0, le=1, title="一级指标权重 w")
    indicators: list[LevelIndicator] = Field(min_length=1, title="二级指标")


class LevelAssessment(DocModel):
    """The indicator system used and the enterprise's values before and after the audit."""

    system: NonEmptyText = Field(title="评价指标体系名称")
    issuer: str | None = Field(None, title="发布机关")
    year: int | None = Field(None, ge=2000, le=2100, title="发布年份")
    classes: list[LevelClass] = Field(min_length=1, title="一级指标")
    potential: str | None = Field(None, title="清洁生产潜力分析（正文用）")
