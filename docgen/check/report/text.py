"""The text report (human only; nobody should parse it — use JSON, JSON Lines or SARIF).

Per document: the file, the rule pack, how it was chosen, the findings grouped by chapter
(``heading_path[0]``) and ordered by location, and a one-line verdict:
"✗ 未通过：3 个错误、1 个警告、0 项无法审查".
"""

from __future__ import annotations

from docgen.check.findings import Finding
from docgen.check.report.labels import location_zh, severity_zh, verdict_line
from docgen.check.report.order import by_chapter

_MARK = {"error": "✗", "warning": "!", "info": "i"}


def _finding_lines(f: Finding) -> list[str]:
    if f.status == "not_evaluable":
        head = f"  ？ 无法审查（{severity_zh(f.severity)}）"
    else:
        head = f"  {_MARK.get(f.severity, '-')} {severity_zh(f.severity)}"
    head += f"  {f.rule}  {f.message}"
    if f.waived:
        head += f"  〔已豁免：{f.waived.get('justification', '')}〕"
    lines = [head, f"      位置：{location_zh(f.location)}"]
    if f.evidence:
        lines.append(f"      依据：{f.evidence}")
    if f.suggestion:
        lines.append(f"      建议：{f.suggestion}")
    lines.append(f"      审查要点：{f.review_point}")
    return lines


def document_text(checked) -> str:
    result = checked.result
    profile = result.profile
    lines = [f"报告：{result.file}", f"规则包：{profile.get('id')} {profile.get('version')}"]
    lines += [f"说明：{note}" for note in result.notes]
    if result.findings:
        for chapter, findings in by_chapter(result.findings, checked.outline):
            lines.append("")
            lines.append(f"【{chapter}】")
            for f in findings:
                lines.extend(_finding_lines(f))
    else:
        lines += ["", "未发现问题。"]
    lines += ["", verdict_line(result)]
    return "\n".join(lines) + "\n"


def render_text(checked_documents: list) -> str:
    text = ("\n" + "─" * 40 + "\n\n").join(document_text(c) for c in checked_documents)
    if len(checked_documents) > 1:
        verdicts = [c.result.verdict for c in checked_documents]
        text += (f"\n共 {len(verdicts)} 份：通过 {verdicts.count('pass')} 份、未通过 {verdicts.count('fail')} 份、"
                 f"无法审查 {verdicts.count('not_evaluable')} 份\n")
    return text
