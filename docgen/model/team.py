"""Stage S1 筹划和组织: the audit team, the work plan, training and publicity, barriers.

Feeds T-1 审核小组成员表, T-2 审核工作计划表, T-3 宣传培训记录表 and T-4 障碍及对策表.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .common import DocModel, NonEmptyText

StageId = Literal["S1", "S2", "S3", "S4", "S5", "S6", "S7"]
TeamGroup = Literal["领导小组", "工作小组"]
BarrierType = Literal["思想观念", "技术", "资金物资", "政策法规", "管理", "其他"]


class TeamMember(DocModel):
    """One row of T-1 (领导小组 and 工作小组 share the table, told apart by ``group``)."""

    group: TeamGroup = Field(title="所属小组")
    name: NonEmptyText = Field(title="姓名")
    team_role: NonEmptyText = Field(title="审核小组职务（组长/副组长/组员）")
    department_position: NonEmptyText = Field(title="来自部门及职务")
    title: str | None = Field(None, title="职称")
    specialty: str | None = Field(None, title="专业")
    duty: NonEmptyText = Field(title="职责")
    time_commitment: str | None = Field(None, title="应投入的时间")


class WorkPlanItem(DocModel):
    """One row of T-2 审核工作计划表 (工作表1-2)."""

    stage: StageId = Field(title="审核阶段")
    content: NonEmptyText = Field(title="工作内容")
    start: dt.date = Field(title="开始时间")
    end: dt.date = Field(title="完成时间")
    responsible: NonEmptyText = Field(title="责任部门及负责人")
    assessor: str | None = Field(None, title="考核部门及人员")
    output: NonEmptyText = Field(title="产出")


class TrainingRecord(DocModel):
    """One row of T-3 宣传培训记录表."""

    date: dt.date = Field(title="时间")
    content: NonEmptyText = Field(title="培训/宣传内容")
    audience: NonEmptyText = Field(title="对象")
    participants: int = Field(ge=1, title="人数")
    presenter: NonEmptyText = Field(title="主讲人/形式")


class Barrier(DocModel):
    """One row of T-4 障碍及对策表."""

    type: BarrierType = Field(title="障碍类型")
    manifestation: NonEmptyText = Field(title="表现")
    measure: NonEmptyText = Field(title="解决办法")


class Organisation(DocModel):
    """S1 as a whole."""

    leadership_support: str | None = Field(None, title="高层领导的支持和参与（正文用）")
    members: list[TeamMember] = Field(min_length=2, title="审核小组成员")
    work_plan: list[WorkPlanItem] = Field(min_length=7, title="审核工作计划")
    training: list[TrainingRecord] = Field(min_length=1, title="宣传培训记录")
    barriers: list[Barrier] = Field(default_factory=list, title="障碍及对策")
    suggestions_collected: int | None = Field(None, ge=0, title="征集合理化建议数（条）")
