"""Seeded defects: one edit of a rendered report and the findings it must produce.

Each ``Defect`` names the sample report it edits (the edits assert the old text, so a changed
sample cannot make an edit hit another cell silently), the edit, and the expected findings
``(rule, target_id, status, severity)`` — worked out by hand from the rule pack and the printed
figures (the note says how). Edits are XML surgery on the engine's DOCX, the same recipes as the
rule tests (tests/check/data/fieldkit.py, tests/check/test_*), collected here so the suite does not
import tests.

A defect is applied BEFORE the variant (restyling), so an edit can find headings, captions and
cells by the simplified text the engine wrote.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from docgen.check.conformance.package import (
    R_NS, W, Package, body_paragraphs, delete_table, remove_table_containing, replace_in_paragraph,
    set_cell, set_paragraph, set_row_cell, set_text, style_of, text,
)

FC = "audit-shanghai-fine-chemical"
EP = "audit-electroplating"
PP = "audit-packaging-printing"

FC_NAME = "上海澄霖精细化学品有限公司"
FC_COVER_NAME = f"企业名称（盖章）：{FC_NAME}"
EP_CERTS = ("邵明哲（清洁生产审核师证书 QJSH2013-0452）；戴文静（清洁生产审核师证书 QJSH2017-1186）；"
            "朱浩然（清洁生产审核师证书 QJSH2019-2075）")
FC_CERTS = ("黄永康（清洁生产审核师培训合格证书 QJSC-2013-SH-0417）；马晓琳（清洁生产审核师培训合格证书 QJSC-2016-SH-1125）；"
            "邵俊杰（清洁生产审核师培训合格证书 QJSC-2019-SH-0862）")


@dataclass(frozen=True)
class Expect:
    rule: str
    target_id: str
    status: str = "fail"
    severity: str = "error"

    def key(self) -> tuple[str, str, str, str]:
        return (self.rule, self.target_id, self.status, self.severity)


@dataclass(frozen=True)
class Defect:
    name: str
    sample: str
    kind: str                       # evaluation | acceptance
    edit: Callable[[Package], None]
    expected: tuple[Expect, ...]
    note: str
    tags: tuple[str, ...] = field(default=())


def E(rule: str, target: str, severity: str = "error", status: str = "fail") -> Expect:
    return Expect(rule, target, status, severity)


def NE(rule: str, target: str, severity: str = "error") -> Expect:
    return Expect(rule, target, "not_evaluable", severity)


def doc(*fns):
    """An edit of word/document.xml from several ``fn(root)``."""
    def edit(pkg: Package) -> None:
        for fn in fns:
            fn(pkg.document)
    return edit


# --- recipes ------------------------------------------------------------------------------------

def delete_heading(title: str, level: int = 1):
    style = f"Heading{level}"

    def fn(root):
        hits = [p for p in body_paragraphs(root) if style_of(p) == style and text(p) == title]
        if not hits:
            raise LookupError(f"heading {title!r}")
        hits[0].getparent().remove(hits[0])
    return fn


def swap_headings(a: str, b: str):
    def fn(root):
        hs = {text(p): p for p in body_paragraphs(root) if style_of(p) == "Heading1"}
        pa, pb = hs[a], hs[b]
        ta, tb = text(pa), text(pb)
        from docgen.check.conformance.package import set_text
        set_text(pa, tb)
        set_text(pb, ta)
    return fn


def table_gone(caption: str):
    return lambda root: delete_table(root, caption)


def cell(caption, row_label, old, new):
    return lambda root: set_cell(root, caption, row_label, old, new)


def row_cell(first, col, old, new):
    return lambda root: set_row_cell(root, first, col, old, new)


def para(old, new):
    return lambda root: set_paragraph(root, old, new)


def replace(old, new):
    return lambda root: replace_in_paragraph(root, old, new)


def header(old: str, new: str):
    def edit(pkg: Package) -> None:
        for t in pkg.xml("word/header1.xml").iter(f"{W}t"):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new)
                return
        raise LookupError(old)
    return edit


UNMARK_FC = (lambda root: remove_table_containing(root, "企业盖章处"), para(FC_COVER_NAME, f"企业名称：{FC_NAME}"))


# --- a seal-sized picture on the cover ----------------------------------------------------------

def _png(width: int = 8, height: int = 8) -> bytes:
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def cover_image(after: str, mm: float = 40.0, name: str = "企业公章"):
    """A ``mm``×``mm`` picture in the cover paragraph reading ``after`` (a scanned seal)."""
    rid = "rIdSealConformance"

    def edit(pkg: Package) -> None:
        emu = int(mm * 36000)
        run = etree.fromstring(
            f'<w:r xmlns:w="{W[1:-1]}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            f'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:r="{R_NS}">'
            f'<w:drawing><wp:inline><wp:extent cx="{emu}" cy="{emu}"/><wp:docPr id="901" name="{name}" descr="{name}"/>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
            f'</wp:inline></w:drawing></w:r>')
        for p in body_paragraphs(pkg.document):
            if text(p) == after:
                p.append(run)
                break
        else:
            raise LookupError(after)
        rels = pkg.xml("word/_rels/document.xml.rels")
        rel = etree.SubElement(rels, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")
        rel.set("Id", rid)
        rel.set("Type", f"{R_NS}/image")
        rel.set("Target", "media/seal.png")
        ct = "http://schemas.openxmlformats.org/package/2006/content-types"
        types = pkg.xml("[Content_Types].xml")
        if not any(d.get("Extension") == "png" for d in types.findall(f"{{{ct}}}Default")):
            d = etree.SubElement(types, f"{{{ct}}}Default")
            d.set("Extension", "png")
            d.set("ContentType", "image/png")
        pkg.add("word/media/seal.png", _png())
    return edit


def work_plan_in_acceptance(sample: str, stage: str, old: str, new: str, *, caption: str):
    """Copy the work plan (T-2: caption and table) of ``sample``'s evaluation report into its
    acceptance report, after the first paragraph of "2.1 审核过程简述" (a review of the audit that recaps the plan, as
    some consultancies write it), with ``caption``, and the completion date of ``stage`` changed."""
    import copy

    def edit(pkg: Package) -> None:
        from docgen.check.conformance.suite import rendered

        source = list(Package(rendered(sample, "evaluation")).document.find(f"{W}body"))
        at = next(i for i, el in enumerate(source) if el.tag == f"{W}p" and text(el).endswith("审核工作计划表"))
        cap, tbl = copy.deepcopy(source[at]), copy.deepcopy(source[at + 1])
        if tbl.tag != f"{W}tbl":
            raise LookupError("work plan table")
        set_text(cap, caption)
        for tr in tbl.iter(f"{W}tr"):
            tcs = list(tr.iter(f"{W}tc"))
            if text(tcs[0]) == stage and text(tcs[2]) == old:
                set_text(tcs[2], new)
                break
        else:
            raise LookupError(f"{stage} {old}")
        heading = next(p for p in body_paragraphs(pkg.document) if style_of(p) == "Heading2"
                       and text(p) == "审核过程简述")  # (the number is Word's auto-numbering)
        heading.getnext().addnext(cap)  # after the section's first paragraph
        cap.addnext(tbl)
    return edit


def chain(*edits):
    def edit(pkg: Package) -> None:
        for e in edits:
            e(pkg)
    return edit


# --- the catalogue ------------------------------------------------------------------------------

# evaluation tables of the fine-chemical report: (T-id, rule, caption, findings of rules that read
# the table and can no longer run — their target is the table, or they compare it with another)
_EVAL_TABLES = [
    ("T-1", "TBL-001", "表1-1 审核小组成员表", ()),
    ("T-2", "TBL-002", "表1-2 审核工作计划表", ()),
    ("T-5", "TBL-003", "表2-1 企业基本情况表", ()),
    ("T-6", "TBL-004", "表2-2 主要产品产量表", ()),
    ("T-7", "TBL-005", "表2-3 主要原辅材料消耗表", ()),
    ("T-7e", "TBL-006", "表2-4 能源消耗表", (NE("NUM-004", "T-7e"), NE("NUM-005", "T-7e"), NE("NUM-006", "T-7e", "warning"), NE("NUM-019", "T-7e"))),
    ("T-8", "TBL-007", "表2-6 主要生产设备表", ()),
    ("T-9a", "TBL-008", "表2-7 废水产生及排放表", ()),
    ("T-9b", "TBL-009", "表2-8 废气产生及排放表", ()),
    ("T-9c", "TBL-010", "表2-9 固体废物产生及处置表", ()),
    ("T-10", "TBL-011", "表2-12 备选审核重点情况汇总表", ()),
    ("T-11", "TBL-012", "表2-13 权重总和计分排序表", (NE("NUM-014", "T-11"),)),
    ("T-12", "TBL-013", "表2-14 清洁生产目标表", (NE("NUM-009", "T-12"), NE("NUM-010", "T-12"))),
    ("T-13", "TBL-014", ("表3-1 物料平衡表", "表3-2 合成一车间有机溶剂（VOCs）平衡表"),
     (NE("NUM-012", "T-13"), NE("NUM-013", "T-13", "warning"))),
    ("T-15", "TBL-015", "表3-4 废弃物产生原因分析表", ()),
    ("T-16", "TBL-016", "表4-1 清洁生产方案汇总表", (NE("NUM-001", "T-16"), NE("NUM-016", "T-16"), NE("NUM-017", "T-21"), NE("NUM-020", "T-16"))),
    ("T-17", "TBL-017", "表4-2 方案筛选表", ()),
    ("T-18", "TBL-018", "表4-3 已实施无/低费方案实施效果表", (NE("NUM-002", "T-18"), NE("NUM-021", "T-18"))),
    ("T-19a", "TBL-019", "表5-1 中/高费方案技术评估表", ()),
    ("T-19b", "TBL-020", "表5-2 中/高费方案环境评估表", (NE("NUM-011", "T-19b"),)),
    ("T-19c", "TBL-021", "表5-3 中/高费方案经济评估表", (NE("NUM-015", "T-19c"), NE("NUM-018", "T-19c"))),
    ("T-20", "TBL-022", "表2-11 清洁生产水平对标表", ()),
    ("T-21", "TBL-023", "表6-1 方案实施计划表", (NE("NUM-003", "T-21"), NE("NUM-017", "T-21"), NE("NUM-018", "T-19c"), NE("NUM-022", "T-21"))),
    ("T-24", "TBL-024", "表7-1 持续清洁生产计划表", ()),
]

_ACC_TABLES = [
    ("A-1", "TBL-101", "表1-1 企业基本情况表", "warning", ()),
    ("A-2", "TBL-102", "表2-1 评估意见整改落实表", "error", ()),
    ("A-3", "TBL-103", "表3-1 无/低费方案实施情况汇总表", "error", (NE("NUM-031", "A-3"), NE("NUM-039", "A-3"), NE("NUM-042", "A-3"))),
    ("A-4", "TBL-104", "表3-2 中/高费方案实施情况表", "error", (NE("NUM-032", "A-4"), NE("NUM-039", "A-3"), NE("NUM-043", "A-4"))),
    ("A-5", "TBL-105", "表4-1 重点企业清洁生产审核绩效表", "error",
     (NE("NUM-033", "A-5"), NE("NUM-034", "A-5"), NE("NUM-035", "A-5"), NE("NUM-040", "A-5"), NE("NUM-041", "A-5"))),
    ("A-6", "TBL-106", "表4-2 方案实施前后监测数据对比表", "error", (NE("NUM-036", "A-6"), NE("NUM-037", "A-6"))),
    ("A-7", "TBL-107", "表5-1 清洁生产目标完成情况表", "error", (NE("NUM-038", "A-7"),)),
    ("A-8", "TBL-108", "表6-1 清洁生产水平对标表（审核前后）", "error", ()),
    ("A-9", "TBL-109", "表7-1 持续清洁生产计划表", "warning", ()),
]


_TABLE_NOTES = {
    "T-13": "只删表3-1 时，表3-2（VOCs 平衡表）仍被识别为物料平衡表（T-13），故两张平衡表一并删除。",
    "T-16": "NUM-017 比对表4-1 与表6-1 的投资，缺表4-1 即无法核查。",
    "T-21": "NUM-018 比对表5-3 与表6-1 的投资，缺表6-1 即无法核查。",
}


def _table_defects() -> list[Defect]:
    out = []
    for tid, rule, captions, more in _EVAL_TABLES:
        sev = "warning" if rule == "TBL-024" else "error"
        captions = (captions,) if isinstance(captions, str) else captions
        shown = "」「".join(captions)
        out.append(Defect(f"missing-{tid.lower().replace('-', '')}", FC, "evaluation",
                          doc(*(table_gone(c) for c in captions)), (E(rule, tid, sev), *more),
                          f"「{shown}」连同表题和表注删除：{rule} 报告缺少 {tid}；读取该表的数值规则无法核查（not_evaluable）。"
                          + (_TABLE_NOTES.get(tid, ""))))
    for aid, rule, caption, sev, more in _ACC_TABLES:
        out.append(Defect(f"acceptance-missing-{aid.lower().replace('-', '')}", FC, "acceptance", doc(table_gone(caption)),
                          (E(rule, aid, sev), *more),
                          f"「{caption}」连同表题和表注删除：{rule} 报告缺少 {aid}。"))
    return out


DEFECTS: list[Defect] = [
    # ── sections ──
    Defect("missing-s3", FC, "evaluation", doc(delete_heading("审核")),
           (E("SEC-001", "S3"),),
           "删除第三章“审核”的章标题（内容并入上一章）：七个阶段缺 S3。"),
    Defect("chapters-out-of-order", FC, "evaluation", doc(swap_headings("方案的产生和筛选", "可行性分析")),
           (E("SEC-001", "S5"), E("TBL-016", "T-16", "warning"), E("TBL-017", "T-17", "warning"),
            E("TBL-018", "T-18", "warning")),
           "第四章与第五章标题互换（可行性分析写在方案的产生和筛选之前）：S5 出现在 S4 之前，顺序错误（SEC-001）；"
           "表4-1、4-2、4-3 应在 S4 章，现位于标为“可行性分析”的章（TBL-016/017/018 位置警告）。"
           "表5-x 不报位置：S5 因顺序错误未被确认，规则不以它为比较基准。"),
    Defect("acceptance-missing-ac4", FC, "acceptance", doc(delete_heading("清洁生产绩效")),
           (E("SEC-101", "AC4"),),
           "验收报告删除“清洁生产绩效”章标题：其内容并入第三章。小节「3.3 方案实施绩效汇总」与别名「方案实施绩效」"
           "相似度 86，但低一级的标题只在别名完全相同或结尾相同时才算作该章，仅相似不算：缺 AC4，报错误。"),
    Defect("acceptance-missing-ac8", FC, "acceptance", doc(delete_heading("结论")),
           (E("SEC-101", "AC8"),),
           "验收报告删除第八章“结论”章标题：缺 AC8（应位于持续清洁生产之后）。"),
    *_table_defects(),
    # ── fields / placeholders / seals ──
    Defect("cover-name-blank", FC, "evaluation", doc(para(FC_COVER_NAME, "企业名称（盖章）：")),
           (E("FLD-001", "F-enterprise-name"),),
           "封面“企业名称（盖章）：”后留空：FLD-001（封面）报告；封二的 FLD-002 只读“单位名称”，不重复报告。"),
    Defect("cover-name-xxx", FC, "evaluation", doc(para(FC_COVER_NAME, "企业名称（盖章）：XXX有限公司")),
           (E("FLD-001", "F-enterprise-name"), E("TPL-001", "DOC")),
           "封面企业名称写成模板占位“XXX有限公司”：字段未填（FLD-001），同时是残留占位符（TPL-001）。"),
    Defect("placeholder-xxx-paragraph", FC, "evaluation", doc(para("企业基本情况见表2-1。", "XXX有限公司基本情况见表2-1。")),
           (E("TPL-001", "DOC"),),
           "正文一段写成“XXX有限公司基本情况见表2-1。”：模板占位符残留。"),
    Defect("responsibility-cert-removed", FC, "evaluation",
           doc(row_cell("审核师姓名及证书编号", 1, FC_CERTS, "黄永康；马晓琳；邵俊杰")),
           (E("FLD-003", "F-auditor-cert"),),
           "封二“审核师姓名及证书编号”只剩姓名：上海规则包中 FLD-003 为 error（全国包为 warning）。"),
    Defect("responsibility-compilers-blank", FC, "evaluation",
           doc(row_cell("报告编制人员", 1, "马晓琳、邵俊杰、钱文斌", "")),
           (E("FLD-002", "F-compiled-by"),),
           "封二“报告编制人员”一栏留空。"),
    Defect("name-mismatch-header", FC, "evaluation", header(FC_NAME, "上海澄林精细化工有限公司"),
           (E("FLD-004", "F-enterprise-name", "warning"),),
           "页眉中的企业名称与封面不一致（澄霖→澄林，化学品→化工）。"),
    Defect("cover-no-seal-place", FC, "evaluation", doc(*UNMARK_FC),
           (E("SEAL-001", "F-seal", "warning"),),
           "删除封面盖章框，并把“企业名称（盖章）”改为“企业名称”：既无印章图片，也没有标出盖章位置。"),
    Defect("cover-seal-image", FC, "evaluation", chain(doc(*UNMARK_FC), cover_image(f"企业名称：{FC_NAME}")),
           (),
           "封面放入一张 40×40 mm 的图片（扫描的公章）：SEAL-001 只给出 info 提示（请人工核实），无错误和警告。"),
    Defect("shanghai-final-unsealed", FC, "evaluation", doc(para("（评估）", "（评估报告终稿）"), *UNMARK_FC),
           (E("SEAL-002", "F-seal"), E("SEAL-001", "F-seal", "warning")),
           "封面标为“评估报告终稿”，但没有印章图片也没有盖章位置：上海 SEAL-002 为 error，全国 SEAL-001 为 warning。"),
    Defect("shanghai-final-seal-image", FC, "evaluation",
           chain(doc(para("（评估）", "（评估报告终稿）"), *UNMARK_FC), cover_image(f"企业名称：{FC_NAME}")),
           (),
           "终稿封面有 40×40 mm 的印章图片：SEAL-001/SEAL-002 只给 info 提示。"),
    Defect("shanghai-acceptance-final-unsealed", FC, "acceptance", doc(para("（验收）", "（终稿）"), *UNMARK_FC),
           (E("SEAL-003", "F-seal"), E("SEAL-001", "F-seal", "warning")),
           "验收报告封面标为“终稿”，无印章图片、无盖章位置：上海 SEAL-003 为 error。"),
    Defect("shanghai-no-annex1", FC, "evaluation", doc(para("附件9：审核咨询服务机构基本情况表及审核师证书", "")),
           (E("ARC-201", "Z-4", "warning"),),
           "附件清单中删去“附件9：审核咨询服务机构基本情况表及审核师证书”，而封面写有咨询机构：上海 ARC-201。"),
    Defect("shanghai-acceptance-no-performance-table", FC, "acceptance",
           doc(para("附件4：清洁生产审核绩效表（盖章）", ""),
               para("表4-1 重点企业清洁生产审核绩效表", "表4-1 清洁生产审核成效汇总表")),
           (E("ARC-202", "Z-13", "warning"),),
           "删去附件“清洁生产审核绩效表”，正文表题改为“清洁生产审核成效汇总表”：报告不再提及绩效表（ARC-202）。"),
    Defect("shanghai-acceptance-no-declaration", FC, "acceptance", doc(para("附件5：企业自我声明（盖章）", "")),
           (E("ARC-203", "Z-14", "warning"),),
           "删去附件“企业自我声明”：上海 ARC-203。"),
    Defect("responsibility-cert-removed-national", EP, "evaluation",
           doc(row_cell("审核师姓名及证书编号", 1, EP_CERTS, "邵明哲；戴文静；朱浩然")),
           (E("FLD-003", "F-auditor-cert", "warning"),),
           "全国规则包：封二“审核师姓名及证书编号”只剩姓名，FLD-003 为 warning。"),
    Defect("acceptance-cert-removed-national", EP, "acceptance",
           doc(row_cell("审核师姓名及证书编号", 1, EP_CERTS, "邵明哲；戴文静；朱浩然")),
           (E("FLD-003", "F-auditor-cert", "warning"),),
           "验收报告（全国包）封二审核师只剩姓名：FLD-003 warning。"),
    Defect("shanghai-acceptance-cert-removed", FC, "acceptance",
           doc(row_cell("审核师姓名及证书编号", 1, FC_CERTS, "黄永康；马晓琳；邵俊杰")),
           (E("FLD-003", "F-auditor-cert"),),
           "验收报告（上海包）封二审核师只剩姓名：上海 FLD-003 为 error。"),
    Defect("acceptance-responsibility-compilers-blank", FC, "acceptance",
           doc(row_cell("报告编制人员", 1, "马晓琳、邵俊杰、钱文斌", "")),
           (E("FLD-002", "F-compiled-by"),),
           "验收报告封二“报告编制人员”一栏留空。"),
    Defect("acceptance-cover-name-xxx", FC, "acceptance", doc(para(FC_COVER_NAME, "企业名称（盖章）：XXX有限公司")),
           (E("FLD-001", "F-enterprise-name"), E("TPL-001", "DOC")),
           "验收报告封面企业名称写成“XXX有限公司”：FLD-001、TPL-001。"),
    Defect("acceptance-name-mismatch-header", FC, "acceptance", header(FC_NAME, "上海澄林精细化工有限公司"),
           (E("FLD-004", "F-enterprise-name", "warning"),),
           "验收报告页眉中的企业名称与封面不一致。"),
    # ── dates ──
    Defect("impossible-date", FC, "evaluation", doc(replace("于2024年5月17日正式启动", "于2024年2月30日正式启动")),
           (E("DAT-001", "DOC", "warning"),),
           "正文启动日期写成 2024年2月30日：2024 年 2 月只有 29 天。"),
    Defect("report-date-before-start", FC, "evaluation", doc(row_cell("日期", 1, "2025年2月28日", "2024年4月30日")),
           (E("DAT-002", "F-date"),),
           "封二日期改为 2024年4月30日，早于正文所述审核启动日期 2024年5月17日。"),
    Defect("work-plan-out-of-order", FC, "evaluation", doc(row_cell("3.审核", 2, "2024年10月31日", "2024年7月31日")),
           (E("DAT-003", "T-2", "warning"),),
           "审核工作计划表中“3.审核”阶段完成时间改为 2024年7月31日，早于“2.预审核”的 2024年8月20日。"),
    Defect("shanghai-late-start", FC, "evaluation", doc(replace("被列入2024年3月20日公布的", "被列入2024年3月10日公布的")),
           (E("DL-001", "DOC", "warning"),),
           "名单公布日期 2024年3月20日 改为 2024年3月10日：启动期限 2024年3月10日 + 2 个月 = 2024年5月10日，"
           "正文“于2024年5月17日正式启动本轮”晚 7 天（DL-001 warning）。评估申请（工作计划表“…并申请评估”行 "
           "2025年3月3日）仍在一年期限 2025年3月10日 之内，DL-002 不报。"),
    Defect("shanghai-late-evaluation", FC, "evaluation", doc(row_cell("6.方案实施", 2, "2025年3月3日", "2025年4月3日")),
           (E("DL-002", "DOC", "warning"),),
           "审核工作计划表“制定方案实施计划，编写清洁生产审核报告并申请评估”一行的完成时间 2025年3月3日 改为 2025年4月3日："
           "名单公布 2024年3月20日 + 12 个月 = 2025年3月20日，评估申请晚 14 天（DL-002 warning）。"
           "“6.方案实施”阶段的完成时间取其各行最晚者 2026年3月31日，不变，DAT-003 不受影响。"),
    Defect("acceptance-impossible-date", FC, "acceptance",
           doc(replace("2025年3月27日，区生态环境局组织专家", "2025年2月29日，区生态环境局组织专家")),
           (E("DAT-001", "DOC", "warning"),),
           "验收报告第一章“2025年3月27日，区生态环境局组织专家…现场评估”的日期改为 2025年2月29日：2025 年不是闰年，2 月只有 28 天（DAT-001 warning）。"
           "评估时间的其他出处（基本情况表、绩效表注）未改；该日期不是审核启动或报告日期，DAT-002 不受影响。"),
    Defect("acceptance-work-plan-out-of-order", EP, "acceptance",
           work_plan_in_acceptance(EP, "3.审核", "2024年9月13日", "2024年6月13日", caption="审核工作计划表（回顾）"),
           (E("DAT-003", "T-2", "warning"),),
           "验收报告（全国包）“2.1 审核过程简述”下插入评估报告的审核工作计划表，并把“3.审核”阶段的完成时间"
           " 2024年9月13日 改为 2024年6月13日：早于“2.预审核”的 2024年6月28日（DAT-003 warning）。"
           "验收报告本身不要求此表（无此表时 DAT-003 不适用）；有此表时同样须按阶段顺序。"),
    Defect("shanghai-late-acceptance", FC, "acceptance", doc(replace("企业于2024年5月17日启动本轮", "企业于2024年3月17日启动本轮")),
           (E("DL-003", "DOC", "warning"),),
           "验收报告正文审核启动日期 2024年5月17日 改为 2024年3月17日：验收期限 2024年3月17日 + 24 个月 = 2026年3月17日；"
           "报告未写现场验收日期，以企业基本情况表“验收申请时间 2026年4月20日”为下限，已晚 34 天（DL-003 warning）。"
           "报告日期 2026年4月15日 仍在启动之后，DAT-002 不报。"),
    Defect("acceptance-report-date-before-start", FC, "acceptance", doc(row_cell("日期", 1, "2026年4月15日", "2024年4月30日")),
           (E("DAT-002", "F-date"),),
           "验收报告封二日期 2026年4月15日 改为 2024年4月30日：早于正文和基本情况表所述审核启动日期 2024年5月17日（DAT-002）。"
           "渲染的验收报告没有审核工作计划表（T-2），DAT-003 在此不适用；其失败文档见 acceptance-work-plan-out-of-order。"),
    # ── numbers (evaluation) ──
    Defect("num-002-low-cost-total-changed", FC, "evaluation", doc(cell("表4-3", "合计", "70.90", "72.90")),
           (E("NUM-002", "T-18"), *[E("NUM-021", "T-18")] * 3),
           "表4-3 投资合计 70.90→72.90：W-1…W-14 之和 3.20+0.60+7.60+6.30+8.40+2.40+7.50+8.80+0.50+1.60+9.50+6.20+3.80+4.50 = 70.90；正文三处写“70.90万元”（已实施14项实际投资、累计投资、投资），均与改后的 72.90 不符（NUM-021 ×3）。"),
    Defect("num-004-energy-total-changed", FC, "evaluation", doc(cell("表2-4", "综合能耗", "4772.16", "4872.16")),
           (E("NUM-004", "T-7e"), *[E("NUM-019", "T-7e")] * 4),
           "表2-4 2023 年综合能耗 4772.16→4872.16：1079.06 + 701.87 + 2991.24 = 4772.17（容差 ±0.020）；正文四处“综合能耗4772.16 tce”与改后的 4872.16 不符（NUM-019 ×4）。"),
    Defect("num-005-coal-product-wrong", FC, "evaluation", doc(cell("表2-4", "电力", "1079.06", "1097.06")),
           (E("NUM-005", "T-7e"), E("NUM-004", "T-7e")),
           "表2-4 电力 2023 年折标准煤 1079.06→1097.06：878.00 万kWh × 0.1229 kgce/kWh = 1079.06 tce（NUM-005）；"
           "合计 4772.16 也不再等于 1097.06 + 701.87 + 2991.24 = 4790.17（NUM-004）。"),
    Defect("num-006-factor-not-standard", FC, "evaluation", doc(cell("表2-4", "电力", "0.1229 kgce/kWh", "0.1329 kgce/kWh")),
           (E("NUM-006", "T-7e", "warning"), E("NUM-005", "T-7e"), E("NUM-005", "T-7e"), E("NUM-005", "T-7e")),
           "表2-4 电力折标系数 0.1229→0.1329 kgce/kWh：与 GB/T 2589-2020 当量值不符（NUM-006 warning）；"
           "三年的折标准煤按 0.1329 重算均不等于表中数（812.00、…万kWh × 0.1329），NUM-005 三处。"),
    Defect("num-009-target-reduction-wrong", FC, "evaluation", doc(cell("表2-14", "水重复利用率", "0.9", "1.9")),
           (E("NUM-009", "T-12"),),
           "表2-14 水重复利用率 93.1→94.0 的提高量 0.9 改为 1.9：|93.1 − 94.0| = 0.9（容差 ±0.15）。"),
    Defect("num-012-balance-total-changed", FC, "evaluation", doc(cell("表3-1", "输入总计", "2226.00", "2262.00")),
           (E("NUM-012", "T-13"), E("NUM-012", "T-13"), E("NUM-012", "T-13")),
           "表3-1 输入总计 2226.00→2262.00：Σ输入 = 931+676+323+118+82+96 = 2226.00；差值 2262.00 − 2207.20 = 54.80 ≠ 18.80；"
           "偏差率 54.80/2262.00 = 2.42% ≠ 0.8%：三处。"),
    Defect("num-013-balance-over-tolerance", FC, "evaluation",
           doc(cell("表3-1", "UV-531成品", "1320.00", "1020.00"), cell("表3-1", "输出总计", "2207.20", "1907.20"),
               cell("表3-1", "差值（输入总计−输出总计）", "18.80", "318.80"), cell("表3-1", "偏差率", "0.8%", "14.3%")),
           (E("NUM-013", "T-13", "warning"),),
           "表3-1 产品 1320→1020 并相应改输出总计、差值、偏差率：表内自洽，但偏差率 318.80/2226.00 = 14.32% > 5%。"),
    Defect("num-014-score-changed", FC, "evaluation", doc(cell("表2-13", "总分 Σ(R×W)", "350", "330")),
           (E("NUM-014", "T-11"),),
           "表2-13 合成一车间总分 350→330：10×9 + 8×8 + 8×9 + 7×9 + 5×9 + 2×8 = 350。"),
    Defect("num-014-focus-not-top", FC, "evaluation",
           doc(replace("确定「合成一车间（UV-531生产线）」为本轮审核重点", "确定「合成二车间（光稳定剂770、抗氧剂1076生产线）」为本轮审核重点")),
           (E("NUM-014", "T-11"),),
           "正文确定的审核重点改为合成二车间（290 分，第 2 位），而非总分最高的合成一车间（350 分），且无说明。"),
    Defect("num-015-npv-changed", FC, "evaluation", doc(cell("表5-3", "Z-1", "50.06", "60.06")),
           (E("NUM-015", "T-19c"), E("NUM-015", "T-19c")),
           "表5-3 Z-1 净现值 50.06→60.06：32.50 × 6.7101 − 168.00 = 50.08（容差 ±0.044）；NPVR 60.06/168.00 = 35.75% ≠ 29.8%。"),
    Defect("num-016-count-sentence-changed", FC, "evaluation",
           doc(replace("其中无/低费方案14项、中/高费方案3项，预计总投资", "其中无/低费方案12项、中/高费方案3项，预计总投资")),
           (E("NUM-016", "T-16"),),
           "正文“无/低费方案14项”改为 12 项：表4-1 列出 W-1…W-14 共 14 项。"),
    Defect("num-017-plan-investment-differs", FC, "evaluation", doc(cell("表6-1", "Z-2", "285.00", "258.00")),
           (E("NUM-017", "T-21"), E("NUM-018", "T-19c"), E("NUM-003", "T-21")),
           "表6-1 Z-2 投资 285.00→258.00：与表4-1（NUM-017）、表5-3（NUM-018）的 285.00 不符，表6-1 合计 591.00 也不再是各行之和（NUM-003）。"),
    Defect("num-020-total-investment-text-differs", FC, "evaluation", doc(replace("预计总投资662.50万元", "预计总投资626.50万元")),
           (E("NUM-020", "T-16"),),
           "正文“预计总投资662.50万元”改为 626.50：表4-1 合计 662.50 万元。"),
    Defect("num-001-options-total-changed", FC, "evaluation", doc(cell("表4-1", "合计", "252.26", "262.26")),
           (E("NUM-001", "T-16"),),
           "表4-1 经济效益合计 252.26→262.26：W-1…W-14 之和 1.40+3.10+2.04+4.16+4.10+2.02+26.60+7.05+2.93+0.00+13.47+3.44+12.66+6.56 = 89.53，"
           "Z-1…Z-3 之和 37.73+63.00+62.00 = 162.73，合计 89.53 + 162.73 = 252.26 ≠ 262.26（NUM-001）。"
           "改经济效益而非投资合计：投资合计 662.50 还被 NUM-020（正文“预计总投资”）读取，经济效益合计无其他规则读取，故只有一条。"),
    Defect("num-010-target-rate-wrong", FC, "evaluation", doc(cell("表2-14", "单位产品新鲜水耗", "11.7%", "17.1%")),
           (E("NUM-010", "T-12"),),
           "表2-14 单位产品新鲜水耗削减率 11.7%→17.1%：(26.62 − 23.5) / 26.62 = 3.12 / 26.62 = 11.72%（按一位小数显示精度应为 11.7%），"
           "与 17.1% 不符（NUM-010）；削减量 3.12 未改，NUM-009 仍通过。"),
    Defect("num-011-environment-change-wrong", FC, "evaluation", doc(cell("表5-2", "全厂新鲜水用量", "-6500", "-5600")),
           (E("NUM-011", "T-19b"),),
           "表5-2 Z-1 全厂新鲜水用量变化量 -6500→-5600：实施后 − 实施前 = 97300 − 103800 = -6500 ≠ -5600（NUM-011）。"
           "该行的实施前、实施后未改，其他规则不读取变化量列。"),
    Defect("num-022-plan-funds-text-differs", FC, "evaluation", doc(replace("所需资金591.00万元", "所需资金519.00万元")),
           (E("NUM-022", "T-21"),),
           "正文“所需资金591.00万元”改为 519.00：表6-1 合计 168.00 + 285.00 + 138.00 = 591.00 万元，与 519.00 不符（NUM-022）；"
           "表6-1 本身未改，NUM-003/017/018 仍通过。"),
    Defect("num-007-water-total-changed", FC, "evaluation", doc(cell("表2-5", "新鲜水合计", "103800", "104800")),
           (E("NUM-007", "T-7w"),),
           "表2-5 2023 年新鲜水合计 103800→104800：只有自来水一行 103800 m³。"),
    Defect("num-008-water-balance-total-changed", FC, "evaluation", doc(cell("表3-3", "合计", "42210", "42310")),
           (E("NUM-008", "T-14"),),
           "表3-3 损耗合计 42210→42310：700+450+360+860+34000+1600+1530+110+2600 = 42210。"),
    # ── numbers (acceptance) ──
    Defect("num-031-a3-total-changed", FC, "acceptance", doc(cell("表3-1", "合计", "85.57", "87.57")),
           (E("NUM-031", "A-3"),),
           "表3-1 经济效益合计 85.57→87.57：W-1…W-14 之和 1.26+2.75+1.90+4.07+3.95+1.88+25.76+6.72+2.79+0.00+12.96+3.28+12.10+6.15 = 85.57 ≠ 87.57（NUM-031）。"
           "改经济效益而非投资合计：投资合计 70.90 还被 NUM-042（正文和绩效表注的无/低费方案投资）读取，经济效益合计无其他规则读取，故只有一条。"),
    Defect("num-032-a4-total-changed", FC, "acceptance", doc(cell("表3-2", "合计", "591.00", "519.00")),
           (E("NUM-032", "A-4"),),
           "表3-2 计划投资合计 591.00→519.00：168.00 + 285.00 + 138.00 = 591.00 ≠ 519.00（NUM-032）。"
           "改计划投资而非实际投资合计：实际投资合计 588.50 还被 NUM-043（绩效表注的中/高费方案投资）读取，计划投资合计无其他规则读取。"),
    Defect("num-036-monitoring-reduction-changed", FC, "acceptance", doc(cell("表4-2", "COD", "253", "255")),
           (E("NUM-036", "A-6"),),
           "表4-2 COD（DW001）实施后 253→255 mg/L：实施前 − 实施后 = 286 − 255 = 31 ≠ 表中削减量 33（NUM-036）。"
           "削减量 33 与实施前 286 未改，削减率 33/286 = 11.54% 仍与 11.5% 相符，NUM-037 不报。"),
    Defect("num-037-monitoring-rate-changed", FC, "acceptance", doc(cell("表4-2", "COD", "11.5%", "15.5%")),
           (E("NUM-037", "A-6"),),
           "表4-2 COD（DW001）削减率 11.5%→15.5%：削减量 / 实施前 = 33 / 286 = 11.54%（一位小数 11.5%）≠ 15.5%（NUM-037）；"
           "实施前、实施后、削减量未改，NUM-036 仍通过。"),
    Defect("num-041-energy-after-text-differs", FC, "acceptance", doc(replace("降至4230.23 tce/a", "降至4320.23 tce/a")),
           (E("NUM-041", "A-5"),),
           "正文“综合能耗由4772.16 tce/a降至4230.23 tce/a”中审核后值改为 4320.23：表4-1 综合能耗审核后 4230.23 tce/a，不一致（NUM-041）。"
           "审核前 4772.16 未改，NUM-040 仍通过。"),
    Defect("num-042-a3-investment-text-differs", FC, "acceptance",
           doc(replace("已实施14项，实际投资70.90万元", "已实施14项，实际投资79.00万元")),
           (E("NUM-042", "A-3"),),
           "正文“14项无/低费方案已实施14项，实际投资70.90万元”改为 79.00 万元：表3-1 投资合计 "
           "3.20+0.60+7.60+6.30+8.40+2.40+7.50+8.80+0.50+1.60+9.50+6.20+3.80+4.50 = 70.90 万元，不一致（NUM-042 一条）；"
           "绩效表注“无/低费方案 14 项，投资 70.90 万元”未改，与表一致，不另报。"),
    Defect("num-043-a4-investment-text-differs", FC, "acceptance",
           doc(replace("中/高费方案 3 项，投资 588.50 万元", "中/高费方案 3 项，投资 585.80 万元")),
           (E("NUM-043", "A-4"),),
           "绩效表注“中/高费方案 3 项，投资 588.50 万元”改为 585.80 万元：表3-2 实际投资合计 172.60 + 279.40 + 136.50 = 588.50 万元，"
           "不一致（NUM-043）。表3-2 未改，NUM-032 仍通过。"),
    Defect("num-033-benefit-total-changed", FC, "acceptance", doc(cell("表4-1", "经济效益合计", "237.79", "247.79")),
           (E("NUM-033", "A-5"),),
           "表4-1 经济效益合计 237.79→247.79：191.52 + 46.27 = 237.79。"),
    Defect("num-034-reduction-changed", FC, "acceptance", doc(cell("表4-1", "综合能耗", "541.93", "551.93")),
           (E("NUM-034", "A-5"), E("NUM-035", "A-5")),
           "表4-1 综合能耗削减量 541.93→551.93：4772.16 − 4230.23 = 541.93（NUM-034）；表中削减率按 551.93/4772.16 = 11.57% 也不再相符（NUM-035）。"),
    Defect("num-035-rate-changed", FC, "acceptance", doc(cell("表4-1", "COD", "23.7%", "32.7%")),
           (E("NUM-035", "A-5"),),
           "表4-1 COD 削减率 23.7%→32.7%：4.10/17.29 = 23.71%。"),
    Defect("num-038-achievement-rate-changed", FC, "acceptance", doc(cell("表5-1", "单位产品综合能耗", "135.6%", "153.6%")),
           (E("NUM-038", "A-7"),),
           "表5-1 单位产品综合能耗目标完成率 135.6%→153.6%：(1.224 − 1.083)/(1.224 − 1.12) = 135.58%。"),
    Defect("num-039-a3-count-changed", FC, "acceptance", doc(cell("表3-1", "合计", "共 14 项", "共 13 项")),
           (E("NUM-039", "A-3"),),
           "表3-1 合计行“共 14 项”改为“共 13 项”：表中列出 14 项。"),
    Defect("num-040-energy-before-text-differs", FC, "acceptance", doc(replace("综合能耗由4772.16 tce/a", "综合能耗由4727.16 tce/a")),
           (E("NUM-040", "A-5"),),
           "正文“综合能耗由4772.16 tce/a”改为 4727.16：表4-1 审核前 4772.16 tce/a。"),
]


def defect(name: str) -> Defect:
    for d in DEFECTS:
        if d.name == name:
            return d
    raise KeyError(name)
