"""``docgen package build``: audit data + a materials folder → the 附表2 archive package (ZIP).

Order of work, and why:

1. refuse early — an existing package is never overwritten without ``force``; the audit data must
   validate; the materials folder and mapping file must be readable (:class:`PackageError`, Chinese);
2. match the supplied files to the stage's items (docgen.archive.match) — what cannot be matched is
   listed in the manifest and on the archive list, never guessed;
3. render what the engine can make from the data (申请表, 绩效表, 自我声明, 报告终稿, 附表1,
   工作计划) for the items nobody supplied — a supplied file wins, because the filed copy is the
   sealed, signed one (seed 003 附表2: 盖章) and the rendered DOCX is unsealed by nature;
4. statuses (present / missing / not_required), the archive list as DOCX and PDF, the manifest and a
   provenance record (input hash, template hashes, engine and LibreOffice versions, font set);
5. a BagIt bag (sha256) in a staging directory, zipped deterministically, written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docgen import __version__
from docgen.archive.bag import make_bag, zip_bag
from docgen.archive.items import STAGES, ArchiveItem, ArchiveList, archive_list
from docgen.archive.manifest import FileEntry, ItemEntry, Manifest
from docgen.archive.match import MaterialsError, Matching, load_mapping, match_materials
from docgen.track.periods import period_due
from docgen.fsutil import atomic_write_bytes

CHECKLIST_STEM = "00_档案材料清单"
REPORT_KINDS = {"report:evaluation": "audit-report", "report:acceptance": "acceptance-report"}


class PackageError(Exception):
    """The invocation or its inputs are wrong (exit code 2); the message is Chinese and says where."""


@dataclass
class BuildResult:
    package: Path
    manifest: Manifest
    warnings: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[ItemEntry]:
        return [i for i in self.manifest.items if i.status == "missing"]


def _render_kind(generate: str) -> str:
    return REPORT_KINDS.get(generate, generate)


def _template_hash(kind: str, profile: str) -> tuple[str, str]:
    """(template file name, sha256) of what rendered ``kind`` — found the way the renderer finds it."""
    from docgen.render.docx import find_template

    if kind.startswith("form:"):
        from docgen.render.forms import FORMS, form_template
        from docgen.render.pipeline import form_name

        spec = FORMS[form_name(kind)]
        return spec.template, hashlib.sha256(form_template(spec, profile, None).read_bytes()).hexdigest()
    name = f"{kind}.docx"
    return name, hashlib.sha256(find_template(name, profile).read_bytes()).hexdigest()


def _load(audit_path: Path):
    from docgen.load import AuditFileError, load_valid_audit

    try:
        return load_valid_audit(audit_path)
    except AuditFileError as exc:
        raise PackageError(str(exc)) from None


def _stage_dates(audit, archive: ArchiveList, stage: str, bagging: dt.date) -> dict:
    spec = archive.stages[stage]
    timeline = audit.audit.timeline
    event = getattr(timeline, spec.event)
    filed = getattr(timeline, spec.filed)
    due = period_due(event, months=spec.months) if event else None  # Civil Code art. 203 roll-forward
    return {
        "event": spec.event_zh,
        "event_date": event.isoformat() if event else None,
        "deadline": due.date.isoformat() if due else None,
        "deadline_basis": due.explain() if due else None,
        "filed": (filed or bagging).isoformat(),
        "filed_source": spec.filed if filed else "Bagging-Date",
    }


@dataclass
class _Generated:
    docx: Path | None = None
    pdf: Path | None = None
    error: str | None = None


def _generate(audit, items: list[ArchiveItem], work: Path, pdf: bool, log) -> dict[str, _Generated]:
    """Render the items' documents into ``work``; one failure does not stop the others."""
    from docgen.render.pipeline import RenderOptions, render_all

    if not items:
        return {}
    kinds = [_render_kind(it.generate) for it in items]
    log(f"正在生成 {len(kinds)} 份文件{'（含 PDF，LibreOffice 转换）' if pdf else ''}：" + "、".join(it.title for it in items))
    outputs = render_all(audit, kinds, work, RenderOptions(pdf=pdf))
    return {it.id: _Generated(o.docx, o.pdf, o.error) for it, o in zip(items, outputs)}


