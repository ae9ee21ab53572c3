"""Word templates of the two park reports, built from docgen.render.template_build's primitives.

* ``templates/national/park-audit-report.docx`` — 《园区清洁生产审核报告》: one chapter per stage of
  seed 004 (编制说明 §5.5(1): 审核准备 → 清洁生产水平分析 → 审核分级清单及指标体系构建 → 审核 → 改进方案确定 →
  方案实施及效果评估 → 持续性清洁生产审核), sub-sections from the stage descriptions §5.5(2)–(8).
* ``templates/national/park-annual-report.docx`` — 《园区年度清洁生产整体报告》: seed 004 names it
  (效果评估 "纳入园区年度清洁生产整体报告"; 报告机制) but gives no outline; the chapters here are
  [inferred] from what the guide says it must carry (年度数据, 名单动态更新, 指标评价, 方案效果, 长效机制).

Headings and boilerplate live in the .docx (a consultancy rewords them in Word); data-dependent
sentences come from the context as ``prose.*`` lists; tables are ``tbl.P_n`` placeholders.
``python -m docgen.park.templates`` rewrites both files; a test keeps them equal to this builder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.fsutil import atomic_write_bytes
from docgen.render.template_build.audit_report import _section
from docgen.render.template_build.front import _kv_table
from docgen.render.template_build.package import Block, build_docx, h, loop, p, raw, section_end, toc_field

AUDIT_TEMPLATE = "park-audit-report.docx"
ANNUAL_TEMPLATE = "park-annual-report.docx"

#: The seven stages of seed 004 (chapter ids P1–P7 of checks/park-audit.yaml).
STAGES = ("审核准备", "清洁生产水平分析", "审核分级清单及指标体系构建", "审核", "改进方案确定", "方案实施及效果评估", "持续性清洁生产审核")


def _front(title: str, date_key: str) -> list[Block]:
    blank = p("", "CoverText")
    return [
        blank, blank, blank,
        p("{{ park.name }}", "CoverTitle"),
        p(title, "CoverTitle"),
        blank, blank, blank,
        p("审核主体：{{ audit.organiser }}", "CoverText"),
        p("技术支持单位：{{ support }}", "CoverText"),
        p(f"{{{{ {date_key} }}}}", "CoverText"),
        raw('<w:p><w:r><w:br w:type="page"/></w:r></w:p>'),
        p("报告编制与审核情况", "CoverTitle"),
        raw(_kv_table([
            ("园区名称", "{{ park.name }}"),
            ("审核主体", "{{ audit.organiser }}"),
            ("技术支持单位", "{{ support }}"),
            ("报告编制人员", "{{ people.compiled }}"),
            ("报告审核人员", "{{ people.reviewed }}"),
            ("报告批准人员", "{{ people.approved }}"),
            ("日期", f"{{{{ {date_key} }}}}"),
        ])),
        section_end(None, None, footer=False),
        p("目　　录", "TOCHeading"),
        toc_field(),
        section_end("upperRoman", 1, footer=True),
    ]


def audit_report_blocks() -> list[Block]:
    b = _front("园区清洁生产审核报告", "report_date")
    b += [h(1, "前言", numbered=False)]
    b += loop("prose.preface")
    b += [h(2, "审核依据", numbered=False)]
    b += loop("prose.basis")

    b += [h(1, STAGES[0])]
    b += _section(2, "成立审核机构", "p1_team", ("P-1",))
    b += _section(2, "任务分工", "p1_tasks")
    b += _section(2, "培训动员", "p1_training")
    b += _section(2, "资料收集", "p1_sources", ("P-2",))

    b += [h(1, STAGES[1])]
    b += _section(2, "园区概况", "p2_park", ("P-3",))
    b += _section(2, "区域资源、能源、环境现状与制约因素", "p2_region")
    b += _section(2, "园区基础设施与环境监管体系", "p2_infrastructure")
    b += _section(2, "产业链/产业集群清洁生产水平", "p2_chains", ("P-4",))
    b += _section(2, "企业资源能源消耗及污染物排放", "p2_enterprises", ("P-6", "P-5"))

    b += [h(1, STAGES[2])]
    b += _section(2, "重点管控名单筛选方法", "p3_method")
    b += _section(2, "重点管控名单", "p3_list", ("P-8", "P-7", "P-9"))
    b += _section(2, "园区清洁生产审核指标体系", "p3_indicators", ("P-10",))
    b += _section(2, "评价方法", "p3_grading")

    b += [h(1, STAGES[3])]
    b += _section(2, "园区层面审核", "p4_park", ("P-11", "P-12"))
    b += _section(2, "产业链/产业集群层面审核", "p4_chains")
    b += _section(2, "企业层面审核", "p4_enterprises", ("P-13",))

    b += [h(1, STAGES[4])]
    b += _section(2, "园区层面方案", "p5_park")
    b += _section(2, "产业链/产业集群层面方案", "p5_chains")
    b += _section(2, "企业层面方案", "p5_enterprises")
    b += _section(2, "方案汇总", "p5_summary", ("P-14", "P-15"))

    b += [h(1, STAGES[5])]
    b += _section(2, "方案实施情况", "p6_status")
    b += _section(2, "经济效益和环境效益", "p6_effects", ("P-16",))
    b += _section(2, "清洁生产目标完成情况", "p6_targets", ("P-17",))

    b += [h(1, STAGES[6])]
    b += _section(2, "园区清洁生产管理机制", "p7_management")
    b += _section(2, "园区清洁生产准入清单", "p7_access", ("P-18",))
    b += _section(2, "激励机制", "p7_incentives")
    b += _section(2, "长效机制", "p7_mechanisms", ("P-19",))

    b += [h(1, "审核结论", numbered=False)]
    b += loop("prose.conclusion")
    return b


def annual_report_blocks() -> list[Block]:
    b = _front("园区年度清洁生产整体报告", "annual_date")
    b += [h(1, "园区概况及年度工作概述")]
    b += _section(2, "园区概况", "y1_park", ("P-3",))
    b += _section(2, "年度清洁生产工作概述", "y1_work")
    b += [h(1, "年度资源能源消耗及污染物排放")]
    b += _section(2, "园区总量及变化", "y2_change", ("Y-1",))
    b += _section(2, "企业资源能源消耗及污染物排放", "y2_enterprises", ("P-5",))
    b += [h(1, "重点管控名单动态更新")]
    b += _section(2, "重点管控名单", "y3_list", ("P-7", "P-9"))
    b += [h(1, "园区清洁生产水平评价")]
    b += _section(2, "指标评价", "y4_indicators", ("P-11", "P-12"))
    b += [h(1, "方案实施及效果评估")]
    b += _section(2, "方案实施情况", "y5_status", ("P-15",))
    b += _section(2, "经济效益和环境效益", "y5_effects", ("P-16",))
    b += _section(2, "清洁生产目标完成情况", "y5_targets", ("P-17",))
    b += [h(1, "持续清洁生产机制运行情况")]
    b += _section(2, "准入清单执行情况", "y6_access", ("P-18",))
    b += _section(2, "长效机制运行情况", "y6_mechanisms")
    b += [h(1, "下一年度工作计划")]
    b += loop("prose.y7_plan")
    return b


TEMPLATES = {
    f"national/{AUDIT_TEMPLATE}": (audit_report_blocks, "园区清洁生产审核报告", "{{ park.name }}园区清洁生产审核报告"),
    f"national/{ANNUAL_TEMPLATE}": (annual_report_blocks, "园区年度清洁生产整体报告", "{{ park.name }}{{ annual_year }}年度清洁生产整体报告"),
}


def build_template(name: str) -> bytes:
    blocks, title, header = TEMPLATES[name]
    return build_docx(blocks(), title=title, header_text=header)


def main(root: Path | None = None) -> list[Path]:
    root = root or Path(__file__).resolve().parents[2] / "templates"
    written = []
    for name in TEMPLATES:
        atomic_write_bytes(root / name, build_template(name))
        written.append(root / name)
    return written


if __name__ == "__main__":  # pragma: no cover
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(path)
