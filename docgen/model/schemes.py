"""Stages S4–S6: 清洁生产方案 from proposal through feasibility to implementation.

A scheme belongs to one of the eight categories of the audit method and to one of the two cost
families (无/低费 implemented "边审核边实施"; 中/高费 needing 可行性分析 before implementation —
domain.md §1). There is no national money threshold between them, so the enterprise declares one
(``Audit.low_cost_threshold``) and the loader checks each scheme against it (gap G12).
Feeds T-16, T-17, T-18, T-19a–c, T-21, T-22, A-3, A-4.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from .common import CostClassText, DocModel, Identifier, NonEmptyText, NonNegative, UnitText
from .team import StageId

SchemeCategory = Literal[
    "原辅材料和能源替代",
    "技术工艺改造",
    "设备维护和更新",
    "过程优化控制",
    "产品更换或改进",
    "废弃物回收利用和循环使用",
    "加强管理",
    "员工素质提高及积极性激励",
]
CostClass = Literal["无/低费", "中/高费"]
SchemeStatus = Literal["已实施", "实施中", "拟实施", "暂缓实施", "不予实施"]
EffectKind = Literal["能源", "水", "原辅材料", "污染物", "固体废物", "温室气体"]
ScreeningConclusion = Literal["可行", "暂缓", "不可行"]

#: Effect kinds that add up to 资源节约量 vs 环境减排量 (DB31/T 662 附录A/B, domain.md §5.6).
RESOURCE_KINDS = frozenset({"能源", "水", "原辅材料"})
ENVIRONMENT_KINDS = frozenset({"污染物", "固体废物", "温室气体"})


class Effect(DocModel):
    """An annual saving or reduction, e.g. 节电 12.5 万kWh/a or 减少 VOCs 1.8 t/a."""

    item: NonEmptyText = Field(title="项目（电、天然气、新鲜水、COD、VOCs、危险废物…）")
    kind: EffectKind = Field(title="类别")
    amount: Decimal = Field(title="年节约/削减量（方案使其增加时为负数，如新增风机耗电）")
    unit: UnitText
    carrier: str | None = Field(None, title="能源折标系数键（能源类填写）")


class Screening(DocModel):
    """初步筛选 (T-17): the four criteria of the audit manual, each 1–10, and the conclusion."""

    technical: Decimal = Field(ge=0, le=10, title="技术可行性")
    environmental: Decimal = Field(ge=0, le=10, title="环境效果")
    economic: Decimal = Field(ge=0, le=10, title="经济效果")
    implementability: Decimal = Field(ge=0, le=10, title="可实施性")
    conclusion: ScreeningConclusion = Field(title="结论")


class AssessmentItem(DocModel):
    """技术评估 item (T-19a): 先进性, 成熟性, 对产品质量/产能影响, 操作/维护, 安全."""

    item: NonEmptyText = Field(title="评估项目")
    conclusion: NonEmptyText = Field(title="评估结论")


class EnvironmentalItem(DocModel):
    """环境评估 item (T-19b): a pollutant or resource before and after the scheme."""

    item: NonEmptyText = Field(title="污染物/资源项")
    unit: UnitText
    before: NonNegative = Field(title="实施前")
    after: NonNegative = Field(title="实施后")


class EconomicInputs(DocModel):
    """经济评估 inputs (T-19c), the manual method of domain.md §7.5."""

    investment: Decimal = Field(gt=0, title="总投资 I（万元）")
    annual_saving: Decimal = Field(title="年运行费用总节省金额 P（万元/a）")
    depreciation_years: int = Field(ge=1, le=50, title="设备折旧期 Y（年）")
    tax_rate: Decimal = Field(Decimal("0.25"), ge=0, lt=1, title="所得税率 t")
    discount_rate: Decimal = Field(Decimal("0.08"), gt=0, lt=1, title="贴现率 i")
    lifetime: int = Field(ge=1, le=50, title="项目寿命 n（年）")
    stated_payback_years: Decimal | None = Field(None, title="报告所列投资偿还期（年）")
    stated_npv: Decimal | None = Field(None, title="报告所列净现值（万元）")
    stated_irr: Decimal | None = Field(None, title="报告所列内部收益率（小数）")


class Feasibility(DocModel):
    """可行性分析 of a 中/高费 scheme (S5)."""

    market: str | None = Field(None, title="市场调研和分析")
    technical: list[AssessmentItem] = Field(min_length=1, title="技术评估")
    environmental: list[EnvironmentalItem] = Field(min_length=1, title="环境评估")
    economic: EconomicInputs = Field(title="经济评估")
    conclusion: NonEmptyText = Field(title="综合评估结论")


class Scheme(DocModel):
    """One 清洁生产方案."""

    id: Identifier
    name: NonEmptyText = Field(title="方案名称")
    category: SchemeCategory = Field(title="方案类型")
    cost_class: CostClassText = Field(title="费用类别（无/低费、中/高费）")
    proposed_stage: StageId = Field(title="提出阶段")
    source: str | None = Field(None, title="方案来源（全员征集、专家咨询、同行对比…）")
    description: NonEmptyText = Field(title="方案简介")
    investment: Decimal = Field(ge=0, title="预计投资（万元）")
    expected_effects: list[Effect] = Field(default_factory=list, title="预计环境效益")
    expected_economic_benefit: Decimal = Field(title="预计经济效益（万元/a）")
    screening: Screening | None = Field(None, title="初步筛选")
    feasibility: Feasibility | None = Field(None, title="可行性分析（中/高费方案）")
    status: SchemeStatus = Field(title="实施状态")
    planned_start: dt.date | None = Field(None, title="计划开始时间")
    planned_end: dt.date | None = Field(None, title="计划完成时间")
    funding_source: str | None = Field(None, title="资金来源")
    responsible: str | None = Field(None, title="责任部门/负责人")
    actual_start: dt.date | None = Field(None, title="实际开始时间")
    actual_end: dt.date | None = Field(None, title="实际完成时间")
    actual_investment: Decimal | None = Field(None, ge=0, title="实际投资（万元）")
    actual_effects: list[Effect] = Field(default_factory=list, title="实际环境效益")
    actual_economic_benefit: Decimal | None = Field(None, title="实际经济效益（万元/a）")
    operation: str | None = Field(None, title="运行状况")
    change_note: str | None = Field(None, title="与评估方案的一致性/变更说明")

    @property
    def is_low_cost(self) -> bool:
        return self.cost_class == "无/低费"


__all__ = [
    "AssessmentItem",
    "CostClass",
    "ENVIRONMENT_KINDS",
    "EconomicInputs",
    "Effect",
    "EnvironmentalItem",
    "Feasibility",
    "NonNegative",
    "RESOURCE_KINDS",
    "Scheme",
    "Screening",
]
