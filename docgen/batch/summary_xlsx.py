"""The batch summary workbook (openpyxl): what a bureau filters and pivots on.

Sheets (names and columns are a stable contract):

- 「文件汇总」 one row per document — 文件, 企业, 咨询机构, 阶段, 规则包, 结论, 错误, 警告, 提示, 无法审查,
  one column per finding category (章节 … 文件读取, unwaived findings), 主要问题 (the top findings);
- 「规则统计」 one row per rule that fired — 规则, 标题, 类别, 严重程度, 涉及文件数, 问题条数;
- 「咨询机构统计」 one row per consultancy — 咨询机构, 文件数, 通过, 未通过, 无法审查, 错误, 警告, 常见问题;
- one sheet per rule (named by its code, e.g. ``SEC-001``): the documents it fired on;
- one sheet per consultancy (「机构-」 + the name, cut to Excel's 31 characters): its documents.

Sheet headers, filters and the formula-safe cell writing are the findings workbook's
(docgen.check.report.xlsx), so both workbooks look and behave alike.
"""

from __future__ import annotations

import re
from io import BytesIO

from docgen.batch.summary import NO_CONSULTANCY, stage_zh
from docgen.check.report.labels import CATEGORY_ZH, VERDICT_ZH, category_zh, severity_zh
from docgen.check.report.xlsx import _append, _sheet

DOCUMENTS_SHEET = "文件汇总"
RULES_SHEET = "规则统计"
FIRMS_SHEET = "咨询机构统计"
FIRM_PREFIX = "机构-"
DOCUMENT_COLUMNS = ("文件", "企业", "咨询机构", "阶段", "规则包", "结论", "错误", "警告", "提示", "无法审查",
                    *CATEGORY_ZH.values(), "主要问题")
RULE_COLUMNS = ("规则", "标题", "类别", "严重程度", "涉及文件数", "问题条数")
FIRM_COLUMNS = ("咨询机构", "文件数", "通过", "未通过", "无法审查", "错误", "警告", "常见问题")
HIT_COLUMNS = ("文件", "企业", "咨询机构", "严重程度", "状态", "位置", "说明")
FIRM_DOC_COLUMNS = ("文件", "企业", "阶段", "结论", "错误", "警告", "无法审查", "主要问题")

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name: Excel forbids []:*?/\\ and more than 31 characters, and compares
    names case-insensitively."""
    base = _SHEET_FORBIDDEN.sub("_", wanted).strip("'") or "_"
    name, n = base[:MAX_SHEET_NAME], 2
    while name.lower() in taken:
        suffix = f"~{n}"
        name, n = base[:MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _top(row: dict) -> str:
    return "\n".join(f"{t['rule']} {t['message']}" for t in row["top"])


def _status(hit: dict) -> str:
    return "无法审查" if hit["status"] == "not_evaluable" else "不符合"


def render_summary_xlsx(summary: dict) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    taken = {DOCUMENTS_SHEET, RULES_SHEET, FIRMS_SHEET}
    docs = _sheet(wb, DOCUMENTS_SHEET, DOCUMENT_COLUMNS, first=True)
    for row in summary["documents"]:
        c = row["counts"]
        profile = f"{row['profile'].get('id')} {row['profile'].get('version')}"
        _append(docs, [row["file"], row["enterprise"], row["consultancy"], stage_zh(row["stage"]), profile,
                       VERDICT_ZH.get(row["verdict"], row["verdict"]), c.get("error", 0), c.get("warning", 0),
                       c.get("info", 0), c.get("not_evaluable", 0),
                       *(row["categories"].get(cat, 0) for cat in CATEGORY_ZH), _top(row)])
    rules = _sheet(wb, RULES_SHEET, RULE_COLUMNS, first=False)
    for rule in summary["rules"]:
        _append(rules, [rule["rule"], rule.get("title", ""), category_zh(rule.get("category", "")),
                        severity_zh(rule.get("severity", "")), rule["documents"], rule["findings"]])
    firms = _sheet(wb, FIRMS_SHEET, FIRM_COLUMNS, first=False)
    for firm in summary["consultancies"]:
        common = "、".join(f"{code}（{n}）" for code, n in list(firm["rules"].items())[:5])
        _append(firms, [firm["name"], firm["documents"], firm.get("pass", 0), firm.get("fail", 0),
                        firm.get("not_evaluable", 0), firm["error"], firm["warning"], common])
    for rule in summary["rules"]:
        ws = _sheet(wb, sheet_name(rule["rule"], taken), HIT_COLUMNS, first=False)
        for hit in rule["hits"]:
            _append(ws, [hit["file"], hit["enterprise"], hit["consultancy"], severity_zh(hit["severity"]), _status(hit),
                         hit["location"], hit["message"]])
    for firm in summary["consultancies"]:
        ws = _sheet(wb, sheet_name(FIRM_PREFIX + firm["name"], taken), FIRM_DOC_COLUMNS, first=False)
        for row in summary["documents"]:
            if (row["consultancy"] or NO_CONSULTANCY) != firm["name"]:
                continue
            c = row["counts"]
            _append(ws, [row["file"], row["enterprise"], stage_zh(row["stage"]), VERDICT_ZH.get(row["verdict"], row["verdict"]),
                         c.get("error", 0), c.get("warning", 0), c.get("not_evaluable", 0), _top(row)])
    for ws in wb.worksheets:
        ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=ws.max_column).column_letter}{max(ws.max_row, 1)}"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
