"""The data model of an industry-wide cleaner-production audit (行业清洁生产审核).

Why a second model: the subject of the audit is a whole industry in a region, audited by its
生态环境主管部门 or 行业协会 (seed 002 "审核主体"), not one enterprise. The structure follows the five
stages of seed 002 (审核准备 → 审核 → 方案产生和确定 → 方案实施 → 绩效评估和持续清洁生产) and its
"行业整体 + 企业个体" two-level model:

* the **enterprise census** (``enterprises``): every enterprise of the industry in the region with
  the attributes the four selection principles of seed 002 use (环境影响突出: emissions, energy,
  GHG intensity; 关键环境治理需求: characteristic/heavy-metal/new pollutants; 可行性; 代表性: size,
  location, process) and, for those on the 审核企业名单, the reasons and the after-audit figures;
* the **audit focus** by the five orientations, the **targets** in the four categories (incl. the
  share of enterprises at I级/II级), the **diagnosis** of 行业共性 / 企业个性 problems with the
  method used, the **two-level schemes** (industry scheme library drawing on a recommended-
  technology catalogue; per-enterprise schemes) and what the performance evaluation needs.

Names and enumerations are the seed's words; where the seed gives none the choice is tagged
[inferred] in the field title's description in docs/industry.md. Reuses the enterprise model's
building blocks (``DocModel``, ``UnitText``, ``Identifier`` …) so both files read alike.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from docgen.model.common import CostClassText, DocModel, Identifier, Money, NonEmptyText, NonNegative, UnitText

SCHEMA_VERSION = "1"

#: 审核主体 (seed 002: 以生态环境主管部门为审核主体；或由行业协会牵头组织).
SubjectKind = Literal["生态环境主管部门", "行业协会"]
#: The report layout: seed 002's five stages, or seed 001's three phases.
ReportProfile = Literal["jiangsu-5-stage", "national-3-phase"]
#: Seed 002, 审核企业名单确定原则 (four dimensions).
Principle = Literal["环境影响突出", "关键环境治理需求", "可行性", "代表性"]
#: Seed 002, 审核重点 five orientations.
Orientation = Literal["污染物减排", "温室气体减排", "资源能源效率", "产业链关键环节", "环境管理合规"]
#: Seed 002, 清洁生产目标 categories.
TargetCategory = Literal["污染物减排", "温室气体减排", "资源能源效率", "清洁生产水平提升"]
#: Seed 002, 问题诊断 dimensions and methods.
Dimension = Literal["行业共性", "企业个性"]
Method = Literal["物料平衡", "能量平衡", "水平衡", "标准对照", "专家经验判断", "问卷调查"]
#: Seed 002, 行业层面方案 (共性) kinds and 企业层面方案 (个性) kinds.
IndustrySchemeKind = Literal["产业链上下游协同", "污染物协同治理", "集中治理", "技术推广", "管理提升"]
EnterpriseSchemeKind = Literal["原辅料替代", "工艺设备改造", "过程控制", "末端治理", "管理提升"]
#: GB/T 43329 level bands (I级 国际领先, II级 国内先进, III级 国内一般) plus "below III".
Level = Literal["I级", "II级", "III级", "未达III级"]
LEVELS: tuple[str, ...] = ("I级", "II级", "III级", "未达III级")
Scale = Literal["大型", "中型", "小型", "微型"]
SchemeStatus = Literal["已实施", "实施中", "计划实施"]
Term = Literal["近期", "中远期"]


class Subject(DocModel):
    """审核主体 and who supports it technically."""

    name: NonEmptyText = Field(title="审核主体名称")
    kind: SubjectKind = Field(title="审核主体类型")
    organiser: str | None = Field(None, title="组织实施单位（行业协会等）")
    technical_support: list[NonEmptyText] = Field(default_factory=list, title="技术支撑单位")
    contact: str | None = Field(None, title="联系人及电话")


class Industry(DocModel):
    """The industry (GB/T 4754 code and name) and the region audited."""

    code: str = Field(pattern=r"^[A-T]\d{2,4}$", title="国民经济行业代码（GB/T 4754）")
    name: NonEmptyText = Field(title="行业名称（GB/T 4754）")
    common_name: NonEmptyText = Field(title="行业通称（报告标题用，如“包装印刷行业”）")
    region: NonEmptyText = Field(title="审核区域（如“东陵市青溪区”）")
    description: NonEmptyText = Field(title="行业概况")
    indicator_system: NonEmptyText = Field(title="对标的清洁生产评价指标体系")


class AuditInfo(DocModel):
    """The audit round: layout profile, cycle (审核周期, seed 002 term), baseline year, basis."""

    title: NonEmptyText = Field(title="报告标题")
    profile: ReportProfile = Field("jiangsu-5-stage", title="报告框架（五阶段 / 三阶段）")
    cycle_start: dt.date = Field(title="审核周期起")
    cycle_end: dt.date = Field(title="审核周期止")
    baseline_year: int = Field(ge=2000, le=2100, title="基准年")
    report_date: dt.date = Field(title="报告日期")
    scope: NonEmptyText = Field(title="审核范围")
    basis: list[NonEmptyText] = Field(min_length=1, title="审核依据")
    coverage_threshold: Decimal = Field(Decimal("0.8"), gt=0, le=1, title="名单覆盖率下限（占全行业排放/能耗的比例）")
    coverage_basis: list[Literal["pollutant", "energy", "co2"]] = Field(
        default_factory=lambda: ["pollutant"], min_length=1, title="覆盖率计算口径")
    main_pollutant: NonEmptyText = Field(title="主要污染物（覆盖率与减排核算口径，如 VOCs）")
    co2_table: str = Field("cn-grid-2023", title="二氧化碳排放因子表")
    compiled_by: list[NonEmptyText] = Field(min_length=1, title="报告编制人员")
    reviewed_by: list[NonEmptyText] = Field(default_factory=list, title="报告审核人员")


class TeamMember(DocModel):
    name: NonEmptyText = Field(title="姓名")
    organisation: NonEmptyText = Field(title="单位")
    role: Literal["组长", "副组长", "成员"] = Field(title="审核小组职务")
    title: str | None = Field(None, title="职务/职称")
    duty: NonEmptyText = Field(title="职责分工")


class PlanStep(DocModel):
    stage: NonEmptyText = Field(title="阶段")
    content: NonEmptyText = Field(title="工作内容")
    start: dt.date = Field(title="开始时间")
    end: dt.date = Field(title="完成时间")
    output: NonEmptyText = Field(title="产出")


class EnergyUse(DocModel):
    """One energy carrier: key of the GB/T 2589 / CO2 factor tables (electricity, natural_gas …)."""

    carrier: NonEmptyText = Field(title="能源品种键（electricity、natural_gas、steam …）")
    amount: NonNegative = Field(title="年消耗量")
    unit: UnitText


class Figures(DocModel):
    """Annual figures of one enterprise (baseline year, or after the schemes)."""

    output_value: NonNegative = Field(title="工业总产值（万元）")
    pollutant: NonNegative = Field(title="主要污染物排放量（t/a）")
    energy: list[EnergyUse] = Field(min_length=1, title="能源消耗")
    water: NonNegative = Field(title="新鲜水用量（m³/a）")
    hazardous_waste: NonNegative = Field(Decimal(0), title="危险废物产生量（t/a）")


class Enterprise(DocModel):
    """One enterprise of the industry census; ``selected`` ones form the 审核企业名单."""

    id: Identifier
    name: NonEmptyText = Field(title="企业名称")
    credit_code: str | None = Field(None, title="统一社会信用代码")
    town: NonEmptyText = Field(title="所在街镇/园区（地域分布）")
    scale: Scale = Field(title="企业规模")
    process: NonEmptyText = Field(title="主要生产工艺类型")
    products: NonEmptyText = Field(title="主要产品")
    permit: Literal["重点管理", "简化管理", "登记管理"] = Field(title="排污许可管理类别")
    characteristic_pollutants: list[NonEmptyText] = Field(default_factory=list, title="特征污染物")
    heavy_metals: bool = Field(False, title="涉重金属")
    new_pollutants: list[NonEmptyText] = Field(default_factory=list, title="涉新污染物")
    feasible: bool = Field(True, title="具备审核条件（可行性）")
    baseline: Figures = Field(title="基准年数据")
    selected: bool = Field(False, title="纳入审核企业名单")
    principles: list[Principle] = Field(default_factory=list, title="入选原则")
    reason: str | None = Field(None, title="入选理由（补充说明，印入企业简表）")
    level_before: Level | None = Field(None, title="审核前清洁生产水平")
    level_after: Level | None = Field(None, title="审核后清洁生产水平")
    after: Figures | None = Field(None, title="方案实施后数据")
    indicators_before: dict[str, Decimal] = Field(default_factory=dict, title="审核前指标值（指标编号: 数值）")
    indicators_after: dict[str, Decimal] = Field(default_factory=dict, title="审核后指标值（指标编号: 数值）")
    contact: str | None = Field(None, title="企业联系人")


class Indicator(DocModel):
    """二级指标 of the industry's indicator system, with its I/II/III 基准值 (GB/T 43329 three bands)."""

    id: Identifier
    name: NonEmptyText = Field(title="二级指标")
    unit: NonEmptyText = Field(title="单位")
    weight: Decimal = Field(gt=0, title="二级指标权重（类内）")
    direction: Literal["降低", "提高"] = Field(title="指标方向（降低：越小越好；提高：越大越好）")
    limiting: bool = Field(False, title="限定性指标")
    benchmarks: dict[Literal["I", "II", "III"], Decimal] = Field(min_length=1, title="基准值（I、II、III 级）")


