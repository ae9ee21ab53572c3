"""The paper an expert receives, as Word documents in the project's typography (docgen.archive.sheet):

* 封面 (cover sheet): enterprise, stage, consultancy, submission date, the pre-check verdict and counts;
* 预审结果 (pre-check summary): findings grouped by review point (审查要点), each with evidence and
  location — the same wording as ``docgen check`` (docgen.check.report.labels);
* 评分表 (scoring sheet): veto items (否决项) with the checker's candidates and evidence, every
  scoring item with its points and the related findings, the 得分 column left blank — the checker
  pre-fills what it can determine and never scores (docgen.packet.scoring);
* 专家意见单 and 意见修改回复单: blank forms (seed 003 附表2 items 9/19 and 10/21 are these two
  forms, filed after the meeting).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from docgen.archive import sheet
from docgen.check.findings import DocumentResult, Finding
from docgen.check.report.labels import VERDICT_ZH, location_zh, severity_zh, status_zh
from docgen.packet.scoring import Prefilled, ScoringSheet

STAGE_ZH = {"evaluation": "评估", "acceptance": "验收"}
REPORT_ZH = {"evaluation": "清洁生产审核报告", "acceptance": "清洁生产审核验收报告"}


@dataclass
class PacketInfo:
    enterprise: str
    stage: str                  # evaluation | acceptance
    consultancy: str
    submitted: str              # 2025年3月3日 or 未提供
    report_file: str
    profile: str                # id + version
    date: dt.date               # the packet's date (document properties)


def _header(info: PacketInfo) -> str:
    return f"{info.enterprise}{REPORT_ZH.get(info.stage, '')}·专家评审材料"


def _kv(rows: list[tuple[str, str]]) -> sheet.Block:
    w = sheet.text_width_twips()
    left = 2400
    return sheet.form_table([sheet.row(sheet.label(k, left), sheet.value(v, w - left), height=520) for k, v in rows])


def _finding_lines(f: Finding) -> list[str]:
    head = f"[{f.rule}] {severity_zh(f.severity)}（{status_zh(f)}）：{f.message}"
    lines = [head, f"位置：{location_zh(f.location)}"]
    if f.evidence:
        lines.append(f"依据：{f.evidence}")
    return lines


def cover_docx(info: PacketInfo, result: DocumentResult) -> bytes:
    c = result.counts
    stage = STAGE_ZH.get(info.stage, info.stage)
    blocks = [
        sheet.title(f"清洁生产审核{stage}专家评审材料"),
        _kv([
            ("企业名称", info.enterprise),
            ("评审阶段", f"{stage}（{REPORT_ZH.get(info.stage, '')}）"),
            ("审核咨询机构", info.consultancy),
            ("提交日期", info.submitted),
            ("报告文件", info.report_file),
            ("预审规则包", info.profile),
            ("预审结论", VERDICT_ZH.get(result.verdict, result.verdict)),
            ("预审发现", f"错误 {c.get('error', 0)} 项，警告 {c.get('warning', 0)} 项，提示 {c.get('info', 0)} 项，"
                     f"无法审查 {c.get('not_evaluable', 0)} 项"),
        ]),
        sheet.text(""),
        sheet.text("材料目录：一、封面；二、预审结果；三、评分表；四、专家意见单；五、意见修改回复单；六、批注版报告。", bold=False),
        sheet.text("说明：预审由 docgen 按审查规则自动完成，只列出可由文件判断的问题，不代替专家评审；"
                   "评分表中的分数由专家填写。"),
    ]
    return sheet.sheet_docx(blocks, doc_title=f"{info.enterprise}专家评审材料封面", header=_header(info), date=info.date)


def summary_docx(info: PacketInfo, result: DocumentResult) -> bytes:
    findings = [f for f in result.findings if not f.waived]
    blocks = [sheet.title("预审结果"),
              sheet.text(f"{info.enterprise}：{VERDICT_ZH.get(result.verdict, result.verdict)}；共 {len(findings)} 项发现，"
                         "按审查要点分组，每项列出依据与位置。")]
    if not findings:
        blocks.append(sheet.text("未发现问题。"))
    rank = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(findings, key=lambda f: (f.review_point, rank.get(f.severity, 3), f.rule))
    for point, group in groupby(ordered, key=lambda f: f.review_point):
        blocks.append(sheet.heading(point, 2))
        for f in group:
            for i, line in enumerate(_finding_lines(f)):
                blocks.append(sheet.text(line, bold=i == 0))
    waived = [f for f in result.findings if f.waived]
    if waived:
        blocks.append(sheet.heading("已豁免的发现", 2))
        blocks += [sheet.text(f"[{f.rule}] {f.message}（豁免理由：{f.waived.get('justification', '')}）") for f in waived]
    return sheet.sheet_docx(blocks, doc_title=f"{info.enterprise}预审结果", header=_header(info), date=info.date)


def _evidence(pre: Prefilled) -> list[str]:
    if not pre.findings:
        return [sheet.para("—", jc="center")]
    return [sheet.para(f"[{f.rule}] {severity_zh(f.severity)}：{f.message}") for f in pre.findings]


def scoring_docx(info: PacketInfo, scoring: ScoringSheet, veto: list[Prefilled], lines: list[Prefilled]) -> bytes:
    w = sheet.text_width_twips()
    # 否决项：序号 | 否决项 | 预审线索 | 依据 | 是/否（专家）
    vw = (600, 2600, 1100, w - 600 - 2600 - 1100 - 900, 900)
    veto_rows = [sheet.row(*(sheet.label(t, x) for t, x in zip(("序号", "否决项", "预审线索", "预审依据", "是/否"), vw)), header=True)]
    for i, pre in enumerate(veto, 1):
        if pre.candidate:
            clue = "候选（请核实）"
        elif pre.line.rules:
            clue = "未发现线索"
        else:
            clue = "须专家判断"
        veto_rows.append(sheet.row(sheet.value(str(i), vw[0], jc="center"), sheet.value(pre.line.text, vw[1]),
                                   sheet.value(clue, vw[2], jc="center"), sheet.box(vw[3], _evidence(pre), valign="center"),
                                   sheet.value("", vw[4]), split=True))
    # 打分表：类别 | 评分项 | 分值 | 预审发现 | 得分（专家）
    sw = (1300, 2500, 600, w - 1300 - 2500 - 600 - 800, 800)
    score_rows = [sheet.row(*(sheet.label(t, x) for t, x in zip(("类别", "评分项", "分值", "预审发现", "得分"), sw)), header=True)]
    for category, group in groupby(lines, key=lambda p: p.line.category):
        for j, pre in enumerate(group):
            score_rows.append(sheet.row(
                sheet.Cell(sw[0], (sheet.para(category, jc="center"),), vmerge="restart" if j == 0 else "continue"),
                sheet.value(pre.line.text, sw[1]), sheet.value(f"{pre.line.points:g}", sw[2], jc="center"),
                sheet.box(sw[3], _evidence(pre), valign="center"), sheet.value("", sw[4]), split=True))
    score_rows.append(sheet.row(sheet.label("合计", sw[0] + sw[1]), sheet.value(f"{scoring.total:g}", sw[2], jc="center"),
                                sheet.value("", sw[3]), sheet.value("", sw[4])))
    candidates = [p for p in veto if p.candidate]
    blocks = [
        sheet.title(scoring.title),
        sheet.text(f"企业名称：{info.enterprise}　　评审阶段：{STAGE_ZH.get(info.stage, info.stage)}"),
        sheet.text(f"合格标准：无否决项，且总分不低于 {scoring.pass_threshold:g} 分（满分 {scoring.total:g} 分）。"
                   f"预审标出否决项候选 {len(candidates)} 项，须专家核实后在“是/否”栏填写。"),
        sheet.heading("表1 否决项", 2),
        sheet.form_table(veto_rows),
        sheet.heading("表2 评分项", 2),
        sheet.form_table(score_rows),
        sheet.text("“预审发现”为 docgen 自动预审的结果，仅供评分参考；“得分”由专家填写。"),
        sheet.text(f"依据：{scoring.source}"),
    ]
    blocks += sheet.signature("评审专家（签字）：", "日期：　　年　　月　　日")
    return sheet.sheet_docx(blocks, doc_title=scoring.title, header=_header(info), date=info.date)


def opinion_form_docx(info: PacketInfo) -> bytes:
    stage = STAGE_ZH.get(info.stage, info.stage)
    w = sheet.text_width_twips()
    left = 1800
    half = (w - left) // 2
    rows = [
        sheet.row(sheet.label("企业名称", left), sheet.value(info.enterprise, w - left), height=560),
        sheet.row(sheet.label("评审内容", left), sheet.value(f"{REPORT_ZH.get(info.stage, '')}（{stage}）", w - left), height=560),
        sheet.row(sheet.label("专家姓名", left), sheet.value("", half), sheet.label("职称", left // 2),
                  sheet.value("", w - left - half - left // 2), height=560),
        sheet.row(sheet.label("工作单位", left), sheet.value("", w - left), height=560),
        sheet.row(sheet.label("专家意见", left), sheet.box(w - left, [sheet.para() for _ in range(14)]), height=6400, split=True),
        sheet.row(sheet.label("结论", left), sheet.value("□ 通过　　□ 修改后通过　　□ 不通过", w - left), height=560),
    ]
    blocks = [sheet.title(f"清洁生产审核{stage}专家意见单"), sheet.form_table(rows)]
    blocks += sheet.signature("专家（签字）：", "日期：　　年　　月　　日")
    return sheet.sheet_docx(blocks, doc_title=f"{stage}专家意见单", header=_header(info), date=info.date)


def reply_form_docx(info: PacketInfo) -> bytes:
    stage = STAGE_ZH.get(info.stage, info.stage)
    w = sheet.text_width_twips()
    cw = (700, 2900, w - 700 - 2900 - 1300, 1300)
    rows = [sheet.row(*(sheet.label(t, x) for t, x in zip(("序号", "专家意见", "修改说明", "修改位置（页码）"), cw)), header=True)]
    rows += [sheet.row(sheet.value(str(i), cw[0], jc="center"), sheet.value("", cw[1]), sheet.value("", cw[2]),
                       sheet.value("", cw[3]), height=900) for i in range(1, 11)]
    blocks = [sheet.title(f"清洁生产审核{stage}意见修改回复单"),
              sheet.text(f"企业名称：{info.enterprise}"),
              sheet.text(f"审核咨询机构：{info.consultancy}"),
              sheet.form_table(rows)]
    blocks += sheet.signature("企业（盖章）：", "审核咨询机构（盖章）：", "日期：　　年　　月　　日")
    return sheet.sheet_docx(blocks, doc_title=f"{stage}意见修改回复单", header=_header(info), date=info.date)
