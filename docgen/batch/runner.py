"""Run a batch: hash the inputs, reuse valid journal results, dispatch the rest, journal each answer.

The coordinator's duties, in order (ecosystem-reliability.md §3.2 g–i):

1. validate the invocation once (profile, policy, waivers, audit data: a usage error stops the
   batch before any document is touched — exit code 2);
2. hash every input (sha256, streamed) — the key a result is journaled and resumed under;
3. with ``resume``, take every document whose key (sha256, profile id+version, engine version,
   settings fingerprint) already has a journal line, and dispatch only the others;
4. hand the jobs to an executor (local workers or Dask, same interface) and, as each answer
   arrives, turn it into a result — a failure becomes the DOC-001 finding with its reason — and
   append it to the journal at once;
5. return one :class:`BatchRecord` per input, in input order, whatever the completion order.

Interrupted (Ctrl-C, SIGTERM) the executor kills its workers and every finished document is
already in the journal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docgen import __version__
from docgen.batch.jobs import JobLimits, Settings, file_sha256, make_job
from docgen.batch.journal import Journal
from docgen.batch.plain import checked_from_answer, checked_from_json
from docgen.check.engine import DEFAULT_PROFILES
from docgen.check.run import CheckedDocument, CheckSettings, prepare


@dataclass
class BatchRecord:
    index: int
    path: str
    sha256: str | None
    checked: CheckedDocument
    identity: dict = field(default_factory=dict)
    cost: str = "fast"
    elapsed_s: float | None = None
    peak_rss_kb: int | None = None
    worker: int | None = None
    resumed: bool = False

    @property
    def verdict(self) -> str:
        return self.checked.result.verdict


@dataclass
class BatchOutcome:
    records: list[BatchRecord]
    resumed: int = 0
    dispatched: int = 0

    @property
    def checked(self) -> list[CheckedDocument]:
        return [r.checked for r in self.records]


def prepared_settings(settings: Settings) -> CheckSettings:
    """The parent's own loaded settings (raises CheckUsageError for a bad invocation)."""
    return prepare(profile_id=settings.profile_id, policy=settings.policy, waivers=settings.waivers,
                   audit=settings.audit, ocr=settings.ocr, register=settings.register)


def _hash(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None  # the worker reports it (DOC.NOT_FOUND …) with the reader's own words


def _current_profiles(settings: Settings, loaded: CheckSettings) -> dict[str, str]:
    """Profile id → current version for the profiles this invocation may choose."""
    ids = [settings.profile_id] if settings.profile_id else list(DEFAULT_PROFILES.values())
    versions = {}
    for pid in ids:
        try:
            versions[pid] = str(loaded.profiles.get(pid).version)
        except Exception:  # noqa: BLE001 — a default profile that is missing is reported per document
            continue
    return versions


def journal_line(record: BatchRecord, fingerprint: str) -> dict:
    res = record.checked.result
    return {"key": {"sha256": record.sha256, "profile": res.profile, "engine_version": res.engine_version,
                    "settings": fingerprint},
            "index": record.index, "path": record.path, "cost": record.cost, "elapsed_s": record.elapsed_s,
            "peak_rss_kb": record.peak_rss_kb, "worker": record.worker, "identity": record.identity,
            "outline": [_outline_json(e) for e in record.checked.outline], "result": res.to_json()}


def _outline_json(entry) -> dict:
    return {"anchor": entry.anchor, "level": entry.level, "text": entry.text, "heading_path": list(entry.heading_path),
            "paragraph": entry.paragraph, "page": entry.page}


def _reusable(journal: Journal, fingerprint: str, versions: dict[str, str]) -> dict[str, list[dict]]:
    """sha256 → the journal lines still valid for this invocation (oldest first)."""
    found: dict[str, list[dict]] = {}
    for line in journal.load():
        key = line.get("key", {})
        profile = key.get("profile", {})
        if key.get("engine_version") != __version__ or key.get("settings") != fingerprint:
            continue
        if versions.get(profile.get("id")) != str(profile.get("version")):
            continue
        if key.get("sha256"):
            found.setdefault(key["sha256"], []).append(line)
    return found


def _pick(lines: list[dict] | None, path: Path) -> dict | None:
    """The line for this path if there is one (a copy under another name may have timed out under
    load where this one did not), else the latest line for the same content."""
    if not lines:
        return None
    same = [line for line in lines if line.get("path") == str(path)]
    return (same or lines)[-1]


def run_batch(files: list[Path], settings: Settings, limits: JobLimits, executor, *, journal: Journal | None = None,
              resume: bool = False, on_record: Callable[[BatchRecord], None] | None = None) -> BatchOutcome:
    """Check ``files`` with ``executor`` (docgen.batch.local / dask_executor); see the module doc."""
    loaded = prepared_settings(settings)
    fingerprint = settings.fingerprint()
    hashes = [_hash(Path(f)) for f in files]
    reusable = _reusable(journal, fingerprint, _current_profiles(settings, loaded)) if (journal and resume) else {}
    records: dict[int, BatchRecord] = {}
    jobs = []
    for index, (path, sha) in enumerate(zip(files, hashes)):
        line = _pick(reusable.get(sha), Path(path)) if sha else None
        if line is None:
            jobs.append(make_job(index, path, settings, limits))
            continue
        checked = checked_from_json(line["result"], line.get("outline", []), loaded)
        checked.result.file = str(path)  # the same content may have been checked under another name
        records[index] = BatchRecord(index, str(path), sha, checked, line.get("identity", {}), line.get("cost", "fast"),
                                     line.get("elapsed_s"), line.get("peak_rss_kb"), line.get("worker"), resumed=True)
        if on_record:
            on_record(records[index])
    resumed = len(records)
    costs = {job["id"]: job["cost"] for job in jobs}
    for answer in executor.run(jobs):
        index = answer["id"]
        record = BatchRecord(index, str(files[index]), hashes[index], checked_from_answer(answer, hashes[index], loaded),
                             answer.get("identity") or {}, costs[index], answer.get("elapsed_s"),
                             answer.get("peak_rss_kb"), answer.get("worker"))
        if journal is not None:
            journal.append(journal_line(record, fingerprint))
        records[index] = record
        if on_record:
            on_record(record)
    return BatchOutcome([records[i] for i in sorted(records)], resumed=resumed, dispatched=len(jobs))
