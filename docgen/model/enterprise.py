"""The enterprise under audit (审核主体): identity, scale and environmental permits.

Feeds the cover, 封二, T-5 企业基本情况表, A-1, 附表1 (the enterprise part) and the register.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field, field_validator

from .common import Contact, DocModel, NonEmptyText
from .credit_code import credit_code_problem


class Industry(DocModel):
    """行业 per GB/T 4754-2017 (国民经济行业分类): a section letter and 2–4 digits, e.g. C2661."""

    code: str = Field(title="行业代码（GB/T 4754）", pattern=r"^[A-T]\d{2,4}$")
    name: NonEmptyText = Field(title="行业名称")


class EiaApproval(DocModel):
    """环评批复: the approval of one project's environmental impact assessment."""

    project: NonEmptyText = Field(title="项目名称")
    approval_no: NonEmptyText = Field(title="批复文号")
    date: dt.date = Field(title="批复日期")


class CompletionAcceptance(DocModel):
    """竣工环境保护验收 of one project (自主验收 since 2017, or the bureau's older 验收 letters)."""

    project: NonEmptyText = Field(title="项目名称")
    date: dt.date = Field(title="验收日期")
    form: str | None = Field(None, title="验收形式（自主验收/环保部门验收）")


class PollutantPermit(DocModel):
    """排污许可证 (环办科财〔2020〕27号 asks for linkage between the audit and the permit)."""

    number: NonEmptyText = Field(title="排污许可证编号")
    management: str | None = Field(None, title="管理类别（重点管理/简化管理/登记管理）")
    valid_from: dt.date = Field(title="有效期起")
    valid_to: dt.date = Field(title="有效期止")


class EnvironmentalPermits(DocModel):
    """环保手续 of the enterprise."""

    eia_approvals: list[EiaApproval] = Field(default_factory=list, title="环评批复")
    completion_acceptances: list[CompletionAcceptance] = Field(default_factory=list, title="竣工环保验收")
    pollutant_permit: PollutantPermit | None = Field(None, title="排污许可证")


class Enterprise(DocModel):
    """企业基本情况 (T-5 / A-1)."""

    name: NonEmptyText = Field(title="企业名称")
    credit_code: str = Field(title="统一社会信用代码")
    address: NonEmptyText = Field(title="地址")
    postcode: str | None = Field(None, title="邮政编码", pattern=r"^\d{6}$")
    district: str | None = Field(None, title="所在区（县）")
    industry: Industry = Field(title="所属行业")
    ownership: str | None = Field(None, title="企业类型（经济类型）")
    legal_representative: NonEmptyText = Field(title="法定代表人")
    contacts: list[Contact] = Field(min_length=1, title="联系人")
    cp_lead: str | None = Field(None, title="清洁生产负责人")
    employees: int = Field(ge=1, title="职工人数（人）")
    area_m2: Decimal = Field(gt=0, title="占地面积（m²）")
    building_area_m2: Decimal | None = Field(None, gt=0, title="建筑面积（m²）")
    founded: dt.date = Field(title="成立时间")
    shifts: str | None = Field(None, title="生产班制")
    annual_working_days: int | None = Field(None, ge=1, le=366, title="年工作天数")
    phone: str | None = Field(None, title="联系电话")
    fax: str | None = Field(None, title="传真")
    permits: EnvironmentalPermits = Field(default_factory=EnvironmentalPermits, title="环保手续")
    history: str | None = Field(None, title="企业发展沿革（正文用）")
    description: str | None = Field(None, title="企业概况（正文用）")

    @field_validator("credit_code")
    @classmethod
    def _check_credit_code(cls, value: str) -> str:
        value = value.strip().upper()
        problem = credit_code_problem(value)
        if problem:
            raise ValueError(problem)
        return value
