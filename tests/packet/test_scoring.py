"""Scoring sheets as profile data, and what the checker pre-fills on them."""

from __future__ import annotations

import fnmatch

import pytest

from docgen.check.findings import Finding, FindingLocation
from docgen.check.profile import ProfileError, available_profiles
from docgen.check.report.registry import registry
from docgen.packet.scoring import load_scoring, prefill, scoring_reference


def finding(rule: str, severity: str = "error", waived: dict | None = None) -> Finding:
    return Finding(rule=rule, category="table", target_id="DOC", target="", severity=severity, status="fail",
                   review_point="R", location=FindingLocation(), message=f"{rule} 不符合", waived=waived)


@pytest.mark.parametrize("profile, stage", [
    ("national-2018-evaluation", "evaluation"), ("shanghai-evaluation", "evaluation"),
    ("national-2018-acceptance", "acceptance"), ("shanghai-acceptance", "acceptance"),
])
def test_every_shipped_profile_has_a_sheet_of_100_points_passing_at_70(profile, stage):
    sheet = load_scoring(profile)
    assert sheet.stage == stage
    assert sheet.total == 100 and sheet.pass_threshold == 70   # Beijing practice, domain.md §4.6
    assert len(sheet.veto) == 6


def test_shanghai_inherits_the_national_sheet_through_extends():
    assert scoring_reference("shanghai-evaluation") == scoring_reference("national-2018-evaluation") \
        == "scoring/national-2018-evaluation.yaml"
    assert set(available_profiles()) >= {"shanghai-evaluation", "shanghai-acceptance"}


def test_acceptance_veto_items_are_the_beijing_list():
    texts = [v.text for v in load_scoring("national-2018-acceptance").veto]
    assert texts[4] == "达标时间承诺超过2年"
    assert texts[1] == "审核重点或者清洁生产目标设置错误或存在重大遗漏"


def test_every_rule_a_sheet_names_exists():
    codes = set(registry())
    for profile in ("national-2018-evaluation", "national-2018-acceptance"):
        sheet = load_scoring(profile)
        for line in (*sheet.veto, *sheet.items):
            for pattern in line.rules:
                assert any(fnmatch.fnmatchcase(c, pattern) for c in codes), f"{profile} {line.id}: {pattern}"


def test_prefill_flags_veto_candidates_and_attaches_findings_without_scoring():
    sheet = load_scoring("national-2018-evaluation")
    findings = [finding("NUM-014"), finding("SEC-001", "warning"), finding("TBL-022"),
                finding("TPL-001", waived={"justification": "模板说明文字"}), finding("XYZ-999")]
    veto, lines, unclaimed = prefill(sheet, findings)
    by_id = {p.line.id: p for p in veto}
    assert by_id["V2"].candidate and [f.rule for f in by_id["V2"].findings] == ["NUM-014"]
    assert not by_id["V1"].candidate and [f.rule for f in by_id["V1"].findings] == ["SEC-001"]  # a warning only
    assert by_id["V4"].findings == []                      # the waived placeholder finding is not evidence
    lines_by_id = {p.line.id: p for p in lines}
    assert [f.rule for f in lines_by_id["P4"].findings] == ["NUM-014"]
    assert [f.rule for f in lines_by_id["P3"].findings] == ["TBL-022"]
    assert [f.rule for f in lines_by_id["P1"].findings] == ["SEC-001"]
    assert [f.rule for f in unclaimed] == ["XYZ-999"]


def test_a_profile_without_a_sheet_is_a_clear_error(monkeypatch):
    import docgen.packet.scoring as scoring

    monkeypatch.setattr(scoring, "_raw", lambda pid: {"id": pid})
    with pytest.raises(ProfileError, match="没有打分表"):
        load_scoring("national-2018-evaluation")
