"""The Word templates of an industry-wide audit, built with docgen.render.template_build's primitives.

Three templates (registered in template_build.build.TEMPLATES, so the shipped .docx files are
checked against this builder like every other template):

* ``national/industry-report.docx`` — 《行业清洁生产审核报告》 in seed 002's five stages
  (审核准备 → 审核 → 方案产生和确定 → 方案实施 → 绩效评估和持续清洁生产), one chapter per stage, the
  sub-sections in the order seed 002 describes each stage (审核企业名单, 现状调查, 现状分析评价,
  审核重点, 清洁生产目标, 问题诊断分析 …; 绩效评估 items 目标达标情况, 污染物减排, 温室气体减排,
  行业清洁生产水平提升, 投入产出效益), then 附表;
* ``national/industry-report-phases.docx`` — the same content in seed 001's frame: 总体要求 (审核目标,
  审核原则, 审核思路, 审核主体, 审核范围) and the three phases 前期准备 → 诊断审核 → 报告编制. Seed
  001's 附录C (report framework) is not available, so the fourth chapter's title 审核结论与绩效 (what
  the 报告编制 phase reports) is [inferred];
* ``national/industry-sheet.docx`` — the short structured sheet per enterprise that replaces its long
  report (seed 002: −80 % text work). Its title 企业清洁生产审核简表 and sections are [inferred].

Headings and fixed sentences live here (a consultancy rewords them in Word); figures come from the
context (``prose.*`` lists, ``tbl.*`` tables).
"""

from __future__ import annotations

from docgen.render.template_build.front import _kv_table, toc_section
from docgen.render.template_build.package import Block, h, loop, p, raw, table
from docgen.render.template_build.forms import signature

PRINCIPLES = [
    "审核企业名单按以下原则确定：（1）环境影响突出原则：污染物排放总量大、温室气体排放强度高、单位产品资源能源消耗量大的企业；",
    "（2）关键环境治理需求导向原则：涉及特征污染物管控、重金属总量控制、新污染物管控的企业；",
    "（3）可行性原则：具备审核条件的企业；",
    "（4）代表性原则：综合考虑企业数量、规模分布、地域分布、主要生产工艺类型和环境治理需求，使名单对行业整体具有代表性。",
]


def _sec(level: int, title: str, prose_key: str | None = None, tables: tuple[str, ...] = (), fixed: tuple[str, ...] = ()) -> list[Block]:
    blocks = [h(level, title)] + [p(text) for text in fixed]
    if prose_key:
        blocks += loop(f"prose.{prose_key}")
    return blocks + [table(t) for t in tables]


def _front(kind_label: str) -> list[Block]:
    """Cover (审核主体, 技术支撑单位), responsibility page and the TOC section."""
    blank = p("", "CoverText")
    return [
        blank, blank, blank,
        p("{{ ind.region }}{{ ind.common_name }}", "CoverTitle"),
        p("清洁生产审核报告", "CoverTitle"),
        p(kind_label, "CoverText"),
        blank, blank, blank, blank,
        p("审核主体：{{ subject.name }}", "CoverText"),
        p("技术支撑单位：{{ support }}", "CoverText"),
        p("{{ cover_date }}", "CoverText"),
        raw('<w:p><w:r><w:br w:type="page"/></w:r></w:p>'),
        p("行业清洁生产审核管理情况", "CoverTitle"),
        raw(_kv_table([
            ("审核主体", "{{ subject.name }}"),
            ("审核主体类型", "{{ subject.kind }}"),
            ("组织实施单位", "{{ organiser }}"),
            ("行业及代码", "{{ ind.name }}（{{ ind.code }}）"),
            ("审核区域", "{{ ind.region }}"),
            ("技术支撑单位", "{{ support }}"),
            ("报告编制人员", "{{ compiled }}"),
            ("报告审核人员", "{{ reviewed }}"),
            ("日期", "{{ report_date }}"),
        ])),
    ] + toc_section()


def _preface() -> list[Block]:
    return [h(1, "前言", numbered=False), h(2, "行业概况", numbered=False)] + loop("prose.overview")


# content blocks shared by both frames ────────────────────────────────────────────────────────
def _list() -> list[Block]:
    return _sec(2, "审核企业名单", "list", ("I-3", "I-4", "I-5"), tuple(PRINCIPLES))


def _survey() -> list[Block]:
    return _sec(2, "现状调查", "survey", ("I-6",))


def _level(title: str = "现状分析评价") -> list[Block]:
    return _sec(2, title, "level", ("I-21", "I-22", "I-7"))


def _focus() -> list[Block]:
    return _sec(2, "审核重点", "focus", ("I-8",))


def _targets(title: str = "清洁生产目标") -> list[Block]:
    return _sec(2, title, "targets", ("I-9",))


