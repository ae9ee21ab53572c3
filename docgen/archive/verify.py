"""``docgen package verify``: is this package what 附表2 asks for, and is it unchanged?

Checks, each a rule of ``docgen/data/archive-checks.yaml`` reported in the findings contract
(category ``archive``, ``target_id`` Z-n; DESIGN.md):

* ARC-006 structure — the ZIP opens safely (docgen.archive.bag.safe_extract: zip-slip, links,
  bombs), holds a bag (bagit.txt) and our ``data/manifest.json``;
* ARC-002 fixity — every payload and tag file against ``manifest-sha256.txt`` with FULL checksums.
  bagit's ``validate()`` stops at the Payload-Oxum (count + bytes) comparison when a file is
  removed, so completeness and checksums are asked separately to get one detail per file; each
  changed, missing or unexpected file is traced back to its item through the manifest (a renamed
  file shows as its old name missing — the right Z-n — plus an unexpected new name);
* ARC-001 completeness — every item required for the stage is ``present`` (re-derived from the
  files actually in the bag, not trusted from the manifest);
* ARC-003 deadline — filed (``*_archived`` in the data, else the Bagging-Date) no later than one
  calendar month after 现场评估 / 现场验收, when that date is known;
* ARC-004 readable — every document through the reader (docgen.read.read_document), scans by
  their image signature;
* ARC-005 seal evidence — for items that must be sealed, an image in the document or a scanned
  page: a clue for a human, never proof (docgen.check.kinds.seals explains why).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import tempfile
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from docgen import __version__
from docgen.archive.bag import UnsafeArchive, find_bag_root, safe_extract
from docgen.archive.items import archive_list
from docgen.archive.manifest import Manifest
from docgen.archive.match import IMAGE_SUFFIXES
from docgen.check.findings import DocumentResult, Finding, FindingLocation, count, verdict
from docgen.check.profile import Profile, Rule
from docgen.resources import data_file

_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")


@lru_cache(maxsize=1)
def archive_profile() -> Profile:
    raw = yaml.safe_load(data_file("archive-checks.yaml").read_text(encoding="utf-8"))
    rules = tuple(Rule(code=r["code"], kind="archive", title_zh=r["title_zh"], title_en=r["title_en"], category="archive",
                       severity=r["severity"], review_point=r["review_point"], rationale=r.get("rationale", ""),
                       target_id="Z-n", target="附表2档案项") for r in raw["rules"])
    return Profile(id=raw["id"], title=raw["title"], version=str(raw["version"]), kind=raw["kind"], effective=None,
                   source=raw["source"], rules=rules)


@dataclass
class _Ctx:
    findings: list[Finding]

    def add(self, code: str, target_id: str, target: str, message: str, *, evidence: str = "", suggestion: str = "",
            severity: str | None = None, status: str = "fail") -> None:
        rule = archive_profile().rule(code)
        self.findings.append(Finding(rule=code, category="archive", target_id=target_id, target=target,
                                     severity=severity or rule.severity, status=status, review_point=rule.review_point,
                                     location=FindingLocation(), message=message, evidence=evidence,
                                     suggestion=suggestion))


def verify_package(package: Path, *, read_documents: bool = True) -> DocumentResult:
    """Verify ``package``; never raises for a bad package (its problems are findings)."""
    package = Path(package)
    ctx = _Ctx([])
    sha = hashlib.sha256(package.read_bytes()).hexdigest() if package.is_file() else None
    kind = None
    with tempfile.TemporaryDirectory(prefix="docgen-verify-") as tmp:
        manifest = _open(package, Path(tmp), ctx)
        if manifest is not None:
            kind = manifest[1].stage
            _verify(manifest[0], manifest[1], ctx, read_documents)
    profile = archive_profile()
    return DocumentResult(file=str(package), sha256=sha, profile={"id": profile.id, "version": profile.version},
                          engine_version=__version__, verdict=verdict(ctx.findings), counts=count(ctx.findings),
                          findings=ctx.findings, kind=kind)


def _open(package: Path, tmp: Path, ctx: _Ctx) -> tuple[Path, Manifest] | None:
    if not package.is_file():
        ctx.add("ARC-006", "DOC", "档案包", f"档案包「{package}」不存在")
        return None
    try:
        safe_extract(package, tmp)
    except (UnsafeArchive, OSError, zipfile.BadZipFile, RuntimeError) as exc:  # RuntimeError: encrypted entry
        ctx.add("ARC-006", "DOC", "档案包", f"档案包无法安全打开：{exc}", suggestion="请重新生成档案包，不要手工修改 ZIP。")
        return None
    root = find_bag_root(tmp)
    if root is None:
        ctx.add("ARC-006", "DOC", "档案包", "档案包中没有 BagIt 结构（找不到 bagit.txt）",
                suggestion="请用 docgen package build 生成档案包。")
        return None
    try:
        raw = json.loads((root / "data" / "manifest.json").read_text(encoding="utf-8"))
        return root, Manifest.from_json(raw)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        ctx.add("ARC-006", "DOC", "档案包", f"档案包清单 data/manifest.json 缺失或无法读取（{type(exc).__name__}）",
                suggestion="请重新生成档案包。")
        return None


def _verify(root: Path, manifest: Manifest, ctx: _Ctx, read_documents: bool) -> None:
    changed = _fixity(root, manifest, ctx)
    _completeness(root, manifest, ctx)
    _deadline(manifest, ctx)
    if read_documents:
        _readable_and_sealed(root, manifest, ctx, changed)


def _target(manifest: Manifest, path: str) -> tuple[str, str]:
    item = manifest.item_of_path(path) or manifest.item_by_stem(path)
    return (item.id, item.title) if item else ("DOC", "档案包")


def _fixity(root: Path, manifest: Manifest, ctx: _Ctx) -> set[str]:
    import bagit

    logging.getLogger("bagit").setLevel(logging.CRITICAL)
    try:
        bag = bagit.Bag(str(root))
    except bagit.BagError as exc:
        ctx.add("ARC-006", "DOC", "档案包", f"BagIt 结构无效：{exc}")
        return set()
    changed: set[str] = set()
    try:
        bag.validate(processes=1)
        return changed
    except bagit.BagValidationError:
        pass
    details = []
    for step in (bag._validate_completeness, lambda: bag._validate_entries(1)):  # noqa: SLF001 — see docstring
        try:
            step()
        except bagit.BagValidationError as exc:
            details += exc.details
    gone = {d.path for d in details if isinstance(d, bagit.FileMissing)}
    for d in details:
        path = d.path
        if isinstance(d, bagit.ChecksumMismatch) and path in gone:
            continue  # bagit also "hashes" the missing file: one finding per file is enough
        target_id, target = _target(manifest, path)
        changed.add(path)
        if isinstance(d, bagit.ChecksumMismatch):
            ctx.add("ARC-002", target_id, target, f"{target_id} {target}：文件「{path}」内容已被改动（sha256 不符）",
                    evidence=f"清单记录 {d.expected[:16]}…，实际 {d.found[:16]}…",
                    suggestion="请核实改动来源；如为正式更新，请重新生成档案包。")
        elif isinstance(d, bagit.FileMissing):
            ctx.add("ARC-002", target_id, target, f"{target_id} {target}：文件「{path}」已被删除或改名",
                    evidence="manifest-sha256.txt 记录了该文件，包中没有", suggestion="请放回原文件或重新生成档案包。")
        elif isinstance(d, bagit.UnexpectedFile):
            ctx.add("ARC-002", target_id, target, f"文件「{path}」不在档案包清单中（新增或改名的文件）",
                    evidence="manifest-sha256.txt 没有记录该文件", suggestion="请删除该文件或重新生成档案包。")
    if not details:  # oxum or tag-file problem without per-file details
        ctx.add("ARC-002", "DOC", "档案包", "档案包完整性校验未通过（Payload-Oxum 或标签文件不符）")
    return changed


def _completeness(root: Path, manifest: Manifest, ctx: _Ctx) -> None:
    spec = archive_list().stages[manifest.stage]
    for item in manifest.items:
        if item.stage != manifest.stage or item.status == "not_required":
            continue
        on_disk = [f for f in item.files if (root / f.path).is_file()]
        if not on_disk:
            what = "档案包中没有该项的文件" if item.status == "present" else "构建档案包时未提供也无法生成"
            ctx.add("ARC-001", item.id, item.title, f"{item.id} {item.title}：{spec.name}档案缺少此项",
                    evidence=what + (f"；{item.note}" if item.note else ""),
                    suggestion=f"请在{spec.deadline}补齐「{item.title}」后重新生成档案包。")


def _deadline(manifest: Manifest, ctx: _Ctx) -> None:
    dates = manifest.dates or {}
    spec = archive_list().stages[manifest.stage]
    if not dates.get("event_date"):
        ctx.add("ARC-003", "DOC", f"{spec.name}档案", f"未知{spec.event_zh}日期，无法核对归档期限（{spec.deadline}）",
                severity="info", status="not_evaluable",
                suggestion=f"请在审核数据中填写 audit.timeline.{spec.event}。")
        return
    deadline, filed = dt.date.fromisoformat(dates["deadline"]), dt.date.fromisoformat(dates["filed"])
    if filed > deadline:
        source = "审核数据中的归档日期" if dates.get("filed_source") != "Bagging-Date" else "档案包生成日期（Bagging-Date）"
        ctx.add("ARC-003", "DOC", f"{spec.name}档案",
                f"{spec.name}档案归档晚于期限：{spec.event_zh} {dates['event_date']}，期限 {deadline.isoformat()}，"
                f"归档 {filed.isoformat()}（逾期 {(filed - deadline).days} 天）",
                evidence=f"归档日期取自{source}；期限 = {spec.event_zh}日期 + {spec.months} 个日历月"
                         + (f"（{dates['deadline_basis']}）" if dates.get("deadline_basis") else ""))


def _readable_and_sealed(root: Path, manifest: Manifest, ctx: _Ctx, changed: set[str]) -> None:
    from docgen.read import read_document
    from docgen.read.model import NotEvaluable

    for item in manifest.items:
        evidence: list[str] = []
        present = [f for f in item.files if (root / f.path).is_file()]
        for f in present:
            path = root / f.path
            if path.suffix.lower() in IMAGE_SUFFIXES:
                if not path.read_bytes()[:8].startswith(_IMAGE_MAGIC):
                    ctx.add("ARC-004", item.id, item.title, f"{item.id} {item.title}：「{f.path}」不是可读的图片文件",
                            evidence=f"扩展名 {path.suffix}，文件头不是 JPEG/PNG/TIFF")
                else:
                    evidence.append(f"{f.path}（扫描图片）")
                continue
            doc = read_document(path)
            if isinstance(doc, NotEvaluable) and doc.code == "DOC.NO_TEXT_LAYER":
                # a scanned PDF has no text to check but is a perfectly good archive copy (营业执照, signed
                # opinions): readable when its pages carry images; blank or garbled pages are not
                images = _pdf_images(path)
                if images:
                    evidence.append(f"{f.path}（扫描件，图片 {images} 张）")
                    continue
            if isinstance(doc, NotEvaluable):
                ctx.add("ARC-004", item.id, item.title, f"{item.id} {item.title}：「{f.path}」无法读取：{doc.reason_zh}",
                        evidence=f"{doc.code}：{doc.reason_en}", suggestion="请换一份可以打开的文件后重新生成档案包。")
                continue
            scanned = [h.page for h in doc.page_health if h.status == "image_only"]
            if doc.images or scanned:
                evidence.append(f"{f.path}（图片 {len(doc.images)} 张" + (f"，扫描页 {len(scanned)} 页" if scanned else "") + "）")
        if item.seal_required and present:
            if evidence:
                ctx.add("ARC-005", item.id, item.title, f"{item.id} {item.title}：有图片或扫描页，可能为印章，请人工核实",
                        severity="info", evidence="；".join(evidence),
                        suggestion=f"请核对{item.seal_required}是否清晰、与单位名称一致。")
            else:
                ctx.add("ARC-005", item.id, item.title, f"{item.id} {item.title}：要求{item.seal_required}，但文件中没有图片或扫描页",
                        evidence="、".join(f.path for f in present),
                        suggestion="请提交盖章后的扫描件（放入材料目录，重新生成档案包）。")


def _pdf_images(path: Path) -> int:
    """How many images the PDF's pages show (pypdf), 0 when it cannot tell."""
    from pypdf import PdfReader

    try:
        return sum(len(page.images) for page in PdfReader(path).pages)
    except Exception:  # noqa: BLE001 — the reader already judged the file; this only adds evidence
        return 0