def _arcname(item: ArchiveItem, suffix: str, index: int, count: int) -> str:
    tail = f"_{index + 1}" if count > 1 else ""
    return f"{item.group}/{item.stem}{tail}{suffix.lower()}"


def _stable_pdf(data: bytes, when: dt.date) -> bytes:
    """LibreOffice stamps the clock (CreationDate) and a random /ID into every PDF: replace both
    with values from the data so that the package is byte-for-byte reproducible."""
    import io

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    stamp = f"D:{when:%Y%m%d}000000Z"
    info = {k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)}
    writer.add_metadata({**info, "/CreationDate": stamp, "/ModDate": stamp})
    from pypdf.generic import ArrayObject, ByteStringObject

    def written(ident: bytes) -> bytes:
        writer._ID = ArrayObject([ByteStringObject(ident), ByteStringObject(ident)])  # noqa: SLF001 — pypdf has no setter
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    # the /ID is a digest of the document with a zero /ID (PDF 32000-1 §14.4 asks for a content-based id)
    digest = hashlib.md5(written(bytes(16)), usedforsecurity=False).digest()  # noqa: S324 — an id, not security
    return written(digest)


def _convert_checklist(docx: bytes, work: Path) -> bytes:
    from docgen.render.pdf import convert_to_pdf

    src = work / f"{CHECKLIST_STEM}.docx"
    src.write_bytes(docx)
    result = convert_to_pdf(src, work / f"{CHECKLIST_STEM}.pdf", update_indexes=False)
    return result.pdf.read_bytes()


def _hash_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def build_package(audit_path: Path, stage: str, out: Path, *, materials: Path | None = None,
                  mapping: Path | None = None, pdf: bool = True, force: bool = False,
                  bagging_date: dt.date | None = None, log=lambda message: None) -> BuildResult:
    """Assemble the package for ``stage``; raises :class:`PackageError` for bad input."""
    out = Path(out)
    if stage not in STAGES:
        raise PackageError(f"阶段「{stage}」无效，应为 evaluation（评估）或 acceptance（验收）")
    if out.suffix.lower() != ".zip":
        raise PackageError(f"档案包文件名应以 .zip 结尾：{out}")
    if out.exists() and not force:
        raise PackageError(f"档案包「{out}」已存在；如需覆盖，请加 --force")
    if out.is_dir():
        raise PackageError(f"「{out}」是一个目录，不能作为档案包文件")
    audit = _load(Path(audit_path))
    archive = archive_list()
    try:
        mapping_data = load_mapping(Path(mapping), archive) if mapping else None
        matching = match_materials(Path(materials), stage, archive, mapping_data) if materials else Matching(
            needed=set(mapping_data.needed) if mapping_data else set())
    except MaterialsError as exc:
        raise PackageError(str(exc)) from None
    if mapping and materials:  # the mapping file may live in the materials folder: not a material
        own = Path(mapping).resolve()
        matching.unmatched = [u for u in matching.unmatched if (Path(materials) / u.path).resolve() != own]
    bagging = bagging_date or getattr(audit.audit.timeline, archive.stages[stage].filed) or dt.date.today()
    stage_items = archive.for_stage(stage)
    to_generate = [it for it in stage_items if it.generate and it.id not in matching.matched
                   and not (it.no == 4 and audit.consultancy is None)]
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="docgen-package-") as tmp:
        tmp_path = Path(tmp)
        staging, work = tmp_path / "bag", tmp_path / "work"
        staging.mkdir()
        work.mkdir()
        generated = _generate(audit, to_generate, work, pdf, log)
        entries: list[ItemEntry] = []
        payload: dict[str, bytes] = {}
        templates: dict[str, str] = {}
        for it in archive.items:
            entry = ItemEntry(id=it.id, no=it.no, title=it.title, group=it.group, stage=it.stage,
                              seal_required=it.seal, requirement=it.requirement, status="missing", note=it.note)
            entries.append(entry)
            if it.stage != stage:
                entry.status, entry.note = "not_required", f"随{archive.stages[it.stage].name}档案归档"
                continue
            supplied = matching.matched.get(it.id, [])
            for i, rel in enumerate(supplied):
                data = (Path(materials) / rel).read_bytes()
                name = _arcname(it, rel.suffix, i, len(supplied))
                payload[name] = data
                entry.files.append(FileEntry.of(f"data/{name}", data, "supplied", rel.as_posix(),
                                                matching.how.get(rel.as_posix(), "")))
            made = generated.get(it.id)
            if made is not None and made.error is None:
                for path in (made.docx, made.pdf):
                    if path is None:
                        continue
                    data = path.read_bytes()
                    if path.suffix == ".pdf":
                        data = _stable_pdf(data, bagging)
                    name = _arcname(it, path.suffix, 0, 1)
                    payload[name] = data
                    entry.files.append(FileEntry.of(f"data/{name}", data, "generated"))
                name, digest = _template_hash(_render_kind(it.generate), audit.audit.profile)
                templates[name] = digest
            elif made is not None:
                warnings.append(f"{it.id} {it.title}：无法由数据生成（{made.error}）")
                entry.note = f"无法由数据生成：{made.error}"
            if entry.files:
                entry.status = "present"
            elif it.no == 4 and audit.consultancy is None:
                entry.status, entry.note = "not_required", "企业自行审核，无需附表1"
            elif it.requirement == "conditional" and it.id not in matching.needed:
                entry.status = "not_required"
        manifest = Manifest(
            stage=stage,
            enterprise={"name": audit.enterprise.name, "credit_code": audit.enterprise.credit_code,
                        "round": audit.audit.round, "profile": audit.audit.profile},
            dates=_stage_dates(audit, archive, stage, bagging),
            items=entries,
            unmatched=[u.to_json() for u in matching.unmatched],
        )
        from docgen.archive.checklist import checklist_docx

        checklist = checklist_docx(manifest, archive, bagging)
        extra = {f"{CHECKLIST_STEM}.docx": checklist}
        if pdf:
            log("正在生成档案材料清单 PDF")
            extra[f"{CHECKLIST_STEM}.pdf"] = _stable_pdf(_convert_checklist(checklist, work), bagging)
        provenance = _provenance(audit_path, templates, pdf, materials, mapping)
        extra["provenance.json"] = json.dumps(provenance, ensure_ascii=False, indent=2, sort_keys=True).encode()
        manifest.extra_files = [FileEntry.of(f"data/{n}", d, "generated") for n, d in sorted(extra.items())]
        payload.update(extra)
        payload["manifest.json"] = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2).encode()
        for name, data in payload.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        make_bag(staging, _bag_info(audit, archive, stage, bagging))
        data = zip_bag(staging, out.stem)
    atomic_write_bytes(out, data)
    return BuildResult(out, manifest, warnings)


