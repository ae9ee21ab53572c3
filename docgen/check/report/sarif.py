"""SARIF 2.1.0 (OASIS): the interchange format for code-scanning style tools (checker.md §1.2).

Mapping of the findings contract:

- one ``run`` per rule pack used; ``tool.driver.rules`` are the pack's rules as applied (policy
  included) plus the engine's DOC-001/DOC-002: ``id``, ``name``, ``shortDescription`` (Chinese
  title), ``fullDescription`` (rationale), ``help`` (the review point), ``helpUri``
  (``docs/rules/CODE.md``), ``defaultConfiguration.level``;
- each checked file is an ``artifact`` (URI, SHA-256, and the verdict and counts in its properties);
- a ``fail`` finding is a result with ``kind: fail`` and ``level`` error/warning/note (info → note);
  a ``not_evaluable`` finding has ``kind: open`` ("could not determine") and, as SARIF requires for
  kinds other than fail, ``level: none`` — its severity stays in ``properties.severity``;
- a document has no lines, so a location is the artifact plus a ``logicalLocation`` naming the
  heading path, table, row and column ("第三章 › 3.2 › 第 4 个表格 第 2 行"), with the zero-based
  indexes and the page in ``properties``;
- a waived finding carries a ``suppression`` (``kind: external``, ``status: accepted``, the
  justification, who and when).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from docgen import __version__
from docgen.check.findings import Finding
from docgen.check.report.labels import place
from docgen.check.builtin import BUILTIN_RULES
from docgen.check.report.registry import help_uri

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/-._~")


def _rule_name(title_en: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", title_en)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Rule"


def rule_descriptor(rule) -> dict:
    return {
        "id": rule.code,
        "name": _rule_name(rule.title_en),
        "shortDescription": {"text": rule.title_zh},
        "fullDescription": {"text": rule.rationale or rule.title_zh},
        "help": {"text": f"审查要点：{rule.review_point}"},
        "helpUri": help_uri(rule.code),
        "defaultConfiguration": {"level": LEVEL.get(rule.severity, "warning")},
        "properties": {"category": rule.category, "kind": rule.kind, "titleEn": rule.title_en,
                       "reviewPoint": rule.review_point, "targetId": rule.target_id, "tags": [rule.category]},
    }


def _unknown_rule(f: Finding) -> dict:
    return {"id": f.rule, "shortDescription": {"text": f.rule}, "helpUri": help_uri(f.rule),
            "defaultConfiguration": {"level": LEVEL.get(f.severity, "warning")},
            "properties": {"category": f.category, "tags": [f.category]}}


def logical_location(f: Finding) -> dict | None:
    loc = f.location
    parts = list(loc.heading_path)
    where = place(replace(loc, page=None))
    if where:
        parts.append(where)
    if not parts:
        return None
    kind = "object" if loc.table is not None else ("text" if loc.paragraph is not None else "namespace")
    return {"name": parts[-1], "fullyQualifiedName": " › ".join(parts), "kind": kind}


def _fingerprint(f: Finding) -> str:
    loc = f.location
    key = "|".join([f.rule, f.target_id, "/".join(loc.heading_path), str(loc.table), str(loc.row), str(loc.col),
                    f.message])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def result_object(f: Finding, rule_index: int, artifact_index: int, uri: str) -> dict:
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": uri, "index": artifact_index}}}
    logical = logical_location(f)
    if logical:
        location["logicalLocations"] = [logical]
    loc = f.location
    indexes = {k: v for k, v in (("paragraph", loc.paragraph), ("table", loc.table), ("row", loc.row),
                                 ("col", loc.col), ("page", loc.page)) if v is not None}
    if indexes or loc.heading_path:
        location["properties"] = {"headingPath": list(loc.heading_path), **indexes}
    failed = f.status == "fail"
    result = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "kind": "fail" if failed else "open",
        "level": LEVEL.get(f.severity, "warning") if failed else "none",
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {"docgenFinding/v1": _fingerprint(f)},
        "properties": {"category": f.category, "severity": f.severity, "status": f.status, "targetId": f.target_id,
                       "target": f.target, "reviewPoint": f.review_point, "evidence": f.evidence,
                       "suggestion": f.suggestion, "confidence": f.confidence},
    }
    if f.waived:
        suppression = {"kind": "external", "status": "accepted", "justification": f.waived.get("justification", "")}
        extra = {k: f.waived[k] for k in ("by", "date") if f.waived.get(k)}
        if extra:
            suppression["properties"] = extra
        result["suppressions"] = [suppression]
    return result


def _run(profile, checked_documents: list) -> dict:
    rules = [rule_descriptor(r) for r in (profile.rules if profile is not None else ())]
    rules += [rule_descriptor(r) for r in BUILTIN_RULES]
    index = {r["id"]: i for i, r in enumerate(rules)}
    artifacts, results = [], []
    for a, checked in enumerate(checked_documents):
        res = checked.result
        uri = artifact_uri(res.file)
        artifact = {"location": {"uri": uri},
                    "properties": {"verdict": res.verdict, "counts": res.counts, "profile": res.profile,
                                   "notes": res.notes}}
        if res.sha256:
            artifact["hashes"] = {"sha-256": res.sha256}
        artifacts.append(artifact)
        for f in res.findings:
            if f.rule not in index:
                index[f.rule] = len(rules)
                rules.append(_unknown_rule(f))
            results.append(result_object(f, index[f.rule], a, uri))
    first = checked_documents[0].result.profile if checked_documents else {}
    driver = {"name": "docgen", "version": __version__, "semanticVersion": __version__,
              "informationUri": help_uri("index"), "rules": rules}
    run = {"tool": {"driver": driver}, "invocations": [{"executionSuccessful": True}], "artifacts": artifacts,
           "results": results, "columnKind": "unicodeCodePoints",
           "properties": {"profile": first}}
    if profile is not None and profile.policy:
        run["properties"]["policy"] = profile.policy
    return run


def sarif_log(checked_documents: list) -> dict:
    """One SARIF log; one run per rule pack (id + version + policy) in first-use order."""
    groups: dict[tuple, list] = {}
    profiles: dict[tuple, object] = {}
    for checked in checked_documents:
        p = checked.result.profile
        key = (p.get("id"), p.get("version"), getattr(checked.profile, "policy", None))
        groups.setdefault(key, []).append(checked)
        profiles.setdefault(key, checked.profile)
    runs = [_run(profiles[key], docs) for key, docs in groups.items()] or [_run(None, [])]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": runs}


def render_sarif(checked_documents: list) -> str:
    return json.dumps(sarif_log(checked_documents), ensure_ascii=False, indent=2) + "\n"
