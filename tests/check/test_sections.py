"""SEC-001 required_sections: passes the engine's own reports, fails when a chapter is missing or
out of order, reports a fuzzy match for a human, and accepts the other naming family."""

from __future__ import annotations

from docgen.check.engine import check_document
from docgen.check.profile import load_profile
from docgen.read import read_document
from tests.check.conftest import W, edit_docx, paragraph_text


def _sec(path):
    profile = load_profile("national-2018-evaluation")
    only = type(profile)(**{**profile.__dict__, "rules": (profile.rule("SEC-001"),)})
    return check_document(read_document(path), only)


def _retitle(old: str, new: str):
    def edit(root):
        for p in root.iter(f"{W}p"):
            style = p.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val") == "Heading1" and paragraph_text(p) == old:
                ts = list(p.iter(f"{W}t"))
                ts[0].text = new
                for t in ts[1:]:
                    t.text = ""
                return
        raise AssertionError(f"heading {old} not found")
    return edit


def test_own_reports_pass(rendered_reports):
    for (stem, kind), path in rendered_reports.items():
        if kind == "evaluation":
            result = _sec(path)
            assert result.findings == [], (stem, [f.message for f in result.findings])


def test_missing_chapter_is_an_error_naming_it(rendered_reports, tmp_path):
    src = rendered_reports[("audit-shanghai-fine-chemical", "evaluation")]
    broken = edit_docx(src, tmp_path / "missing-s3.docx", _retitle("审核", "生产现场情况"))
    result = _sec(broken)
    (f,) = [f for f in result.findings if f.target_id == "S3"]
    assert f.severity == "error" and f.status == "fail" and f.category == "section"
    assert "缺少「审核」章节（S3）" in f.message and "应位于「第二章 预审核」之后" in f.message
    assert result.verdict == "fail"


def test_other_naming_family_and_traditional_characters_pass(rendered_reports, tmp_path):
    src = rendered_reports[("audit-shanghai-fine-chemical", "evaluation")]
    path = edit_docx(src, tmp_path / "family.docx", lambda root: [
        _retitle("筹划和组织", "審核準備")(root), _retitle("预审核", "预 评 估")(root),
        _retitle("可行性分析", "方案的确定")(root)])
    assert _sec(path).findings == []


def test_out_of_order_chapter_is_an_order_finding(rendered_reports, tmp_path):
    src = rendered_reports[("audit-shanghai-fine-chemical", "evaluation")]
    # swap the titles of chapters 2 and 3: 预审核 now comes after 审核
    path = edit_docx(src, tmp_path / "order.docx", lambda root: [
        _retitle("预审核", "临时")(root), _retitle("审核", "预审核")(root), _retitle("临时", "审核")(root)])
    findings = _sec(path).findings
    assert any(f.category == "order" for f in findings), [f.message for f in findings]


def test_fuzzy_match_is_reported_for_a_human(rendered_reports, tmp_path):
    src = rendered_reports[("audit-shanghai-fine-chemical", "evaluation")]
    # 持续清洁生产 → 持续的清洁生产: no alias, similarity 2×6/13 = 0.923 ≥ 0.85
    path = edit_docx(src, tmp_path / "fuzzy.docx", _retitle("持续清洁生产", "持续的清洁生产"))
    (f,) = _sec(path).findings
    assert f.severity == "info" and "请人工确认" in f.message and f.target_id == "S7"
