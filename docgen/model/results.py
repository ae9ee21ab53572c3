"""After implementation (验收): performance data, monitoring, evaluation feedback, continuity.

``PostAudit`` holds the post-implementation figures keyed by the same names as the baseline, so
that the 绩效表 (A-5) is computed, not typed: 削减量 = 审核前 − 审核后 for every row (domain.md §3.2,
§7.8 rule 2). ``Monitoring`` is A-6, ``EvaluationOpinion`` A-2, ``ContinuousPlan`` T-24/A-9.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from .common import DocModel, NonEmptyText, NonNegative, UnitText


class PostAudit(DocModel):
    """审核后 (方案实施后) 的年度数据, annualised, named as in the baseline."""

    period: NonEmptyText = Field(title="统计期（如 2025年7月—2026年6月）")
    products: dict[str, NonNegative] = Field(title="产量（产品名称: 年产量）")
    materials: dict[str, NonNegative] = Field(default_factory=dict, title="原辅材料消耗（名称: 年消耗量）")
    energy: dict[str, NonNegative] = Field(title="能源消耗（能源名称: 年消耗量）")
    water: dict[str, NonNegative] = Field(title="取水量（水源: 年取水量）")
    reused_water: NonNegative | None = Field(None, title="重复利用水量")
    emissions: dict[str, NonNegative] = Field(
        default_factory=dict, title="污染物排放量（污染物: 年排放量，单位与现状数据中该污染物的 emission_unit 相同）"
    )
    wastewater_volume: NonNegative | None = Field(None, title="废水排放量（t/a）")
    solid_waste: dict[str, NonNegative] = Field(default_factory=dict, title="固体废物产生量（名称: t/a）")
    economic_benefit_energy: Decimal = Field(title="节能降耗的经济效益（万元/a）")
    economic_benefit_pollution: Decimal = Field(title="削减污染物排放的经济效益（万元/a）")


class MonitoringRecord(DocModel):
    """A-6 方案实施前后监测数据对比 for one pollutant at one outlet."""

    pollutant: NonEmptyText = Field(title="污染物")
    outlet: NonEmptyText = Field(title="排放口")
    unit: UnitText
    before: NonNegative = Field(title="实施前浓度")
    after: NonNegative = Field(title="实施后浓度")
    limit: NonNegative = Field(title="标准限值")
    report_before: NonEmptyText = Field(title="实施前监测报告")
    report_after: NonEmptyText = Field(title="实施后监测报告")


class EvaluationOpinion(DocModel):
    """A-2: one 评估专家意见 and how it was addressed."""

    opinion: NonEmptyText = Field(title="评估专家意见")
    response: NonEmptyText = Field(title="落实情况")
    evidence: str | None = Field(None, title="佐证材料")


class ContinuousPlanItem(DocModel):
    """T-24 / A-9 持续清洁生产计划."""

    category: NonEmptyText = Field(title="计划类别")
    content: NonEmptyText = Field(title="内容")
    start: dt.date = Field(title="开始时间")
    end: dt.date = Field(title="完成时间")
    department: NonEmptyText = Field(title="负责部门")


class Continuous(DocModel):
    """S7 持续清洁生产."""

    organisation: NonEmptyText = Field(title="清洁生产组织机构")
    systems: list[str] = Field(min_length=1, title="清洁生产管理制度")
    plan: list[ContinuousPlanItem] = Field(min_length=1, title="持续清洁生产计划")
    conclusion: str | None = Field(None, title="本轮审核工作小结（正文用）")


class ReportInfo(DocModel):
    """封二 责任页: who wrote, checked and approved the report (domain.md §2.2)."""

    compiled_by: list[str] = Field(min_length=1, title="报告编制人员")
    reviewed_by: list[str] = Field(min_length=1, title="报告审核人员")
    approved_by: NonEmptyText = Field(title="报告批准人员（企业）")
    consultancy_approver: NonEmptyText = Field(title="批准人（咨询机构）")
    auditors: list[str] = Field(min_length=1, title="审核师（咨询机构人员姓名）")
    evaluation_report_date: dt.date = Field(title="审核报告日期")
    acceptance_report_date: dt.date | None = Field(None, title="验收报告日期")