class IndicatorClass(DocModel):
    name: NonEmptyText = Field(title="一级指标")
    weight: Decimal = Field(gt=0, le=1, title="一级指标权重")
    indicators: list[Indicator] = Field(min_length=1, title="二级指标")


class IndicatorSystem(DocModel):
    """The industry indicator system the enterprises are graded against (seed 002: pilots built
    their own, e.g. 江阴印染 five aspects; GB/T 43329 comprehensive index, docgen.calc.level)."""

    name: NonEmptyText = Field(title="指标体系名称")
    source: NonEmptyText = Field(title="来源")
    classes: list[IndicatorClass] = Field(min_length=1, title="一级指标")


class FocusItem(DocModel):
    id: Identifier
    orientation: Orientation = Field(title="导向")
    title: NonEmptyText = Field(title="审核重点")
    link: NonEmptyText = Field(title="对应生产环节/产业链环节")
    reason: NonEmptyText = Field(title="确定理由")


class Target(DocModel):
    """A 清洁生产目标; ``level_share`` targets are the share of listed enterprises at I级/II级."""

    id: Identifier
    category: TargetCategory = Field(title="目标类别")
    indicator: NonEmptyText = Field(title="指标")
    unit: UnitText
    direction: Literal["降低", "提高"] = Field(title="改进方向")
    term: Term = Field("近期", title="近期/中远期")
    baseline: Decimal = Field(ge=0, title="现状值")
    target: Decimal = Field(ge=0, title="目标值")
    actual: Decimal | None = Field(None, ge=0, title="审核后实际值")
    source: Literal["pollutant", "energy", "co2", "water", "level_share", "stated"] = Field(
        "stated", title="实际值来源（由数据计算或填写）")


