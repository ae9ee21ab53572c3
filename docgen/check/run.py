"""The checker's Python API, as the ``docgen check`` command uses it: expand the inputs, read each
file safely, choose its rule pack, apply the bureau's policy and waivers, check.

Choosing the profile: an explicit ``profile_id`` applies to every file; otherwise each report is
recognised as an evaluation (审核报告) or acceptance (验收报告) report
(``engine.recognise_kind``) and checked with ``engine.DEFAULT_PROFILES[kind]``. The choice is
recorded in ``DocumentResult.notes`` and printed on stderr, so nobody wonders which rules ran.

Nothing here raises for a bad *document*: an unreadable file is an ``input`` finding
(``DOC-001``) and the verdict ``not_evaluable``. A bad *invocation* — an unknown profile, a broken
policy or waiver file, a path that does not exist — raises :class:`CheckUsageError` (exit code 2)
before any result is reported.

Exit codes (DESIGN.md; :func:`exit_code`): 3 when any document has an unwaived ``not_evaluable``
finding at or above ``fail_on`` (the input, or part of it, could not be evaluated — this takes
precedence), else 1 when any document has an unwaived failure at or above ``fail_on``, else 0.
Usage errors (2) never reach this point.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docgen import exitcodes
from docgen.check import engine
from docgen.check.findings import SEVERITY_RANK, DocumentResult
from docgen.check.profile import Profile, ProfileError, apply_policy, load_profile
from docgen.check.recognise import KIND_ZH  # noqa: F401 — how a recognised kind is named in the notes
from docgen.read import read_document
from docgen.read.model import Document, NotEvaluable

#: File types a directory argument expands to (the formats ``read_document`` accepts).
SUFFIXES = (".docx", ".pdf", ".doc", ".wps")



class CheckUsageError(Exception):
    """The invocation is wrong (profile, policy, waivers, audit data, paths): exit code 2."""


@dataclass(frozen=True)
class OutlineEntry:
    """One heading of the checked document, for reports that show findings in the outline."""

    anchor: str                    # stable within the document: h0, h1 …
    level: int
    text: str                      # label + title as written
    heading_path: tuple[str, ...]  # the same path the findings' locations carry
    paragraph: int | None
    page: int | None


@dataclass
class CheckedDocument:
    """The findings of one document plus its outline (the document itself is not kept)."""

    result: DocumentResult
    outline: list[OutlineEntry] = field(default_factory=list)
    profile: Profile | None = None   # the rule pack as applied (policy included), for SARIF rules


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; directories expand to their DOCX/PDF/DOC/WPS files, sorted (not recursive).

    Word's lock files (``~$name.docx``) and hidden files are skipped.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", ".")))
            if not found:
                raise CheckUsageError(f"目录「{path}」中没有可审查的文件（{'/'.join(s[1:] for s in SUFFIXES)}）")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise CheckUsageError(f"文件或目录「{path}」不存在")
    return files


def outline_of(doc: Document | NotEvaluable) -> list[OutlineEntry]:
    if isinstance(doc, NotEvaluable):
        return []
    return [OutlineEntry(anchor=f"h{i}", level=h.level, text=h.text, heading_path=tuple(h.location.heading_path),
                         paragraph=h.location.paragraph, page=h.location.page)
            for i, h in enumerate(doc.headings)]


class _Profiles:
    """Loads each profile once and applies the policy to it; errors become usage errors."""

    def __init__(self, policy: Path | None):
        self.policy = policy
        self._cache: dict[str, Profile] = {}

    def get(self, profile_id: str) -> Profile:
        if profile_id not in self._cache:
            try:
                profile = load_profile(profile_id)
                if self.policy is not None:
                    profile = apply_policy(profile, self.policy)
            except ProfileError as exc:
                raise CheckUsageError(str(exc)) from None
            self._cache[profile_id] = profile
        return self._cache[profile_id]


def _load_waivers(path: Path | None) -> list[engine.Waiver]:
    if path is None:
        return []
    try:
        return engine.load_waivers(Path(path))
    except FileNotFoundError:
        raise CheckUsageError(f"豁免文件「{path}」不存在") from None
    except Exception as exc:  # noqa: BLE001 — unreadable / not YAML / an entry without justification
        raise CheckUsageError(f"豁免文件「{path}」有误：{exc}") from None


def audit_argument(audit):
    """An ``--audit`` argument as the rules take it: ``None``, an ``AuditData`` as given, or the audit
    of a path that must load without errors (else :class:`CheckUsageError`, exit 2)."""
    if audit is None or not isinstance(audit, (str, Path)):
        return audit  # already an AuditData (or None)
    from docgen.load import AuditFileError, load_valid_audit

    try:
        return load_valid_audit(audit)
    except AuditFileError as exc:
        raise CheckUsageError(str(exc)) from None


def _choose(doc: Document | NotEvaluable, profile_id: str | None, profiles: _Profiles) -> tuple[Profile, list[str]]:
    if profile_id:
        return profiles.get(profile_id), []
    kind, reason = engine.recognise_kind(doc)
    chosen = engine.DEFAULT_PROFILES[kind]
    if isinstance(doc, NotEvaluable):
        return profiles.get(chosen), [f"未指定规则包，文件无法读取，按{KIND_ZH[kind]}记录，使用 {chosen}"]
    try:
        profile = profiles.get(chosen)
    except CheckUsageError:
        raise CheckUsageError(f"「{doc.path}」识别为{KIND_ZH[kind]}，但没有规则包 {chosen}；请用 --profile 指定规则包") from None
    return profile, [f"未指定规则包，识别为{KIND_ZH[kind]}，使用 {chosen}", f"识别依据：{reason}"]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _open_register(register):
    """``--register``: a path/URL, or an already open ``docgen.track.checking.RegisterCheck``."""
    if register is None or not isinstance(register, (str, Path)):
        return register
    from docgen.track.checking import RegisterCheck

    try:
        return RegisterCheck.open(register)
    except ValueError as exc:
        raise CheckUsageError(str(exc)) from None


@dataclass
class CheckSettings:
    """Everything a check needs besides the file, loaded and validated once (a batch worker keeps
    one per settings key, so 1,000 documents do not reload the policy 1,000 times)."""

    profile_id: str | None
    profiles: _Profiles
    waivers: list[engine.Waiver]
    audit: object | None
    ocr: bool = False
    register: object | None = None   # an open docgen.track.checking.RegisterCheck (--register)


def prepare(*, profile_id: str | None = None, policy: str | Path | None = None, waivers: str | Path | None = None,
            audit=None, ocr: bool = False, register=None) -> CheckSettings:
    """Load and validate the invocation (profile, policy, waivers, audit data); raises
    :class:`CheckUsageError` for a bad one, before any document is read."""
    profiles = _Profiles(Path(policy) if policy is not None else None)
    if profile_id:
        profiles.get(profile_id)  # an unknown profile or a broken policy fails before any reading
    elif policy is not None and not Path(policy).is_file():
        raise CheckUsageError(f"无法读取本地规则文件「{policy}」：文件不存在")
    waiver_list = _load_waivers(Path(waivers) if waivers is not None else None)
    return CheckSettings(profile_id, profiles, waiver_list, audit_argument(audit), ocr, _open_register(register))


def check_one(path: str | Path, settings: CheckSettings) -> tuple[CheckedDocument, Document | NotEvaluable, list[str]]:
    """Read and check one file: the checked document, the document read (for callers that look
    further, e.g. the batch summary's enterprise and consultancy) and the profile-choice notes."""
    doc = read_document(path, ocr=settings.ocr)
    profile, notes = _choose(doc, settings.profile_id, settings.profiles)
    result = engine.check_document(doc, profile, audit=settings.audit, waivers=settings.waivers)
    if settings.register is not None:
        settings.register.add_to(result, doc, settings.audit)
    result.notes = [*notes, *result.notes]
    return CheckedDocument(result, outline_of(doc), profile), doc, notes


def not_evaluable_result(ne: NotEvaluable, settings: CheckSettings) -> CheckedDocument:
    """The result of a document that never reached the engine (a batch worker timed out, ran out
    of memory or died): the DOC-001 finding under the profile it would have been checked with."""
    profile, notes = _choose(ne, settings.profile_id, settings.profiles)
    result = engine.check_document(ne, profile)
    result.notes = [*notes, *result.notes]
    return CheckedDocument(result, [], profile)


def check_paths(paths: Iterable[str | Path], *, profile_id: str | None = None, policy: str | Path | None = None,
                waivers: str | Path | None = None, audit=None, ocr: bool = False,
                log: Callable[[str], None] | None = _stderr, register=None) -> list[CheckedDocument]:
    """Check every file (directories expanded) and keep each document's outline for the reports.

    ``audit`` is the audit data the reports were written from (a path or an ``AuditData``), for
    rules that compare the report with its data. ``register`` (a path/URL of the bureau's register,
    docgen.track) adds ``deadline`` findings for the report's enterprise. ``log`` receives the profile choice per file
    (stderr by default; ``None`` for silence).
    """
    files = expand_paths(paths)
    settings = prepare(profile_id=profile_id, policy=policy, waivers=waivers, audit=audit, ocr=ocr, register=register)
    checked = []
    for path in files:
        one, _doc, notes = check_one(path, settings)
        if log is not None:
            for note in notes:
                log(f"{path}：{note}")
        checked.append(one)
    return checked


def check_files(paths: Iterable[str | Path], *, profile_id: str | None = None, policy: str | Path | None = None,
                waivers: str | Path | None = None, audit=None, ocr: bool = False,
                register=None) -> list[DocumentResult]:
    """Check files (or directories of them) and return one findings result per document."""
    return [c.result for c in check_paths(paths, profile_id=profile_id, policy=policy, waivers=waivers,
                                          audit=audit, ocr=ocr, register=register)]


def exit_code(results: Iterable[DocumentResult], fail_on: str = "error") -> int:
    """3 if something at or above ``fail_on`` could not be evaluated (takes precedence), else 1 if
    a failure at or above ``fail_on`` remains unwaived, else 0."""
    threshold = SEVERITY_RANK[fail_on]
    worst = exitcodes.OK
    for result in results:
        for f in result.findings:
            if f.waived or SEVERITY_RANK.get(f.severity, 2) < threshold:
                continue
            if f.status == "not_evaluable":
                return exitcodes.NOT_EVALUABLE
            worst = exitcodes.FINDINGS
    return worst
