"""The industry rule packs on the rendered sample: the good documents pass with zero errors and
warnings, every seeded defect (tests/industry/defects.py) gives exactly the findings worked out by
hand, and every rule's ``examples`` name a defect that fails it and a document that passes it."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from tests.industry.defects import DEFECTS, GOOD, PACK, apply, shrink_list

REPORTED = ("error", "warning")


@functools.lru_cache(maxsize=None)
def _profile(profile_id: str):
    from docgen.check.profile import load_profile

    return load_profile(profile_id)


def check_bytes(data: bytes, profile_id: str, tmp_path: Path, name: str = "doc"):
    from docgen.check.engine import check_document
    from docgen.read import read_document

    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    return check_document(read_document(path), _profile(profile_id))


def reported(result) -> set[tuple[str, str]]:
    return {(f.rule, f.status) for f in result.findings if f.severity in REPORTED}


@pytest.mark.parametrize("name, base", sorted(GOOD.items()))
def test_good_documents_pass_their_pack(rendered, tmp_path, name, base):
    result = check_bytes(rendered[base], PACK[base], tmp_path)
    assert [(f.rule, f.status, f.message) for f in result.findings] == []
    assert result.verdict == "pass"


def _defect_bytes(defect, rendered, sample, tmp_path):
    if defect.edit is not None:
        return apply(rendered[defect.base], defect.edit)
    from docgen.industry.render import render_report

    return render_report(shrink_list(sample), tmp_path).data


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_seeded_defect_is_found(defect, rendered, sample, tmp_path):
    result = check_bytes(_defect_bytes(defect, rendered, sample, tmp_path), PACK[defect.base], tmp_path, defect.name)
    assert reported(result) == defect.expected, [(f.rule, f.status, f.message) for f in result.findings]
    assert result.verdict != "pass"


def test_every_rule_has_a_failing_and_a_passing_example():
    names = {d.name: d for d in DEFECTS}
    for base, pack in PACK.items():
        for rule in _profile(pack).rules:
            fails = [x.removeprefix("industry/") for x in rule.examples.get("fail", [])]
            passes = [x.removeprefix("industry/") for x in rule.examples.get("pass", [])]
            assert fails and passes, rule.code
            for name in fails:
                assert name in names and (rule.code, "fail") in names[name].expected, (rule.code, name)
            for name in passes:
                assert name in GOOD, (rule.code, name)


def test_check_without_profile_recognises_the_industry_documents(rendered, tmp_path):
    from docgen.check.engine import recognise_kind
    from docgen.read import read_document

    for base, kind in (("report", "industry"), ("phases", "industry-phases"), ("sheet", "industry-sheet")):
        path = tmp_path / f"{base}.docx"
        path.write_bytes(rendered[base])
        assert recognise_kind(read_document(path))[0] == kind


@pytest.mark.parametrize("name", ["wrong-level-count", "missing-census-table", "sheet-wrong-total"])
def test_findings_fit_the_findings_contract(name, rendered, sample, tmp_path):
    """Industry findings (target ids I-n, I-An, E-n) validate against docgen/data/findings.schema.json."""
    import json

    import jsonschema

    from docgen.resources import data_file

    defect = next(d for d in DEFECTS if d.name == name)
    result = check_bytes(_defect_bytes(defect, rendered, sample, tmp_path), PACK[defect.base], tmp_path, name)
    schema = json.loads(data_file("findings.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(result.to_json()))
    assert not errors, [e.message for e in errors]
    assert {f.target_id for f in result.findings} & {"I-19", "I-3", "E-4"}
