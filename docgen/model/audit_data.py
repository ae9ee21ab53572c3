"""The root of the model: one enterprise audit (企业清洁生产审核) from the list to acceptance.

Field-level rules live on the models; rules that relate several fields (dates in order, ids unique,
the audit focus among the candidates, sums equal to stated totals …) live in
``docgen.model.consistency`` so that they can report every problem at once with its path.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .audit import Audit
from .balance import MaterialBalance, WasteCause, WaterBalance
from .baseline import Baseline
from .common import DocModel
from .consultancy import Consultancy
from .enterprise import Enterprise
from .focus import AuditFocus
from .level import LevelAssessment
from .results import Continuous, EvaluationOpinion, MonitoringRecord, PostAudit, ReportInfo
from .schemes import Scheme
from .targets import Target
from .team import Organisation

SCHEMA_VERSION = "1"


class AuditData(DocModel):
    """一份企业清洁生产审核的全部数据."""

    schema_version: Literal["1"] = Field(SCHEMA_VERSION, title="数据格式版本")
    enterprise: Enterprise = Field(title="企业基本情况")
    audit: Audit = Field(title="审核概况")
    consultancy: Consultancy | None = Field(None, title="审核咨询服务机构（自行审核时省略）")
    report: ReportInfo = Field(title="报告责任页")
    organisation: Organisation = Field(title="筹划和组织")
    baseline: Baseline = Field(title="现状数据（近三年）")
    audit_focus: AuditFocus = Field(title="审核重点")
    targets: list[Target] = Field(min_length=1, title="清洁生产目标")
    material_balance: MaterialBalance = Field(title="物料平衡")
    pollutant_balances: list[MaterialBalance] = Field(default_factory=list, title="特征污染物平衡")
    water_balance: WaterBalance | None = Field(None, title="水平衡")
    waste_causes: list[WasteCause] = Field(min_length=1, title="废弃物产生原因分析")
    schemes: list[Scheme] = Field(min_length=1, title="清洁生产方案")
    level: LevelAssessment = Field(title="清洁生产水平对标")
    continuous: Continuous = Field(title="持续清洁生产")
    post_audit: PostAudit | None = Field(None, title="方案实施后数据（验收）")
    monitoring: list[MonitoringRecord] = Field(default_factory=list, title="实施前后监测数据")
    evaluation_opinions: list[EvaluationOpinion] = Field(default_factory=list, title="评估意见及整改落实")

    @property
    def low_cost_schemes(self) -> list:
        return [s for s in self.schemes if s.cost_class == "无/低费"]

    @property
    def high_cost_schemes(self) -> list:
        return [s for s in self.schemes if s.cost_class == "中/高费"]

    @property
    def selected_focus(self):
        return next(c for c in self.audit_focus.candidates if c.id == self.audit_focus.selected)
