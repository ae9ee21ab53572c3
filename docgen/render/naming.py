"""File names as a consultancy would name them (issue 3): the enterprise name first, then the
document's official title, e.g. 上海某某化工有限公司清洁生产审核报告.docx."""

from __future__ import annotations

import re

from docgen.model import AuditData

REPORT_TITLES = {"evaluation": "清洁生产审核报告", "acceptance": "清洁生产审核验收报告"}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_filename(name: str) -> str:
    """Keep Chinese names intact; drop characters no file system accepts."""
    return _UNSAFE.sub("_", name).strip(" .")


def report_filename(audit: AuditData, kind: str, suffix: str = ".docx") -> str:
    return safe_filename(f"{audit.enterprise.name}{REPORT_TITLES[kind]}") + suffix
