"""Run a profile's rules over one document and produce the findings contract.

Tri-state (checker.md §6.5): an unreadable document gives one ``input`` finding and the verdict
``not_evaluable``; a rule that raises ``NotEvaluableRule`` — or crashes — gives a ``not_evaluable``
finding for that rule, never a silent pass; unusable PDF pages are reported so nobody believes they
were checked. Conditional rules (``when:``) run only when their named condition holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from docgen import __version__
from docgen.check.builtin import builtin_finding
from docgen.check.conditions import CONDITIONS
from docgen.check.context import RuleContext
from docgen.check.findings import DocumentResult, Finding, FindingLocation, count, verdict
from docgen.check.kinds import KINDS, NotEvaluableRule, load_kinds
from docgen.check.profile import Profile
from docgen.check.recognise import DEFAULT_PROFILES, recognise_kind  # noqa: F401 — re-exported: callers use engine.*
from docgen.gcpause import gc_paused
from docgen.read.model import Document, NotEvaluable


@dataclass(frozen=True)
class Waiver:
    """An accepted deviation: this rule (optionally this target) for this document, with a reason."""

    rule: str
    justification: str
    sha256: str | None = None
    file: str | None = None
    target_id: str | None = None
    by: str = ""
    date: str = ""

    def applies(self, finding: Finding, result_file: str, sha256: str | None) -> bool:
        if finding.rule != self.rule:
            return False
        if self.target_id and finding.target_id != self.target_id:
            return False
        if self.sha256:
            return self.sha256 == sha256
        if self.file:
            return Path(self.file).name == Path(result_file).name
        return False


def load_waivers(path: Path) -> list[Waiver]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    entries = data.get("waivers", data) if isinstance(data, dict) else data
    waivers = []
    for i, raw in enumerate(entries or []):
        if not isinstance(raw, dict) or "rule" not in raw or not raw.get("justification"):
            raise ValueError(f"{path}: 第 {i + 1} 条豁免缺少 rule 或 justification（豁免必须说明理由）")
        waivers.append(Waiver(rule=raw["rule"], justification=raw["justification"], sha256=raw.get("sha256"),
                              file=raw.get("file"), target_id=raw.get("target_id"), by=str(raw.get("by", "")),
                              date=str(raw.get("date", ""))))
    return waivers


def _input_finding(ne: NotEvaluable) -> Finding:
    return builtin_finding("DOC-001", f"文件无法读取，未进行审查：{ne.reason_zh}", evidence=f"{ne.code} {ne.detail}".strip(),
                           suggestion="请提交可正常打开、未加密的 DOCX 或带文字层的 PDF 文件。")


def _page_health_finding(doc: Document) -> Finding | None:
    bad = [h.page for h in doc.page_health if h.status in ("garbled", "image_only") and not h.ocr]
    if not bad:
        return None
    pages = "、".join(map(str, bad[:20])) + ("…" if len(bad) > 20 else "")
    return builtin_finding("DOC-002", f"第 {pages} 页没有可用的文字层（乱码或扫描图片），这些页的内容未经审查",
                           evidence=f"{len(bad)} 页不可用", location=FindingLocation(page=bad[0]),
                           suggestion="请提交带文字层的 PDF 或 DOCX；或启用 OCR（--ocr）后复核。")


def check_document(doc: Document | NotEvaluable, profile: Profile, *, audit=None,
                   waivers: list[Waiver] | None = None) -> DocumentResult:
    """Run every rule of ``profile`` on ``doc`` (with the collector paused: the rules build
    thousands of short-lived spots and indexes that form no cycles — docgen/gcpause.py)."""
    with gc_paused():
        result = _check_document(doc, profile, audit=audit, waivers=waivers)
        if isinstance(doc, Document):
            release_caches(doc)
        return result


def release_caches(doc: Document) -> None:
    """Drop what the rules kept on the model (per-table indexes under ``_``-names on the tables and
    the document) — rebuilt on demand if anything asks again. Nothing is kept on cells: looking at
    ``Cell.__dict__`` would make a dict for each of them.

    Why: the rules' indexes are thousands of small containers made while the collector is paused;
    left on the model they are all walked by the collection that follows the pause and again by
    later ones, and freed only with the model. Freed here, still paused, they cost neither (measured
    on the 100-page bench report: read + check ≈ 3 % less CPU, docs/benchmarks.md)."""
    for holder in (*doc.tables, doc):
        kept = holder.__dict__
        for name in [name for name in kept if name.startswith("_")]:
            del kept[name]


def _check_document(doc: Document | NotEvaluable, profile: Profile, *, audit=None,
                    waivers: list[Waiver] | None = None) -> DocumentResult:
    load_kinds()
    if isinstance(doc, NotEvaluable):
        findings = [_input_finding(doc)]
        return DocumentResult(file=doc.path, sha256=doc.sha256, profile={"id": profile.id, "version": profile.version},
                              engine_version=__version__, verdict="not_evaluable", counts=count(findings),
                              findings=findings, kind=profile.kind)
    findings: list[Finding] = []
    health = _page_health_finding(doc)
    if health:
        findings.append(health)
    cache: dict = {}
    for rule in profile.rules:
        ctx = RuleContext(doc, rule, profile, audit, cache)
        if rule.when:
            condition = CONDITIONS.get(rule.when)
            if condition is None:
                findings.append(ctx.finding(f"规则条件「{rule.when}」未定义，规则未执行", status="not_evaluable"))
                continue
            try:
                if not condition(ctx):
                    continue
            except NotEvaluableRule as exc:
                findings.append(ctx.finding(f"无法判断是否适用本规则：{exc}", status="not_evaluable"))
                continue
        run = KINDS.get(rule.kind)
        if run is None:
            findings.append(ctx.finding(f"规则类型「{rule.kind}」不存在，规则未执行", status="not_evaluable"))
            continue
        try:
            findings.extend(run(ctx))
        except NotEvaluableRule as exc:
            findings.append(ctx.finding(f"本规则无法执行：{exc}", status="not_evaluable"))
        except Exception as exc:  # noqa: BLE001 — a crashing rule is a finding, never a pass
            findings.append(ctx.finding(f"本规则执行出错，未能审查：{type(exc).__name__}", status="not_evaluable",
                                        evidence=str(exc)[:300]))
    for f in findings:
        for w in waivers or ():
            if w.applies(f, doc.path, doc.sha256):
                f.waived = {"justification": w.justification, "by": w.by, "date": w.date or dt.date.today().isoformat()}
                break
    return DocumentResult(file=doc.path, sha256=doc.sha256, profile={"id": profile.id, "version": profile.version},
                          engine_version=__version__, verdict=verdict(findings), counts=count(findings),
                          findings=findings, kind=profile.kind)
