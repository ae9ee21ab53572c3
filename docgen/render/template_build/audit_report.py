"""The 《清洁生产审核报告》 template for 评估 (domain.md §2.3 outline, §2.4 tables).

Headings and boilerplate live here (and so in the shipped .docx, where a consultancy rewords them);
sentences that depend on the data come from the context as lists of paragraphs (``prose.*``, built in
docgen.render.prose); tables are placeholders replaced by generated tables whose caption number
(表 X-Y) is assigned in document order per chapter.
"""

from __future__ import annotations

from docgen.render.template_build.front import front_matter
from docgen.render.template_build.package import Block, endif, h, if_, loop, p, table


def _section(level: int, title: str, prose_key: str | None = None, tables: tuple[str, ...] = ()) -> list[Block]:
    blocks = [h(level, title)]
    if prose_key:
        blocks += loop(f"prose.{prose_key}")
    blocks += [table(t) for t in tables]
    return blocks


def audit_report_blocks() -> list[Block]:
    b: list[Block] = front_matter("（评估）", "清洁生产审核报告")
    # 前言 / 总论
    b += [h(1, "前言", numbered=False), h(2, "企业概况", numbered=False)]
    b += loop("prose.preface_enterprise")
    b += [h(2, "推行清洁生产的意义和必要性", numbered=False),
          p("清洁生产是从源头削减污染、提高资源利用效率的有效途径。通过开展清洁生产审核，企业能够系统识别能耗高、物耗高、污染重的环节及其原因，提出并实施技术经济及环境可行的清洁生产方案，实现节能、降耗、减污、增效，提升企业的环境管理水平和市场竞争力。")]
    b += loop("prose.preface_why")
    b += [h(2, "审核依据", numbered=False)]
    b += loop("prose.basis")
    b += [h(2, "审核范围和审核基准年", numbered=False)]
    b += loop("prose.scope")

    # 第一章 筹划和组织
    b += [h(1, "筹划和组织")]
    b += _section(2, "取得高层领导的支持和参与", "s1_leadership")
    b += _section(2, "组建清洁生产审核小组", "s1_team", ("T-1",))
    b += _section(2, "制定审核工作计划", "s1_plan", ("T-2",))
    b += _section(2, "宣传、动员和培训", "s1_training", ("T-3",))
    b += [if_("has.barriers")] + _section(2, "克服障碍", "s1_barriers", ("T-4",)) + [endif()]

    # 第二章 预审核
    b += [h(1, "预审核")]
    b += _section(2, "企业概况", "s2_overview", ("T-5",))
    b += _section(3, "环保手续履行情况", "s2_permits")
    b += [h(2, "生产状况")]
    b += _section(3, "生产工艺流程", "s2_process")
    b += _section(3, "主要产品及产量", "s2_products", ("T-6",))
    b += _section(3, "主要原辅材料及能源消耗", "s2_materials", ("T-7", "T-7e", "T-7w"))
    b += _section(3, "主要生产设备", "s2_equipment", ("T-8",))
    b += [h(2, "产排污状况分析")]
    b += [if_("has.wastewater")] + _section(3, "废水", "s2_wastewater", ("T-9a",)) + [endif()]
    b += [if_("has.waste_gas")] + _section(3, "废气", "s2_waste_gas", ("T-9b",)) + [endif()]
    b += [if_("has.solid_waste")] + _section(3, "固体废物", "s2_solid_waste", ("T-9c",)) + [endif()]
    b += [if_("has.noise")] + _section(3, "噪声", "s2_noise", ("T-9d",)) + [endif()]
    b += _section(2, "企业环境管理现状", "s2_env_management")
    b += [h(2, "清洁生产水平分析")]
    b += _section(3, "已实施的节能减排及清洁生产措施", "s2_measures")
    b += _section(3, "清洁生产水平对标分析", "s2_level", ("T-20",))
    b += _section(3, "清洁生产潜力分析", "s2_potential")
    b += [h(2, "确定审核重点")]
    b += _section(3, "备选审核重点", "s2_candidates", ("T-10",))
    b += _section(3, "确定审核重点", "s2_focus", ("T-11",))
    b += _section(2, "设置清洁生产目标", "s2_targets", ("T-12",))
    b += _section(2, "提出和实施无/低费方案", "s2_low_cost")

    # 第三章 审核
    b += [h(1, "审核")]
    b += _section(2, "审核重点概况", "s3_overview")
    b += _section(2, "实测输入输出物流", "s3_measurement")
    b += _section(2, "建立物料平衡", "s3_balance", ("T-13",))
    b += [if_("has.water_balance")] + _section(2, "建立水平衡", "s3_water_balance", ("T-14",)) + [endif()]
    b += _section(2, "废弃物产生原因分析", "s3_causes", ("T-15",))
    b += _section(2, "提出和实施无/低费方案", "s3_low_cost")

    # 第四章 方案的产生和筛选
    b += [h(1, "方案的产生和筛选")]
    b += _section(2, "方案的产生", "s4_sources")
    b += _section(2, "方案的分类汇总", "s4_summary", ("T-16",))
    b += _section(2, "方案筛选", "s4_screening", ("T-17",))
    b += _section(2, "中/高费方案研制", "s4_high_cost")
    b += _section(2, "无/低费方案实施效果", "s4_low_cost_effects", ("T-18",))

    # 第五章 可行性分析
    b += [h(1, "可行性分析")]
    b += _section(2, "市场调研和分析", "s5_market")
    b += _section(2, "技术评估", "s5_technical", ("T-19a",))
    b += _section(2, "环境评估", "s5_environmental", ("T-19b",))
    b += _section(2, "经济评估", "s5_economic", ("T-19c",))
    b += _section(2, "确定推荐的可实施方案", "s5_conclusion")

    # 第六章 方案实施
    b += [h(1, "方案实施")]
    b += _section(2, "方案实施计划", "s6_plan", ("T-21",))
    b += _section(2, "已实施无/低费方案的成果", "s6_low_cost")
    b += [if_("has.high_cost_done")] + _section(2, "已实施中/高费方案的效果", "s6_high_cost_done", ("T-22",)) + [endif()]
    b += _section(2, "中/高费方案预期效果及目标可达性", "s6_expected")
    b += _section(2, "本轮审核对企业的影响", "s6_impact")

    # 第七章 持续清洁生产
    b += [h(1, "持续清洁生产")]
    b += _section(2, "建立和完善清洁生产组织", "s7_organisation")
    b += _section(2, "建立和完善清洁生产管理制度", "s7_systems")
    b += _section(2, "制定持续清洁生产计划", "s7_plan", ("T-24",))
    b += _section(2, "本轮清洁生产审核工作小结", "s7_conclusion")

    b += [h(1, "附件", numbered=False)]
    b += loop("prose.attachments")
    return b
