"""The forms a consultancy hands in with the reports: one Word document each, rendered from an audit.

Public API::

    FORMS: dict[str, FormSpec]                        # name → spec, in procedure order
    render_form_docx(audit, "form-performance")       -> bytes (deterministic DOCX)
    form_filename(audit, "form-performance")          -> "上海澄霖精细化学品有限公司清洁生产审核绩效表.docx"

=============================  ===========================================  =========================
name                           document (template)                          procedure step
=============================  ===========================================  =========================
form-work-plan                 清洁生产审核工作计划 (national/)               启动 (seed 003: 盖章)
form-consultancy               附表1 咨询服务机构基本情况表 (shanghai/)       启动 (seed 003 附表1)
form-evaluation-application    清洁生产审核评估申请表 (national/)             评估申请
form-acceptance-application    清洁生产审核验收申请表 (national/)             验收申请
form-performance               清洁生产审核绩效表 (national/)                 验收 (附表2 item 13)
form-self-declaration          企业自我声明 (national/)                       验收 (附表2 item 14)
=============================  ===========================================  =========================

File names: the documents about the enterprise's audit carry the enterprise's name in front, as a
consultancy files them for the 区生态环境局 (``{enterprise}清洁生产审核绩效表.docx``); 附表1 keeps the
name the 指引 gives it (``附表1_咨询服务机构基本情况表.docx``) — it describes the consultancy, and the
archive list (附表2 item 4) refers to it by that name. Characters Windows forbids in file names are
replaced by "_".

Templates are found like the reports' (``docgen.render.docx.find_template``): ``template_dir``, then
the audit's profile folder, then ``national/``; a form shipped only for one profile (附表1 in
``shanghai/``) is then taken from that profile's folder, so every audit can render every form.
``FormSpec.profiles`` says where the official procedure asks for the form (``None``: everywhere);
a pipeline uses :meth:`FormSpec.applies_to` to choose what to produce.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


from docgen.derive import derive_figures
from docgen.model import AuditData
from docgen.render.docx import RenderError, find_template, render_template_bytes
from docgen.render.docxpkg import core_properties_xml, normalise_docx
from docgen.render.forms import context as ctx


@dataclass(frozen=True)
class FormSpec:
    name: str
    title: str
    template: str
    filename: str  # may contain "{enterprise}"
    profiles: tuple[str, ...] | None

    def applies_to(self, profile: str) -> bool:
        """Whether the official procedure of ``profile`` asks for this form."""
        return self.profiles is None or profile in self.profiles


FORMS: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        FormSpec("form-work-plan", "清洁生产审核工作计划", "form-work-plan.docx",
                 "{enterprise}清洁生产审核工作计划.docx", None),
        FormSpec("form-consultancy", "咨询服务机构基本情况表", "form-consultancy.docx",
                 "附表1_咨询服务机构基本情况表.docx", ("shanghai",)),
        FormSpec("form-evaluation-application", "清洁生产审核评估申请表", "form-evaluation-application.docx",
                 "{enterprise}清洁生产审核评估申请表.docx", None),
        FormSpec("form-acceptance-application", "清洁生产审核验收申请表", "form-acceptance-application.docx",
                 "{enterprise}清洁生产审核验收申请表.docx", None),
        FormSpec("form-performance", "清洁生产审核绩效表", "form-performance.docx",
                 "{enterprise}清洁生产审核绩效表.docx", None),
        FormSpec("form-self-declaration", "企业自我声明", "form-self-declaration.docx",
                 "{enterprise}企业自我声明.docx", None),
    )
}


# ─── what each form needs ────────────────────────────────────────────────────────────────────
def _needs_post_audit(audit: AuditData, title: str) -> list[str]:
    if audit.post_audit is None:
        return [f"{title}需要方案实施后的数据（post_audit：产量、能耗、水耗、排放量及经济效益），数据文件中没有"]
    return []


def _problems(audit: AuditData, name: str) -> list[str]:
    """Chinese messages naming each field the form needs and the data lacks."""
    spec = FORMS[name]
    tl = audit.audit.timeline
    problems: list[str] = []
    if name == "form-consultancy":
        if audit.consultancy is None:
            problems.append("附表1需要咨询机构信息（consultancy），数据文件中没有（企业自行审核时不需提交附表1）")
    elif name == "form-evaluation-application":
        if tl.started is None:
            problems.append(f"{spec.title}需要审核启动日期（audit.timeline.started）")
    elif name == "form-acceptance-application":
        problems += _needs_post_audit(audit, spec.title)
        if not (tl.evaluation_onsite or tl.evaluation_result_date):
            problems.append(f"{spec.title}需要评估时间（audit.timeline.evaluation_onsite 或 evaluation_result_date）")
        if tl.evaluation_result is None:
            problems.append(f"{spec.title}需要评估结论（audit.timeline.evaluation_result）")
        missing = [t.indicator for t in audit.targets if t.actual is None]
        if missing:
            problems.append(f"{spec.title}需要每项清洁生产目标的审核后实际值（targets[].actual），缺少：{'、'.join(missing)}")
    elif name == "form-performance":
        problems += _needs_post_audit(audit, spec.title)
    elif name == "form-self-declaration":
        problems += _needs_post_audit(audit, spec.title)
        if audit.report.acceptance_report_date is None:
            problems.append(f"{spec.title}需要验收报告日期（report.acceptance_report_date），声明落款日期取此日期")
    return problems


_CONTEXTS: dict[str, Callable] = {
    "form-work-plan": ctx.work_plan_context,
    "form-consultancy": ctx.consultancy_context,
    "form-evaluation-application": ctx.evaluation_context,
    "form-acceptance-application": ctx.acceptance_context,
    "form-performance": ctx.performance_context,
    "form-self-declaration": ctx.declaration_context,
}


def _spec(name: str) -> FormSpec:
    try:
        return FORMS[name]
    except KeyError:
        raise RenderError(f"没有名为「{name}」的表格（可用：{'、'.join(FORMS)}）") from None


def form_template(spec: FormSpec, profile: str, template_dir: Path | None):
    """The template a form is rendered from: the profile's (or ``template_dir``'s) copy, else the
    copy of a profile the form belongs to (附表1 is Shanghai's; a national audit still files it).
    Public because the archive package records the hash of exactly this file as provenance."""
    try:
        return find_template(spec.template, profile, template_dir)
    except RenderError:
        for home in spec.profiles or ():
            try:
                return find_template(spec.template, home)
            except RenderError:
                continue
        raise


def _form_date(audit: AuditData, name: str):
    """The date written into the core properties: the form's own date, never the clock."""
    tl, r = audit.audit.timeline, audit.report
    if name in ("form-work-plan", "form-consultancy"):
        return tl.started or min(p.start for p in audit.organisation.work_plan)
    if name == "form-evaluation-application":
        return tl.evaluation_applied or r.evaluation_report_date
    if name == "form-acceptance-application":
        return tl.acceptance_applied or r.acceptance_report_date or r.evaluation_report_date
    return r.acceptance_report_date or r.evaluation_report_date


def render_form_docx(audit: AuditData, name: str, *, profile: str | None = None, template_dir: Path | None = None,
                     figures=None) -> bytes:
    """The finished DOCX bytes of one form; the same data always gives the same bytes."""
    spec = _spec(name)
    problems = _problems(audit, name)
    if problems:
        raise RenderError("；".join(problems))
    figures = figures or derive_figures(audit)
    template = form_template(spec, profile or audit.audit.profile, template_dir)
    context = ctx.common(audit) | _CONTEXTS[name](audit, figures)
    raw = render_template_bytes(template, context)
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        settings = zf.read("word/settings.xml") if "word/settings.xml" in zf.namelist() else None
    replace = {}
    if settings is not None:
        # a form has no TOC to refresh: Word would only ask the reader to update fields on open
        replace["word/settings.xml"] = settings.replace(b'<w:updateFields w:val="true"/>', b"")
    creator = audit.consultancy.name if audit.consultancy else audit.enterprise.name
    core = core_properties_xml(f"{audit.enterprise.name}{spec.title}", creator,
                               f"{_form_date(audit, name).isoformat()}T00:00:00Z", subject="清洁生产审核",
                               keywords=audit.enterprise.credit_code)
    return normalise_docx(raw, core, replace)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def form_filename(audit: AuditData, name: str) -> str:
    """How a consultancy names the file (see the module docstring)."""
    enterprise = _UNSAFE.sub("_", audit.enterprise.name).strip() or "企业"
    return _spec(name).filename.format(enterprise=enterprise)


__all__ = ["FORMS", "FormSpec", "RenderError", "form_filename", "render_form_docx"]
