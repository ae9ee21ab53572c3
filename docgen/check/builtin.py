"""The two rules the engine itself reports, defined once: DOC-001 (the file could not be read) and
DOC-002 (PDF pages without a usable text layer). The engine builds their findings from these
definitions; the registry, the SARIF output and the rule docs list them from here too.
"""

from __future__ import annotations

from docgen.check.findings import Finding, FindingLocation
from docgen.check.profile import Rule

BUILTIN_RULES: tuple[Rule, ...] = (
    Rule(code="DOC-001", kind="engine", title_zh="提交的文件可以读取", title_en="The submitted file can be read",
         category="input", severity="error", review_point="文件可读（审查前提）", target_id="DOC", target="提交的文件",
         rationale="读不出内容的文件不能算作通过：文件为空、加密、损坏、格式不支持或结构可疑（压缩炸弹等）时，"
                   "报告整体记为“无法审查”，并说明原因，由提交方换一份可读的文件。",
         examples={"fail": ["0 字节的 .docx", "加密的 DOCX", "扩展名为 .docx 的图片文件"],
                   "pass": ["docgen 生成的任一报告"]}),
    Rule(code="DOC-002", kind="engine", title_zh="PDF 每页都有可用的文字层", title_en="Every PDF page has a usable text layer",
         category="input", severity="warning", review_point="文件可读（审查前提）", target_id="DOC", target="PDF 文字层",
         rationale="扫描页或乱码页上的内容无法审查；列出这些页，避免让人误以为已经审查过（可用 --ocr 识别后复核）。",
         examples={"fail": ["含扫描页的 PDF"], "pass": ["由 Word/WPS 导出的 PDF"]}),
)


def builtin_finding(code: str, message: str, *, evidence: str = "", suggestion: str = "",
                    location: FindingLocation | None = None) -> Finding:
    """A not_evaluable finding of a built-in rule, with the rule's own category, severity and target."""
    rule = next(r for r in BUILTIN_RULES if r.code == code)
    return Finding(rule=rule.code, category=rule.category, target_id=rule.target_id, target=rule.target,
                   severity=rule.severity, status="not_evaluable", review_point=rule.review_point,
                   location=location or FindingLocation(), message=message, evidence=evidence, suggestion=suggestion)
