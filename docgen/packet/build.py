"""``docgen packet``: a submitted report → what each expert of the panel receives.

Order of work: check the report (docgen.check.run, the same findings as ``docgen check``), read it
once more for the anchors of the annotations, write the sheets (docgen.packet.sheets), the
annotated copy (Word comments for a DOCX, highlights for a PDF), and with ``pdf`` convert the
sheets (and a DOCX report) through LibreOffice and bundle everything into one PDF with a bookmark
per section (the report's own bookmarks nested under its section).

Output is a directory; it is assembled in a temporary sibling directory and moved into place at
the end, so a failure leaves no half-made packet, and an existing packet is replaced only with
``force``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docgen.numfmt import fmt_date
from docgen.packet.sheets import REPORT_ZH, PacketInfo

SECTIONS = (  # file stem, bookmark title
    ("01_封面", "一、封面"),
    ("02_预审结果", "二、预审结果"),
    ("03_评分表", "三、评分表"),
    ("04_专家意见单", "四、专家意见单"),
    ("05_意见修改回复单", "五、意见修改回复单"),
)
ANNOTATED_TITLE = "六、批注版报告"
BUNDLE = "专家评审材料.pdf"


class PacketError(Exception):
    """Bad invocation or input (exit code 2); the message is Chinese and names the file."""


@dataclass
class PacketResult:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    result: object = None          # DocumentResult of the pre-check
    anchors: list = field(default_factory=list)


def _info(report: Path, result, audit, stage: str, submitted: dt.date | None, profile) -> PacketInfo:
    enterprise, consultancy, when = "", "未提供", submitted
    if audit is not None:
        enterprise = audit.enterprise.name
        consultancy = audit.consultancy.name if audit.consultancy else "企业自行审核"
        when = when or getattr(audit.audit.timeline, f"{stage}_applied", None)
    if not enterprise:  # the name a consultancy gives the file: {企业名称}清洁生产审核报告.docx
        enterprise = report.stem
        for title in sorted(REPORT_ZH.values(), key=len, reverse=True):
            enterprise = enterprise.replace(title, "")
        enterprise = enterprise.strip(" _-") or report.stem
    shown = fmt_date(when) if when else "未提供"
    return PacketInfo(enterprise=enterprise, stage=stage, consultancy=consultancy, submitted=shown,
                      report_file=report.name, profile=f"{profile.id} {profile.version}", date=when or dt.date.today())


def _check(report: Path, profile_id, audit, policy, waivers):
    from docgen.check.run import CheckUsageError, audit_argument, check_paths

    if not report.is_file():
        raise PacketError(f"报告文件「{report}」不存在")
    try:
        audit_data = audit_argument(audit)
        (checked,) = check_paths([report], profile_id=profile_id, policy=policy, waivers=waivers, audit=audit_data,
                                 log=None)
    except CheckUsageError as exc:
        raise PacketError(str(exc)) from None
    return checked, audit_data


def build_packet(report: Path, out_dir: Path, *, profile_id: str | None = None, audit=None, policy=None,
                 waivers=None, pdf: bool = True, force: bool = False, submitted: dt.date | None = None,
                 log=lambda message: None) -> PacketResult:
    from docgen.check.profile import ProfileError
    from docgen.packet import sheets
    from docgen.packet.scoring import load_scoring, prefill
    from docgen.read import read_document
    from docgen.read.model import NotEvaluable

    report, out_dir = Path(report), Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())) and not force:
        raise PacketError(f"输出目录「{out_dir}」已存在且不为空；如需覆盖，请加 --force")
    checked, audit_data = _check(report, profile_id, audit, policy, waivers)
    result, profile = checked.result, checked.profile
    stage = result.kind or profile.kind
    if stage not in ("evaluation", "acceptance"):
        raise PacketError(f"规则包「{profile.id}」不是评估或验收规则包，无法生成专家评审材料")
    try:
        scoring = load_scoring(profile.id)
    except ProfileError as exc:
        raise PacketError(str(exc)) from None
    info = _info(report, result, audit_data, stage, submitted, profile)
    veto, lines, _ = prefill(scoring, result.findings)
    log(f"{report}：预审{ {'pass': '通过', 'fail': '未通过', 'not_evaluable': '无法审查'}[result.verdict] }，"
        f"{len(result.findings)} 项发现；正在生成专家评审材料")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        docs = {
            "01_封面": sheets.cover_docx(info, result),
            "02_预审结果": sheets.summary_docx(info, result),
            "03_评分表": sheets.scoring_docx(info, scoring, veto, lines),
            "04_专家意见单": sheets.opinion_form_docx(info),
            "05_意见修改回复单": sheets.reply_form_docx(info),
        }
        for stem, data in docs.items():
            (staging / f"{stem}.docx").write_bytes(data)
        (staging / "预审结果.json").write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
        doc = read_document(report)
        findings = [f for f in result.findings if not f.waived]
        anchors: list = []
        annotated_pdf: Path | None = None
        suffix = report.suffix.lower()
        if not isinstance(doc, NotEvaluable) and suffix == ".docx":
            from docgen.packet.annotate_docx import annotate_docx

            headings = {tuple(h.location.heading_path): h.location.paragraph for h in doc.headings
                        if h.location.paragraph is not None}
            data, anchors = annotate_docx(report.read_bytes(), findings, headings)
            (staging / f"06_批注版_{report.stem}.docx").write_bytes(data)
        elif not isinstance(doc, NotEvaluable) and suffix == ".pdf":
            from docgen.packet.annotate_pdf import anchor_texts, annotate_pdf

            data, anchors = annotate_pdf(report, findings, anchor_texts(doc, findings))
            annotated_pdf = staging / f"06_批注版_{report.stem}.pdf"
            annotated_pdf.write_bytes(data)
        else:  # not readable (or legacy .doc): the experts still get the file as submitted
            shutil.copyfile(report, staging / f"06_原件_{report.name}")
        if pdf:
            annotated_pdf = _pdfs(staging, report, doc, findings, annotated_pdf, log)
            _bundle(staging, annotated_pdf)
        _publish(staging, out_dir, force)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = sorted(p for p in out_dir.iterdir() if p.is_file())
    return PacketResult(out_dir, files, result, anchors)


def _pdfs(staging: Path, report: Path, doc, findings, annotated_pdf: Path | None, log) -> Path | None:
    """Convert the sheets (and a DOCX report) in parallel; highlight the findings on the report's PDF."""
    from docgen.read.model import NotEvaluable
    from docgen.render.pdf import ConversionError, convert_many

    jobs = [(staging / f"{stem}.docx", staging / f"{stem}.pdf") for stem, _ in SECTIONS]
    report_pdf = None
    if annotated_pdf is None and report.suffix.lower() == ".docx" and not isinstance(doc, NotEvaluable):
        report_pdf = staging / ".report.pdf"
        jobs.append((report, report_pdf))
    log(f"正在转换 {len(jobs)} 份文件为 PDF（LibreOffice）")
    results = convert_many(jobs, workers=2)
    errors = [r for r in results if isinstance(r, ConversionError)]
    if errors:
        raise PacketError("；".join(str(e) for e in errors) + "（PDF 转换需要 LibreOffice；可加 --no-pdf 只生成 Word 文件）")
    if report_pdf is not None:
        from docgen.packet.annotate_pdf import anchor_texts, annotate_pdf

        data, _ = annotate_pdf(report_pdf, findings, anchor_texts(doc, findings))
        annotated_pdf = staging / f"06_批注版_{report.stem}.pdf"
        annotated_pdf.write_bytes(data)
        report_pdf.unlink()
    return annotated_pdf


