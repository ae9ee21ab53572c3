"""DAT-001 impossible dates, DAT-002 report date vs audit start and check date, DAT-003 stage
order in the work plan (T-2) — on the engine's own reports and on edited copies."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.check.data.fieldkit import check, edit, set_cell, set_paragraph

FC = "audit-shanghai-fine-chemical"
START_SENTENCE = "企业委托上海绿钧环境技术咨询有限公司协助开展审核，于2024年5月17日正式启动本轮（第1轮）清洁生产审核。"


@pytest.fixture
def fc_eval(rendered_reports):
    return rendered_reports[(FC, "evaluation")]


def test_own_reports_pass(rendered_reports):
    for (stem, kind), path in rendered_reports.items():
        result = check(path, "DAT-001", "DAT-002", "DAT-003")
        assert result.findings == [], (stem, kind, [f.message for f in result.findings])


# --- DAT-001 ---------------------------------------------------------------------------------------

def test_impossible_date_in_a_paragraph_and_a_cell(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "bad.docx",
                set_paragraph("于2024年5月17日正式启动", "于2024年2月30日正式启动", contains=True),
                set_cell("2.预审核", 2, "2023年2月29日", expect="2024年8月20日"))
    findings = check(path, "DAT-001").findings
    assert [f.message.split("的日期")[1] for f in findings] == [
        "「2024年2月30日」不存在（2024年2月只有29天）", "「2023年2月29日」不存在（2023年2月只有28天）"]
    para, cell = findings
    assert (para.severity, para.category) == ("warning", "date") and para.location.table is None
    assert (cell.location.row, cell.location.col) == (2, 2)


def test_chinese_numeral_impossible_date(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "cn.docx", set_paragraph("2025年2月", "二〇二五年二月三十日"))
    (f,) = check(path, "DAT-001").findings
    assert "「二〇二五年二月三十日」不存在（2025年2月只有28天）" in f.message


# --- DAT-002 ---------------------------------------------------------------------------------------

def test_report_date_before_start(fc_eval, tmp_path):
    # 封二 date moved to 2024-04-30: before the start 2024-05-17 stated in the text
    path = edit(fc_eval, tmp_path / "early.docx", set_cell("日期", 1, "2024年4月30日", expect="2025年2月28日"))
    (f,) = check(path, "DAT-002").findings
    assert f.message == "报告日期（2024年4月30日）早于审核启动日期（2024年5月17日）"
    assert (f.severity, f.category, f.target_id) == ("error", "date", "F-date")
    assert "正式启动本轮" in f.evidence and (f.location.row, f.location.col) == (7, 1)


def test_cover_month_compared_at_month_precision(fc_eval, tmp_path):
    same_month = edit(fc_eval, tmp_path / "may.docx", set_paragraph("2025年2月", "2024年5月"),
                      set_cell("日期", 1, "2024年5月31日", expect="2025年2月28日"))
    assert check(same_month, "DAT-002").findings == []          # May 2024 is not before 17 May 2024
    april = edit(fc_eval, tmp_path / "april.docx", set_paragraph("2025年2月", "二〇二四年四月"),
                 set_cell("日期", 1, "2024年5月31日", expect="2025年2月28日"))
    (f,) = check(april, "DAT-002").findings
    assert f.message == "报告日期（2024年4月）早于审核启动日期（2024年5月17日）" and f.location.page == 1


def test_start_date_from_another_sentence_form(fc_eval, tmp_path):
    # only "本轮审核自…开始" remains as a statement of the start
    path = edit(fc_eval, tmp_path / "start.docx",
                set_paragraph(START_SENTENCE, "企业委托上海绿钧环境技术咨询有限公司协助开展审核。"),
                set_paragraph("在2024年5月17日审核启动会上", "在审核启动会上", contains=True),
                set_paragraph("本轮审核自2024年5月17日开始", "本轮审核自2025年3月1日开始", contains=True))
    # both report dates (cover 2025年2月, 封二 2025年2月28日) are before the start
    assert [f.message for f in check(path, "DAT-002").findings] == [
        "报告日期（2025年2月）早于审核启动日期（2025年3月1日）", "报告日期（2025年2月28日）早于审核启动日期（2025年3月1日）"]


def test_report_date_in_the_future(fc_eval):
    # the check date fixed at 2025-02-15: the cover's "2025年2月" is fine, the 封二's 2025-02-28 is not
    (f,) = check(fc_eval, "DAT-002", check_date=dt.date(2025, 2, 15)).findings
    assert f.message == "报告日期（2025年2月28日）晚于检查当日（2025年2月15日），为将来日期"
    assert check(fc_eval, "DAT-002", check_date=dt.date(2025, 2, 28)).findings == []


def test_no_report_date_is_not_evaluable(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "nodate.docx", set_paragraph("2025年2月", ""), set_cell("日期", 1, "", expect="2025年2月28日"))
    (f,) = check(path, "DAT-002").findings
    assert f.status == "not_evaluable" and "未找到报告日期" in f.message


# --- DAT-003 ---------------------------------------------------------------------------------------

def test_work_plan_stage_out_of_order(fc_eval, tmp_path):
    # 3.审核 completes 2024-07-31, before 2.预审核 (2024-08-20)
    path = edit(fc_eval, tmp_path / "order.docx", set_cell("3.审核", 2, "2024年7月31日", expect="2024年10月31日"))
    (f,) = check(path, "DAT-003").findings
    assert f.message == ("「表1-2 审核工作计划表」中「审核」（S3）的完成时间 2024年7月31日 早于前一阶段"
                         "「预审核」（S2）的完成时间 2024年8月20日")
    assert (f.severity, f.category, f.target_id, f.location.row, f.location.col) == ("warning", "date", "T-2", 3, 2)


def test_work_plan_chinese_month_date(fc_eval, tmp_path):
    ok = edit(fc_eval, tmp_path / "cn-ok.docx", set_cell("3.审核", 2, "二〇二四年十月", expect="2024年10月31日"))
    assert check(ok, "DAT-003").findings == []
    bad = edit(fc_eval, tmp_path / "cn-bad.docx", set_cell("3.审核", 2, "二〇二四年八月", expect="2024年10月31日"))
    # August 2024 (month precision) is not before 20 August 2024 — compared by month it is the same
    assert check(bad, "DAT-003").findings == []
    worse = edit(fc_eval, tmp_path / "cn-worse.docx", set_cell("3.审核", 2, "二〇二四年七月", expect="2024年10月31日"))
    (f,) = check(worse, "DAT-003").findings
    assert "完成时间 2024年7月 早于前一阶段「预审核」（S2）的完成时间 2024年8月20日" in f.message


def test_stage_with_two_rows_uses_its_latest_date(fc_eval, tmp_path):
    # 6.方案实施 has two rows (2025-03-03 and 2026-03-31); 7 completes 2026-04-20. Moving 7 to
    # 2025-12-31 puts it after the first S6 row but before the second: out of order.
    path = edit(fc_eval, tmp_path / "s7.docx", set_cell("7.持续清洁生产", 2, "2025年12月31日", expect="2026年4月20日"))
    (f,) = check(path, "DAT-003").findings
    assert "「持续清洁生产」（S7）的完成时间 2025年12月31日" in f.message and "2026年3月31日" in f.message
