"""The park rule packs on the rendered sample (zero errors) and on seeded-defect copies (exactly the
hand-worked findings); every rule's ``examples`` name cases here that fail (pass) that rule."""

from __future__ import annotations

from collections import Counter

import pytest
from park_defects import CASES, build

from docgen.check.engine import check_document
from docgen.check.profile import load_profile
from docgen.read import read_document

REPORTED = ("error", "warning")


def _check(tmp_path, case, rendered):
    path = tmp_path / f"{case.name}.docx"
    path.write_bytes(build(case, rendered))
    return check_document(read_document(path), load_profile(case.profile))


def _keys(result):
    return Counter((f.rule, f.target_id, f.status, f.severity) for f in result.findings if f.severity in REPORTED)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_seeded_case_gives_exactly_its_findings(tmp_path, rendered, case):
    result = _check(tmp_path, case, rendered)
    assert _keys(result) == Counter(case.expected), [(f.rule, f.status, f.message) for f in result.findings]


@pytest.mark.parametrize("pack", ["park-audit", "park-annual"])
def test_every_rule_has_failing_and_passing_examples_here(pack):
    names = {c.name: c for c in CASES}
    for rule in load_profile(pack).rules:
        fails, passes = rule.examples.get("fail", []), rule.examples.get("pass", [])
        assert fails and passes, rule.code
        for ref in fails + passes:
            assert ref.startswith("park/") and ref.removeprefix("park/") in names, (rule.code, ref)
        for ref in fails:
            assert any(k[0] == rule.code and k[2] in ("fail", "not_evaluable") for k in names[ref.removeprefix("park/")].expected), (rule.code, ref)
        for ref in passes:
            assert all(k[0] != rule.code for k in names[ref.removeprefix("park/")].expected), (rule.code, ref)


def test_coverage_message_shows_the_recomputed_share(tmp_path, rendered):
    case = next(c for c in CASES if c.name == "audit-coverage-below-80")
    result = _check(tmp_path, case, rendered)
    energy = [f for f in result.findings if f.rule == "PARK-030" and "综合能耗" in f.message]
    assert len(energy) == 1 and "79.77%" in energy[0].message  # 960455.15 / 1204012.105 (hand)
    so2 = [f for f in result.findings if f.rule == "PARK-030" and "SO₂" in f.message]
    assert "67.08%" in so2[0].message  # listed without E10: 96+188+4.2+3.1+312+265+0+58+0.1 = 926.4 / 1381.0


def test_park_findings_fit_the_findings_contract(tmp_path, rendered):
    """P1–P7/Y1–Y7 chapter ids and P-n/Y-n table ids are in the contract's target vocabulary."""
    import json

    import jsonschema

    from docgen.resources import data_file

    validator = jsonschema.Draft202012Validator(json.loads(data_file("findings.schema.json").read_text(encoding="utf-8")))
    for name in ("audit-missing-p3", "audit-coverage-below-80", "annual-change-wrong", "annual-missing-y3"):
        case = next(c for c in CASES if c.name == name)
        doc = _check(tmp_path, case, rendered).to_json()
        validator.validate(doc)
        assert {f["target_id"] for f in doc["findings"]} & {"P3", "P-5", "Y-1", "Y3"}
