"""Stage S3 审核: balances of the audit focus and the causes of waste.

T-13 物料平衡 (偏差率 = (Σ输入 − Σ输出)/Σ输入, conventionally within 5 %), T-14 水平衡
(Σ新鲜水 = Σ损耗 + Σ排水 + 产品带走), optional characteristic-pollutant balances (VOCs 溶剂平衡,
重金属平衡) and T-15 废弃物产生原因分析 over the eight aspects of the audit method (domain.md §7.7,
§8). ``stated_*`` fields hold what a report prints, so the loader can compare them with the sums.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from .common import DocModel, NonEmptyText, NonNegative, UnitText

OutputCategory = Literal["产品", "副产品", "废水", "废气", "固废", "损耗", "其他"]


class BalanceInput(DocModel):
    name: NonEmptyText = Field(title="输入物料")
    amount: NonNegative = Field(title="数量")
    note: str | None = Field(None, title="备注")


class BalanceOutput(DocModel):
    name: NonEmptyText = Field(title="输出物料")
    category: OutputCategory = Field(title="类别")
    amount: NonNegative = Field(title="数量")
    note: str | None = Field(None, title="备注")


class MaterialBalance(DocModel):
    """物料平衡 (or a characteristic-pollutant balance) of the audit focus."""

    title: NonEmptyText = Field(title="平衡名称")
    basis: NonEmptyText = Field(title="测算基准（如 2024年全年、典型批次）")
    unit: UnitText
    inputs: list[BalanceInput] = Field(min_length=1, title="输入")
    outputs: list[BalanceOutput] = Field(min_length=1, title="输出")
    stated_input_total: Decimal | None = Field(None, title="报告所列输入总计")
    stated_output_total: Decimal | None = Field(None, title="报告所列输出总计")
    stated_difference: Decimal | None = Field(None, title="报告所列差值")
    tolerance: Decimal | None = Field(None, gt=0, lt=1, title="允许偏差率（小数）")


class WaterUnit(DocModel):
    """One water-using unit of the 水平衡."""

    name: NonEmptyText = Field(title="用水单元")
    fresh: NonNegative = Field(title="新鲜水")
    recycled: NonNegative = Field(Decimal(0), title="循环水")
    reused: NonNegative = Field(Decimal(0), title="回用水")
    loss: NonNegative = Field(title="损耗")
    discharge: NonNegative = Field(title="排水")
    product_water: NonNegative = Field(Decimal(0), title="产品带走")


class WaterBalance(DocModel):
    """水平衡 (GB/T 12452 style)."""

    basis: NonEmptyText = Field(title="测算基准")
    unit: UnitText
    units: list[WaterUnit] = Field(min_length=1, title="用水单元")
    tolerance: Decimal | None = Field(None, gt=0, lt=1, title="允许偏差率（小数）")


class CauseAspects(DocModel):
    """The eight aspects of 废弃物产生原因分析; an aspect without a cause is left out."""

    raw_materials_energy: str | None = Field(None, title="原辅材料和能源")
    technology: str | None = Field(None, title="技术工艺")
    equipment: str | None = Field(None, title="设备")
    process_control: str | None = Field(None, title="过程控制")
    product: str | None = Field(None, title="产品")
    waste: str | None = Field(None, title="废弃物特性")
    management: str | None = Field(None, title="管理")
    staff: str | None = Field(None, title="员工")


class WasteCause(DocModel):
    """One row of T-15."""

    waste: NonEmptyText = Field(title="主要废弃物")
    source: NonEmptyText = Field(title="产生部位")
    causes: CauseAspects = Field(title="原因分析")
