"""The audit itself: why it happens (强制性/自愿性), where (jurisdiction profile) and when.

The timeline follows the Shanghai procedure of seed 003 (名单公布 → 信息公开 → 启动 → 评估申请 →
现场评估 → 评估结果 → 验收申请 → 现场验收 → 验收结果 → 归档), which is also the national order
(domain.md §5.1, §5.9). Deadlines themselves are rules in the tracker, not fields here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from .common import DocModel

AuditType = Literal["强制性", "自愿性"]
MandatoryReason = Literal["双超", "双有", "高耗能"]
EvaluationResult = Literal["通过", "不通过"]
AcceptanceResult = Literal["通过", "不通过", "合格", "不合格"]

#: Timeline fields in the order the procedure requires them; the loader checks this order.
TIMELINE_ORDER: tuple[tuple[str, str], ...] = (
    ("list_published", "名单公布"),
    ("started", "审核启动"),
    ("evaluation_applied", "评估申请"),
    ("evaluation_onsite", "现场评估"),
    ("evaluation_result_date", "评估结果"),
    ("acceptance_applied", "验收申请"),
    ("acceptance_onsite", "现场验收"),
    ("acceptance_result_date", "验收结果"),
)


class Timeline(DocModel):
    """Dates of the audit cycle; unknown future dates are simply left out."""

    list_published: dt.date | None = Field(None, title="名单公布日期")
    disclosed: dt.date | None = Field(None, title="信息公开日期")
    started: dt.date | None = Field(None, title="审核启动日期")
    evaluation_applied: dt.date | None = Field(None, title="评估申请日期")
    evaluation_onsite: dt.date | None = Field(None, title="现场评估日期")
    evaluation_result_date: dt.date | None = Field(None, title="评估结果日期")
    evaluation_result: EvaluationResult | None = Field(None, title="评估结果")
    evaluation_archived: dt.date | None = Field(None, title="评估档案归档日期")
    acceptance_applied: dt.date | None = Field(None, title="验收申请日期")
    acceptance_onsite: dt.date | None = Field(None, title="现场验收日期")
    acceptance_result_date: dt.date | None = Field(None, title="验收结果日期")
    acceptance_result: AcceptanceResult | None = Field(None, title="验收结果")
    acceptance_archived: dt.date | None = Field(None, title="验收档案归档日期")


class CalcSettings(DocModel):
    """Which factor tables the figures use — reports must state and keep one basis (domain.md §7.3)."""

    energy_table: str = Field("gbt2589-2020", title="折标系数表")
    electricity_basis: Literal["当量值", "等价值"] = Field("当量值", title="电力折标方式")
    generation_factor: str | None = Field(None, title="等价值所用供电煤耗系数（系数表中的键）")
    co2_table: str | None = Field(None, title="二氧化碳排放因子表")


class Audit(DocModel):
    """审核概况: type, profile, baseline year, scope and dates."""

    type: AuditType = Field(title="审核类型")
    mandatory_reasons: list[MandatoryReason] = Field(default_factory=list, title="强制性审核原因")
    profile: str = Field("national", pattern=r"^[a-z][a-z0-9\-]*$", title="适用地区规则（如 shanghai）")
    round: int = Field(1, ge=1, le=20, title="审核轮次")
    baseline_year: int = Field(ge=2000, le=2100, title="审核基准年")
    scope: str = Field(min_length=1, title="审核范围")
    basis: list[str] = Field(default_factory=list, title="审核依据（法规、标准、评价指标体系）")
    low_cost_threshold: Decimal = Field(gt=0, title="无/低费与中/高费方案的投资分界（万元）")
    timeline: Timeline = Field(default_factory=Timeline, title="审核进度")
    calc: CalcSettings = Field(default_factory=CalcSettings, title="计算口径")