class Diagnosis(DocModel):
    id: Identifier
    dimension: Dimension = Field(title="维度")
    orientation: Orientation = Field(title="对应审核重点导向")
    problem: NonEmptyText = Field(title="问题描述")
    cause: NonEmptyText = Field(title="原因分析")
    method: Method = Field(title="诊断方法")
    enterprises: list[Identifier] = Field(default_factory=list, title="涉及企业（共性问题可省略 = 普遍存在）")


class Technology(DocModel):
    id: Identifier
    name: NonEmptyText = Field(title="技术名称")
    category: NonEmptyText = Field(title="技术类别")
    applicability: NonEmptyText = Field(title="适用条件")
    effect: NonEmptyText = Field(title="主要效果")
    investment: NonEmptyText = Field(title="参考投资")


class IndustryScheme(DocModel):
    id: Identifier
    name: NonEmptyText = Field(title="方案名称")
    kind: IndustrySchemeKind = Field(title="方案类型")
    content: NonEmptyText = Field(title="主要内容")
    problems: list[Identifier] = Field(min_length=1, title="针对的问题编号")
    technologies: list[Identifier] = Field(default_factory=list, title="引用的推荐技术编号")
    period: NonEmptyText = Field(title="实施周期")


class EnterpriseScheme(DocModel):
    id: Identifier
    enterprise: Identifier = Field(title="企业编号")
    name: NonEmptyText = Field(title="方案名称")
    kind: EnterpriseSchemeKind = Field(title="方案类型")
    cost_class: CostClassText = Field(title="费用类别（无/低费、中/高费）")
    industry_scheme: Identifier | None = Field(None, title="对应行业层面方案编号")
    investment: Money = Field(title="投资（万元）")
    benefit: Decimal = Field(Decimal(0), ge=0, title="年经济效益（万元/a）")
    status: SchemeStatus = Field(title="实施状态")
    completion: dt.date | None = Field(None, title="完成时间")


class IndustryAuditData(DocModel):
    """一次行业清洁生产审核的全部数据."""

    schema_version: Literal["1"] = Field(SCHEMA_VERSION, title="数据格式版本")
    kind: Literal["industry"] = Field(title="数据类型（industry：行业清洁生产审核）")
    subject: Subject = Field(title="审核主体")
    industry: Industry = Field(title="行业")
    audit: AuditInfo = Field(title="审核概况")
    team: list[TeamMember] = Field(min_length=2, title="审核小组")
    plan: list[PlanStep] = Field(min_length=1, title="审核工作计划")
    enterprises: list[Enterprise] = Field(min_length=1, title="行业企业（全口径）")
    indicator_system: IndicatorSystem | None = Field(None, title="行业清洁生产评价指标体系（用于企业分级）")
    focus: list[FocusItem] = Field(min_length=1, title="审核重点")
    targets: list[Target] = Field(min_length=1, title="清洁生产目标")
    diagnosis: list[Diagnosis] = Field(min_length=1, title="问题诊断")
    technologies: list[Technology] = Field(default_factory=list, title="行业先进适用技术推荐目录")
    industry_schemes: list[IndustryScheme] = Field(min_length=1, title="行业层面方案库")
    enterprise_schemes: list[EnterpriseScheme] = Field(min_length=1, title="企业层面方案")
    continuous: list[NonEmptyText] = Field(default_factory=list, title="持续清洁生产安排")

    @property
    def listed(self) -> list[Enterprise]:
        """The 审核企业名单, in census order."""
        return [e for e in self.enterprises if e.selected]

    def enterprise(self, ident: str) -> Enterprise:
        return next(e for e in self.enterprises if e.id == ident)
