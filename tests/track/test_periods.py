"""Civil-Code periods (民法典 第二百零一至二百零三条) against the State Council's holiday notices.

Every expected date is worked out by hand from the calendar and the notices in
docgen/data/holidays (国办发明电〔2023〕7号, 〔2024〕12号, 〔2025〕7号), never taken from the code."""

from __future__ import annotations

from datetime import date as D

import pytest

from docgen.track.holidays import HolidayCalendar, UncoveredYear, default_calendar
from docgen.track.periods import add_months, fixed_due, period_due, quarter_bounds, quarter_of, roll_forward
from docgen.track.rules import load_rule_set
from docgen.track.status import annual_due, quarterly_due

SH = load_rule_set("shanghai")


@pytest.mark.parametrize("start, months, nominal, due", [
    # month end: 31 January + 1 month has no 31 February → the month's last day (art. 202)
    (D(2025, 1, 31), 1, D(2025, 2, 28), D(2025, 2, 28)),      # Friday, a working day
    (D(2024, 1, 31), 1, D(2024, 2, 29), D(2024, 2, 29)),      # leap year: Thursday 29 February
    (D(2023, 1, 31), 1, D(2023, 2, 28), D(2023, 2, 28)),      # 2023 is not a leap year (chinesecalendar only)
    # 2026-02-28 is a Saturday but a 调休 working day (春节: 2月14日、2月28日上班) → no shift
    (D(2026, 1, 31), 1, D(2026, 2, 28), D(2026, 2, 28)),
    # leap day + 1 year → 28 February of the next year
    (D(2024, 2, 29), 12, D(2025, 2, 28), D(2025, 2, 28)),
    (D(2023, 2, 28), 12, D(2024, 2, 28), D(2024, 2, 28)),
    # national holidays: 春节 2026 runs 2月15日至23日; 国庆 2026 10月1日至7日; 2025 10月1日至8日
    (D(2026, 1, 17), 1, D(2026, 2, 17), D(2026, 2, 24)),
    (D(2025, 10, 1), 12, D(2026, 10, 1), D(2026, 10, 8)),
    (D(2026, 9, 2), 1, D(2026, 10, 2), D(2026, 10, 8)),
    (D(2024, 9, 1), 1, D(2024, 10, 1), D(2024, 10, 8)),       # 2024 国庆 10月1日至7日
    (D(2025, 9, 1), 1, D(2025, 10, 1), D(2025, 10, 9)),       # 2025 国庆中秋 10月1日至8日
    # 劳动节 2024 (5月1日至5日) — the start-deadline case of tests/check
    (D(2024, 3, 1), 2, D(2024, 5, 1), D(2024, 5, 6)),
    # an ordinary weekend: 2026-05-17 is a Sunday
    (D(2024, 5, 17), 24, D(2026, 5, 17), D(2026, 5, 18)),
    # a 调休 Sunday worked: 2026-10-10 (Sat) and 2025-09-28 (Sun) are working days
    (D(2026, 9, 10), 1, D(2026, 10, 10), D(2026, 10, 10)),
    (D(2025, 8, 28), 1, D(2025, 9, 28), D(2025, 9, 28)),
    # an ordinary working day
    (D(2024, 3, 20), 2, D(2024, 5, 20), D(2024, 5, 20)),
])
def test_period_due(start, months, nominal, due):
    d = period_due(start, months=months)
    assert (d.nominal, d.date, d.provisional) == (nominal, due, False)
    assert d.shifted is (nominal != due)


def test_shift_is_explained_with_the_holiday_name():
    d = period_due(D(2026, 1, 17), months=1)
    assert d.skipped[0] == "2026年2月17日（春节）" and len(d.skipped) == 7          # 17日至23日
    assert d.explain() == "期满日 2026年2月17日（春节）为休息日，顺延至 2026年2月24日（民法典第二百零三条）"


def test_no_roll_keeps_the_nominal_day():
    d = period_due(D(2026, 1, 17), months=1, roll=False)
    assert d.date == d.nominal == D(2026, 2, 17)


def test_add_months_across_years():
    assert add_months(D(2024, 12, 31), 2) == D(2025, 2, 28)
    assert add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert add_months(D(2024, 5, 17), 0) == D(2024, 5, 17)