def _bundle(staging: Path, annotated_pdf: Path | None) -> None:
    """One PDF, a top-level bookmark per section; the report's own bookmarks nested under its section."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    parts = [(staging / f"{stem}.pdf", title) for stem, title in SECTIONS]
    if annotated_pdf is not None:
        parts.append((annotated_pdf, ANNOTATED_TITLE))
    for path, title in parts:
        reader = PdfReader(path)
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        parent = writer.add_outline_item(title=title, page_number=start)
        _copy_outline(writer, reader, reader.outline, start, parent)
    writer.page_mode = "/UseOutlines"
    with open(staging / BUNDLE, "wb") as fh:
        writer.write(fh)


def _copy_outline(writer, reader, items, offset: int, parent) -> None:
    last = None
    for item in items:
        if isinstance(item, list):
            if last is not None:
                _copy_outline(writer, reader, item, offset, last)
            continue
        try:
            page = reader.get_destination_page_number(item)
        except Exception:  # noqa: BLE001 — a bookmark without a page is skipped, not fatal
            continue
        if page is None or page < 0:
            continue
        last = writer.add_outline_item(title=str(item.title), page_number=offset + page, parent=parent)


def _publish(staging: Path, out_dir: Path, force: bool) -> None:
    """Move the finished packet into place; an existing one is replaced only with ``force``."""
    old = None
    if out_dir.exists():
        if any(out_dir.iterdir()) and not force:  # pragma: no cover - checked at the start
            raise PacketError(f"输出目录「{out_dir}」已存在且不为空；如需覆盖，请加 --force")
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.replace(out_dir, old)
    os.replace(staging, out_dir)
    os.chmod(out_dir, 0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
