"""Fixed wording of the forms, in one place for the template builder and the tests.

Verbatim where a source exists: 附表1 of the 《上海市强制性清洁生产审核管理工作指引》 (seed 003, domain.md
§5.2) and the 绩效表 footnote (domain.md §3.2, a real-report sample). Where no official layout is
known (domain.md §10 G4: 评估申请表, 验收申请表, 绩效表, 企业自我声明) the wording is ours, written in the
register of Chinese administrative forms; it lives in the shipped templates, where a consultancy
rewords it in Word, so these constants are only the defaults the builder writes.
"""

from __future__ import annotations

from docgen.tables.builders_results import FOOTNOTE_A5

# ─── 附表1 咨询服务机构基本情况表 (seed 003, verbatim) ─────────────────────────────────────────
CONSULTANCY_TITLE = "咨询服务机构基本情况表"
CONSULTANCY_FILLED_BY = "以下内容由审核咨询服务机构填写"
ENTERPRISE_FILLED_BY = "以下内容由企业填写"
CAPABILITY_LABEL = "机构技术能力符合情况"
TICK, CROSS = "✓", "✗"
CAPABILITY_INSTRUCTION = f"以下内容符合的打{TICK}，不符合的打{CROSS}"

#: The four statements of 附表1 (《清洁生产审核办法》第十六条) in the form's order, keyed by the
#: ``Capabilities`` boolean that ticks each one.
CAPABILITY_STATEMENTS: tuple[tuple[str, str], ...] = (
    ("independent_legal_entity", "具有独立法人资格，具备为企业清洁生产审核提供公平、公正和高效率服务的质量保证体系和管理制度。"),
    ("testing_equipment", "具备开展清洁生产审核物料平衡测试、能量和水平衡测试的基本检测分析器具、设备或手段。"),
    ("industry_experts", "拥有熟悉相关行业生产工艺、技术规程和节能、节水、污染防治管理要求的技术人员。"),
    ("audit_experts", "拥有掌握清洁生产审核方法并具有清洁生产审核咨询经验的技术人员。"),
)

STAFF_CAPTION = "实施本项目清洁生产审核人员情况"
STAFF_HEADERS = ("序号", "姓名", "年龄", "学历", "职称", "所学专业", "清洁生产相关证书名称", "证书编号",
                 "从事清洁生产审核时间", "相关业绩")

ENTERPRISE_DECLARATION = (
    "公司已了解并知晓国家规定的清洁生产审核咨询服务机构应具备的技术能力和要求。",
    "公司确认审核咨询服务机构所填写的基本情况属实。",
)

# ─── Signatures, seals and dates ─────────────────────────────────────────────────────────────
#: A date left for the signer to write by hand (full-width spaces keep the gaps in Word).
BLANK_DATE = "　　　　年　　月　　日"

# ─── 绩效表 ──────────────────────────────────────────────────────────────────────────────────
#: "经济效益是指节能降耗的经济效益与削减污染物排放的经济效益的加和。" (domain.md §3.2)
PERFORMANCE_FOOTNOTE = "注：" + FOOTNOTE_A5
PERFORMANCE_HEADERS = ("类别", "指标", "单位", "审核前", "审核后", "削减（节约）量", "削减率")

# ─── 企业自我声明 ────────────────────────────────────────────────────────────────────────────
#: The numbered statements; ``{report}`` is the 验收报告's title (a Jinja expression in the template).
DECLARATION_POINTS = (
    "本企业提交的《{report}》及其附件所载内容真实、准确、完整，不存在虚假记载、误导性陈述或重大遗漏。",
    "报告中引用的产品产量、原辅材料消耗、能源消耗、取水量及污染物产生和排放量等数据，均来源于企业生产台账、"
    "计量统计、财务凭证和监测报告，真实可靠，可追溯核查。",
    "为验收提交的方案实施前、后监测报告，均由企业依法自行监测或委托具备相应资质的检测机构出具，内容真实，未经任何篡改。",
    "验收报告对各项清洁生产方案实施情况的陈述与实际相符；已实施方案均按报告所述的内容、投资和时间实施并正常运行，"
    "所列节能、降耗、减污和经济效益如实核算，不存在虚报、瞒报。",
    "本企业对所提交全部材料的真实性、合法性负责。如有弄虚作假，愿依照《中华人民共和国清洁生产促进法》和"
    "《清洁生产审核办法》的有关规定承担相应法律责任及由此产生的一切后果。",
)
DECLARATION_CLOSING = "特此声明。"
