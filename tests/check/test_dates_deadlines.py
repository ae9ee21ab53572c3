"""Shanghai deadlines DL-001…DL-003 (seed 003 三/四/五): from the report's own statements, or from
the audit data when the report is silent; expected deadlines computed by hand in calendar months,
then moved past statutory rest days (民法典 第二百零三条) by the State Council's holiday notices."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.load import load_audit
from tests.check.conftest import ROOT
from tests.check.data.fieldkit import check_pack, edit, set_cell, set_paragraph

FC = "audit-shanghai-fine-chemical"
PP = "audit-packaging-printing"
EP = "audit-electroplating"
LISTED = "被列入2024年3月20日公布的强制性清洁生产审核企业名单"
EVAL_CODES = ("DL-001", "DL-002")


def _audit(stem: str):
    return load_audit(ROOT / "samples" / f"{stem}.yaml").audit


def _with_timeline(audit, **dates):
    timeline = audit.audit.timeline.model_copy(update=dates)
    return audit.model_copy(update={"audit": audit.audit.model_copy(update={"timeline": timeline})})


def test_own_reports_pass(rendered_reports):
    for (stem, kind), path in rendered_reports.items():
        if kind == "evaluation":
            result = check_pack(path, "shanghai-evaluation", *EVAL_CODES)
        else:
            result = check_pack(path, "shanghai-acceptance", "DL-003")
        assert result.findings == [], (stem, kind, [f.message for f in result.findings])


def test_start_deadline_boundary(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "evaluation")]
    # list 2024-03-17 → start deadline 2024-05-17, the stated start: on time (the day counts)
    on_time = edit(src, tmp_path / "boundary.docx", set_paragraph(LISTED, LISTED.replace("3月20日", "3月17日"), contains=True))
    assert check_pack(on_time, "shanghai-evaluation", "DL-001").findings == []
    # list 2024-03-16 → deadline 2024-05-16: the start 2024-05-17 is one day late
    late = edit(src, tmp_path / "late.docx", set_paragraph(LISTED, LISTED.replace("3月20日", "3月16日"), contains=True))
    (f,) = check_pack(late, "shanghai-evaluation", "DL-001").findings
    assert f.message == "审核启动（2024年5月17日）超过名单公布（2024年3月16日）后 2 个月的期限（2024年5月16日）"
    assert (f.rule, f.category, f.severity) == ("DL-001", "deadline", "warning")
    assert "按自然月计算" in f.evidence and "《上海市强制性清洁生产审核管理工作指引》三" in f.evidence


def test_evaluation_deadline_with_month_end_clamping(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "evaluation")]
    # list 2024-02-29 → +12 months = 2025-02-28 (no 29 Feb 2025); the work plan's "…并申请评估"
    # row says 2025-03-03 → late; the start 2024-05-17 is also past 2024-04-29
    path = edit(src, tmp_path / "leap.docx", set_paragraph(LISTED, LISTED.replace("3月20日", "2月29日"), contains=True))
    findings = check_pack(path, "shanghai-evaluation", *EVAL_CODES).findings
    assert [f.message for f in findings] == [
        "审核启动（2024年5月17日）超过名单公布（2024年2月29日）后 2 个月的期限（2024年4月29日）",
        "评估申请（2025年3月3日）超过名单公布（2024年2月29日）后 12 个月的期限（2025年2月28日）",
    ]
    assert "审核工作计划表" in findings[1].evidence


def test_evaluation_deadline_from_the_report_date_as_lower_bound(rendered_reports, tmp_path):
    # the electroplating report names no application date; list 2024-02-26 → deadline 2025-02-26.
    # A 封二 date of 2025-03-01 proves the application (which follows the report) late.
    src = rendered_reports[(EP, "evaluation")]
    assert check_pack(src, "shanghai-evaluation", "DL-002").findings == []
    path = edit(src, tmp_path / "ep.docx", set_cell("日期", 1, "2025年3月1日", expect="2025年1月20日"))
    (f,) = check_pack(path, "shanghai-evaluation", "DL-002").findings
    assert f.message == ("报告日期（2025年3月1日）已晚于名单公布（2024年2月26日）后 12 个月的期限（2025年2月26日），"
                         "评估申请必然逾期")


def test_deadline_from_audit_data_when_the_report_is_silent(rendered_reports):
    src = rendered_reports[(PP, "evaluation")]          # a report that does not state a list date
    audit = _audit(PP)
    assert audit.audit.timeline.list_published is None
    assert check_pack(src, "shanghai-evaluation", *EVAL_CODES, audit=audit).findings == []
    listed = _with_timeline(audit, list_published=dt.date(2024, 3, 1))
    # with a list date the audit is a mandatory one (强审 deadlines bind listed enterprises only)
    listed.audit.type, listed.audit.mandatory_reasons = "强制性", ["双有"]
    start, evaluation = check_pack(src, "shanghai-evaluation", *EVAL_CODES, audit=listed).findings
    # start 2024-06-05 (stated in the report) vs 2024-03-01 + 2 months = 2024-05-01, 劳动节 (5月1日至
    # 5日放假, 国办发明电〔2023〕7号) → the period ends on Monday 2024-05-06
    assert start.message == "审核启动（2024年6月5日）超过名单公布（2024年3月1日）后 2 个月的期限（2024年5月6日）"
    assert "2024年5月1日（劳动节）为休息日，顺延至 2024年5月6日" in start.evidence
    assert "名单公布（审核数据）— 审核数据 audit.timeline.list_published" in start.evidence
    assert "审核启动（文中）" in start.evidence
    # the report states no application date; 2024-03-01 + 12 months = 2025-03-01, a Saturday →
    # Monday 2025-03-03; the data's evaluation_applied 2025-03-28 is later
    assert evaluation.message == "评估申请（2025年3月28日）超过名单公布（2024年3月1日）后 12 个月的期限（2025年3月3日）"


def test_acceptance_deadline_in_the_report(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "acceptance")]
    # start 2024-05-17 → 2026-05-17, a Sunday → Monday 2026-05-18 (民法典 第二百零三条): an
    # application on the 18th is still in time, one on the 19th proves the acceptance late
    on_time = edit(src, tmp_path / "acc18.docx", set_cell("验收申请时间", 1, "2026年5月18日", expect="2026年4月20日"))
    assert check_pack(on_time, "shanghai-acceptance", "DL-003").findings == []
    path = edit(src, tmp_path / "acc.docx", set_cell("验收申请时间", 1, "2026年5月19日", expect="2026年4月20日"))
    (f,) = check_pack(path, "shanghai-acceptance", "DL-003").findings
    assert f.message == ("验收申请（2026年5月19日）已晚于审核启动（2024年5月17日）后 24 个月的期限（2026年5月18日），"
                         "现场验收必然逾期")
    assert (f.location.row, f.location.col) == (20, 1)


def test_acceptance_deadline_from_the_sample_data(rendered_reports):
    # the packaging-printing sample: started 2024-06-05, on-site acceptance 2026-06-16, i.e. 11
    # days past 2026-06-05. It is a 自愿性 audit: the 强审 deadline does not bind it (when:
    # mandatory_audit) — the same dates in a mandatory audit miss the 指引's "原则上 2 年内".
    src = rendered_reports[(PP, "acceptance")]
    assert check_pack(src, "shanghai-acceptance", "DL-003").findings == []
    assert check_pack(src, "shanghai-acceptance", "DL-003", audit=_audit(PP)).findings == []
    mandatory = _audit(PP).model_copy(deep=True)
    mandatory.audit.type = "强制性"
    mandatory.audit.mandatory_reasons = ["双有"]
    (f,) = check_pack(src, "shanghai-acceptance", "DL-003", audit=mandatory).findings
    assert f.message == "现场验收（2026年6月16日）超过审核启动（2024年6月5日）后 24 个月的期限（2026年6月5日）"


@pytest.mark.parametrize("months, late", [(24, False), (22, True)])
def test_deadline_months_are_a_param(rendered_reports, months, late):
    import dataclasses

    from docgen.check.engine import check_document
    from docgen.check.profile import load_profile
    from docgen.read import read_document

    prof = load_profile("shanghai-acceptance")
    rule = prof.rule("DL-003")
    rule = dataclasses.replace(rule, params={**rule.params, "months": months})
    only = dataclasses.replace(prof, rules=(rule,))
    # fine chemical: start 2024-05-17, 验收申请 2026-04-20; +22 months = 2026-03-17 → late
    result = check_document(read_document(rendered_reports[(FC, "acceptance")]), only)
    assert bool(result.findings) is late