def _bag_info(audit, archive: ArchiveList, stage: str, bagging: dt.date) -> dict[str, str]:
    e = audit.enterprise
    organisation = audit.consultancy.name if audit.consultancy else e.name
    return {
        "Source-Organization": organisation,
        "External-Identifier": f"{e.credit_code}-{audit.audit.round}-{stage}",
        "External-Description": f"{e.name} {archive.title}（{archive.stages[stage].name}）",
        "Bagging-Date": bagging.isoformat(),
        "Bag-Group-Identifier": e.credit_code,
    }


def _provenance(audit_path: Path, templates: dict[str, str], pdf: bool, materials: Path | None,
                mapping: Path | None) -> dict:
    """What made this package, so it can be reproduced and audited (notes/generation.md §6)."""
    record = {
        "engine": "docgen", "engine_version": __version__,
        "input": {"file": Path(audit_path).name, "sha256": _hash_file(audit_path)},
        "templates": templates,
        "archive_items": {"file": "docgen/data/archive-items.yaml", "sha256": _data_hash("archive-items.yaml")},
        "mapping": {"file": Path(mapping).name, "sha256": _hash_file(mapping)} if mapping else None,
        "materials": Path(materials).name if materials else None,
    }
    if pdf:
        from docgen.render.pdf import font_set, libreoffice_version

        record["libreoffice_version"] = libreoffice_version()
        record["font_set"] = font_set()
    return record


def _data_hash(name: str) -> str:
    from docgen.resources import data_file

    return hashlib.sha256(data_file(name).read_bytes()).hexdigest()
