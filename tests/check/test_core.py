"""The checker core: rule packs (extends, policy), tri-state engine, waivers, report-kind recognition."""

from __future__ import annotations

import pytest

from docgen.check.engine import Waiver, check_document, load_waivers, recognise_kind
from docgen.check.findings import Finding, FindingLocation, count, verdict
from docgen.check.profile import Profile, ProfileError, Rule, apply_policy, load_profile
from docgen.read import read_document
from docgen.read.model import NotEvaluable


def _finding(severity="error", status="fail", waived=None):
    return Finding("X-1", "section", "S1", "筹划和组织", severity, status, "R1", FindingLocation(), "msg", waived=waived)


def test_verdict_and_counts_are_tri_state():
    assert verdict([]) == "pass"
    assert verdict([_finding("warning")]) == "pass"
    assert verdict([_finding("error")]) == "fail"
    # an error-level rule that could not run is never a pass
    assert verdict([_finding("error", "not_evaluable")]) == "not_evaluable"
    assert verdict([_finding("error", waived={"justification": "j"})]) == "pass"
    assert count([_finding("error"), _finding("warning"), _finding("error", "not_evaluable")]) == {
        "error": 1, "warning": 1, "info": 0, "not_evaluable": 1}


def test_shipped_pack_loads_with_metadata():
    p = load_profile("national-2018-evaluation")
    assert p.kind == "evaluation" and p.version and "环办科技〔2018〕5号" in p.source
    assert p.rule("SEC-001").kind == "required_sections"


def test_unknown_profile_names_the_available_ones():
    with pytest.raises(ProfileError, match="national-2018-evaluation"):
        load_profile("nope")


def test_policy_overrides_severity_params_and_disables(tmp_path):
    base = load_profile("national-2018-evaluation")
    policy = tmp_path / "policy.yaml"
    policy.write_text("overrides:\n  SEC-001:\n    severity: warning\n    params: {fuzzy_threshold: 95}\n", encoding="utf-8")
    changed = apply_policy(base, policy)
    rule = changed.rule("SEC-001")
    assert rule.severity == "warning" and rule.params["fuzzy_threshold"] == 95
    assert rule.params["sections"] == base.rule("SEC-001").params["sections"]  # merged, not replaced
    policy.write_text("disable: [SEC-001]\n", encoding="utf-8")
    assert "SEC-001" not in [r.code for r in apply_policy(base, policy).rules]
    policy.write_text("overrides:\n  NOPE-9: {severity: info}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="NOPE-9"):
        apply_policy(base, policy)
    policy.write_text("overrides:\n  SEC-001: {kind: other}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="只能覆盖"):
        apply_policy(base, policy)


def _profile(*rules: Rule) -> Profile:
    return Profile(id="test", title="t", version="1", kind="evaluation", effective=None, source="s", rules=rules)


def _rule(code, kind, **kw) -> Rule:
    return Rule(code=code, kind=kind, title_zh="t", title_en="t", category="section", severity="error",
                review_point="R1", **kw)


def test_unreadable_document_is_one_input_finding():
    ne = NotEvaluable(path="x.docx", code="DOC.ENCRYPTED", reason_zh="文件已加密", reason_en="encrypted")
    result = check_document(ne, load_profile("national-2018-evaluation"))
    assert result.verdict == "not_evaluable"
    (f,) = result.findings
    assert f.category == "input" and f.status == "not_evaluable" and "文件已加密" in f.message


def test_missing_kind_or_condition_is_not_evaluable_never_pass(rendered_reports):
    doc = read_document(rendered_reports[("audit-shanghai-fine-chemical", "evaluation")])
    result = check_document(doc, _profile(_rule("X-1", "no_such_kind"), _rule("X-2", "required_sections", when="no_such_condition")))
    assert [f.status for f in result.findings] == ["not_evaluable", "not_evaluable"]
    assert result.verdict == "not_evaluable"


def test_crashing_rule_becomes_a_finding(rendered_reports):
    doc = read_document(rendered_reports[("audit-shanghai-fine-chemical", "evaluation")])
    bad = _rule("X-3", "required_sections", params={"sections": "not a list"})
    result = check_document(doc, _profile(bad))
    (f,) = result.findings
    assert f.status == "not_evaluable" and "执行出错" in f.message


def test_waivers_need_a_justification_and_apply(tmp_path, rendered_reports):
    path = tmp_path / "w.yaml"
    path.write_text("waivers:\n  - {rule: SEC-001}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="justification"):
        load_waivers(path)
    w = Waiver(rule="X-1", justification="专家同意", file="a.docx")
    assert w.applies(_finding(), "/x/a.docx", None) and not w.applies(_finding(), "/x/b.docx", None)


def test_recognise_kind(rendered_reports):
    evaluation = read_document(rendered_reports[("audit-electroplating", "evaluation")])
    acceptance = read_document(rendered_reports[("audit-electroplating", "acceptance")])
    assert recognise_kind(evaluation)[0] == "evaluation"
    assert recognise_kind(acceptance)[0] == "acceptance"
