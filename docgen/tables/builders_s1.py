"""Stage S1 筹划和组织: T-1 审核小组成员表, T-2 审核工作计划表, T-3 宣传培训记录表, T-4 障碍及对策表.

The audit manual's worksheets 1-1 and 1-2 (domain.md §2.4, seen in real forms) and the
conventional training and barrier tables (§2.3 1.4–1.5). Step 2 "组建审核小组" and step 3 "制定审核
工作计划" of the 35 steps (§8) are judged from these tables.
"""

from __future__ import annotations

from docgen.numfmt import fmt_date

from .build import BuildContext, make_table, register
from .catalogue import TableSpec
from .cells import Num

#: Canonical stage names (domain.md §2.1, first accepted title of each stage), numbered as the
#: rows of worksheet 1-2 ("1.筹划和组织 … 7.持续清洁生产").
STAGE_NAMES = {
    "S1": "1.筹划和组织",
    "S2": "2.预审核",
    "S3": "3.审核",
    "S4": "4.方案的产生和筛选",
    "S5": "5.可行性分析",
    "S6": "6.方案实施",
    "S7": "7.持续清洁生产",
}


@register("T-1")
def team_members(ctx: BuildContext, spec: TableSpec):
    """领导小组 and 工作小组 in one table, told apart by 所属小组 (domain.md §2.4 T-1 notes)."""
    members = sorted(ctx.audit.organisation.members, key=lambda m: 0 if m.group == "领导小组" else 1)
    rows = [
        [Num(i), m.group, m.name, m.team_role, m.department_position, m.title, m.specialty, m.duty, m.time_commitment]
        for i, m in enumerate(members, start=1)
    ]
    return make_table(spec, ctx, rows)


@register("T-2")
def work_plan(ctx: BuildContext, spec: TableSpec):
    """Worksheet 1-2; 完成时间 is the planned end date (the [src] header), the start goes to the note."""
    items = ctx.audit.organisation.work_plan
    rows = [[STAGE_NAMES[p.stage], p.content, p.end, p.responsible, p.assessor, p.output] for p in items]
    start, end = min(p.start for p in items), max(p.end for p in items)
    note = f"审核工作计划起止时间：{fmt_date(start)}—{fmt_date(end)}。"
    return make_table(spec, ctx, rows, note=note)


@register("T-3")
def training(ctx: BuildContext, spec: TableSpec):
    records = sorted(ctx.audit.organisation.training, key=lambda r: r.date)
    rows = [[Num(i), r.date, r.content, r.audience, Num(r.participants), r.presenter] for i, r in enumerate(records, 1)]
    note = None
    if ctx.audit.organisation.suggestions_collected is not None:
        note = f"宣传动员期间共征集合理化建议 {ctx.audit.organisation.suggestions_collected} 条。"
    return make_table(spec, ctx, rows, note=note)


@register("T-4")
def barriers(ctx: BuildContext, spec: TableSpec):
    """Barrier types of the manual: 思想观念 / 技术 / 资金物资 / 政策法规 (+ 管理, 其他)."""
    items = ctx.audit.organisation.barriers
    if not items:
        return None
    rows = [[Num(i), b.type, b.manifestation, b.measure] for i, b in enumerate(items, 1)]
    return make_table(spec, ctx, rows)