def _diagnosis() -> list[Block]:
    return _sec(2, "问题诊断分析", "diagnosis", ("I-10", "I-11"))


def _schemes() -> list[Block]:
    return (_sec(2, "行业先进适用技术推荐目录", "catalogue", ("I-12",))
            + _sec(2, "行业层面方案", "library", ("I-13",))
            + _sec(2, "企业层面方案", "enterprise_schemes", ("I-14",)))


def _performance() -> list[Block]:
    return (_sec(2, "清洁生产目标达标情况", "attainment", ("I-16",))
            + _sec(2, "污染物减排情况", "pollutants", ("I-17",))
            + _sec(2, "温室气体减排情况", "ghg", ("I-18",))
            + _sec(2, "行业清洁生产水平提升情况", "levels", ("I-23", "I-19"))
            + _sec(2, "投入产出效益", "return", ("I-20",))
            + _sec(2, "持续清洁生产", "continuous"))


def _annex() -> list[Block]:
    return [h(1, "附表", numbered=False), table("I-A1"), table("I-A2"), table("I-A3")]


def industry_report_blocks() -> list[Block]:
    """Seed 002: five stages, one chapter each."""
    b = _front("（行业清洁生产审核）") + _preface()
    b += [h(1, "审核准备")]
    b += _sec(2, "审核主体和审核小组", "team", ("I-1",)) + _sec(2, "审核周期和工作计划", "cycle", ("I-2",))
    b += _sec(2, "审核范围和依据", "scope") + _list()
    b += [h(1, "审核")] + _survey() + _level() + _focus() + _targets() + _diagnosis()
    b += [h(1, "方案产生和确定")] + _schemes()
    b += [h(1, "方案实施")] + _sec(2, "方案实施情况", "implementation", ("I-15",))
    b += [h(1, "绩效评估和持续清洁生产")] + _performance()
    return b + _annex()


def industry_report_phases_blocks() -> list[Block]:
    """Seed 001: 总体要求 and the three phases 前期准备 → 诊断审核 → 报告编制."""
    b = _front("（行业清洁生产审核）") + _preface()
    b += [h(1, "总体要求")]
    b += _targets("审核目标")
    b += _sec(2, "审核原则", fixed=("以清洁生产审核“发现问题—分析问题—解决问题”为总体思路，坚持行业整体诊断与企业个体诊断相结合、"
                                  "减污与降碳协同，务实、可操作。",))
    b += _sec(2, "审核思路", fixed=("通过重点行业生产工艺全过程诊断，梳理行业关键共性问题，形成具有行业特色的清洁生产方案，"
                                  "加强污染物和温室气体排放管控，提升行业整体清洁生产水平。",))
    b += _sec(2, "审核主体", "team", ("I-1",))
    b += _sec(2, "审核范围", "scope") + _sec(2, "审核周期和工作计划", "cycle", ("I-2",))
    b += [h(1, "前期准备")] + _list() + _survey()
    b += [h(1, "诊断审核")] + _level("清洁生产水平评价") + _focus() + _diagnosis() + _schemes()
    b += _sec(2, "方案实施情况", "implementation", ("I-15",))
    b += [h(1, "审核结论与绩效")] + _performance()
    return b + _annex()


SHEET_SECTIONS = ("一、企业基本情况", "二、清洁生产水平和绩效", "三、问题诊断", "四、清洁生产方案", "五、企业确认")


def industry_sheet_blocks() -> list[Block]:
    """One enterprise's short sheet: four structured parts and the enterprise's confirmation."""
    one, two, three, four, five = SHEET_SECTIONS
    return [
        p("{{ e.name }}", "CoverTitle"),
        p("企业清洁生产审核简表", "CoverTitle"),
        p("（{{ audit_title }}附件）", "CoverText"),
        *loop("prose.intro"),
        h(1, one, numbered=False), table("E-1"), *loop("prose.reason"),
        h(1, two, numbered=False), table("E-2"),
        h(1, three, numbered=False), table("E-3"),
        h(1, four, numbered=False), *loop("prose.schemes"), table("E-4"),
        h(1, five, numbered=False),
        p("本企业确认上述数据和方案实施情况真实、准确，并按行业清洁生产审核报告的要求持续实施清洁生产。"),
        *signature("企业负责人（签字）：", "企业（盖章）：", "日期：{{ report_date }}"),
    ]


_HEADER = "{{ audit_title }}"
#: file → (builder, title, running header), merged into template_build.build.TEMPLATES
TEMPLATES = {
    "national/industry-report.docx": (industry_report_blocks, "行业清洁生产审核报告", _HEADER),
    "national/industry-report-phases.docx": (industry_report_phases_blocks, "行业清洁生产审核报告", _HEADER),
    "national/industry-sheet.docx": (industry_sheet_blocks, "企业清洁生产审核简表", "{{ e.name }}清洁生产审核简表"),
}
