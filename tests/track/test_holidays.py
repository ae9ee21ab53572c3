"""The versioned holiday tables agree with chinesecalendar day by day for the years both cover,
and each names the notice it was transcribed from."""

from __future__ import annotations

import datetime as dt
import re

import chinese_calendar
import pytest

from docgen.track.holidays import (HolidayCalendar, TableError, load_tables, package_covers, package_years,
                                   _parse_table)

TABLES = load_tables()


def test_tables_name_their_notice():
    assert set(TABLES) >= {2024, 2025, 2026}
    expected = {2024: "国办发明电〔2023〕7号", 2025: "国办发明电〔2024〕12号", 2026: "国办发明电〔2025〕7号"}
    for year, source in expected.items():
        assert TABLES[year].source == source
        assert TABLES[year].title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    for table in TABLES.values():
        assert re.fullmatch(r"国办发明电〔\d{4}〕\d+号", table.source)


@pytest.mark.parametrize("year", sorted(TABLES))
def test_table_agrees_with_chinesecalendar(year):
    if not package_covers(year):
        pytest.skip(f"chinesecalendar does not cover {year}: the table is the only source")  # a newer table
    own = HolidayCalendar(TABLES, use_package=False)
    day, disagree = dt.date(year, 1, 1), []
    while day.year == year:
        if own.is_workday(day) != chinese_calendar.is_workday(day):
            disagree.append(day)
        day += dt.timedelta(days=1)
    assert disagree == []


def test_known_days():
    own = HolidayCalendar(TABLES, use_package=False)
    pkg = HolidayCalendar()
    for cal in (own, pkg):
        assert cal.is_workday(dt.date(2026, 2, 28))          # Saturday, 调休上班
        assert cal.is_workday(dt.date(2026, 10, 10))         # Saturday, 调休上班
        assert not cal.is_workday(dt.date(2026, 2, 17))      # Tuesday, 春节
        assert not cal.is_workday(dt.date(2026, 1, 10))      # an ordinary Saturday
        assert cal.rest_reason(dt.date(2026, 2, 17)) == "春节"
        assert cal.rest_reason(dt.date(2026, 1, 10)) == "星期六"
        assert cal.rest_reason(dt.date(2026, 1, 12)) == ""


def test_package_coverage_is_detected_not_assumed():
    lo, hi = package_years()
    assert lo <= 2024 and hi >= 2026
    assert package_covers(hi) and not package_covers(hi + 1)
    cal = HolidayCalendar()
    assert cal.source(2026).startswith("chinesecalendar")
    assert cal.source(hi + 1) is None or (hi + 1) in TABLES


def test_table_source_used_when_the_package_is_off():
    cal = HolidayCalendar(TABLES, use_package=False)
    assert cal.source(2026) == "国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）"
    assert cal.source(2023) is None
    assert "2023 年的法定节假日安排尚未收录" in cal.uncovered_message(2023)


def test_malformed_table_is_reported_with_its_file():
    with pytest.raises(TableError, match="bad.yaml"):
        _parse_table("year: 2030\nsource: x\nholidays:\n  - {name: 春节, from: 2030-02-10, to: 2030-02-01}\n", "bad.yaml")
    with pytest.raises(TableError, match="bad.yaml"):
        _parse_table("year: 2030\n", "bad.yaml")
