"""The 《清洁生产审核验收报告》 template for 验收 (domain.md §3.1 outline, tables A-1…A-9)."""

from __future__ import annotations

from docgen.render.template_build.audit_report import _section
from docgen.render.template_build.front import front_matter
from docgen.render.template_build.package import Block, endif, h, if_, loop


def acceptance_report_blocks() -> list[Block]:
    b: list[Block] = front_matter("（验收）", "清洁生产审核验收报告")
    b += [h(1, "企业概况")]
    b += _section(2, "企业基本情况", "a1_enterprise", ("A-1",))
    b += _section(2, "本轮清洁生产审核概况", "a1_audit")
    b += _section(2, "清洁生产审核评估情况", "a1_evaluation")

    b += [h(1, "清洁生产审核工作回顾")]
    b += _section(2, "审核过程简述", "a2_process")
    b += [if_("has.opinions")] + _section(2, "评估意见整改落实情况", "a2_opinions", ("A-2",)) + [endif()]

    b += [h(1, "清洁生产方案实施情况")]
    b += _section(2, "无/低费方案实施情况", "a3_low_cost", ("A-3",))
    b += _section(2, "中/高费方案实施情况", "a3_high_cost", ("A-4",))

    b += [h(1, "清洁生产绩效")]
    b += _section(2, "方案实施绩效汇总", "a4_performance", ("A-5",))
    b += [if_("has.monitoring")] + _section(2, "方案实施前后监测数据对比", "a4_monitoring", ("A-6",)) + [endif()]
    b += _section(2, "资源节约量与环境减排量", "a4_savings")

    b += [h(1, "清洁生产目标完成情况")]
    b += loop("prose.a5_targets")
    b += _section(2, "目标完成情况汇总", "a5_summary", ("A-7",))

    b += [h(1, "清洁生产水平评价")]
    b += _section(2, "审核前后清洁生产水平对比", "a6_level", ("A-8",))

    b += [h(1, "持续清洁生产")]
    b += _section(2, "清洁生产组织机构和管理制度", "a7_organisation")
    b += _section(2, "持续清洁生产计划", "a7_plan", ("A-9",))

    b += [h(1, "结论")]
    b += loop("prose.a8_conclusion")

    b += [h(1, "附件", numbered=False)]
    b += loop("prose.acceptance_attachments")
    return b
