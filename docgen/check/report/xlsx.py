"""The XLSX workbook for a whole run (openpyxl): the bureau's batch view.

Sheet 「问题清单」: one row per finding — 文件, 规则, 类别, 对象, 严重程度, 状态, 审查要点, 位置, 说明,
依据, 建议. Sheet 「文件汇总」: one row per document — 文件, 规则包, 结论, 错误, 警告, 提示, 无法审查.
The sheet names and columns are a stable contract (people build filters and pivot tables on
them); values are Chinese labels, and waived findings show the state 已豁免 and are not counted.
"""

from __future__ import annotations

from io import BytesIO

from docgen.check.report.labels import (
    VERDICT_ZH,
    category_zh,
    location_zh,
    severity_zh,
    status_zh,
    target_zh,
)
from docgen.check.report.order import sort_key

FINDINGS_SHEET = "问题清单"
SUMMARY_SHEET = "文件汇总"
FINDING_COLUMNS = ("文件", "规则", "类别", "对象", "严重程度", "状态", "审查要点", "位置", "说明", "依据", "建议")
SUMMARY_COLUMNS = ("文件", "规则包", "结论", "错误", "警告", "提示", "无法审查")
_WIDTHS = {"文件": 28, "规则": 10, "类别": 8, "对象": 18, "严重程度": 8, "状态": 10, "审查要点": 30, "位置": 36,
           "说明": 50, "依据": 40, "建议": 40, "规则包": 30, "结论": 10, "错误": 8, "警告": 8, "提示": 8, "无法审查": 10}


def _sheet(wb, title: str, columns: tuple[str, ...], first: bool):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(list(columns))
    for i, name in enumerate(columns, 1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(name, 12)
    ws.freeze_panes = "A2"
    return ws


def _append(ws, values: list) -> None:
    """Append a row of plain values: text from a submitted document is never a formula (a heading
    "=HYPERLINK(…)" stays text) and never carries control characters Excel rejects."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _status(f) -> str:
    if f.waived:
        return f"已豁免：{f.waived.get('justification', '')}"
    return status_zh(f)


def render_xlsx(checked_documents: list) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    findings = _sheet(wb, FINDINGS_SHEET, FINDING_COLUMNS, first=True)
    summary = _sheet(wb, SUMMARY_SHEET, SUMMARY_COLUMNS, first=False)
    for checked in checked_documents:
        res = checked.result
        for f in sorted(res.findings, key=lambda f: sort_key(f, checked.outline)):
            _append(findings, [res.file, f.rule, category_zh(f.category), target_zh(f), severity_zh(f.severity), _status(f),
                             f.review_point, location_zh(f.location), f.message, f.evidence, f.suggestion])
        c = res.counts
        _append(summary, [res.file, f"{res.profile.get('id')} {res.profile.get('version')}",
                        VERDICT_ZH.get(res.verdict, res.verdict), c.get("error", 0), c.get("warning", 0), c.get("info", 0),
                        c.get("not_evaluable", 0)])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in findings.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    for ws, columns in ((findings, FINDING_COLUMNS), (summary, SUMMARY_COLUMNS)):
        ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(columns)).column_letter}{max(ws.max_row, 1)}"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