def test_uncovered_year_is_said_plainly_and_computed_provisionally():
    # 2027: no arrangement published when this was written; 2027-01-31 is a Sunday → Monday 1 February,
    # weekends only, flagged provisional
    d = period_due(D(2026, 12, 31), months=1)
    assert (d.nominal, d.date, d.provisional) == (D(2027, 1, 31), D(2027, 2, 1), True)
    assert d.notes[0].startswith("2027 年的法定节假日安排尚未收录")
    assert "暂定" in d.explain() and "仅周六、周日" in d.explain()
    # a weekday in 2027 is still provisional: a holiday might yet fall on it
    d = period_due(D(2026, 12, 15), months=1)
    assert (d.date, d.provisional) == (D(2027, 1, 15), True)


def test_uncovered_year_raises_a_plain_error_from_the_calendar():
    with pytest.raises(UncoveredYear) as exc:
        default_calendar().is_workday(D(2027, 3, 1))
    assert exc.value.year == 2027 and "2027 年的法定节假日安排尚未收录" in str(exc.value)


def test_project_tables_alone_give_the_same_shifts():
    cal = HolidayCalendar(use_package=False)     # 2024–2026 from docgen/data/holidays only
    assert roll_forward(D(2026, 2, 17), cal).date == D(2026, 2, 24)
    assert roll_forward(D(2026, 2, 28), cal).date == D(2026, 2, 28)
    assert roll_forward(D(2026, 10, 10), cal).date == D(2026, 10, 10)
    assert roll_forward(D(2026, 10, 2), cal).skipped[0] == "2026年10月2日（国庆节）"
    d = roll_forward(D(2023, 10, 2), cal)         # 2023 is not in the project's tables
    assert d.provisional and d.date == D(2023, 10, 2)


@pytest.mark.parametrize("year, quarter, due, provisional", [
    (2025, 4, D(2026, 1, 12), False),   # 2026-01-10 is a Saturday (not a 调休 day) → Monday the 12th
    (2026, 3, D(2026, 10, 10), False),  # 2026-10-10 is a Saturday but a 调休 working day: stays
    (2026, 2, D(2026, 7, 10), False),   # a Friday
    (2024, 4, D(2025, 1, 10), False),   # a Friday
    (2025, 3, D(2025, 10, 10), False),  # a Friday (the holiday ended on the 8th; the 11th is 调休)
    (2026, 4, D(2027, 1, 11), True),    # 2027-01-10 is a Sunday; 2027 not covered → provisional
])
def test_quarterly_return_due_before_the_10th_of_the_next_quarter(year, quarter, due, provisional):
    d = quarterly_due(SH, year, quarter).due
    assert (d.date, d.provisional) == (due, provisional)


@pytest.mark.parametrize("year, due", [
    (2023, D(2024, 2, 29)),   # leap year: the end of February is the 29th (Thursday)
    (2024, D(2025, 2, 28)),   # Friday
    (2025, D(2026, 2, 28)),   # Saturday, 调休 working day
])
def test_annual_summary_by_the_end_of_february(year, due):
    assert annual_due(SH, year).due.date == due


@pytest.mark.parametrize("day, quarter", [(D(2026, 3, 31), (2026, 1)), (D(2026, 4, 1), (2026, 2)),
                                          (D(2026, 12, 31), (2026, 4)), (D(2027, 1, 1), (2027, 1))])
def test_quarter_boundaries(day, quarter):
    assert quarter_of(day) == quarter
    first, last = quarter_bounds(*quarter)
    assert first <= day <= last


def test_quarter_bounds():
    assert quarter_bounds(2024, 1) == (D(2024, 1, 1), D(2024, 3, 31))
    assert quarter_bounds(2024, 2) == (D(2024, 4, 1), D(2024, 6, 30))
    assert quarter_bounds(2024, 4) == (D(2024, 10, 1), D(2024, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds(2024, 5)


def test_fixed_due_rolls_and_can_be_turned_off():
    assert fixed_due(D(2026, 1, 10)).date == D(2026, 1, 12)
    assert fixed_due(D(2026, 1, 10), roll=False).date == D(2026, 1, 10)
