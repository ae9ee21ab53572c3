"""The findings JSON Schema pins the DESIGN.md contract: real output validates, wrong values do not,
and the schema's vocabularies are the code's."""

from __future__ import annotations

import copy
import json
import re
import typing

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from docgen.check import findings as contract
from docgen.check.profile import available_profiles, load_profile
from docgen.cli import main
from docgen.resources import data_file
from tests.check.conftest import ROOT, edit_docx
from tests.check.test_cli import EVAL, SAMPLE, drop_chapter

SCHEMA = json.loads(data_file("findings.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_schema_is_a_valid_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_vocabularies_are_the_contract():
    finding = SCHEMA["$defs"]["finding"]["properties"]
    assert finding["category"]["enum"] == list(contract.CATEGORIES)
    assert finding["severity"]["enum"] == list(typing.get_args(contract.Severity)) == ["error", "warning", "info"]
    assert finding["status"]["enum"] == list(typing.get_args(contract.Status)) == ["fail", "not_evaluable"]
    assert SCHEMA["properties"]["verdict"]["enum"] == list(typing.get_args(contract.Verdict))
    assert set(SCHEMA["$defs"]["location"]["required"]) == {"heading_path", "paragraph", "table", "row", "col", "page"}
    # DESIGN.md's field list, verbatim
    assert set(SCHEMA["$defs"]["finding"]["required"]) == {
        "rule", "category", "target_id", "target", "severity", "status", "review_point", "location", "message",
        "evidence", "suggestion"}
    assert set(SCHEMA["required"]) == {"file", "sha256", "profile", "engine_version", "verdict", "counts", "findings"}


@pytest.fixture
def real_outputs(rendered_reports, tmp_path) -> list[dict]:
    """JSON of real checks: every rendered report (auto profile), a broken one, a waived one, an
    empty file."""
    broken = edit_docx(rendered_reports[(SAMPLE, "evaluation")], tmp_path / "broken.docx", drop_chapter("预审核"))
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    waivers = tmp_path / "w.yaml"
    waivers.write_text(yaml.safe_dump({"waivers": [{"rule": "SEC-001", "file": "broken.docx", "justification": "同意"}]},
                                      allow_unicode=True), encoding="utf-8")
    runner = CliRunner()
    outputs = []
    paths = [p for (_, kind), p in sorted(rendered_reports.items()) if kind == "evaluation"]
    result = runner.invoke(main, ["check", *map(str, paths + [broken, empty]), "--profile", EVAL, "--format", "jsonl"])
    outputs += [json.loads(line) for line in result.stdout.splitlines()]
    result = runner.invoke(main, ["check", str(broken), "--profile", EVAL, "--waivers", str(waivers), "--format", "json"])
    outputs.append(json.loads(result.stdout))
    # every shipped pack over the reports of its kind (and the acceptance reports with the automatic choice)
    for profile_id in available_profiles():
        kind = load_profile(profile_id).kind
        reports = [p for (_, k), p in sorted(rendered_reports.items()) if k == kind]
        if reports:
            result = runner.invoke(main, ["check", *map(str, reports), "--profile", profile_id, "--format", "jsonl"])
            outputs += [json.loads(line) for line in result.stdout.splitlines()]
    acceptance = [p for (_, k), p in sorted(rendered_reports.items()) if k == "acceptance"]
    result = runner.invoke(main, ["check", *map(str, acceptance), "--format", "jsonl"])
    outputs += [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) > len(paths) + 3
    return outputs


def test_real_output_validates(real_outputs):
    for output in real_outputs:
        errors = sorted(VALIDATOR.iter_errors(output), key=lambda e: list(e.path))
        assert not errors, (output["file"], [f"{list(e.path)}: {e.message}" for e in errors])
    # the cases that matter were really there
    assert {o["verdict"] for o in real_outputs} >= {"fail", "not_evaluable"}
    assert any(f.get("waived") for o in real_outputs for f in o["findings"])
    assert any(f["rule"] == "DOC-001" for o in real_outputs for f in o["findings"])


def test_every_shipped_rule_fits_the_schema_patterns():
    """Rule codes and targets of all shipped packs are in the contract's vocabulary (a pack that
    invents an id fails here, not in a consumer's validator)."""
    from docgen.check.report.registry import registry

    finding = SCHEMA["$defs"]["finding"]["properties"]
    code, target = re.compile(finding["rule"]["pattern"]), re.compile(finding["target_id"]["pattern"])
    for entry in registry().values():
        for rule in [entry.rule] + [entry.in_profile(p) for p in entry.profiles]:
            assert code.match(rule.code), rule.code
            assert target.match(rule.target_id), (rule.code, rule.target_id)
            assert rule.category in finding["category"]["enum"], (rule.code, rule.category)
            assert rule.severity in finding["severity"]["enum"], (rule.code, rule.severity)


@pytest.mark.parametrize("target_id", ["DOC", "S1", "S7", "T-1", "T-9a", "T-19c", "A-9", "F-enterprise-name", "F-seal",
                                       "Z-22"])
def test_vocabulary_ids_are_accepted(target_id):
    doc = _valid_document()
    doc["findings"][0]["target_id"] = target_id
    VALIDATOR.validate(doc)


def _valid_document() -> dict:
    return {
        "file": "r.docx", "sha256": "a" * 64, "profile": {"id": EVAL, "version": "2018.1"}, "engine_version": "0.1.0",
        "verdict": "fail", "counts": {"error": 1, "warning": 0, "info": 0, "not_evaluable": 0},
        "findings": [{
            "rule": "SEC-001", "category": "section", "target_id": "S2", "target": "预审核", "severity": "error",
            "status": "fail", "review_point": "R1",
            "location": {"heading_path": ["筹划和组织"], "paragraph": 3, "table": None, "row": None, "col": None, "page": 2},
            "message": "缺少「预审核」章节（S2）", "evidence": "", "suggestion": "", "confidence": 1.0}],
    }


def test_hand_made_document_is_valid():
    VALIDATOR.validate(_valid_document())


@pytest.mark.parametrize("path, value", [
    (("findings", 0, "category"), "format"),        # not a category of the contract
    (("findings", 0, "status"), "pass"),            # a rule that passed gives no finding
    (("findings", 0, "severity"), "fatal"),
    (("findings", 0, "rule"), "sec1"),
    (("findings", 0, "target_id"), "chapter-2"),
    (("findings", 0, "target_id"), "S8"),
    (("findings", 0, "location", "table"), -1),
    (("findings", 0, "location", "page"), 0),       # pages are 1-based
    (("findings", 0, "waived"), {"by": "x"}),       # a waiver needs a justification
    (("findings", 0, "message"), ""),
    (("verdict",), "ok"),
    (("sha256",), "not-a-hash"),
    (("counts", "error"), -1),
])
def test_schema_rejects_wrong_values(path, value):
    doc = _valid_document()
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)


@pytest.mark.parametrize("path", [("findings", 0, "location"), ("findings", 0, "review_point"), ("counts",),
                                  ("findings", 0, "location", "page"), ("profile", "version")])
def test_schema_requires_the_contract_keys(path):
    doc = _valid_document()
    target = doc
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)


def test_unknown_keys_are_rejected():
    doc = _valid_document()
    bad = copy.deepcopy(doc)
    bad["findings"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(bad)


def test_the_documented_example_is_valid():
    text = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```json\n(.*?)```", text, re.DOTALL)
    doc = json.loads(example)
    VALIDATOR.validate(doc)
    assert doc["counts"]["error"] == sum(1 for f in doc["findings"] if f["severity"] == "error" and not f.get("waived"))
