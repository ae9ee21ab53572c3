"""The park audit data model (园区清洁生产审核, seed 004 《产业园区清洁生产审核指南》 征求意见稿).

Why a model of its own: the subject of a park audit is the park (产业园区, HJ 131 definition) with its
产业链/产业集群 and enterprises, not one enterprise — so the enterprise audit model (docgen.model)
does not fit, but its building blocks and conventions do (DocModel forbids unknown keys, exact
Decimals, Chinese field titles for the JSON Schema). Seed 004's structure drives the fields:

* 审核准备 — the audit body and team, the data sources (排污许可执行报告, 环境统计 …);
* 水平分析 — region constraints, infrastructure, chains, enterprises with their resource, energy and
  pollutant figures per **element** (要素: one park total each);
* 分级清单及指标体系 — the ≥ 80 % 重点管控名单 (computed, docgen.park.selection) and the park
  indicator system (一级/二级指标, 单位, 权重, 分级值 or 基准值, 现状值, 数据来源) with a configurable
  grading method (docgen.park.grading);
* 审核 / 改进方案 — findings and schemes at three levels (园区 / 产业链·产业集群 / 企业);
* 效果评估 — scheme benefits and targets (近期/中远期) with actual values;
* 持续性 — 准入清单, 管理办法, 长效机制 (资料收集、指标体系调整、审核、报告机制), incentives;
* the 园区年度清洁生产整体报告 — the year's figures against the previous year.

Cross-field rules (references between ids, weights, energy carriers) are in
docgen.park.consistency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from docgen.model.common import DocModel, Identifier, Money, NonEmptyText, NonNegative, UnitText

Category = Literal["资源", "能源", "污染物"]
SchemeLevel = Literal["园区", "产业链/产业集群", "企业"]
Direction = Literal["lower_better", "higher_better"]
GradeKey = Literal["I", "II", "III"]
Fraction01 = Annotated[Decimal, Field(gt=0, le=1, title="比例（0–1 的小数）")]
Positive = Annotated[Decimal, Field(gt=0)]


class Park(DocModel):
    """园区基本情况."""

    name: NonEmptyText = Field(title="园区名称")
    short_name: NonEmptyText | None = Field(None, title="简称")
    location: NonEmptyText = Field(title="所在地")
    grade: NonEmptyText = Field(title="园区级别（国家级/省级…）")
    management_body: NonEmptyText = Field(title="管理机构")
    established: int = Field(ge=1950, le=2100, title="设立年份")
    area_km2: Positive = Field(title="规划面积（km²）")
    leading_industries: list[NonEmptyText] = Field(min_length=1, title="主导产业")
    output_value: NonNegative | None = Field(None, title="工业总产值（亿元）")
    overview: list[NonEmptyText] = Field(default_factory=list, title="园区概况（段落）")


class TeamMember(DocModel):
    name: NonEmptyText = Field(title="姓名")
    unit: NonEmptyText = Field(title="单位及职务")
    role: NonEmptyText = Field(title="审核工作组职务")
    duty: NonEmptyText = Field(title="职责分工")


class DataSource(DocModel):
    """资料收集 (附录B): what was collected, from whom, from which reporting system."""

    item: NonEmptyText = Field(title="资料名称")
    provider: NonEmptyText = Field(title="提供部门/主体")
    source: NonEmptyText = Field(title="数据来源（排污许可执行报告、环境统计…）")


class AuditInfo(DocModel):
    guide: NonEmptyText = Field("《产业园区清洁生产审核指南》（云南省环境科学学会团体标准，征求意见稿）", title="审核依据的指南")
    organiser: NonEmptyText = Field(title="审核主体（园区管理机构）")
    technical_support: NonEmptyText | None = Field(None, title="技术支持单位")
    base_year: int = Field(ge=2000, le=2100, title="审核基准年")
    start: dt.date = Field(title="审核开始日期")
    end: dt.date = Field(title="审核结束日期")
    report_date: dt.date = Field(title="报告日期")
    team: list[TeamMember] = Field(min_length=3, title="审核工作组")
    training: list[NonEmptyText] = Field(default_factory=list, title="培训动员（段落）")
    data_sources: list[DataSource] = Field(min_length=1, title="资料收集清单")
    compiled_by: list[NonEmptyText] = Field(min_length=1, title="报告编制人员")
    reviewed_by: list[NonEmptyText] = Field(min_length=1, title="报告审核人员")
    approved_by: NonEmptyText = Field(title="报告批准人员")


class Region(DocModel):
    """区域资源、能源、环境现状与制约因素; 园区基础设施与环境监管体系短板."""

    resources: list[NonEmptyText] = Field(min_length=1, title="区域资源现状")
    energy: list[NonEmptyText] = Field(min_length=1, title="区域能源现状")
    environment: list[NonEmptyText] = Field(min_length=1, title="区域环境质量现状")
    constraints: list[NonEmptyText] = Field(min_length=1, title="主要制约因素")
    infrastructure: list[NonEmptyText] = Field(min_length=1, title="园区基础设施现状")
    supervision_gaps: list[NonEmptyText] = Field(min_length=1, title="基础设施与环境监管体系短板")


class Chain(DocModel):
    id: Identifier
    name: NonEmptyText = Field(title="产业链/产业集群名称")
    kind: Literal["产业链", "产业集群"] = Field(title="类型")
    description: NonEmptyText = Field(title="概况")
    findings: list[NonEmptyText] = Field(default_factory=list, title="产业链层面审核发现")


class Element(DocModel):
    """一个要素 (资源、能源或污染物): each has one park total and takes part in the 80 % rule."""

    id: Identifier
    name: NonEmptyText = Field(title="要素名称")
    short_name: NonEmptyText | None = Field(None, title="简称（宽表表头用，如 COD、SO₂）")
    category: Category = Field(title="类别")
    unit: UnitText
    source: NonEmptyText = Field(title="数据来源")
    standard_coal: bool = Field(False, title="由企业能源消费实物量按 GB/T 2589 折标准煤计算")
    in_selection: bool = Field(True, title="参与重点管控名单筛选")


class EnergyUse(DocModel):
    """One energy carrier of an enterprise, converted with docgen.calc.energy (GB/T 2589-2020)."""

    carrier: NonEmptyText = Field(title="能源品种键（GB/T 2589 系数表，如 electricity、raw_coal）")
    amount: NonNegative = Field(title="实物量")
    unit: UnitText


class Enterprise(DocModel):
    id: Identifier
    name: NonEmptyText = Field(title="企业名称")
    chain: Identifier = Field(title="所属产业链/产业集群")
    industry: NonEmptyText = Field(title="行业类别")
    permit_management: Literal["重点管理", "简化管理", "登记管理"] = Field(title="排污许可管理类别")
    output_value: NonNegative = Field(title="工业总产值（万元）")
    values: dict[str, NonNegative] = Field(title="各要素数值（要素编号: 数值）")
    energy: list[EnergyUse] = Field(default_factory=list, title="能源消费实物量")
    findings: list[NonEmptyText] = Field(default_factory=list, title="企业层面审核发现")
    directions: list[NonEmptyText] = Field(default_factory=list, title="企业层面审核方向")


class Indicator(DocModel):
    """二级指标 of the park indicator system (附录C2; indicator list not in the seed)."""

    id: Identifier
    level1: NonEmptyText = Field(title="一级指标")
    name: NonEmptyText = Field(title="二级指标")
    unit: NonEmptyText = Field(title="单位")
    weight: Positive = Field(title="二级指标权重（一级指标内）")
    direction: Direction = Field(title="指标方向（lower_better 越低越好 / higher_better 越高越好）")
    grades: dict[GradeKey, Decimal] | None = Field(None, title="分级值（I/II/III 级）")
    benchmark: Positive | None = Field(None, title="基准值")
    current: NonNegative = Field(title="园区现状值")
    limiting: bool = Field(False, title="限定性指标")
    source: NonEmptyText = Field(title="数据来源")


class LevelRow(DocModel):
    level: GradeKey
    label_zh: NonEmptyText
    index_min: Annotated[Decimal, Field(ge=0, le=100)]


class Band(DocModel):
    min: Annotated[Decimal, Field(ge=0, le=100)]
    label_zh: NonEmptyText


class Grading(DocModel):
    """The grading method as data (docgen.park.grading): which method, 一级 weights, its table."""

    method: Literal["graded", "benchmark_score"] = Field(title="评价方法")
    class_weights: dict[str, Positive] = Field(min_length=1, title="一级指标权重")
    levels: list[LevelRow] | None = Field(None, title="分级对标法的判定表（缺省取 domain.md §7.6）")
    bands: list[Band] | None = Field(None, title="基准值评分法的等级划分（缺省取 docgen/data/park/defaults.yaml）")


class Selection(DocModel):
    threshold: Fraction01 | None = Field(None, title="覆盖比例阈值（缺省 0.8）")


class Scheme(DocModel):
    id: Identifier
    level: SchemeLevel = Field(title="方案层级")
    name: NonEmptyText = Field(title="方案名称")
    subject: NonEmptyText = Field(title="实施主体（企业编号、产业链编号或「园区」）")
    content: NonEmptyText = Field(title="主要内容")
    investment: Money = Field(title="投资（万元）")
    status: Literal["已实施", "实施中", "计划实施"] = Field(title="实施状态")
    economic_benefit: Annotated[Decimal, Field(title="经济效益（万元/a）")] = Decimal(0)
    reductions: dict[str, NonNegative] = Field(default_factory=dict, title="要素削减量（要素编号: 数量，要素单位）")


class Target(DocModel):
    id: Identifier
    name: NonEmptyText = Field(title="目标指标")
    unit: NonEmptyText = Field(title="单位")
    direction: Literal["reduce", "increase"] = Field(title="方向（reduce 降低 / increase 提高）")
    horizon: Literal["近期", "中远期"] = Field(title="期限")
    baseline: NonNegative = Field(title="现状值")
    target: NonNegative = Field(title="目标值")
    actual: NonNegative | None = Field(None, title="实际值")


class AccessItem(DocModel):
    category: NonEmptyText = Field(title="类别")
    requirement: NonEmptyText = Field(title="准入要求")
    basis: NonEmptyText = Field(title="依据")


class Mechanism(DocModel):
    name: NonEmptyText = Field(title="机制名称")
    content: NonEmptyText = Field(title="主要内容")


class Continuity(DocModel):
    """持续性清洁生产: 管理机制, 准入清单, 激励机制, 长效机制 (seed 004 §5.5(8))."""

    management_rules: list[NonEmptyText] = Field(min_length=1, title="《园区清洁生产审核管理办法》要点")
    access_list: list[AccessItem] = Field(min_length=1, title="园区清洁生产准入清单")
    incentives: list[NonEmptyText] = Field(min_length=1, title="激励机制")
    mechanisms: list[Mechanism] = Field(min_length=1, title="长效机制")


class Annual(DocModel):
    """园区年度清洁生产整体报告: the reporting year and the previous year's element totals."""

    year: int = Field(ge=2000, le=2100, title="报告年度")
    report_date: dt.date = Field(title="报告日期")
    previous_totals: dict[str, NonNegative] = Field(title="上一年度各要素园区合计")
    work_summary: list[NonEmptyText] = Field(min_length=1, title="年度清洁生产工作概述")
    next_year_plan: list[NonEmptyText] = Field(min_length=1, title="下一年度工作计划")


class ParkData(DocModel):
    """A park audit data file (samples/park-*.yaml)."""

    schema_version: Literal["1"] = "1"
    park: Park
    audit: AuditInfo
    region: Region
    chains: list[Chain] = Field(min_length=1)
    elements: list[Element] = Field(min_length=1)
    enterprises: list[Enterprise] = Field(min_length=1)
    selection: Selection = Field(default_factory=Selection)
    indicators: list[Indicator] = Field(min_length=1)
    grading: Grading
    schemes: list[Scheme] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)
    continuity: Continuity
    annual: Annual | None = None
