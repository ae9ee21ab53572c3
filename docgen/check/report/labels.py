"""Chinese labels and human locations shared by the report formats.

Human formats (text, HTML, XLSX) show 1-based table, row and column numbers ("第 3 个表格 第 2 行");
the JSON contract keeps the zero-based indexes of DESIGN.md. Verdict lines follow one pattern
everywhere: "✗ 未通过：3 个错误、1 个警告、0 项无法审查".
"""

from __future__ import annotations

from docgen.check.findings import DocumentResult, Finding, FindingLocation

CATEGORY_ZH = {
    "section": "章节", "order": "顺序", "table": "表格", "field": "字段", "placeholder": "占位符", "numeric": "数值",
    "date": "日期", "deadline": "期限", "seal": "盖章", "archive": "归档", "input": "文件读取",
}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_ZH = {"fail": "不符合", "not_evaluable": "无法审查"}
VERDICT_ZH = {"pass": "通过", "fail": "未通过", "not_evaluable": "无法审查"}
VERDICT_MARK = {"pass": "✓", "fail": "✗", "not_evaluable": "？"}

NO_CHAPTER = "文档整体"


def category_zh(category: str) -> str:
    return CATEGORY_ZH.get(category, category)


def severity_zh(severity: str) -> str:
    return SEVERITY_ZH.get(severity, severity)


def status_zh(finding: Finding) -> str:
    if finding.waived:
        return "已豁免"
    return STATUS_ZH.get(finding.status, finding.status)


def verdict_line(result: DocumentResult) -> str:
    """One line per document: mark, verdict and the counts of unwaived findings."""
    c = result.counts
    line = (f"{VERDICT_MARK.get(result.verdict, '?')} {VERDICT_ZH.get(result.verdict, result.verdict)}："
            f"{c.get('error', 0)} 个错误、{c.get('warning', 0)} 个警告、{c.get('not_evaluable', 0)} 项无法审查")
    if c.get("info"):
        line += f"（另有 {c['info']} 条提示）"
    return line


def place(loc: FindingLocation) -> str:
    """Table / paragraph / page, without the heading path: 第 3 个表格 第 2 行 第 4 列 · 约第 12 页."""
    parts = []
    if loc.table is not None:
        cell = f"第 {loc.table + 1} 个表格"
        if loc.row is not None:
            cell += f" 第 {loc.row + 1} 行"
        if loc.col is not None:
            cell += f" 第 {loc.col + 1} 列"
        parts.append(cell)
    elif loc.paragraph is not None:
        parts.append(f"第 {loc.paragraph + 1} 段")
    if loc.page is not None:
        parts.append(f"约第 {loc.page} 页")
    return " · ".join(parts)


def location_zh(loc: FindingLocation) -> str:
    """The full human location: heading path › place; 文档整体 when nothing more is known."""
    path = " › ".join(loc.heading_path)
    where = place(loc)
    if path and where:
        return f"{path} · {where}"
    return path or where or NO_CHAPTER


def target_zh(finding: Finding) -> str:
    if finding.target_id and finding.target_id != "DOC" and finding.target:
        return f"{finding.target_id} {finding.target}"
    return finding.target or finding.target_id
