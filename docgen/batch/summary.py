"""The batch summary as data: per document, per rule, per consultancy — rendered as JSON, XLSX, HTML.

What a bureau asks of a batch (issue 7): which reports fail and why (one row per document with its
enterprise, consultancy, stage, verdict, counts by severity and category and its top findings),
which rules fire most (a rule that fires on half the submissions is either a real industry-wide
gap or a rule to review), and which consultancies' reports fail which rules (the firms to call).

Counting follows the findings contract: only unwaived findings count (a waived finding is an
accepted deviation), a finding ``not_evaluable`` counts for its rule — a rule that could not run
is never a pass — and each document counts once per rule however many findings the rule gave it.
The JSON is the stable contract (``docgen/batch/summary.py`` documents it); the XLSX sheet and
column names are stable too (people pivot on them); the HTML is for people only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict

from docgen import __version__
from docgen.check.findings import CATEGORIES, SEVERITY_RANK, Finding
from docgen.check.report.labels import location_zh
from docgen.check.run import KIND_ZH

#: How many findings a document row shows (the rest are in the findings outputs).
TOP_FINDINGS = 3
#: The consultancy name used for reports that name none (self-conducted audits, unreadable files).
NO_CONSULTANCY = "未注明"
SCHEMA_VERSION = 1


def _active(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if not f.waived]


def _rank(f: Finding) -> tuple:
    """Most important first: severity, a failure before a rule that could not run."""
    return (-SEVERITY_RANK.get(f.severity, 0), f.status != "fail")


def stage_zh(kind: str | None) -> str:
    return KIND_ZH.get(kind or "", kind or "")


def document_row(record) -> dict:
    res = record.checked.result
    active = _active(res.findings)
    top = sorted(active, key=_rank)[:TOP_FINDINGS]
    return {
        "index": record.index, "file": res.file, "sha256": res.sha256,
        "enterprise": record.identity.get("enterprise", ""), "consultancy": record.identity.get("consultancy", ""),
        "stage": res.kind or "", "profile": res.profile, "verdict": res.verdict, "counts": res.counts,
        "categories": {c: n for c, n in Counter(f.category for f in active).items()},
        "top": [{"rule": f.rule, "severity": f.severity, "status": f.status, "message": f.message,
                 "location": location_zh(f.location)} for f in top],
        "elapsed_s": record.elapsed_s, "resumed": record.resumed,
    }


def _rule_titles() -> dict[str, dict]:
    from docgen.check.report.registry import registry

    try:
        return {code: {"title": e.rule.title_zh, "category": e.rule.category, "severity": e.rule.severity}
                for code, e in registry().items()}
    except Exception:  # noqa: BLE001 — titles are decoration; a broken pack must not lose the summary
        return {}


def build_summary(records: list, *, generated_at: str | None = None) -> dict:
    """The whole summary as plain data (the JSON output, and what XLSX and HTML render)."""
    documents = [document_row(r) for r in records]
    titles = _rule_titles()
    fired: dict[str, dict] = {}
    by_consultancy: dict[str, dict] = defaultdict(lambda: {"documents": 0, "pass": 0, "fail": 0, "not_evaluable": 0,
                                                             "error": 0, "warning": 0, "rules": Counter()})
    for record, row in zip(records, documents):
        firm = by_consultancy[row["consultancy"] or NO_CONSULTANCY]
        firm["documents"] += 1
        firm[row["verdict"]] = firm.get(row["verdict"], 0) + 1
        firm["error"] += row["counts"].get("error", 0)
        firm["warning"] += row["counts"].get("warning", 0)
        per_rule: dict[str, list[Finding]] = defaultdict(list)
        for f in _active(record.checked.result.findings):
            per_rule[f.rule].append(f)
        for code, findings in per_rule.items():
            firm["rules"][code] += 1
            worst = sorted(findings, key=_rank)[0]
            entry = fired.setdefault(code, {"rule": code, **titles.get(code, {"title": "", "category": worst.category,
                                                                                 "severity": worst.severity}),
                                            "documents": 0, "findings": 0, "hits": []})
            entry["documents"] += 1
            entry["findings"] += len(findings)
            entry["hits"].extend({"index": row["index"], "file": row["file"], "enterprise": row["enterprise"],
                                  "consultancy": row["consultancy"], "severity": f.severity, "status": f.status,
                                  "message": f.message, "location": location_zh(f.location)} for f in findings)
    rules = sorted(fired.values(), key=lambda e: (-e["documents"], e["rule"]))
    firms = [{"name": name, **{k: v for k, v in data.items() if k != "rules"},
              "rules": dict(sorted(data["rules"].items(), key=lambda kv: (-kv[1], kv[0])))}
             for name, data in sorted(by_consultancy.items(), key=lambda kv: (-kv[1]["documents"], kv[0]))]
    verdicts = Counter(row["verdict"] for row in documents)
    return {
        "schema_version": SCHEMA_VERSION,
        "engine_version": __version__,
        "generated_at": generated_at or dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "total": len(documents),
        "verdicts": {v: verdicts.get(v, 0) for v in ("pass", "fail", "not_evaluable")},
        "categories": list(CATEGORIES),
        "documents": documents,
        "rules": rules,
        "consultancies": firms,
    }


def render_summary_json(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2) + "\n"
