"""Plain data ↔ checker objects: a worker's answer or a journal line back into a CheckedDocument.

Workers and the journal speak the findings JSON contract (DESIGN.md); the report renderers
(docgen.check.report) take ``CheckedDocument`` objects. This module is the one place that turns
one into the other, so the batch path renders exactly what the in-process path renders.
"""

from __future__ import annotations

from docgen.check.findings import DocumentResult, Finding, FindingLocation
from docgen.check.run import CheckedDocument, CheckSettings, OutlineEntry, not_evaluable_result
from docgen.read.reasons import not_evaluable


def finding_from_json(data: dict) -> Finding:
    fields = dict(data)
    fields["location"] = FindingLocation(**fields.get("location", {}))
    return Finding(**fields)


def result_from_json(data: dict) -> DocumentResult:
    return DocumentResult(file=data["file"], sha256=data.get("sha256"), profile=data["profile"],
                          engine_version=data["engine_version"], verdict=data["verdict"], counts=data["counts"],
                          findings=[finding_from_json(f) for f in data.get("findings", [])], score=data.get("score"),
                          kind=data.get("kind"), notes=list(data.get("notes", [])))


def outline_from_json(entries: list[dict]) -> list[OutlineEntry]:
    return [OutlineEntry(anchor=e["anchor"], level=e["level"], text=e["text"], heading_path=tuple(e["heading_path"]),
                         paragraph=e.get("paragraph"), page=e.get("page")) for e in entries]


def checked_from_json(result: dict, outline: list[dict], settings: CheckSettings) -> CheckedDocument:
    """A CheckedDocument from its JSON parts; the profile object is the parent's own (for SARIF)."""
    res = result_from_json(result)
    try:
        profile = settings.profiles.get(res.profile.get("id"))
    except Exception:  # noqa: BLE001 — an old journal line naming a profile that no longer exists
        profile = None
    return CheckedDocument(res, outline_from_json(outline), profile)


def checked_from_answer(answer: dict, sha256: str | None, settings: CheckSettings) -> CheckedDocument:
    """A worker's answer as a CheckedDocument: its result, or the DOC-001 result of its failure
    (timeout, memory, crash, exception) with the reason a clerk can act on."""
    if answer.get("status") == "ok":
        return checked_from_json(answer["result"], answer.get("outline", []), settings)
    ne = not_evaluable(answer["path"], answer.get("code") or "DOC.PARSE_ERROR", answer.get("detail", ""), sha256,
                       note_zh=answer.get("note_zh", ""))
    return not_evaluable_result(ne, settings)
