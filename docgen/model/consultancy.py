"""The audit consultancy (审核咨询服务机构) — every field of Shanghai 附表1 (seed 003).

附表1 咨询服务机构基本情况表 is part of the 启动 materials and archive item Z-4. The four capability
statements restate 《清洁生产审核办法》第十六条; the consultancy ticks each one, so the model keeps
them as booleans and the statement wording as data (``docgen/data/consultancy_capabilities.yaml``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from .common import Contact, DocModel, NonEmptyText


class Capabilities(DocModel):
    """机构技术能力符合情况 — the four ticks of 附表1 (办法 第十六条)."""

    independent_legal_entity: bool = Field(title="具有独立法人资格，具备质量保证体系和管理制度")
    testing_equipment: bool = Field(title="具备物料平衡、能量和水平衡测试的基本检测分析器具、设备或手段")
    industry_experts: bool = Field(title="拥有熟悉相关行业生产工艺、技术规程和节能、节水、污染防治管理要求的技术人员")
    audit_experts: bool = Field(title="拥有掌握清洁生产审核方法并具有清洁生产审核咨询经验的技术人员")


class Staff(DocModel):
    """实施本项目清洁生产审核人员情况 (one row of the 附表1 staff table)."""

    name: NonEmptyText = Field(title="姓名")
    age: int = Field(ge=18, le=90, title="年龄")
    education: NonEmptyText = Field(title="学历")
    title: NonEmptyText = Field(title="职称")
    specialty: NonEmptyText = Field(title="所学专业")
    certificate_name: NonEmptyText = Field(title="清洁生产相关证书名称")
    certificate_no: NonEmptyText = Field(title="证书编号")
    audit_since: int = Field(ge=1990, le=2100, title="从事清洁生产审核起始年份")
    achievements: NonEmptyText = Field(title="相关业绩")


class Consultancy(DocModel):
    """审核咨询服务机构基本情况 (附表1, filled by the consultancy)."""

    name: NonEmptyText = Field(title="机构名称")
    founded: dt.date = Field(title="成立时间")
    legal_representative: NonEmptyText = Field(title="法定代表人")
    registered_capital: Decimal = Field(gt=0, title="注册资本（万元）")
    nature: NonEmptyText = Field(title="机构性质")
    fixed_assets: Decimal = Field(ge=0, title="固定资产（万元）")
    workplace_area_m2: Decimal = Field(gt=0, title="工作场所面积（m²）")
    address: NonEmptyText = Field(title="地址")
    postcode: str = Field(title="邮编", pattern=r"^\d{6}$")
    contact: Contact = Field(title="联系人")
    technical_lead: Contact = Field(title="技术负责人")
    capabilities: Capabilities = Field(title="机构技术能力符合情况")
    staff: list[Staff] = Field(min_length=1, title="实施本项目清洁生产审核人员")
