"""docgen.check.dates: every date format of real reports, with hand-written expectations."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.check.dates import (
    add_months,
    find_dates,
    find_invalid_dates,
    same_or_before,
    show,
)

D = dt.date


@pytest.mark.parametrize("text, expected", [
    ("2024年6月15日", [(D(2024, 6, 15), (0, 10), "day")]),
    ("2024 年 6 月 15 号", [(D(2024, 6, 15), (0, 15), "day")]),
    ("于2024年6月完成", [(D(2024, 6, 1), (1, 8), "month")]),
    ("二〇二四年六月", [(D(2024, 6, 1), (0, 7), "month")]),
    ("二○二四年六月十五日", [(D(2024, 6, 15), (0, 10), "day")]),           # ○ U+25CB as in typed opinions
    ("二○一一年十二月", [(D(2011, 12, 1), (0, 8), "month")]),               # domain.md §3.3 opinion date
    ("二〇二四年十一月三十日", [(D(2024, 11, 30), (0, 11), "day")]),
    ("二〇二四年二月二十九日", [(D(2024, 2, 29), (0, 11), "day")]),
    ("2024.6.15开始", [(D(2024, 6, 15), (0, 9), "day")]),
    ("自2024-06-15起", [(D(2024, 6, 15), (1, 11), "day")]),
    ("2024/6/15", [(D(2024, 6, 15), (0, 9), "day")]),
    ("２０２４年６月１日", [(D(2024, 6, 1), (0, 9), "day")]),                 # full-width digits, spans kept
    ("2024年5月17日—2026年4月20日", [(D(2024, 5, 17), (0, 10), "day"), (D(2026, 4, 20), (11, 21), "day")]),
])
def test_formats(text, expected):
    assert [(d.date, d.span, d.precision) for d in find_dates(text)] == expected


@pytest.mark.parametrize("text", [
    "GB 18597-2023",            # standard number, not a date
    "UV-5312021—2023年",         # product code glued to a year, and a bare year
    "QJSC-2013-SH-0417",        # certificate number
    "产量2024.6 t",              # a decimal, not a month
    "于2029年前启动第二轮",       # a year alone
    "1.2024.6.15",              # a longer dotted number
    "DB31/199-2018",
])
def test_not_dates(text):
    assert find_dates(text) == []
    assert find_invalid_dates(text) == []


def test_tuple_shape():
    (date, span, precision), = find_dates("2024年6月15日")
    assert (date, span, precision) == (D(2024, 6, 15), (0, 10), "day")


@pytest.mark.parametrize("text, reason", [
    ("2024年2月30日", "2024年2月只有29天"),
    ("2023年2月29日", "2023年2月只有28天"),      # 2023 is not a leap year
    ("2024年4月31日", "2024年4月只有30天"),
    ("2024年13月", "月份「13」不存在"),
    ("2024年6月0日", "日期「0日」不存在"),
    ("二〇二四年二月三十日", "2024年2月只有29天"),
    ("2024.2.30", "2024年2月只有29天"),
])
def test_invalid_dates(text, reason):
    (bad,) = find_invalid_dates(text)
    assert bad.text == text and bad.reason == reason
    assert find_dates(text) == []


def test_dotted_out_of_range_is_not_called_a_date():
    assert find_invalid_dates("2024.15.3") == []


@pytest.mark.parametrize("start, months, expected", [
    (D(2024, 3, 20), 2, D(2024, 5, 20)),
    (D(2024, 3, 31), 2, D(2024, 5, 31)),
    (D(2024, 12, 31), 2, D(2025, 2, 28)),     # clamped to the month's end
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 5, 17), 24, D(2026, 5, 17)),
    (D(2023, 11, 30), 3, D(2024, 2, 29)),     # leap February
])
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_month_precision_comparison_and_display():
    assert same_or_before(D(2024, 5, 17), "day", D(2024, 5, 1), "month")      # same month
    assert not same_or_before(D(2024, 5, 17), "day", D(2024, 4, 1), "month")
    assert not same_or_before(D(2024, 5, 17), "day", D(2024, 5, 16), "day")
    assert show(D(2025, 2, 1), "month") == "2025年2月" and show(D(2025, 2, 28)) == "2025年2月28日"
