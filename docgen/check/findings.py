"""The findings contract (DESIGN.md): one result object per document, one finding per problem.

Stable for integrations; pinned by ``docgen/data/findings.schema.json`` and tests. Tri-state by
construction (checker.md §6.5): a rule either passes (no finding), fails (``status: fail``) or could
not run (``status: not_evaluable``) — a rule that could not run is never a pass, and a document that
could not be read is itself a finding.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Category = Literal["section", "order", "table", "field", "placeholder", "numeric", "date", "deadline", "seal",
                   "archive", "input"]
Severity = Literal["error", "warning", "info"]
Status = Literal["fail", "not_evaluable"]
Verdict = Literal["pass", "fail", "not_evaluable"]

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CATEGORIES: tuple[str, ...] = ("section", "order", "table", "field", "placeholder", "numeric", "date", "deadline",
                               "seal", "archive", "input")


@dataclass
class FindingLocation:
    heading_path: list[str] = field(default_factory=list)
    paragraph: int | None = None
    table: int | None = None  # zero-based index among all tables of the document
    row: int | None = None
    col: int | None = None
    page: int | None = None


@dataclass
class Finding:
    rule: str                  # stable code, e.g. SEC-001
    category: str
    target_id: str             # shared vocabulary: S1–S7, T-n, A-n, F-*, Z-n (or DOC for the file)
    target: str                # human name of the target: 筹划和组织, 审核小组成员表 …
    severity: str
    status: str
    review_point: str          # the clause enforced, e.g. "环办科技〔2018〕5号 评估要点1 / R1"
    location: FindingLocation
    message: str               # Chinese, for a bureau clerk: what is wrong and where
    evidence: str = ""         # what was found and how it was computed
    suggestion: str = ""       # what to do about it
    confidence: float = 1.0    # from the document model's signals (fuzzy match, PDF table, OCR …)
    waived: dict | None = None  # {"justification": …, "by": …, "date": …} when a waiver applies

    def to_json(self) -> dict:
        data = asdict(self)
        if data["waived"] is None:
            del data["waived"]
        return data


@dataclass
class DocumentResult:
    file: str
    sha256: str | None
    profile: dict              # {"id": …, "version": …}
    engine_version: str
    verdict: str
    counts: dict               # {"error": n, "warning": n, "info": n, "not_evaluable": n}
    findings: list[Finding]
    score: float | None = None
    kind: str | None = None    # evaluation | acceptance (what the report was recognised as)
    notes: list[str] = field(default_factory=list)  # e.g. which profile was chosen and why

    def to_json(self) -> dict:
        data = {
            "file": self.file,
            "sha256": self.sha256,
            "profile": self.profile,
            "engine_version": self.engine_version,
            "verdict": self.verdict,
            "counts": self.counts,
            "findings": [f.to_json() for f in self.findings],
        }
        if self.score is not None:
            data["score"] = self.score
        if self.kind is not None:
            data["kind"] = self.kind
        if self.notes:
            data["notes"] = self.notes
        return data


def count(findings: list[Finding]) -> dict:
    """Counts of unwaived failures by severity, and of rules that could not run."""
    counts = {"error": 0, "warning": 0, "info": 0, "not_evaluable": 0}
    for f in findings:
        if f.waived:
            continue
        if f.status == "not_evaluable":
            counts["not_evaluable"] += 1
        else:
            counts[f.severity] += 1
    return counts


def verdict(findings: list[Finding]) -> str:
    """fail: an unwaived error; not_evaluable: an error-level rule could not run; else pass."""
    active = [f for f in findings if not f.waived]
    if any(f.status == "fail" and f.severity == "error" for f in active):
        return "fail"
    if any(f.status == "not_evaluable" and f.severity == "error" for f in active):
        return "not_evaluable"
    return "pass"
