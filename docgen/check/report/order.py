"""Ordering and placing findings in the document: by chapter, then by where they are.

A finding's ``location.heading_path`` is the path of titles (without number labels) of the heading
it sits under — the same path each heading of the outline carries — so a finding is placed under
the outline entry with that path; with duplicate titles, under the last such heading before the
finding's paragraph. Findings with no heading path belong to the document as a whole.
"""

from __future__ import annotations

from docgen.check.findings import Finding
from docgen.check.report.labels import NO_CHAPTER

_BIG = 10**9


def outline_index(finding: Finding, outline) -> int | None:
    """Index of the outline entry (``run.OutlineEntry``) the finding belongs to, or None."""
    path = tuple(finding.location.heading_path)
    if not path:
        return None
    paragraph = finding.location.paragraph
    best = None
    for depth in range(len(path), 0, -1):  # the deepest heading first; fall back to its parents
        candidates = [i for i, e in enumerate(outline) if e.heading_path == path[:depth]]
        if not candidates:
            continue
        best = candidates[0]
        if paragraph is not None:
            before = [i for i in candidates if outline[i].paragraph is not None and outline[i].paragraph <= paragraph]
            if before:
                best = before[-1]
        return best
    return None


def chapter(finding: Finding) -> str:
    path = finding.location.heading_path
    return path[0] if path else NO_CHAPTER


def sort_key(finding: Finding, outline) -> tuple:
    loc = finding.location
    index = outline_index(finding, outline)
    return (-1 if index is None else index, _none_last(loc.paragraph), _none_last(loc.table), _none_last(loc.row),
            _none_last(loc.col), _none_last(loc.page), finding.rule, finding.target_id)


def _none_last(value: int | None) -> int:
    return _BIG if value is None else value


def by_chapter(findings: list[Finding], outline) -> list[tuple[str, list[Finding]]]:
    """Chapters in document order (the document as a whole first), findings in order within each."""
    ordered = sorted(findings, key=lambda f: sort_key(f, outline))
    groups: dict[str, list[Finding]] = {}
    for f in ordered:
        groups.setdefault(chapter(f), []).append(f)
    return list(groups.items())
