"""前言 / 总论: the enterprise, why the audit, its basis and scope (domain.md §2.3)."""

from __future__ import annotations

from .common import ProseContext, date, join, month, num, qty

#: Cited when the data file lists no basis (domain.md §1: the frame every report cites).
DEFAULT_BASIS = [
    "《中华人民共和国清洁生产促进法》（2012年修正）",
    "《清洁生产审核办法》（国家发展改革委、环境保护部令第38号）",
    "《清洁生产审核评估与验收指南》（环办科技〔2018〕5号）",
    "《关于深入推进重点行业清洁生产审核工作的通知》（环办科财〔2020〕27号）",
    "《清洁生产审核指南 制订技术导则》（HJ 469-2009）",
    "《工业企业清洁生产审核 技术导则》（GB/T 25973-2010）",
    "《综合能耗计算通则》（GB/T 2589-2020）",
]

SHANGHAI_BASIS = ["《上海市强制性清洁生产审核管理工作指引》"]


def enterprise_paragraphs(ctx: ProseContext) -> list[str]:
    a, f = ctx.audit, ctx.figures
    e = a.enterprise
    year = a.audit.baseline_year
    if e.description:
        paras = [e.description]
    else:
        paras = [
            f"{e.name}成立于{date(e.founded)}，位于{e.address}，所属行业为{e.industry.name}（{e.industry.code}），"
            f"法定代表人{e.legal_representative}，现有职工{e.employees}人，占地面积{num(e.area_m2, 0)}平方米。"
        ]
    if e.history:
        paras.append(e.history)
    products = join(f"{p.name}（{qty(p.output[year], p.unit)}）" for p in a.baseline.products)
    energy = next(x for x in f.energy if x.year == year)
    paras.append(
        f"{year}年企业主要产品产量为{products}，综合能耗{qty(energy.total_tce, 'tce')}（电力按"
        f"{a.audit.calc.electricity_basis}折算）。"
    )
    return paras


#: How the three mandatory categories of 办法 第八条 are written in a report (domain.md §1).
REASONS = {
    "双超": "污染物排放超过国家或地方规定的排放标准或重点污染物排放总量控制指标（“双超”）",
    "双有": "使用有毒有害原料进行生产或在生产中排放有毒有害物质（“双有”）",
    "高耗能": "超过单位产品能源消耗限额标准构成高耗能",
}


def why_paragraphs(ctx: ProseContext) -> list[str]:
    a = ctx.audit
    t = a.audit.timeline
    if a.audit.type == "强制性":
        when = f"{date(t.list_published)}公布的" if t.list_published else ""
        reasons = join((REASONS[r] for r in a.audit.mandatory_reasons), "及")
        text = (f"企业因{reasons}，被列入{when}强制性清洁生产审核企业名单，"
                "依据《清洁生产审核办法》的规定开展本轮强制性清洁生产审核。")
    else:
        text = "为进一步挖掘节能、降耗、减污、增效潜力，企业自愿开展本轮清洁生产审核。"
    paras = [text]
    if a.consultancy is not None and t.started:
        paras.append(f"企业委托{a.consultancy.name}协助开展审核，于{date(t.started)}正式启动本轮（第{a.audit.round}轮）清洁生产审核。")
    elif t.started:
        paras.append(f"企业于{date(t.started)}自行启动本轮（第{a.audit.round}轮）清洁生产审核。")
    return paras


def basis_paragraphs(ctx: ProseContext) -> list[str]:
    a = ctx.audit
    basis = list(a.audit.basis) or list(DEFAULT_BASIS)
    if a.audit.profile == "shanghai" and not a.audit.basis:
        basis += SHANGHAI_BASIS
    if a.level.system and not any(a.level.system in b for b in basis):
        basis.append(a.level.system if a.level.system.startswith("《") else f"《{a.level.system}》")
    return ["本轮清洁生产审核的主要依据如下："] + [f"（{i}）{b}；" if i < len(basis) else f"（{i}）{b}。" for i, b in enumerate(basis, 1)]


def scope_paragraphs(ctx: ProseContext) -> list[str]:
    a = ctx.audit
    y = a.baseline.years
    return [
        f"本轮审核范围为{a.audit.scope.rstrip('。')}。",
        f"审核基准年为{a.audit.baseline_year}年，现状调查采用{y[0]}—{y[-1]}年近三年的生产、消耗和排放数据。",
    ]


def attachments(ctx: ProseContext) -> list[str]:
    items = ["营业执照", "环境影响评价批复及竣工环境保护验收文件", "排污许可证", "近三年污染物排放监测报告",
             "危险废物委托处置协议", "能源、水计量统计资料", "宣传培训及合理化建议记录", "清洁生产方案实施证明材料（合同、发票、照片）"]
    if ctx.audit.consultancy is not None:
        items.append("审核咨询服务机构基本情况表及审核师证书")
    return [f"附件{i}：{item}" for i, item in enumerate(items, 1)]


def cover_date(ctx: ProseContext) -> str:
    r = ctx.audit.report
    d = r.acceptance_report_date if ctx.kind == "acceptance" and r.acceptance_report_date else r.evaluation_report_date
    return month(d)
