"""The 强制性清洁生产审核评估、验收档案材料清单 (附表2) filled in with the status of every item.

Layout: the source's columns 阶段 | 项目名称 | 序号 | 备案资料 (seed 003), the 阶段 and 项目名称
cells merged down their block as printed, plus what the clerk needs to tick the list off:
盖章要求, 状态 (已归档 / 缺失 / 不需要), and 文件（来源）. Files that could not be assigned to an
item are listed below the table — they are neither filed nor silently dropped.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from docgen.archive import sheet
from docgen.archive.items import ArchiveList
from docgen.archive.manifest import SOURCE_ZH, STATUS_ZH, Manifest
from docgen.numfmt import fmt_date

# column widths (twips) over the text width; the last column takes the rest
_WIDTHS = (900, 900, 500, 1700, 1100, 700)


def _status(item) -> str:
    text = STATUS_ZH[item.status]
    return f"{text}（{item.note}）" if item.note and item.status != "present" else text


def _files(item) -> list[str]:
    if not item.files:
        return [sheet.para("—", jc="center")]
    return [sheet.para(f"{f.path.rsplit('/', 1)[-1]}（{SOURCE_ZH[f.source]}）") for f in item.files]


def checklist_docx(manifest: Manifest, archive: ArchiveList, date: dt.date) -> bytes:
    width = sheet.text_width_twips()
    last = width - sum(_WIDTHS)
    w_stage, w_group, w_no, w_title, w_seal, w_status = _WIDTHS
    rows = [sheet.row(*(sheet.label(t, w) for t, w in zip(
        ("阶段", "项目名称", "序号", "备案资料", "盖章要求", "状态", "文件（来源）"), (*_WIDTHS, last))), header=True)]
    stages = archive.stages
    for stage_key, stage_items in groupby(manifest.items, key=lambda i: i.stage):
        stage_items = list(stage_items)
        for gi, (group, group_items) in enumerate(groupby(stage_items, key=lambda i: i.group)):
            for ii, item in enumerate(group_items):
                first_of_stage = gi == 0 and ii == 0
                stage_cell = sheet.Cell(w_stage, (sheet.para(stages[stage_key].deadline, jc="center"),),
                                        vmerge="restart" if first_of_stage else "continue")
                group_cell = sheet.Cell(w_group, (sheet.para(group, jc="center"),),
                                        vmerge="restart" if ii == 0 else "continue")
                rows.append(sheet.row(
                    stage_cell, group_cell, sheet.value(str(item.no), w_no, jc="center"),
                    sheet.value(item.title, w_title), sheet.value(item.seal_required or "", w_seal),
                    sheet.value(_status(item), w_status, jc="center"), sheet.box(last, _files(item), valign="center"),
                    split=True))
    e = manifest.enterprise
    spec = stages[manifest.stage]
    dates = manifest.dates
    present = sum(1 for i in manifest.items if i.status == "present")
    missing = [i for i in manifest.items if i.status == "missing"]
    blocks = [
        sheet.title(archive.title),
        sheet.text(f"企业名称：{e.get('name', '')}"),
        sheet.text(f"统一社会信用代码：{e.get('credit_code', '')}"),
        sheet.text(f"归档阶段：{spec.name}（{spec.deadline}）"),
        sheet.text(f"{spec.event_zh}日期：{dates.get('event_date') or '未知'}；归档期限：{dates.get('deadline') or '无法确定'}"),
        sheet.text(f"本阶段档案项：已归档 {present} 项，缺失 {len(missing)} 项"
                   + (f"（{'、'.join(f'{i.id} {i.title}' for i in missing)}）" if missing else "")),
        sheet.form_table(rows),
    ]
    if manifest.unmatched:
        blocks.append(sheet.text("未归入档案项的文件（未放入档案包）：", bold=True))
        blocks += [sheet.text(f"{u['file']}：{u['reason']}") for u in manifest.unmatched]
    blocks.append(sheet.text(f"来源：{archive.source}"))
    blocks += sheet.signature("归档经办人（签字）：", fmt_date(date))
    return sheet.sheet_docx(blocks, doc_title=archive.title, header=f"{e.get('name', '')}清洁生产审核档案", date=date)
