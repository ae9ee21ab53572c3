"""Which template files exist and how each is built."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docgen.fsutil import atomic_write_bytes
from docgen.render.template_build.acceptance_report import acceptance_report_blocks
from docgen.render.template_build import forms
from docgen.render.template_build.audit_report import audit_report_blocks
from docgen.render.template_build.package import build_docx
from docgen.industry import templates as industry_templates

#: profile/file name → (builder, title, running header)
TEMPLATES: dict[str, tuple[Callable[[], list], str, str]] = {
    "national/audit-report.docx": (audit_report_blocks, "清洁生产审核报告", "{{ e.name }}清洁生产审核报告"),
    "national/acceptance-report.docx": (acceptance_report_blocks, "清洁生产审核验收报告", "{{ e.name }}清洁生产审核验收报告"),
    # forms (docgen/render/template_build/forms.py, referenced in place so that this dict is all that changes here)
    "shanghai/form-consultancy.docx": (forms.consultancy_form_blocks, "咨询服务机构基本情况表", "{{ e.name }}清洁生产审核"),
    "national/form-work-plan.docx": (forms.work_plan_blocks, "清洁生产审核工作计划", "{{ e.name }}清洁生产审核"),
    "national/form-evaluation-application.docx": (forms.evaluation_application_blocks, "清洁生产审核评估申请表", "{{ e.name }}清洁生产审核"),
    "national/form-acceptance-application.docx": (forms.acceptance_application_blocks, "清洁生产审核验收申请表", "{{ e.name }}清洁生产审核"),
    "national/form-performance.docx": (forms.performance_blocks, "清洁生产审核绩效表", "{{ e.name }}清洁生产审核"),
    "national/form-self-declaration.docx": (forms.self_declaration_blocks, "企业自我声明", "{{ e.name }}清洁生产审核"),
    # industry-wide audit (docgen/industry/templates.py)
    **industry_templates.TEMPLATES,
}


def build_template(name: str) -> bytes:
    blocks, title, header = TEMPLATES[name]
    return build_docx(blocks(), title=title, header_text=header)


def build_all(root: Path) -> list[Path]:
    written = []
    for name in TEMPLATES:
        path = root / name
        atomic_write_bytes(path, build_template(name))
        written.append(path)
    return written
